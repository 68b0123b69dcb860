import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { DRIVERS, TEST_AUDIT_ENV, testServer, type Driver, type TestServer } from '../../../test/harness.ts';
import { createDatabaseOn } from '../../../test/pg-cluster.ts';
import { migrate, openDatabase, type Database } from '../db/index.ts';
import { createAuditWriter, SYSTEM_ACTOR, type AuditEntry } from './audit.ts';
import { canonicalJson, chainHash, digest, GENESIS, type ChainAlgorithm } from './hash.ts';
import { loadAuditKeys } from './keys.ts';
import { checkpointDir } from './setup.ts';
import { verifyAuditChain } from './verify.ts';

// Each test here writes and re-reads a whole chain or demo year: on a loaded 2-core machine that passes a minute.
// The timeout guards against a hang; it measures nothing.
vi.setConfig({ testTimeout: 180_000 });

/*
 * What someone who can write to the database behind the application does to the audit log — delete the newest
 * records, edit one and re-chain the rest with the project's own hash code — and what the writer and
 * `audit:verify` make of it. Each test tampers with a fresh copy of the demo county.
 */

let open: TestServer[] = [];
afterEach(async () => {
  for (const s of open) await s.close();
  open = [];
});
const fresh = async (driver: Driver) => {
  const s = await testServer(driver);
  open.push(s);
  return s;
};

/** As the owner, with the append-only triggers off (what a superuser can do). */
async function behindTheBack(s: TestServer, work: (q: Database['query']) => Promise<unknown>) {
  await s.owner.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
  await s.owner.query('ALTER TABLE audit_head DISABLE TRIGGER USER');
  try {
    await work((text, params) => s.owner.query(text, params));
  } finally {
    await s.owner.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
    await s.owner.query('ALTER TABLE audit_head ENABLE TRIGGER USER');
  }
}

const tail = async (s: TestServer) => {
  const [r] = await s.database.query<{ seq: string; hash: string }>(
    'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
  );
  return { seq: Number(r!.seq), hash: r!.hash };
};

const entry = (n: number): AuditEntry => ({
  action: 'test.append',
  entityType: 'test',
  entityId: `t-${n}`,
  after: { n },
});

interface Row {
  seq: string;
  at: string;
  actor_id: string | null;
  actor_role: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  before_digest: string | null;
  after_digest: string | null;
  client_ip: string | null;
  request_id: string | null;
  algorithm: ChainAlgorithm;
  key_id: string | null;
  hash: string;
}

/**
 * Edit record `from`'s after and re-chain every record from it to the end with hash.ts, as an attacker with the
 * source code but without the audit key would: `plain` re-hashes with the unkeyed algorithm, `guessed` with HMAC
 * under a key of their own (keeping the record's key id). The head row is moved to the new last hash too.
 */
async function rechain(s: TestServer, from: number, how: 'plain' | 'guessed') {
  const rows = await s.owner.query<Row>(
    `SELECT seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, actor_id, actor_role, action,
            entity_type, entity_id, before, after, before_digest, after_digest, client_ip, request_id, algorithm,
            key_id, hash
       FROM audit_log WHERE seq >= $1 ORDER BY seq`,
    [from - 1],
  );
  const guessedKey = randomBytes(32);
  let prev = rows[0]!.hash;
  await behindTheBack(s, async (q) => {
    for (const r of rows.slice(1)) {
      const after = Number(r.seq) === from ? { ...(r.after as object), forged: true } : r.after;
      const afterDigest = after === null ? null : digest('sha256', canonicalJson(after));
      const algorithm: ChainAlgorithm = how === 'plain' ? 'sha256' : 'hmac-sha256';
      const at = how === 'plain' ? `${r.at.slice(0, -4)}Z` : r.at;
      const fields = {
        seq: Number(r.seq),
        at,
        actorId: r.actor_id,
        actorRole: r.actor_role,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        beforeDigest: r.before_digest,
        afterDigest,
        clientIp: r.client_ip,
        requestId: r.request_id,
        algorithm,
        keyId: how === 'plain' ? null : r.key_id,
      };
      const hash = chainHash(prev, fields, how === 'plain' ? undefined : guessedKey);
      await q(
        `UPDATE audit_log SET after = $1::jsonb, after_digest = $2, algorithm = $3, key_id = $4, prev_hash = $5,
                hash = $6 WHERE seq = $7`,
        [after === null ? null : JSON.stringify(after), afterDigest, algorithm, fields.keyId, prev, hash, r.seq],
      );
      prev = hash;
    }
    await q('UPDATE audit_head SET hash = $1', [prev]);
  });
}

