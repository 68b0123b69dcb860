import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeMapPoints, EVENT_SOURCES, EVENT_STATUSES, type MapPointsResponse } from '@openenforce/domain/events';
import { gridOfUser, multipart, personOf, pointIn, TINY_JPEG } from '../../test/events-support.ts';
import { DRIVERS, TEST_NOW, testServer, type TestServer } from '../../test/harness.ts';
import { createDashboardService } from './dashboard.ts';

type Dash = {
  today: Record<'reported' | 'dispatched' | 'closed' | 'open' | 'overdue' | 'warning', number>;
  onTime: { rate: number | null; closed: number; onTime: number };
  byTown: { townId: string; reported: number; month: number; closed: number; overdue: number; onTimeRate: number }[];
  bySource: { source: string; count: number }[];
  byCategory: { category: string; count: number }[];
  trend: { day: string; reported: number; closed: number }[];
  hourly: { hour: number; reported: number }[];
};

const ZEGUO = '331081006';
/** The map's columns back into points, as the web reads them. */
const decoded = (r: MapPointsResponse) => ({ truncated: r.truncated, points: decodeMapPoints(r) });
const LATER = new Date(Date.parse(TEST_NOW) + 2 * 60_000).toISOString();

describe.each(DRIVERS)('big screen and map on %s', (driver) => {
  let s: TestServer;
  const c: Record<string, string> = {};
  let spot: { lng: number; lat: number };
  beforeAll(async () => {
    s = await testServer(driver);
    for (const u of ['operator', 'officer', 'officer2', 'gridworker']) c[u] = await s.login(u);
    spot = await pointIn(s, (await gridOfUser(s, 'gridworker'))!);
  });
  afterAll(() => s?.close());

  const post = async (url: string, payload: object, who: string) => {
    const res = await s.call({ method: 'POST', url, payload, cookie: c[who] });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  const get = async (url: string, who: string) => {
    const res = await s.call({ method: 'GET', url, cookie: c[who] });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const report = async (category: string) =>
    (await post('/api/events', { category, description: '大屏测试事件', ...spot }, 'gridworker')).event;
  const photo = async () => {
    const m = multipart(TINY_JPEG, 'p.jpg', 'image/jpeg');
    const res = await s.call({ method: 'POST', url: '/api/events/photos?kind=after', cookie: c['officer'], ...m });
    return res.json().id as string;
  };
  const town = (d: Dash, id: string) => d.byTown.find((t) => t.townId === id)!;
  const source = (d: Dash, id: string) => d.bySource.find((t) => t.source === id)?.count ?? 0;
  const category = (d: Dash, id: string) => d.byCategory.find((t) => t.category === id)?.count ?? 0;

  it('the demo seed has events in every status and from every source, inside the county', async () => {
    const rows = await s.database.query<{ status: string; source: string; n: number }>(
      `SELECT status, source, count(*)::int AS n FROM events GROUP BY status, source`,
    );
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(EVENT_STATUSES));
    expect(new Set(rows.map((r) => r.source))).toEqual(new Set(EVENT_SOURCES));
    expect(rows.reduce((n, r) => n + r.n, 0)).toBe(3000);
    const [t] = await s.database.query<{ steps: number; orphans: number; late: number }>(
      `SELECT (SELECT count(*)::int FROM event_steps) AS steps,
              (SELECT count(*)::int FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_steps s WHERE s.event_id = e.id)) AS orphans,
              (SELECT count(*)::int FROM event_steps WHERE at > $1::timestamptz) AS late`,
      [TEST_NOW],
    );
    expect(t!.steps).toBeGreaterThan(3000 * 5);
    expect(t!.orphans).toBe(0);
    expect(t!.late).toBe(0);
  });

  it('agrees with hand counts over events made through the API, at the fixed clock', async () => {
    s.clock.set(LATER);
    const before: Dash = await get('/api/command/dashboard', 'operator');
    s.clock.set(TEST_NOW);
    const team = (await personOf(s, 'officer')).teamId;
    // e1 stays reported; e2 is closed on time; e3 is dispatched with a deadline one minute away.
    await report('street_vending');
    const e2 = await report('exposed_garbage');
    let e = await post(`/api/events/${e2.id}/triage`, { version: 1 }, 'operator');
    e = await post(`/api/events/${e2.id}/dispatch`, { version: e.version }, 'operator');
    e = await post(`/api/events/${e2.id}/accept`, { version: e.version }, 'officer');
    e = await post(
      `/api/events/${e2.id}/handle`,
      { outcome: 'fixed_on_site', version: e.version, note: '已清理', photoIds: [await photo()] },
      'officer',
    );
    await post(`/api/events/${e2.id}/verify`, { version: e.version, passed: true }, 'gridworker');
    const e3 = await report('exposed_garbage');
    e = await post(`/api/events/${e3.id}/triage`, { version: 1 }, 'operator');
    const deadline = new Date(Date.parse(TEST_NOW) + 60_000).toISOString();
    await post(`/api/events/${e3.id}/dispatch`, { version: e.version, deadline }, 'operator');
    s.clock.set(LATER);
    const after: Dash = await get('/api/command/dashboard', 'operator');

    expect(after.today.reported - before.today.reported).toBe(3);
    expect(after.today.dispatched - before.today.dispatched).toBe(2);
    expect(after.today.closed - before.today.closed).toBe(1);
    expect(after.today.open - before.today.open).toBe(2);
    expect(after.today.overdue - before.today.overdue).toBe(1);
    expect(after.today.warning - before.today.warning).toBe(0);
    expect(after.onTime.closed - before.onTime.closed).toBe(1);
    expect(after.onTime.onTime - before.onTime.onTime).toBe(1);
    expect(after.onTime.rate).toBeCloseTo(after.onTime.onTime / after.onTime.closed, 4);
    const [tb, ta] = [town(before, ZEGUO), town(after, ZEGUO)];
    expect([ta.reported - tb.reported, ta.month - tb.month, ta.closed - tb.closed, ta.overdue - tb.overdue]).toEqual([
      3, 3, 1, 1,
    ]);
    expect(source(after, 'grid_worker') - source(before, 'grid_worker')).toBe(3);
    expect(category(after, 'exposed_garbage') - category(before, 'exposed_garbage')).toBe(2);
    expect(category(after, 'street_vending') - category(before, 'street_vending')).toBe(1);
    expect(after.trend).toHaveLength(30);
    expect(after.trend.at(-1)).toMatchObject({ day: '2026-11-22' });
    expect(after.trend.at(-1)!.reported - before.trend.at(-1)!.reported).toBe(3);
    expect(after.trend.at(-1)!.closed - before.trend.at(-1)!.closed).toBe(1);
    // 10:00 China time.
    expect(after.hourly[10]!.reported - before.hourly[10]!.reported).toBe(3);
    expect(after.hourly.reduce((n, h) => n + h.reported, 0)).toBe(after.today.reported);
    // The ranking is by on-time rate.
    const rates = after.byTown.map((t) => t.onTimeRate ?? -1);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    expect(after.byTown).toHaveLength(16);

    // 推诿: an unjustified return counts against the team that returned it.
    const shirkBefore = await get('/api/command/shirking', 'operator');
    const e4 = await report('illegal_posting');
    e = await post(`/api/events/${e4.id}/triage`, { version: 1 }, 'operator');
    e = await post(`/api/events/${e4.id}/dispatch`, { version: e.version }, 'operator');
    e = await post(`/api/events/${e4.id}/return`, { version: e.version, reason: '不属于本队' }, 'officer');
    await post(
      `/api/events/${e4.id}/arbitrate`,
      { version: e.version, justified: false, reason: '属本镇' },
      'operator',
    );
    const shirkAfter = await get('/api/command/shirking?from=2026-11-22&to=2026-11-22', 'operator');
    const count = (r: { teams: { teamId: string; count: number }[] }) =>
      r.teams.find((t) => t.teamId === team)?.count ?? 0;
    expect(count(shirkAfter)).toBe(
      (
        await s.database.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM event_steps WHERE action = 'arbitrate' AND detail->>'justified' = 'false'
            AND team_id = $1 AND at >= '2026-11-21T16:00:00Z'`,
          [team],
        )
      )[0]!.n,
    );
    expect(count(shirkAfter)).toBeGreaterThanOrEqual(1);
    expect(count(await get('/api/command/shirking', 'operator')) - count(shirkBefore)).toBe(1);
    const bad = await s.call({
      method: 'GET',
      url: '/api/command/shirking?from=2026-11-23&to=2026-11-01',
      cookie: c['operator'],
    });
    expect(bad.statusCode).toBe(400);
    s.clock.set(TEST_NOW);
  });

  it('a town user sees the town only', async () => {
    const county: Dash = await get('/api/command/dashboard', 'operator');
    const own: Dash = await get('/api/command/dashboard', 'officer');
    expect(own.byTown.map((t) => t.townId)).toEqual([ZEGUO]);
    expect(own.today.reported).toBe(town(county, ZEGUO).reported);
    expect(own.byTown[0]).toEqual(town(county, ZEGUO));
    const other: Dash = await get('/api/command/dashboard', 'officer2');
    expect(other.byTown.map((t) => t.townId)).toEqual(['331081001']);
    const map = decoded(await get('/api/events/map?days=1', 'officer2'));
    const [zeguoPoint] = await s.database.query<{ id: string }>(`SELECT id FROM events WHERE town_id = $1 LIMIT 1`, [
      ZEGUO,
    ]);
    expect(map.points.map((p: { id: string }) => p.id)).not.toContain(zeguoPoint!.id);
    const shirk = await get('/api/command/shirking', 'officer2');
    expect(shirk.teams.every((t: { count: number }) => t.count >= 0)).toBe(true);
  });

  it('map: filters, newest first, capped with a truncated flag', async () => {
    const all = decoded(await get('/api/events/map?days=366', 'operator'));
    expect(all.truncated).toBe(false);
    expect(all.points.length).toBeGreaterThan(3000);
    expect(Object.keys(all.points[0]!).sort()).toEqual(['category', 'escalation', 'id', 'lat', 'lng', 'status']);
    const reported = decoded(
      await get('/api/events/map?days=30&status=reported,triaged&category=street_vending', 'operator'),
    );
    expect(reported.points.length).toBeGreaterThan(0);
    for (const p of reported.points) {
      expect(['reported', 'triaged']).toContain(p.status);
      expect(p.category).toBe('street_vending');
    }
    const box = `${spot.lng - 0.001},${spot.lat - 0.001},${spot.lng + 0.001},${spot.lat + 0.001}`;
    const near = decoded(await get(`/api/events/map?days=1&bbox=${box}&source=grid_worker`, 'operator'));
    expect(near.points.length).toBeGreaterThanOrEqual(4);
    for (const p of near.points) {
      expect(Math.abs(p.lng - spot.lng)).toBeLessThanOrEqual(0.001);
      expect(Math.abs(p.lat - spot.lat)).toBeLessThanOrEqual(0.001);
    }
    const service = createDashboardService(s.deps, s.services.directory);
    const capped = await service.map({ kind: 'county' }, { days: 366 }, 100);
    expect(capped).toMatchObject({ truncated: true });
    expect(capped.points).toHaveLength(100);
    const ids = new Map<string, number>(all.points.map((p: { id: string }, i: number) => [p.id, i]));
    expect(capped.points.map((p) => ids.get(p.id))).toEqual([...Array(100).keys()]);
    // The wire format: equal columns, dictionary indexes, coordinates to 1e-5° of the stored ones.
    const raw: MapPointsResponse = await get('/api/events/map?days=366', 'operator');
    for (const column of [raw.lng, raw.lat, raw.status, raw.category, raw.escalation])
      expect(column).toHaveLength(raw.id.length);
    expect(new Set(raw.statuses).size).toBe(raw.statuses.length);
    const [stored] = await s.database.query<{ lng: number; lat: number }>('SELECT lng, lat FROM events WHERE id = $1', [
      raw.id[0],
    ]);
    expect(Math.abs(raw.lng[0]! - stored!.lng)).toBeLessThanOrEqual(0.000005);
    expect(Math.abs(raw.lat[0]! - stored!.lat)).toBeLessThanOrEqual(0.000005);
    const unknown = await s.call({ method: 'GET', url: '/api/events/map?status=flying', cookie: c['operator'] });
    expect(unknown.statusCode).toBe(400);
    const inverted = await s.call({ method: 'GET', url: '/api/events/map?bbox=122,29,121,28', cookie: c['operator'] });
    expect(inverted.statusCode).toBe(400);
  });

  it('shares one answer per scope within DASHBOARD_SHARE_MS, and none across scopes', async () => {
    const shared = createDashboardService(
      { ...s.deps, config: { ...s.deps.config, DASHBOARD_SHARE_MS: 60_000 } },
      s.services.directory,
    );
    const county = { kind: 'county' as const };
    const [a, b] = await Promise.all([shared.dashboard(county), shared.dashboard(county)]);
    expect(b).toBe(a); // one computation for both viewers
    await post('/api/events', { category: 'street_vending', description: '共享窗口内上报', ...spot }, 'gridworker');
    expect(await shared.dashboard(county)).toBe(a); // within the window: the shared answer
    const town = await shared.dashboard({ kind: 'town', townId: ZEGUO });
    expect(town).not.toBe(a);
    expect(town.byTown.map((t) => t.townId)).toEqual([ZEGUO]);
    // Not shared (the test servers' setting): the new report is counted at once.
    const fresh = await createDashboardService(s.deps, s.services.directory).dashboard(county);
    expect(fresh.today.reported).toBe(a.today.reported + 1);
  });
});
