import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, testServer, type TestServer } from '../../../test/harness.ts';
import { createAuditWriter, SYSTEM_ACTOR, type AuditEntry } from './audit.ts';

describe.each(DRIVERS)('audit log on %s', (driver) => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await testServer(driver);
    admin = await s.login('admin');
  });
  afterAll(() => s?.close());

  const lastRecord = async () =>
    (await s.database.query<Record<string, unknown>>('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1'))[0]!;

  it('records who, what, when, where, before and after for a write, in the same transaction, keyed', async () => {
    const agency = (await s.call({ method: 'GET', url: '/api/org/agencies?limit=1', cookie: admin })).json().items[0];
    const res = await s.call({
      method: 'PATCH',
      url: `/api/org/agencies/${agency.id}`,
      cookie: admin,
      payload: { version: agency.version, name: `${agency.name}（测试）` },
      headers: { 'x-request-id': 'req-audit-1' },
    });
    expect(res.statusCode).toBe(200);
    const rec = await lastRecord();
    expect(rec).toMatchObject({
      action: 'agency.update',
      entity_type: 'agency',
      entity_id: agency.id,
      actor_role: 'admin',
      request_id: 'req-audit-1',
      client_ip: '127.0.0.1',
      algorithm: 'hmac-sha256',
      key_id: s.audit.keys.chain.id,
    });
    expect((rec.before as { name: string }).name).toBe(agency.name);
    expect((rec.after as { name: string }).name).toBe(`${agency.name}（测试）`);
    expect(rec.before_digest).toMatch(/^[0-9a-f]{64}$/);
    // The head row moved with it.
    const [head] = await s.database.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit_head');
    expect([Number(head!.seq), head!.hash]).toEqual([Number(rec.seq), rec.hash]);
  });

  it('writes no record when the write fails (stale version)', async () => {
    const before = await lastRecord();
    const agency = (await s.call({ method: 'GET', url: '/api/org/agencies?limit=1', cookie: admin })).json().items[0];
    const res = await s.call({
      method: 'PATCH',
      url: `/api/org/agencies/${agency.id}`,
      cookie: admin,
      payload: { version: agency.version - 1, name: '旧版本' },
    });
    expect(res.statusCode).toBe(409);
    expect((await lastRecord()).seq).toEqual(before.seq);
  });

  it('keeps one unbroken chain across writers and rolled-back appends (a writer checks its remembered head)', async () => {
    const writer = () => createAuditWriter({ hash: 'sha256', keys: s.audit.keys });
    const [a, b] = [writer(), writer()];
    const db = s.database.db;
    const entry = (n: number): AuditEntry => ({
      action: 'test.append',
      entityType: 'test',
      entityId: `t-${n}`,
      after: { n },
    });
    const append = (w: typeof a, e: AuditEntry | AuditEntry[]) =>
      db.transaction((tx) => w.append(tx, SYSTEM_ACTOR, e, new Date()));
    await append(a, entry(1));
    await append(b, entry(2)); // a's remembered head is now stale
    await expect(
      db.transaction(async (tx) => {
        await a.append(tx, SYSTEM_ACTOR, entry(3), new Date());
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back'); // a remembers a head that never committed
    await append(a, entry(4));
    await append(b, [entry(5), entry(6)]);
    await append(b, entry(7));
    const rows = await s.database.query<{ entity_id: string; seq: string }>(
      `SELECT entity_id, seq FROM audit_log WHERE action = 'test.append' ORDER BY seq`,
    );
    expect(rows.map((r) => r.entity_id)).toEqual(['t-1', 't-2', 't-4', 't-5', 't-6', 't-7']);
    const seqs = rows.map((r) => Number(r.seq));
    expect(seqs.slice(1).map((x, i) => x - seqs[i]!)).toEqual([1, 1, 1, 1, 1]);
    expect((await s.verifyAudit()).ok).toBe(true);
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself, and the head never goes back', async () => {
    // The server's own connection (on PostgreSQL a role without the privileges) and the owner (the trigger).
    for (const q of [s.database, s.owner]) {
      await expect(q.query(`UPDATE audit_log SET action = 'x' WHERE seq = 1`)).rejects.toThrow(
        /append-only|permission denied/,
      );
      await expect(q.query(`DELETE FROM audit_log WHERE seq = 1`)).rejects.toThrow(/append-only|permission denied/);
      await expect(q.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only|permission denied/);
    }
    await expect(s.owner.query(`UPDATE audit_head SET seq = seq - 1`)).rejects.toThrow(/only moves forward/);
    await expect(s.owner.query(`DELETE FROM audit_head`)).rejects.toThrow(/only moves forward/);
    await expect(s.owner.query(`TRUNCATE audit_head`)).rejects.toThrow(/append-only/);
  });

  it('covers the stored time to the microsecond: a time moved by 1 µs is caught', async () => {
    expect((await s.verifyAudit()).ok).toBe(true);
    const rec = await lastRecord();
    await s.owner.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
    await s.owner.query(`UPDATE audit_log SET at = at + interval '1 microsecond' WHERE seq = $1`, [rec.seq]);
    await s.owner.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
    const report = await s.verifyAudit();
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'rechained', from: Number(rec.seq) })]);
    await s.owner.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
    await s.owner.query(`UPDATE audit_log SET at = at - interval '1 microsecond' WHERE seq = $1`, [rec.seq]);
    await s.owner.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
    expect((await s.verifyAudit()).ok).toBe(true);
  });

  it('verifies the chain, and names the altered record when a row is edited behind the application', async () => {
    const ok = await s.verifyAudit();
    expect(ok).toMatchObject({ ok: true, findings: [] });
    expect(ok.records).toBeGreaterThan(5);
    // The owner can switch the trigger off; the chain still tells.
    await s.owner.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await s.owner.query(
      `UPDATE audit_log SET after = jsonb_set(after, '{name}', '"改过的"') WHERE action = 'agency.update'`,
    );
    await s.owner.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    const seq = Number(
      (
        await s.database.query<{ seq: number }>(
          `SELECT seq FROM audit_log WHERE action = 'agency.update' ORDER BY seq LIMIT 1`,
        )
      )[0]!.seq,
    );
    const report = await s.verifyAudit();
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'digest', from: seq, to: seq })]);
    expect(report.findings[0]!.line).toMatch(/^ALTERED/);
  });
});