describe.each(DRIVERS)('tampering with the audit log on %s', (driver) => {
  it('reports truncation: fewer records than a signed checkpoint, even with the head row wound back', async () => {
    const s = await fresh(driver);
    await s.login('admin');
    const cp = await s.audit.checkpoints.checkpoint();
    expect(cp.written).toBeTruthy();
    const n = cp.written!.records;
    expect((await s.verifyAudit()).ok).toBe(true);
    // Delete the newest three records and wind the head row back to what is left.
    await behindTheBack(s, async (q) => {
      await q('DELETE FROM audit_log WHERE seq > $1', [n - 3]);
      await q('UPDATE audit_head SET seq = $1, hash = (SELECT hash FROM audit_log WHERE seq = $1)', [n - 3]);
    });
    const report = await s.verifyAudit();
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'truncated', from: n - 2, to: n })]);
    expect(report.findings[0]!.line).toMatch(/^TRUNCATED .*checkpoint.*recorded .* records, the log ends at record/);
  });

  it('reports truncation from the head row when no checkpoint covers the deleted records', async () => {
    const s = await fresh(driver);
    await s.login('admin');
    const { seq } = await tail(s);
    await behindTheBack(s, (q) => q('DELETE FROM audit_log WHERE seq > $1', [seq - 2]));
    const report = await s.verifyAudit();
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'truncated', from: seq - 1, to: seq })]);
  });

  it('reports a record re-chained with the project hash code, plain or under a guessed key', async () => {
    for (const how of ['plain', 'guessed'] as const) {
      const s = await fresh(driver);
      await s.login('admin');
      await s.login('officer');
      const cp = await s.audit.checkpoints.checkpoint();
      const { seq } = await tail(s);
      await rechain(s, seq - 5, how);
      const report = await s.verifyAudit();
      expect(report.ok).toBe(false);
      const kinds = report.findings.map((f) => f.kind);
      // Every re-hashed record fails the key in one line; the checkpoint sees another hash at its record.
      expect(kinds).toEqual([how === 'plain' ? 'downgraded' : 'rechained', 'rewritten']);
      expect(report.findings[0]).toMatchObject({ from: seq - 5, to: seq });
      expect(report.findings[0]!.line).toMatch(/^RE-CHAINED/);
      expect(report.findings[1]).toMatchObject({ from: cp.written!.records });
      expect(report.findings[1]!.line).toMatch(/^REWRITTEN/);
    }
  });

  it('never numbers a record over deleted ones: the writer continues after the gap and records it', async () => {
    const s = await fresh(driver);
    const remembered = createAuditWriter({ hash: 'sha256', keys: s.audit.keys });
    const db = s.database.db;
    await db.transaction((tx) => remembered.append(tx, SYSTEM_ACTOR, [entry(1), entry(2), entry(3)], new Date()));
    const before = await tail(s);
    await behindTheBack(s, (q) => q('DELETE FROM audit_log WHERE seq > $1', [before.seq - 3]));
    // A writer that remembers the head, and one that does not (a restarted process).
    await db.transaction((tx) => remembered.append(tx, SYSTEM_ACTOR, entry(4), new Date()));
    const restarted = createAuditWriter({ hash: 'sha256', keys: s.audit.keys });
    await db.transaction((tx) => restarted.append(tx, SYSTEM_ACTOR, entry(5), new Date()));
    const rows = await s.database.query<{ seq: string; action: string; entity_id: string }>(
      'SELECT seq, action, entity_id FROM audit_log WHERE seq > $1 ORDER BY seq',
      [before.seq - 3],
    );
    expect(rows.map((r) => [Number(r.seq), r.entity_id])).toEqual([
      [before.seq + 1, 't-4'],
      [before.seq + 2, 't-5'],
    ]);
    const report = await s.verifyAudit();
    expect(report.findings).toEqual([
      expect.objectContaining({ kind: 'missing', from: before.seq - 2, to: before.seq }),
    ]);
    expect(report.findings[0]!.line).toMatch(/^MISSING/);
  });

  it('with the head row wound back too, continues after the newest checkpoint and records the gap', async () => {
    const s = await fresh(driver);
    await s.login('admin');
    const cp = (await s.audit.checkpoints.checkpoint()).written!;
    await behindTheBack(s, async (q) => {
      await q('DELETE FROM audit_log WHERE seq > $1', [cp.records - 2]);
      await q('UPDATE audit_head SET seq = $1, hash = (SELECT hash FROM audit_log WHERE seq = $1)', [cp.records - 2]);
    });
    // The server's own writer (its remembered head is stale now) and a restarted process's.
    await s.login('officer');
    const gap = await s.database.query<{ seq: string; action: string; entity_id: string }>(
      `SELECT seq, action, entity_id FROM audit_log WHERE seq > $1 ORDER BY seq`,
      [cp.records - 2],
    );
    expect(gap.map((r) => [Number(r.seq), r.action])).toEqual([
      [cp.records + 1, 'audit.gap'],
      [cp.records + 2, 'auth.login'],
    ]);
    expect(gap[0]!.entity_id).toBe(`${cp.records - 1}-${cp.records}`);
    const report = await s.verifyAudit();
    expect(report.findings.map((f) => [f.kind, f.from, f.to])).toEqual([['missing', cp.records - 1, cp.records]]);
  });

  it('reports a checkpoint whose content was changed (forged) and one signed by an unknown key', async () => {
    const s = await fresh(driver);
    await s.login('admin');
    await s.audit.checkpoints.checkpoint();
    const dir = checkpointDir(s.deps.config);
    const [name] = readdirSync(dir).filter((f) => f.endsWith('.json'));
    const file = join(dir, name!);
    const cp = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...cp, records: cp.records - 1 }));
    writeFileSync(join(dir, 'audit-checkpoint-000000000001-x-other.json'), JSON.stringify({ ...cp, signer: 'f00d' }));
    const kinds = (await s.verifyAudit()).findings.map((f) => f.kind).sort();
    expect(kinds).toEqual(['checkpoint_forged', 'checkpoint_untrusted']);
  });

  it('refuses to sign a checkpoint over a log that no longer agrees with the last one', async () => {
    const s = await fresh(driver);
    await s.login('admin');
    const cp = (await s.audit.checkpoints.checkpoint()).written!;
    await behindTheBack(s, (q) => q('DELETE FROM audit_log WHERE seq > $1', [cp.records - 1]));
    const out = await s.audit.checkpoints.checkpoint();
    expect(out).toMatchObject({ written: null, reason: 'inconsistent' });
  });
});

