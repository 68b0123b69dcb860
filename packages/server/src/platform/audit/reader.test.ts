import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent, eventWorld } from '../../../test/factories.ts';
import { DRIVERS, testServer, type TestServer } from '../../../test/harness.ts';

/* The audit-log reader for supervisors: by subject, actor, action and time; personal data masked; verification. */
describe.each(DRIVERS)('audit reader on %s', (driver) => {
  let s: TestServer;
  const c: Record<string, string> = {};
  let eventId: string;
  let operatorId: string;
  beforeAll(async () => {
    s = await testServer(driver);
    for (const u of ['operator', 'supervisor', 'admin', 'officer']) c[u] = await s.login(u);
    const w = await eventWorld(s);
    // A hotline report with the caller's name and phone, then two steps by the operator.
    const rep = await s.call({
      method: 'POST',
      url: '/api/events',
      cookie: c['operator'],
      payload: {
        category: 'noise',
        description: '夜间施工噪声',
        ...w.spot,
        reporterName: '王小明',
        reporterPhone: '13812345678',
      },
    });
    expect(rep.statusCode, rep.body).toBe(201);
    eventId = rep.json().event.id;
    const tri = await s.call({
      method: 'POST',
      url: `/api/events/${eventId}/triage`,
      cookie: c['operator'],
      payload: { version: 1 },
    });
    expect(tri.statusCode, tri.body).toBe(200);
    operatorId = (await s.call({ method: 'GET', url: '/api/auth/me', cookie: c['operator'] })).json().user.id;
    await buildEvent(s, w, 'reported');
  });
  afterAll(() => s?.close());

  const get = (url: string, who: string) => s.call({ method: 'GET', url, cookie: c[who] });

  it('lists a subject’s records newest first, and masks personal data for a reader without pii.read', async () => {
    const res = await get(`/api/audit?entityType=event&entityId=${eventId}`, 'supervisor');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { action: string; after: Record<string, unknown>; seq: number }[];
    expect(items.map((i) => i.action)).toEqual(['event.triage', 'event.report']);
    expect(items[0]!.seq).toBeGreaterThan(items[1]!.seq);
    const report = items[1]!.after;
    // Sealed personal fields (platform/audit/personal.ts) do not open for this reader.
    expect(report['reporterPhone']).toMatch(/^[^0-9]*$/);
    expect(report['reporterName']).not.toContain('小明');
    expect(JSON.stringify(res.json())).not.toContain('13812345678');
    // The administrator holds pii.read and sees the record as written.
    const full = (await get(`/api/audit?entityType=event&entityId=${eventId}`, 'admin')).json();
    expect(full.items[1].after.reporterPhone).toBe('13812345678');
  });

  it('filters by actor, action and China dates, and pages with an opaque cursor', async () => {
    const byActor = (await get(`/api/audit?actorId=${operatorId}&action=event.triage`, 'supervisor')).json();
    expect(byActor.items.length).toBeGreaterThan(0);
    expect(
      byActor.items.every(
        (i: { actorId: string; action: string }) => i.actorId === operatorId && i.action === 'event.triage',
      ),
    ).toBe(true);
    const today = (await get('/api/audit?from=2026-11-22&to=2026-11-22&limit=1', 'supervisor')).json();
    expect(today.items).toHaveLength(1);
    expect(today.nextCursor).toEqual(expect.any(String));
    const next = (
      await get(`/api/audit?from=2026-11-22&to=2026-11-22&limit=1&cursor=${today.nextCursor}`, 'supervisor')
    ).json();
    expect(next.items[0].seq).toBeLessThan(today.items[0].seq);
    const future = (await get('/api/audit?from=2030-01-01', 'supervisor')).json();
    expect(future.items).toEqual([]);
    expect((await get('/api/audit?cursor=bm90LWEtbnVtYmVy', 'supervisor')).statusCode).toBe(400);
  });

  it('is for holders of audit.read only', async () => {
    expect((await get('/api/audit', 'officer')).statusCode).toBe(403);
    expect((await get('/api/audit/verification', 'officer')).statusCode).toBe(403);
    expect((await s.call({ method: 'GET', url: '/api/audit' })).statusCode).toBe(401);
  });

  it('verifies the chain on demand and keeps the last result', async () => {
    expect((await get('/api/audit/verification', 'supervisor')).json()).toMatchObject({ state: 'never', ok: null });
    const run = await s.call({ method: 'POST', url: '/api/audit/verification', cookie: c['supervisor'] });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json()).toMatchObject({ state: 'done', ok: true, findings: [] });
    expect(run.json().records).toBeGreaterThan(3);
    expect((await get('/api/audit/verification', 'supervisor')).json()).toEqual(run.json());
  });
});