describe('the server database role on PostgreSQL', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer('postgres');
  });
  afterAll(() => s?.close());

  it('owns nothing: it cannot alter the audit log, switch its triggers off or skip them, and still writes', async () => {
    const [who] = await s.database.query<{ user: string; superuser: boolean }>(
      `SELECT current_user AS user, rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`,
    );
    expect(who).toEqual({ user: 'oe_app', superuser: false });
    const refused = [
      `UPDATE audit_log SET action = 'x' WHERE seq = 1`,
      `DELETE FROM audit_log WHERE seq = 1`,
      `TRUNCATE audit_log`,
      `ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`,
      `ALTER TABLE audit_log DISABLE TRIGGER ALL`,
      `ALTER TABLE audit_head DISABLE TRIGGER USER`,
      `DROP TRIGGER audit_log_no_update ON audit_log`,
      `DELETE FROM audit_head`,
      `SET session_replication_role = replica`,
      `ALTER TABLE audit_log OWNER TO oe_app`,
    ];
    for (const statement of refused)
      await expect(s.database.query(statement), statement).rejects.toThrow(
        /permission denied|must be owner|must be superuser/,
      );
    // What the server does need, it may: log in (an audited write) and read the log.
    await s.login('admin');
    expect((await s.verifyAudit()).ok).toBe(true);
  });
});

describe('audit log with SM3', () => {
  it('hashes new records with HMAC-SM3 when configured, and verifies them', async () => {
    const s = await testServer('pglite', { AUDIT_HASH: 'sm3' });
    try {
      await s.login('admin');
      const rec = (
        await s.database.query<{ algorithm: string; hash: string }>(
          'SELECT algorithm, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
        )
      )[0]!;
      expect(rec.algorithm).toBe('hmac-sm3');
      expect(rec.hash).toMatch(/^[0-9a-f]{64}$/);
      // The seeded records are HMAC-SHA-256, the new one HMAC-SM3: each row is checked with its own algorithm.
      expect(await s.verifyAudit()).toMatchObject({ ok: true });
    } finally {
      await s.close();
    }
  });
});
