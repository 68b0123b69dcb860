import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_ACTIONS, type EventAction, type EventStatus } from '@openenforce/domain/events';
import { buildEvent, eventWorld, type EventWorld } from '../../test/factories.ts';
import { DRIVERS, testServer, type TestServer } from '../../test/harness.ts';
import { auditLog } from '../platform/audit/audit.schema.ts';
import { events, eventSteps } from './events.schema.ts';

/*
 * The event lifecycle on the platform's stepper: a client step id makes a repeated delivery harmless; "what may I
 * do here" answers exactly what the step API then accepts or refuses; a step reads the clock once.
 */
describe.each(DRIVERS)('event workflow on %s', (driver) => {
  let s: TestServer;
  let w: EventWorld;
  const c: Record<string, string> = {};
  beforeAll(async () => {
    s = await testServer(driver);
    w = await eventWorld(s);
    for (const u of ['operator', 'officer', 'officer2', 'gridworker', 'auxiliary', 'supervisor', 'admin'])
      c[u] = await s.login(u);
  });
  afterAll(() => s?.close());

  const post = (url: string, payload: object, who: string) => s.call({ method: 'POST', url, payload, cookie: c[who] });
  const stepsOf = (id: string) => s.database.db.select().from(eventSteps).where(eq(eventSteps.subjectId, id));
  const auditsOf = (id: string) => s.database.db.select().from(auditLog).where(eq(auditLog.entityId, id));

  it('a repeated client step returns the first result and writes nothing', async () => {
    const e = await buildEvent(s, w, 'dispatched');
    const body = { version: e.version, clientStepId: 'field-app-0001' };
    const first = await post(`/api/events/${e.id}/accept`, body, 'officer');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await post(`/api/events/${e.id}/accept`, body, 'officer');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect((await stepsOf(e.id)).map((x) => x.action)).toEqual(['report', 'accept']);
    expect((await auditsOf(e.id)).map((a) => a.action)).toEqual(['event.accept']);
    // The same key on another event is another step; a new key with the old version is stale.
    const stale = await post(`/api/events/${e.id}/accept`, { ...body, clientStepId: 'field-app-0002' }, 'officer');
    expect(stale.statusCode).toBe(409);
    // A refused step leaves no trace of its key: fixed, it goes through.
    const noReason = { version: first.json().version, reason: ' ', clientStepId: 'field-app-0003' };
    const other = await buildEvent(s, w, 'dispatched');
    expect((await post(`/api/events/${other.id}/return`, { ...noReason, version: 1 }, 'officer')).statusCode).toBe(400);
    const ok = await post(
      `/api/events/${other.id}/return`,
      { ...noReason, version: 1, reason: '非本队辖区' },
      'officer',
    );
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('a malformed client step id is refused by the schema', async () => {
    const e = await buildEvent(s, w, 'dispatched');
    const res = await post(`/api/events/${e.id}/accept`, { version: 1, clientStepId: 'a b' }, 'officer');
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0]).toMatchObject({ path: 'body.clientStepId' });
  });

  it('reads the clock once: state, timeline, audit and notifications carry one instant', async () => {
    const e = await buildEvent(s, w, 'triaged');
    // A clock that moves on every read: any second read inside the step would show.
    const base = s.clock.now().getTime();
    let reads = 0;
    const original = s.clock.now;
    s.clock.now = () => new Date(base + 1000 * ++reads);
    try {
      const res = await post(`/api/events/${e.id}/dispatch`, { version: e.version }, 'operator');
      expect(res.statusCode, res.body).toBe(200);
    } finally {
      s.clock.now = original;
    }
    const [row] = await s.database.db.select().from(events).where(eq(events.id, e.id));
    const step = (await stepsOf(e.id)).find((x) => x.action === 'dispatch')!;
    const [audit] = (await auditsOf(e.id)).filter((a) => a.action === 'event.dispatch');
    const instant = step.at.getTime();
    expect(row!.updatedAt.getTime()).toBe(instant);
    expect(row!.dispatchedAt!.getTime()).toBe(instant);
    expect(new Date(audit!.at).getTime()).toBe(instant);
  });

  /** A body that passes every input guard for the action, so that only state and actor decide. */
  const validBody = (action: EventAction, version: number): object => {
    switch (action) {
      case 'triage':
        return { version };
      case 'dispatch':
        return { version };
      case 'return':
      case 'dismiss':
        return { version, reason: '测试理由' };
      case 'arbitrate':
        return { version, justified: false, reason: '属本队辖区' };
      case 'handle':
        return { version, outcome: 'case_filed', note: '转立案' };
      case 'recheck':
        return { version, passed: true, note: '已整改' };
      case 'verify':
        return { version, passed: true };
      case 'rate':
        return { rating: 4 };
      case 'merge':
        return { version, masterId: '00000000-0000-4000-8000-000000000000' };
      case 'assist':
        return { note: '协助取证' };
      case 'urge':
        return {};
      default:
        return { version };
    }
  };

  // Every action, for a spread of users and states: the answer of "what may I do here" is what the step API does.
  const CASES: [EventStatus, string][] = [
    ['reported', 'operator'],
    ['triaged', 'officer'],
    ['dispatched', 'officer'],
    ['dispatched', 'auxiliary'],
    ['dispatched', 'supervisor'],
    ['accepted', 'officer'],
    ['returned', 'operator'],
    ['rectifying', 'officer'],
    ['handled', 'gridworker'],
    ['handled', 'operator'],
    ['closed', 'gridworker'],
    ['dispatched', 'admin'],
  ];
  for (const [status, who] of CASES) {
    it(`${who} on a ${status} event: the screen offers exactly what the API accepts`, async () => {
      for (const action of EVENT_ACTIONS) {
        const e = await buildEvent(s, w, status);
        const answer = await s.call({ method: 'GET', url: `/api/events/${e.id}/actions`, cookie: c[who] });
        expect(answer.statusCode, answer.body).toBe(200);
        const a = answer.json().actions.find((x: { action: string }) => x.action === action);
        const res = await post(`/api/events/${e.id}/${action}`, validBody(action, e.version), who);
        if (a.allowed) {
          // Allowed: the step goes through (a merge's made-up master is the one input-dependent refusal).
          if (action === 'merge') expect(res.json().details[0].rule).toBe('EVT-MERGE-MASTER');
          else expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
        } else {
          expect(res.statusCode, `${action}: ${res.body}`).toBeGreaterThanOrEqual(400);
          const rules = a.reasons.map((r: { rule: string }) => r.rule);
          expect(rules.length).toBeGreaterThan(0);
          // The API refuses with the first reason the screen gave.
          expect(res.json().details.map((d: { rule: string }) => d.rule)).toContain(rules[0]);
        }
      }
    });
  }

  it('answers 404 for an event outside the user’s town, as if absent', async () => {
    const e = await buildEvent(s, w, 'dispatched');
    const res = await s.call({ method: 'GET', url: `/api/events/${e.id}/actions`, cookie: c['officer2'] });
    expect(res.statusCode).toBe(404);
  });
});
