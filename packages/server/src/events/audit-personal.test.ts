import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridOfUser, multipart, pointIn } from '../../test/events-support.ts';
import { DRIVERS, testServer, type TestServer } from '../../test/harness.ts';
import { DEMO_API_CLIENTS } from '../demo/api-clients.ts';
import { ERASED, eraseSubject, MASKED, readAuditRecords, SYSTEM_ACTOR } from '../platform/audit/index.ts';

/*
 * A reporter's name and phone (⚠ personal data, events.schema.ts) in the audit log: sealed under the reporter's key
 * for every channel that writes them, readable only with the right, erasable on request (PIPL) — and never in a
 * log line, even when the statement that carried them fails.
 */
describe.each(DRIVERS)("reporters' personal data in the audit log on %s", (driver) => {
  let s: TestServer;
  let spot: { lng: number; lat: number };
  let log = '';
  const c: Record<string, string> = {};
  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
    s = await testServer(driver, { LOG_LEVEL: 'error' }, { logStream: stream });
    spot = await pointIn(s, (await gridOfUser(s, 'gridworker'))!);
    for (const u of ['operator', 'gridworker']) c[u] = await s.login(u);
  });
  afterAll(() => s?.close());

  const ticket = (no: string, phone: string, name = '钱女士') => ({
    category: 'cooking_fumes',
    description: '楼下饭店油烟直排',
    ...spot,
    externalId: no,
    reporterName: name,
    reporterPhone: phone,
  });
  const push = (body: object) =>
    s.call({
      method: 'POST',
      url: '/api/hotline/tickets',
      payload: body,
      headers: { 'x-api-key': DEMO_API_CLIENTS.hotline.key },
    });
  const auditOf = async (id: string, personal: boolean) =>
    (await readAuditRecords(s.database, s.audit.keys.personal, { entityType: 'event', entityId: id }, { personal }))[0]!
      .after as Record<string, unknown>;
  const rawAudit = async (id: string) =>
    (await s.database.query<{ t: string }>(`SELECT after::text AS t FROM audit_log WHERE entity_id = $1`, [id]))[0]!.t;

  let fromApi: string;
  let fromFile: string;
  let fromGridWorker: string;

  it('seals them for the hotline API, the hotline file import and a grid worker', async () => {
    const res = await push(ticket('12345-PII-0001', '13700004444'));
    expect(res.statusCode, res.body).toBe(201);
    fromApi = res.json().id;
    const file = Buffer.from(
      [
        '工单号,来电时间,诉求类别,诉求内容,地址,经度,纬度,来电人,联系电话,紧急程度',
        `12345-PII-0002,2026-11-21 09:30,暴露垃圾,小区门口垃圾,泽国镇某小区东门,${spot.lng},${spot.lat},孙先生,137 0000 4444,`,
      ].join('\r\n') + '\r\n',
    );
    const imported = await s.call({
      method: 'POST',
      url: '/api/events/hotline/import',
      cookie: c['operator'],
      ...multipart(file, 'tickets.csv', 'text/csv'),
    });
    expect(imported.statusCode, imported.body).toBe(200);
    fromFile = imported.json().events[0].id;
    const reported = await s.call({
      method: 'POST',
      url: '/api/events',
      cookie: c['gridworker'],
      payload: { category: 'exposed_garbage', description: '路边垃圾', ...spot },
    });
    expect(reported.statusCode, reported.body).toBe(201);
    fromGridWorker = reported.json().event.id;

    for (const id of [fromApi, fromFile]) {
      const raw = await rawAudit(id);
      for (const clear of ['13700004444', '137 0000 4444', '钱女士', '孙先生']) expect(raw).not.toContain(clear);
      expect(raw).toContain('$personal');
    }
    const [row] = await s.database.query<{ name: string }>(`SELECT reporter_name AS name FROM events WHERE id = $1`, [
      fromGridWorker,
    ]);
    expect(row!.name.length).toBeGreaterThan(1);
    expect(await rawAudit(fromGridWorker)).not.toContain(row!.name);
  });

  it('opens them for a reader with the right only', async () => {
    expect(await auditOf(fromApi, true)).toMatchObject({ reporterName: '钱女士', reporterPhone: '13700004444' });
    expect(await auditOf(fromFile, true)).toMatchObject({ reporterName: '孙先生', reporterPhone: '137 0000 4444' });
    expect(await auditOf(fromApi, false)).toMatchObject({ reporterName: MASKED, reporterPhone: MASKED });
  });

  it("erases every report of one caller's phone at once, and the chain still verifies", async () => {
    const out = await eraseSubject(
      { database: s.database, audit: s.deps.audit, master: s.audit.keys.personal },
      'phone:13700004444',
      { ...SYSTEM_ACTOR, role: 'cli' },
      s.clock.now(),
    );
    expect(out.erased).toBe(true);
    for (const id of [fromApi, fromFile])
      expect(await auditOf(id, true)).toMatchObject({ reporterName: ERASED, reporterPhone: ERASED });
    // The grid worker is another subject: untouched.
    expect((await auditOf(fromGridWorker, true))['reporterName']).not.toBe(ERASED);
    // A new report from the same phone gets a new key: readable again.
    const again = await push(ticket('12345-PII-0003', '13700004444'));
    expect(await auditOf(again.json().id, true)).toMatchObject({ reporterPhone: '13700004444' });
    expect(await s.verifyAudit()).toMatchObject({ ok: true, findings: [] });
  });

  it('answers a failed statement with 500 and logs no reporter phone', async () => {
    await s.owner.query(
      `ALTER TABLE events ADD CONSTRAINT probe_refuse CHECK (description <> '探针：拒绝写入') NOT VALID`,
    );
    const res = await push({ ...ticket('12345-PII-0004', '13655556666'), description: '探针：拒绝写入' });
    expect(res.statusCode).toBe(500);
    await new Promise((r) => setImmediate(r));
    expect(log).toContain('unhandled error');
    expect(log).not.toContain('13655556666');
    expect(log).not.toContain('55556666');
  });
});
