import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_CATEGORIES, PUBLIC_ID_PATTERN } from '@openenforce/domain/events';
import { gridOfUser, pointIn } from '../../../test/events-support.ts';
import { DRIVERS, testServer, type TestServer } from '../../../test/harness.ts';
import { DEMO_API_CLIENTS } from '../../demo/api-clients.ts';

const KEY = DEMO_API_CLIENTS.open311.key;
const form = (fields: Record<string, string | number>) => ({
  payload: new URLSearchParams(Object.entries(fields).map(([k, v]): [string, string] => [k, String(v)])).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

describe.each(DRIVERS)('Open311 GeoReport v2 on %s', (driver) => {
  let s: TestServer;
  let spot: { lng: number; lat: number };
  let operator: string;
  beforeAll(async () => {
    s = await testServer(driver);
    spot = await pointIn(s, (await gridOfUser(s, 'gridworker'))!);
    operator = await s.login('operator');
  });
  afterAll(() => s?.close());

  const count = async (table: string) =>
    (await s.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
  const counts = async () => [await count('events'), await count('event_steps'), await count('audit_log')];
  const submit = (fields: Record<string, string | number>, fmt = 'json') =>
    s.call({ method: 'POST', url: `/open311/v2/requests.${fmt}`, ...form(fields) });
  const good = (extra: Record<string, string | number> = {}) => ({
    api_key: KEY,
    service_code: 'exposed_garbage',
    lat: spot.lat,
    long: spot.lng,
    address_string: '泽国镇文化广场东侧',
    description: '广场边上一堆垃圾没人清理',
    first_name: '小明',
    last_name: '王',
    phone: '13800001111',
    email: 'wang@example.com',
    ...extra,
  });

  it('lists one service per active category, in Chinese by default and in English on request', async () => {
    const zh = await s.call({ method: 'GET', url: '/open311/v2/services.json' });
    expect(zh.statusCode).toBe(200);
    const list = zh.json();
    expect(list).toHaveLength(EVENT_CATEGORIES.length);
    expect(list.find((x: { service_code: string }) => x.service_code === 'street_vending')).toMatchObject({
      service_name: '占道经营（流动摊贩）',
      group: '市容秩序',
      type: 'realtime',
      metadata: false,
    });
    const en = (await s.call({ method: 'GET', url: '/open311/v2/services.json?locale=en' })).json();
    expect(en.find((x: { service_code: string }) => x.service_code === 'street_vending').service_name).toBe(
      'Street vending',
    );
    const header = await s.call({
      method: 'GET',
      url: '/open311/v2/services.json',
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(header.json()[0].service_name).toBe(EVENT_CATEGORIES[0]!.en);
    const xml = await s.call({ method: 'GET', url: '/open311/v2/services.xml' });
    expect(xml.headers['content-type']).toContain('application/xml');
    expect(xml.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<services><service><service_code>/);
    expect(xml.body).toContain('<service_name>占道经营（流动摊贩）</service_name>');
  });

  it('serves a service definition; an unknown service code is a 404 in the Open311 error shape', async () => {
    const def = await s.call({ method: 'GET', url: '/open311/v2/services/noise.json' });
    expect(def.json()).toEqual({ service_code: 'noise', attributes: [] });
    const unknown = await s.call({ method: 'GET', url: '/open311/v2/services/ufo.json' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual([{ code: 404, description: '未知的服务代码 / Unknown service_code' }]);
    const xml = await s.call({ method: 'GET', url: '/open311/v2/services/ufo.xml' });
    expect(xml.body).toContain('<errors><error><code>404</code><description>未知的服务代码 / Unknown service_code');
  });

  it('takes a form-encoded request with an api key, answers number and token, and serves it back', async () => {
    const res = await submit(good());
    expect(res.statusCode, res.body).toBe(201);
    const [created] = res.json();
    // A random public id, never the (sequential) event number.
    expect(created.service_request_id).toMatch(PUBLIC_ID_PATTERN);
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(created.service_notice).toContain(created.service_request_id);
    const [row] = await s.database.query<Record<string, unknown>>(
      `SELECT source, reporter_name, reporter_phone, category, town_id, proposal IS NOT NULL AS routed
         FROM events WHERE public_id = $1`,
      [created.service_request_id],
    );
    expect(row).toMatchObject({
      source: 'open311',
      reporter_name: '王小明',
      reporter_phone: '13800001111',
      category: 'exposed_garbage',
      town_id: '331081006',
      routed: true,
    });
    const one = await s.call({ method: 'GET', url: `/open311/v2/requests/${created.service_request_id}.json` });
    expect(one.json()).toEqual([
      expect.objectContaining({
        service_request_id: created.service_request_id,
        status: 'open',
        status_notes: '待受理 / Reported',
        service_code: 'exposed_garbage',
        service_name: '暴露垃圾',
        description: '广场边上一堆垃圾没人清理',
        address: '泽国镇文化广场东侧',
        requested_datetime: '2026-11-22T02:00:00.000Z',
        expected_datetime: null,
        // Coarsened: three decimals (about 100 m), never the exact spot.
        lat: Math.round(spot.lat * 1000) / 1000,
        long: Math.round(spot.lng * 1000) / 1000,
      }),
    ]);
    // No personal data in the public record.
    expect(one.body).not.toContain('13800001111');
    expect(one.body).not.toContain('王小明');
    const token = await s.call({ method: 'GET', url: `/open311/v2/tokens/${created.token}.json` });
    expect(token.json()).toEqual([{ service_request_id: created.service_request_id, token: created.token }]);
  });

  it('takes JSON as well, and answers XML on the .xml endpoint', async () => {
    const res = await s.call({
      method: 'POST',
      url: '/open311/v2/requests.xml',
      payload: { ...good(), description: '垃圾 <桶> & 纸箱', lat: spot.lat, long: spot.lng },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.body).toMatch(
      /<service_requests><request><service_request_id>R[0-9A-Z]{12}<\/service_request_id><token>/,
    );
    const no = /<service_request_id>(R[0-9A-Z]{12})</.exec(res.body)![1]!;
    const xml = await s.call({ method: 'GET', url: `/open311/v2/requests/${no}.xml` });
    expect(xml.body).toContain('<description>垃圾 &lt;桶&gt; &amp; 纸箱</description>');
    expect(xml.body).toContain('<expected_datetime/>');
  });

  it('refuses a missing, wrong or foreign api key and writes nothing', async () => {
    const before = await counts();
    const { api_key: _k, ...noKey } = good();
    const none = await submit(noKey);
    // GeoReport v2: 403 for a missing or invalid api_key.
    expect(none.statusCode).toBe(403);
    expect(none.json()).toEqual([{ code: 403, description: '缺少或无效的 api_key / Missing or invalid api_key' }]);
    expect((await submit(good({ api_key: 'not-a-key' }))).statusCode).toBe(403);
    // The hotline's key is not an Open311 key.
    expect((await submit(good({ api_key: DEMO_API_CLIENTS.hotline.key }))).statusCode).toBe(403);
    // The key is checked before the fields: a keyless bad request learns nothing about them.
    const bad = await submit({ service_code: 'ufo' });
    expect(bad.statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('refuses unknown codes and missing, impossible or outside coordinates, in zh and en, writing nothing', async () => {
    const before = await counts();
    const unknown = await submit(good({ service_code: 'ufo' }));
    // GeoReport v2: an unknown service_code is a 404.
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual([{ code: 404, description: '未知的服务代码 / Unknown service_code' }]);
    const { lat: _lat, ...noLat } = good();
    const missing = await submit(noLat);
    expect(missing.statusCode).toBe(400);
    expect(missing.json()[0].description).toBe('lat 与 long 须同时提供 / lat and long go together');
    const impossible = await submit(good({ lat: 95 }));
    expect(impossible.statusCode).toBe(400);
    expect(impossible.json()[0].description).toBe('坐标超出有效范围（lat） / Coordinate out of range (lat)');
    const text = await submit(good({ long: 'east' }));
    expect(text.statusCode).toBe(400);
    expect(text.json()[0].description).toContain('(long)');
    const outside = await submit(good({ lat: 30.2, long: 120.1 }));
    // GeoReport v2 names 400 for a request it cannot take (our own API answers 422).
    expect(outside.statusCode).toBe(400);
    expect(outside.json()).toEqual([
      { code: 400, description: '位置不在本县（市、区）范围内 / The location lies outside the county' },
    ]);
    const noCode = await submit({ api_key: KEY, lat: spot.lat, long: spot.lng });
    expect(noCode.statusCode).toBe(400);
    expect(noCode.json()[0].description).toBe('缺少必填字段 service_code / Missing required field service_code');
    const media = await submit(good({ media_url: 'javascript:alert(1)' }));
    expect(media.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('lists requests with the GeoReport filters; a merged report follows its master', async () => {
    const first = (await submit(good({ service_code: 'street_vending', description: '摊贩占道' }))).json()[0];
    const second = (
      await submit(good({ service_code: 'street_vending', description: '又见摊贩', long: spot.lng + 0.0001 }))
    ).json()[0];
    const all = (await s.call({ method: 'GET', url: '/open311/v2/requests.json' })).json();
    const ids = all.map((r: { service_request_id: string }) => r.service_request_id);
    expect(ids).toEqual(expect.arrayContaining([first.service_request_id, second.service_request_id]));
    expect(all.length).toBeLessThanOrEqual(1000);
    // Reports from other channels appear without their words or address.
    const foreign = all.find((r: { service_code: string; description: string | null }) => r.description === null);
    if (foreign) expect(foreign.address).toBeNull();

    const byCode = (
      await s.call({ method: 'GET', url: '/open311/v2/requests.json?service_code=street_vending' })
    ).json();
    expect(byCode.every((r: { service_code: string }) => r.service_code === 'street_vending')).toBe(true);
    const byIds = (
      await s.call({
        method: 'GET',
        url: `/open311/v2/requests.json?service_request_id=${first.service_request_id},${second.service_request_id},SJ20200101999999`,
      })
    ).json();
    expect(byIds.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual(
      [first.service_request_id, second.service_request_id].sort(),
    );

    // The operator merges the second report into the first and dismisses the first: both read "closed".
    const id = async (no: string) =>
      (await s.database.query<{ id: string }>('SELECT id FROM events WHERE public_id = $1', [no]))[0]!.id;
    const masterId = await id(first.service_request_id);
    const dupId = await id(second.service_request_id);
    const merged = await s.call({
      method: 'POST',
      url: `/api/events/${dupId}/merge`,
      cookie: operator,
      payload: { version: 1, masterId },
    });
    expect(merged.statusCode, merged.body).toBe(200);
    let dup = (
      await s.call({ method: 'GET', url: `/open311/v2/requests/${second.service_request_id}.json` })
    ).json()[0];
    expect(dup).toMatchObject({ status: 'open' });
    expect(dup.status_notes).toBe(
      `已合并至 ${first.service_request_id}（待受理） / Merged into ${first.service_request_id} (Reported)`,
    );
    const dismissed = await s.call({
      method: 'POST',
      url: `/api/events/${masterId}/dismiss`,
      cookie: operator,
      payload: { version: 1, reason: '已自行离开，无需处置' },
    });
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    dup = (await s.call({ method: 'GET', url: `/open311/v2/requests/${second.service_request_id}.json` })).json()[0];
    expect(dup.status).toBe('closed');
    const closed = (await s.call({ method: 'GET', url: '/open311/v2/requests.json?status=closed' })).json();
    expect(closed.map((r: { service_request_id: string }) => r.service_request_id)).toEqual(
      expect.arrayContaining([first.service_request_id, second.service_request_id]),
    );
    expect(closed.every((r: { status: string }) => r.status === 'closed')).toBe(true);
    const open = (await s.call({ method: 'GET', url: '/open311/v2/requests.json?status=open' })).json();
    expect(open.every((r: { status: string }) => r.status === 'open')).toBe(true);

    const window = await s.call({
      method: 'GET',
      url: '/open311/v2/requests.json?start_date=2026-11-20T00:00:00Z&end_date=2026-11-23T00:00:00%2B08:00',
    });
    expect(window.statusCode).toBe(200);
    const older = (
      await s.call({
        method: 'GET',
        url: '/open311/v2/requests.json?start_date=2025-01-01T00:00:00Z&end_date=2025-02-01T00:00:00Z',
      })
    ).json();
    expect(older.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(
      first.service_request_id,
    );
  });

  it('publishes only Open311’s own reports, never the exact spot, with phone and ID numbers screened', async () => {
    const res = await submit(good({ description: '门口堆放垃圾，联系我13812345678，身份证330281199001011234' }));
    const [created] = res.json();
    const one = (
      await s.call({ method: 'GET', url: `/open311/v2/requests/${created.service_request_id}.json` })
    ).json()[0];
    expect(one.description).toBe('门口堆放垃圾，联系我138****5678，身份证330281********1234');
    const [row] = await s.database.query<{ lng: number; lat: number }>(
      'SELECT lng, lat FROM events WHERE public_id = $1',
      [created.service_request_id],
    );
    expect([one.long, one.lat]).toEqual([Math.round(row!.lng * 1000) / 1000, Math.round(row!.lat * 1000) / 1000]);

    // A grid worker's report is not published: not listed, and its event number answers nothing.
    const grid = await s.call({
      method: 'POST',
      url: '/api/events',
      cookie: await s.login('gridworker'),
      payload: { category: 'exposed_garbage', description: '网格员上报的垃圾', ...spot },
    });
    expect(grid.statusCode, grid.body).toBe(201);
    expect((await s.call({ method: 'GET', url: `/open311/v2/requests/${grid.json().event.no}.json` })).statusCode).toBe(
      404,
    );
    const all = (await s.call({ method: 'GET', url: '/open311/v2/requests.json' })).json() as {
      service_request_id: string;
      lat: number;
      long: number;
    }[];
    const sources = new Map(
      (
        await s.database.query<{ public_id: string; source: string }>(
          'SELECT public_id, source FROM events WHERE public_id IS NOT NULL',
        )
      ).map((r) => [r.public_id, r.source]),
    );
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter((r) => sources.get(r.service_request_id) !== 'open311')).toEqual([]);
    // The demo county's hotline, grid and video reports exist, and none of them is published.
    const [others] = await s.database.query<{ n: number; published: number }>(
      "SELECT count(*)::int AS n, count(public_id)::int AS published FROM events WHERE source <> 'open311'",
    );
    expect(others!.n).toBeGreaterThan(0);
    expect(others!.published).toBe(0);
    // Every published position has at most three decimals.
    expect(
      all.filter((r) => Math.round(r.lat * 1000) / 1000 !== r.lat || Math.round(r.long * 1000) / 1000 !== r.long),
    ).toEqual([]);
  });

  it('refuses bad filters and unknown ids in the Open311 error shape', async () => {
    const wide = await s.call({
      method: 'GET',
      url: '/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-11-01T00:00:00Z',
    });
    expect(wide.statusCode).toBe(400);
    expect(wide.json()[0].description).toContain('90');
    const code = await s.call({ method: 'GET', url: '/open311/v2/requests.json?service_code=ufo' });
    expect(code.statusCode).toBe(404);
    expect(code.json()[0].description).toBe('未知的服务代码 / Unknown service_code');
    const status = await s.call({ method: 'GET', url: '/open311/v2/requests.json?status=pending' });
    expect(status.statusCode).toBe(400);
    expect(status.json()[0]).toMatchObject({ code: 400, description: expect.stringContaining('(status)') });
    const date = await s.call({ method: 'GET', url: '/open311/v2/requests.json?start_date=yesterday' });
    expect(date.statusCode).toBe(400);
    const none = await s.call({ method: 'GET', url: '/open311/v2/requests/SJ20261122999999.json' });
    expect(none.statusCode).toBe(404);
    expect(none.json()).toEqual([{ code: 404, description: '服务请求不存在 / No such service request' }]);
    const token = await s.call({ method: 'GET', url: '/open311/v2/tokens/AAAAAAAAAAAAAAAAAAAAAAAA.json' });
    expect(token.statusCode).toBe(404);
    const route = await s.call({ method: 'GET', url: '/open311/v2/discovery.json' });
    expect(route.json()).toEqual([{ code: 404, description: '接口不存在 / No such endpoint' }]);
    // Unknown paths answer in the Open311 shape, in XML on an .xml path, whatever the method.
    for (const [method, url] of [
      ['GET', '/open311/v2/nope.xml'],
      ['DELETE', '/open311/v2/requests.xml'],
      ['GET', '/open311/v2/requests/SJ1/extra.xml'],
    ] as const) {
      const xml = await s.call({ method, url });
      expect(xml.statusCode, url).toBe(404);
      expect(xml.headers['content-type']).toContain('application/xml');
      expect(xml.body).toContain(
        '<errors><error><code>404</code><description>接口不存在 / No such endpoint</description>',
      );
    }
  });

  /** The stored event behind a published request (service_request_id is its public id). */
  const eventOf = async (publicId: string) =>
    (
      await s.database.query<{ town_id: string; grid_id: string; address: string | null; description: string }>(
        'SELECT town_id, grid_id, address, description FROM events WHERE public_id = $1',
        [publicId],
      )
    )[0]!;

  it('locates a request by address_string or address_id (flagged for triage), never at a guessed point', async () => {
    const { lat: _lat, long: _long, ...noCoords } = good();
    const byAddress = await submit({ ...noCoords, address_string: '温岭市泽国镇文化广场东侧' });
    expect(byAddress.statusCode, byAddress.body).toBe(201);
    const placed = await eventOf(byAddress.json()[0].service_request_id);
    expect(placed).toMatchObject({ town_id: '331081006', address: '温岭市泽国镇文化广场东侧' });
    expect(placed.description).toContain('位置按地址推定于“泽国镇”，请分流时核实');
    const grid = (await gridOfUser(s, 'gridworker'))!;
    const byId = await submit({ ...noCoords, address_string: '', address_id: grid });
    expect(byId.statusCode, byId.body).toBe(201);
    expect((await eventOf(byId.json()[0].service_request_id)).grid_id).toBe(grid);
    // No location at all is still a 400, writing nothing.
    const before = await counts();
    const none = await submit({ ...noCoords, address_string: '' });
    expect(none.statusCode).toBe(400);
    expect(none.json()[0].description).toContain('lat and long, or address_string, or address_id');
    expect(await counts()).toEqual(before);
  });

  it('queues an address it cannot place for the operator, in no town, flagged in the queue and the drawer', async () => {
    const { lat: _lat, long: _long, ...noCoords } = good();
    const nowhere = await submit({ ...noCoords, address_string: '火星基地一号门', description: '路边井盖缺失' });
    expect(nowhere.statusCode, nowhere.body).toBe(201);
    expect(nowhere.json()[0].service_notice).toContain('The address could not be placed');
    const unknownId = await submit({ ...noCoords, address_string: '', address_id: '999999999' });
    expect(unknownId.statusCode, unknownId.body).toBe(201);
    const stored = await s.database.query<Record<string, unknown>>(
      `SELECT id, status, town_id, village_id, grid_id, proposal, suggested_master_id, location_unresolved, address,
              description
         FROM events WHERE public_id = ANY($1) ORDER BY address NULLS LAST`,
      [[nowhere.json()[0].service_request_id, unknownId.json()[0].service_request_id]],
    );
    expect(stored).toHaveLength(2);
    for (const row of stored)
      expect(row).toMatchObject({
        status: 'reported',
        town_id: null,
        village_id: null,
        grid_id: null,
        proposal: null,
        suggested_master_id: null,
        location_unresolved: true,
      });
    expect(stored.map((r) => r.address).sort()).toEqual(['address_id: 999999999', '火星基地一号门']);
    expect(stored[0]!.description).toContain('地址未能在区划目录中找到，请分流时确定位置');
    // The operator (county scope) sees it waiting in the triage queue, flagged; a town's officer does not.
    const id = stored.find((r) => r.address === '火星基地一号门')!.id as string;
    const queue = await s.call({
      method: 'GET',
      url: '/api/events?queue=untriaged&source=open311&limit=100',
      cookie: operator,
    });
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.json().items.find((e: { id: string }) => e.id === id)).toMatchObject({ locationUnresolved: true });
    const detail = await s.call({ method: 'GET', url: `/api/events/${id}`, cookie: operator });
    expect(detail.json()).toMatchObject({ locationUnresolved: true, townId: null, address: '火星基地一号门' });
    const officer = await s.login('officer');
    expect((await s.call({ method: 'GET', url: `/api/events/${id}`, cookie: officer })).statusCode).toBe(404);
    // The operator triages it like a report without a proposal: the matter and the team chosen by hand.
    const matterId = (
      await s.database.query<{ matter_id: string }>(
        `SELECT matter_id FROM events WHERE category = 'exposed_garbage' AND matter_id IS NOT NULL LIMIT 1`,
      )
    )[0]!.matter_id;
    const team = (
      await s.database.query<{ id: string }>(`SELECT id FROM teams WHERE town_id = '331081006' LIMIT 1`)
    )[0]!.id;
    const triaged = await s.call({
      method: 'POST',
      url: `/api/events/${id}/triage`,
      cookie: operator,
      payload: { version: detail.json().version, matterId, teamId: team, overrideReason: '地址核实为泽国镇' },
    });
    expect(triaged.statusCode, triaged.body).toBe(200);
  });

  it('keeps media_url as a field: shown to operators, served back on the request, not pasted into the words', async () => {
    const url = 'https://img.example.org/photos/garbage-1.jpg';
    const res = await submit(good({ media_url: url, description: '附照片的垃圾堆' }));
    expect(res.statusCode, res.body).toBe(201);
    const publicId = res.json()[0].service_request_id as string;
    const [row] = await s.database.query<{ id: string; media_url: string; description: string }>(
      'SELECT id, media_url, description FROM events WHERE public_id = $1',
      [publicId],
    );
    expect(row).toMatchObject({ media_url: url, description: '附照片的垃圾堆' });
    const detail = await s.call({ method: 'GET', url: `/api/events/${row!.id}`, cookie: operator });
    expect(detail.json().mediaUrl).toBe(url);
    const served = await s.call({ method: 'GET', url: `/open311/v2/requests/${publicId}.json` });
    expect(served.json()[0].media_url).toBe(url);
    const xml = await s.call({ method: 'GET', url: `/open311/v2/requests/${publicId}.xml` });
    expect(xml.body).toContain(`<media_url>${url}</media_url>`);
  });

  it('honours jurisdiction_id: ours is the county (code or name), another is a 404', async () => {
    expect((await submit(good({ jurisdiction_id: '331081' }))).statusCode).toBe(201);
    const before = await counts();
    const other = await submit(good({ jurisdiction_id: 'sf.gov' }));
    expect(other.statusCode).toBe(404);
    expect(other.json()).toEqual([{ code: 404, description: '未知的 jurisdiction_id / jurisdiction_id not found' }]);
    expect(await counts()).toEqual(before);
    for (const url of [
      '/open311/v2/services.json?jurisdiction_id=sf.gov',
      '/open311/v2/requests.xml?jurisdiction_id=sf.gov',
      '/open311/v2/services/exposed_garbage.json?jurisdiction_id=sf.gov',
    ]) {
      const res = await s.call({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
    }
    const name = await s.call({
      method: 'GET',
      url: `/open311/v2/services.json?jurisdiction_id=${encodeURIComponent('温岭市')}`,
    });
    expect(name.statusCode).toBe(200);
  });

  it('takes a multipart form, and date-only start_date / end_date (China time)', async () => {
    const boundary = '----oe311';
    const fields = good({ description: '多部分表单提交的垃圾' });
    const body =
      Object.entries(fields)
        .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
        .join('') + `--${boundary}--\r\n`;
    const res = await s.call({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: Buffer.from(body),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.statusCode, res.body).toBe(201);
    const no = res.json()[0].service_request_id as string;
    expect((await eventOf(no)).description).toBe('多部分表单提交的垃圾');
    // TEST_NOW is 2026-11-22 10:00 China time.
    const ids = async (q: string) =>
      (await s.call({ method: 'GET', url: `/open311/v2/requests.json?${q}` }))
        .json()
        .map((r: { service_request_id: string }) => r.service_request_id);
    expect(await ids('start_date=2026-11-22')).toContain(no);
    expect(await ids('start_date=2026-11-22&end_date=2026-11-22')).toContain(no);
    expect(await ids('start_date=2026-11-01&end_date=2026-11-21')).not.toContain(no);
    const bad = await s.call({ method: 'GET', url: '/open311/v2/requests.json?start_date=2026-02-30' });
    expect(bad.statusCode).toBe(400);
  });
});
