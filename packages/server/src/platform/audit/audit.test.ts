import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, testServer, type TestServer } from '../../../test/harness.ts';
import { createAuditWriter, SYSTEM_ACTOR, type AuditEntry } from './audit.ts';
import { verifyAuditChain } from './verify.ts';

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

  it('records who, what, when, where, before and after for a write, in the same transaction', async () => {
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
      algorithm: 'sha256',
    });
    expect((rec.before as { name: string }).name).toBe(agency.name);
    expect((rec.after as { name: string }).name).toBe(`${agency.name}（测试）`);
    expect(rec.before_digest).toMatch(/^[0-9a-f]{64}$/);
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
    const [a, b] = [createAuditWriter('sha256'), createAuditWriter('sha256')];
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
    expect((await verifyAuditChain(s.database)).ok).toBe(true);
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    await expect(s.database.query(`UPDATE audit_log SET action = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(s.database.query(`DELETE FROM audit_log WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(s.database.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
  });

  it('verifies the chain, and names the first broken link when a row is altered behind the application', async () => {
    const ok = await verifyAuditChain(s.database);
    expect(ok).toMatchObject({ ok: true });
    expect(ok.records).toBeGreaterThan(5);
    // A superuser can switch the trigger off; the chain still tells.
    await s.database.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await s.database.query(
      `UPDATE audit_log SET after = jsonb_set(after, '{name}', '"改过的"') WHERE action = 'agency.update'`,
    );
    await s.database.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    const seq = Number(
      (
        await s.database.query<{ seq: number }>(
          `SELECT seq FROM audit_log WHERE action = 'agency.update' ORDER BY seq LIMIT 1`,
        )
      )[0]!.seq,
    );
    expect(await verifyAuditChain(s.database)).toMatchObject({ ok: false, brokenAt: seq, reason: 'after_digest' });
  });
});

describe('audit log with SM3', () => {
  it('hashes new records with SM3 when configured, and verifies them', async () => {
    const s = await testServer('pglite', { AUDIT_HASH: 'sm3' });
    try {
      await s.login('admin');
      const rec = (
        await s.database.query<{ algorithm: string; hash: string }>(
          'SELECT algorithm, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
        )
      )[0]!;
      expect(rec.algorithm).toBe('sm3');
      expect(rec.hash).toMatch(/^[0-9a-f]{64}$/);
      // The seeded records are SHA-256, the new one SM3: each row is checked with its own algorithm.
      expect(await verifyAuditChain(s.database)).toMatchObject({ ok: true });
    } finally {
      await s.close();
    }
  });
});
