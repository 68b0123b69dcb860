import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, secondNode, testServer, type TestServer } from '../../test/harness.ts';

const square = (lng: number, lat: number, d = 0.01) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lng, lat],
      [lng + d, lat],
      [lng + d, lat + d],
      [lng, lat + d],
      [lng, lat],
    ],
  ],
});

describe.each(DRIVERS)('regions on %s', (driver) => {
  let s: TestServer;
  let admin: string;
  let village: { id: string; townId: string };
  let drawn: { id: string; centroid: [number, number] };
  beforeAll(async () => {
    s = await testServer(driver);
    admin = await s.login('admin');
    const get = async (url: string) => (await s.call({ method: 'GET', url, cookie: admin })).json();
    const town = (await get('/api/org/regions?level=town&limit=1')).items[0];
    // A new village without a boundary of its own, for grids drawn outside the demo county.
    const payload = { id: `${town.id}901`, parentId: town.id, level: 'village', name: '新设村' };
    village = (await s.call({ method: 'POST', url: '/api/org/regions', cookie: admin, payload })).json();
    drawn = (await get('/api/org/regions?level=village&limit=1')).items[0];
  });
  afterAll(() => s?.close());

  it('creates a grid under a village; the point index knows it at once', async () => {
    const res = await s.call({
      method: 'POST',
      url: '/api/org/regions',
      cookie: admin,
      payload: {
        id: `${village.id}901`,
        parentId: village.id,
        level: 'grid',
        name: '新增网格',
        boundary: square(122.5, 28.5),
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      townId: village.townId,
      level: 'grid',
      centroid: [expect.closeTo(122.505, 5), expect.closeTo(28.505, 5)],
    });
    const at = await s.call({ method: 'GET', url: '/api/org/locate?lng=122.505&lat=28.505', cookie: admin });
    expect(at.json().grid).toEqual({ id: `${village.id}901`, name: '新增网格' });
    const detail = (await s.call({ method: 'GET', url: `/api/org/regions/${village.id}901`, cookie: admin })).json();
    expect(detail.path.map((p: { level: string }) => p.level)).toEqual(['county', 'town', 'village', 'grid']);
  });

  it('refuses a code that does not extend the parent, a wrong level, an open ring, a missing parent', async () => {
    const post = (payload: object) => s.call({ method: 'POST', url: '/api/org/regions', cookie: admin, payload });
    const wrongCode = await post({ id: '331081999999999', parentId: village.id, level: 'grid', name: '错' });
    expect(wrongCode.json().details).toMatchObject([{ path: 'body.id', rule: 'code_extends_parent_by_3_digits' }]);
    const wrongLevel = await post({ id: `${village.id}902`, parentId: village.id, level: 'village', name: '错' });
    expect(wrongLevel.json().details).toMatchObject([{ path: 'body.level', rule: 'level_below_parent:grid' }]);
    const open = square(122, 28);
    open.coordinates[0]!.pop();
    const openRing = await post({
      id: `${village.id}903`,
      parentId: village.id,
      level: 'grid',
      name: '错',
      boundary: open,
    });
    expect(openRing.statusCode).toBe(400);
    expect(openRing.json().details[0].path).toMatch(/^body\.boundary/);
    const orphan = await post({ id: '331081099001', parentId: '331081099', level: 'village', name: '孤' });
    expect(orphan.json()).toMatchObject({ code: 'REFERENCE_INVALID', details: [{ path: 'body.parentId' }] });
    const outside = await s.call({ method: 'GET', url: '/api/org/locate?lng=100&lat=20', cookie: admin });
    expect(outside.json().code).toBe('ORG_POINT_OUTSIDE');
  });

  it('refuses a boundary on top of another grid, or outside its parent', async () => {
    const [lng, lat] = drawn.centroid;
    const under = (await s.call({ method: 'GET', url: `/api/org/locate?lng=${lng}&lat=${lat}`, cookie: admin })).json()
      .grid.id;
    const onTop = await s.call({
      method: 'POST',
      url: '/api/org/regions',
      cookie: admin,
      payload: {
        id: `${drawn.id}904`,
        parentId: drawn.id,
        level: 'grid',
        name: '重叠',
        boundary: square(lng - 0.0005, lat - 0.0005, 0.001),
      },
    });
    expect(onTop.json().details).toMatchObject([{ path: 'body.boundary', rule: `overlaps:${under}` }]);
    const away = await s.call({
      method: 'POST',
      url: '/api/org/regions',
      cookie: admin,
      payload: { id: `${drawn.id}905`, parentId: drawn.id, level: 'grid', name: '越界', boundary: square(122.7, 28.7) },
    });
    expect(away.json().details).toMatchObject([{ path: 'body.boundary', rule: `outside_parent:${drawn.id}` }]);
  });

  it('gives town mode to towns only', async () => {
    const res = await s.call({
      method: 'PATCH',
      url: `/api/org/regions/${drawn.id}`,
      cookie: admin,
      payload: { version: 1, townMode: 'empowered' },
    });
    expect(res.json().details).toMatchObject([{ path: 'body.townMode', rule: 'town_mode_only_for_towns' }]);
  });

  it('serves one region boundary as a GeoJSON feature', async () => {
    const res = await s.call({ method: 'GET', url: `/api/org/regions/${drawn.id}/boundary`, cookie: admin });
    expect(res.json()).toMatchObject({
      type: 'Feature',
      id: drawn.id,
      geometry: { type: 'Polygon' },
      properties: { level: 'village' },
    });
  });
});

describe('two server processes on one PostgreSQL', () => {
  it('a region created on one node is located by the other (LISTEN/NOTIFY)', async () => {
    const a = await testServer('postgres');
    const b = await secondNode(a);
    try {
      const [ca, cb] = [await a.login('admin'), await b.login('admin')];
      const town = (await a.call({ method: 'GET', url: '/api/org/regions?level=town&limit=1', cookie: ca })).json()
        .items[0];
      const payload = { id: `${town.id}902`, parentId: town.id, level: 'village', name: '跨节点村' };
      const village = (await a.call({ method: 'POST', url: '/api/org/regions', cookie: ca, payload })).json();
      expect(
        (await b.call({ method: 'GET', url: '/api/org/locate?lng=123.005&lat=29.005', cookie: cb })).statusCode,
      ).toBe(404);
      const res = await a.call({
        method: 'POST',
        url: '/api/org/regions',
        cookie: ca,
        payload: {
          id: `${village.id}950`,
          parentId: village.id,
          level: 'grid',
          name: '跨节点网格',
          boundary: square(123, 29),
        },
      });
      expect(res.statusCode).toBe(201);
      await expect
        .poll(
          async () =>
            (await b.call({ method: 'GET', url: '/api/org/locate?lng=123.005&lat=29.005', cookie: cb })).json().grid
              ?.name,
          { timeout: 5000 },
        )
        .toBe('跨节点网格');
    } finally {
      await b.close();
      await a.close();
    }
  });
});
