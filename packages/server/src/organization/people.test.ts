import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer, type TestServer } from '../../test/harness.ts';

describe('people references', () => {
  let s: TestServer;
  let admin: string;
  let zeguo: string;
  let taiping: string;
  beforeAll(async () => {
    s = await testServer('pglite');
    admin = await s.login('admin');
    const towns = (await s.call({ method: 'GET', url: '/api/org/regions?level=town&limit=50', cookie: admin })).json()
      .items;
    zeguo = towns.find((t: { name: string }) => t.name === '泽国镇').id;
    taiping = towns.find((t: { name: string }) => t.name === '太平街道').id;
  });
  afterAll(() => s?.close());

  const teamOf = async (town: string) => {
    const people = (
      await s.call({ method: 'GET', url: `/api/org/people?townId=${town}&role=officer&limit=1`, cookie: admin })
    ).json();
    return people.items[0].teamId as string;
  };
  const gridOf = async (town: string) =>
    (await s.call({ method: 'GET', url: `/api/org/map/grids?townId=${town}`, cookie: admin })).json().features[0]
      .id as string;
  const post = (payload: object) =>
    s.call({ method: 'POST', url: '/api/org/people', cookie: admin, payload: { role: 'officer', ...payload } });

  it('takes the agency from the team', async () => {
    const res = await post({ employeeNo: 'P1', name: '孙一', townId: zeguo, teamId: await teamOf(zeguo) });
    expect(res.statusCode).toBe(201);
    const rows = await s.database.query<{ agency_id: string | null }>(
      `SELECT agency_id FROM people WHERE employee_no = 'P1'`,
    );
    expect(rows[0]!.agency_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses another town's team or grid, and a town that is not a town", async () => {
    expect(
      (await post({ employeeNo: 'P2', name: '孙二', townId: zeguo, teamId: await teamOf(taiping) })).json().details,
    ).toMatchObject([{ path: 'body.teamId', rule: 'team_in_town' }]);
    expect(
      (await post({ employeeNo: 'P3', name: '孙三', townId: zeguo, gridId: await gridOf(taiping) })).json().details,
    ).toMatchObject([{ path: 'body.gridId', rule: 'grid_in_town' }]);
    const village = (
      await s.call({ method: 'GET', url: `/api/org/regions?level=village&townId=${zeguo}&limit=1`, cookie: admin })
    ).json().items[0].id;
    expect((await post({ employeeNo: 'P4', name: '孙四', townId: village })).json()).toMatchObject({
      code: 'REFERENCE_INVALID',
      details: [{ path: 'body.townId' }],
    });
  });

  it('checks a patch against the record as it will be', async () => {
    const created = (await post({ employeeNo: 'P5', name: '孙五', townId: zeguo, teamId: await teamOf(zeguo) })).json();
    const moved = await s.call({
      method: 'PATCH',
      url: `/api/org/people/${created.id}`,
      cookie: admin,
      payload: { version: created.version, townId: taiping },
    });
    expect(moved.json().details).toMatchObject([{ path: 'body.teamId', rule: 'team_in_town' }]);
    const both = await s.call({
      method: 'PATCH',
      url: `/api/org/people/${created.id}`,
      cookie: admin,
      payload: { version: created.version, townId: taiping, teamId: await teamOf(taiping) },
    });
    expect(both.statusCode).toBe(200);
    expect(both.json()).toMatchObject({ townId: taiping, version: created.version + 1, teamName: expect.any(String) });
  });
});
