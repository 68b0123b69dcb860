import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridOfUser, pointIn } from '../../test/events-support.ts';
import { DRIVERS, testServer, type TestServer } from '../../test/harness.ts';

/** Group commit of intake: concurrent reports share transactions, yet each answers for itself. */
describe.each(DRIVERS)('intake group commit on %s', (driver) => {
  let s: TestServer;
  const c: Record<string, string> = {};
  let spot: { lng: number; lat: number };
  beforeAll(async () => {
    s = await testServer(driver, { EVENT_ESCALATION_INTERVAL_MS: '0' });
    for (const u of ['operator', 'gridworker']) c[u] = await s.login(u);
    spot = await pointIn(s, (await gridOfUser(s, 'gridworker'))!);
  });
  afterAll(() => s?.close());

  const report = (who: string, extra: object = {}) =>
    s.call({
      method: 'POST',
      url: '/api/events',
      cookie: c[who],
      payload: { category: 'exposed_garbage', description: '并发上报', ...spot, ...extra },
    });

  it('stores every concurrent report once, with its own actor; a bad one fails alone; a repeated ticket replays', async () => {
    const bad = '00000000-0000-4000-8000-00000000abcd';
    const [ticketA, ticketB, badRes, ...rest] = await Promise.all([
      report('operator', { externalId: 'RX-2026-0001' }),
      report('operator', { externalId: 'RX-2026-0001' }),
      report('gridworker', { photoIds: [bad] }),
      ...Array.from({ length: 40 }, (_, i) => report(i % 2 ? 'gridworker' : 'operator', { description: `并发 ${i}` })),
    ]);
    expect(rest.map((r) => r.statusCode)).toEqual(rest.map(() => 201));
    const ids = rest.map((r) => r.json().event.id as string);
    expect(new Set(ids).size).toBe(40);
    expect(badRes.statusCode).toBe(422);
    expect(badRes.json().details[0]).toMatchObject({ path: 'body.photoIds', rule: 'own_unattached_photo' });
    // The same hotline ticket twice at once: one stored, the other answered with it.
    expect([ticketA!.statusCode, ticketB!.statusCode].sort()).toEqual([200, 201]);
    expect(ticketA!.json().event.id).toBe(ticketB!.json().event.id);
    const rows = await s.database.query<{ entity_id: string; actor_role: string }>(
      `SELECT entity_id, actor_role FROM audit_log WHERE action = 'event.report' AND entity_id = ANY($1::text[])`,
      [ids],
    );
    expect(rows).toHaveLength(40);
    const roleOf = new Map(rows.map((r) => [r.entity_id, r.actor_role]));
    ids.forEach((id, i) => expect(roleOf.get(id)).toBe(i % 2 ? 'grid_worker' : 'command_operator'));
    const steps = await s.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM event_steps WHERE action = 'report' AND event_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(steps[0]!.n).toBe(40);
    const d = (await s.call({ method: 'GET', url: `/api/events/${ids[1]}`, cookie: c['operator'] })).json();
    expect(d).toMatchObject({ status: 'reported', source: 'grid_worker', description: '并发 1' });
    expect(d.timeline[0]).toMatchObject({ action: 'report', actorRole: 'grid_worker' });
    expect((await s.verifyAudit()).ok).toBe(true);
  });
});