describe.each(DRIVERS)('records from before the chain was keyed, on %s', (driver) => {
  it('still verify, and a keyed writer continues the chain after them', async () => {
    const database =
      driver === 'pglite'
        ? await openDatabase({ dataDir: 'memory://' })
        : await openDatabase({
            url: await createDatabaseOn(inject('pgServerUrl'), `t_${randomBytes(6).toString('hex')}`),
            poolSize: 2,
          });
    try {
      await migrate(database);
      const keys = loadAuditKeys({ DATA_DIR: '/nonexistent', ...TEST_AUDIT_ENV }, { create: false });
      // Three records as the unkeyed writer of old wrote them: plain SHA-256, the time in milliseconds.
      let prev = GENESIS;
      for (let seq = 1; seq <= 3; seq++) {
        const after = { n: seq };
        const fields = {
          seq,
          at: '2026-11-22T02:00:00.123Z',
          actorId: null,
          actorRole: 'system',
          action: 'legacy',
          entityType: 'test',
          entityId: `l-${seq}`,
          beforeDigest: null,
          afterDigest: digest('sha256', canonicalJson(after)),
          clientIp: null,
          requestId: null,
          algorithm: 'sha256' as const,
          keyId: null,
        };
        const h = chainHash(prev, fields);
        await database.query(
          `INSERT INTO audit_log (seq, at, actor_role, action, entity_type, entity_id, after, after_digest, algorithm,
                                  prev_hash, hash)
           VALUES ($1, $2, 'system', 'legacy', 'test', $3, $4::jsonb, $5, 'sha256', $6, $7)`,
          [seq, fields.at, fields.entityId, JSON.stringify(after), fields.afterDigest, prev, h],
        );
        prev = h;
      }
      await database.query('UPDATE audit_head SET seq = 3, hash = $1', [prev]);
      const writer = createAuditWriter({ hash: 'sha256', keys });
      await database.db.transaction((tx) => writer.append(tx, SYSTEM_ACTOR, [entry(1), entry(2)], new Date()));
      const verify = () => verifyAuditChain(database, { key: keys.chain });
      expect(await verify()).toMatchObject({ ok: true, records: 5, unkeyed: 3, findings: [] });
      // An edited unkeyed record is still caught (by its plain hash); so is an unkeyed one after keyed ones.
      await database.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
      await database.query(`UPDATE audit_log SET entity_id = 'l-x' WHERE seq = 2`);
      await database.query(`UPDATE audit_log SET algorithm = 'sha256', key_id = NULL WHERE seq = 5`);
      await database.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
      expect((await verify()).findings.map((f) => [f.kind, f.from])).toEqual([
        ['hash', 2],
        ['downgraded', 5],
      ]);
    } finally {
      await database.close();
    }
  });
});
