import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent, eventWorld, type EventWorld } from '../../test/factories.ts';
import { personOf } from '../../test/events-support.ts';
import { DRIVERS, testServer, type TestServer } from '../../test/harness.ts';

describe.each(DRIVERS)("the team leader's board on %s", (driver) => {
  let s: TestServer;
  let w: EventWorld;
  const c: Record<string, string> = {};
  beforeAll(async () => {
    s = await testServer(driver);
    w = await eventWorld(s);
    for (const u of ['leader', 'officer2', 'supervisor']) c[u] = await s.login(u);
  });
  afterAll(() => s?.close());

  const board = async (who: string) => s.call({ method: 'GET', url: '/api/events/team-board', cookie: c[who] });

  it("lists the team's members with the open tasks each has in hand, and says attendance is not recorded", async () => {
    // The leader leads the county brigade; the squad officer's squad is below it.
    const squad = (await personOf(s, 'officer2')).teamId!;
    const me = (await s.call({ method: 'GET', url: '/api/auth/me', cookie: c['officer2'] })).json().user;
    const e = await buildEvent(s, w, 'dispatched', { teamId: squad, townId: me.scopeTownId });
    const before = (await board('leader')).json();
    expect(before.attendanceRecorded).toBe(false);
    const leader = (await s.call({ method: 'GET', url: '/api/auth/me', cookie: c['leader'] })).json().user;
    expect(before.teamId).toBe(leader.scopeTeamId);
    const officerName = me.displayName;
    const officer = before.members.find((m: { name: string }) => m.name === officerName);
    expect(officer).toMatchObject({ hasLogin: true, roleLabel: { zh: '执法人员' } });
    expect(officer.eventIds).not.toContain(e.id);
    expect(before.tasks.map((t: { id: string }) => t.id)).toContain(e.id);

    const accepted = await s.call({
      method: 'POST',
      url: `/api/events/${e.id}/accept`,
      cookie: c['officer2'],
      payload: { version: e.version },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const after = (await board('leader')).json();
    const now = after.members.find((m: { name: string }) => m.name === officerName);
    expect(now.eventIds).toContain(e.id);
    expect(now.openTasks).toBe(officer.openTasks + 1);
  });

  it('is refused to roles that handle no tasks', async () => {
    const res = await board('supervisor');
    expect(res.statusCode).toBe(403);
  });
});
