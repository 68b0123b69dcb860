import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridOfUser, personOf, pointIn } from '../../test/events-support.ts';
import { DRIVERS, testServer, type TestServer } from '../../test/harness.ts';
import type { NotificationMessage } from '../platform/notifications/index.ts';

/** Reads a text/event-stream from app.inject({ payloadAsStream: true }). */
export function sse(stream: Readable) {
  let text = '';
  let ended = false;
  stream.on('data', (b: Buffer) => (text += b.toString('utf8')));
  stream.on('end', () => (ended = true));
  stream.on('error', () => undefined);
  const frames = () =>
    text
      .split('\n\n')
      .filter((f) => f.includes('data: '))
      .map((f) => ({
        event: /^event: (.*)$/m.exec(f)?.[1] ?? 'message',
        data: JSON.parse(/^data: (.*)$/m.exec(f)![1]!) as Record<string, unknown>,
      }));
  return {
    text: () => text,
    ended: () => ended,
    frames,
    async waitFor(pred: (f: ReturnType<typeof frames>[number]) => boolean, ms = 5000) {
      const until = Date.now() + ms;
      for (;;) {
        const hit = frames().find(pred);
        if (hit) return hit;
        if (Date.now() > until) throw new Error(`no such frame in ${ms} ms; got:\n${text}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

/** A notification as the list presents it (the fields these tests read). */
type Listed = { id: number; kind: string; subject: { type: string; id: string; label: string } | null };
const subjectId = (data: Record<string, unknown>) => (data['subject'] as Listed['subject'])?.id;

describe.each(DRIVERS)('escalation and notifications on %s', (driver) => {
  let s: TestServer;
  const c: Record<string, string> = {};
  let spot: { lng: number; lat: number };
  const sent: NotificationMessage[] = [];
  beforeAll(async () => {
    s = await testServer(driver, { EVENT_ESCALATION_INTERVAL_MS: '0' });
    s.deps.notifier!.use({ channel: 'test', send: async (m) => void sent.push(m) });
    for (const u of ['operator', 'officer', 'officer2', 'auxiliary', 'gridworker', 'supervisor'])
      c[u] = await s.login(u);
    spot = await pointIn(s, (await gridOfUser(s, 'gridworker'))!);
  });
  afterAll(() => s?.close());

  const post = (url: string, payload: object, who: string) => s.call({ method: 'POST', url, payload, cookie: c[who] });
  const get = (url: string, who: string) => s.call({ method: 'GET', url, cookie: c[who] });
  const run = () => s.services.escalation.runEscalation(s.clock.now());
  /** Move the clock; sessions expire on the way (idle timeout), so everyone signs in again. */
  const advance = async (ms: number) => {
    s.clock.advance(ms);
    for (const u of Object.keys(c)) c[u] = await s.login(u);
  };

  /** Report, triage and dispatch one event (exposed_garbage: a deadline 24 clock hours on). */
  async function dispatched(extra: object = {}) {
    const r = await post(
      '/api/events',
      { category: 'exposed_garbage', description: '路边暴露垃圾', ...spot, photoIds: [], ...extra },
      'gridworker',
    );
    expect(r.statusCode, r.body).toBe(201);
    let e = (await post(`/api/events/${r.json().event.id}/triage`, { version: 1 }, 'operator')).json();
    e = (await post(`/api/events/${e.id}/dispatch`, { version: e.version }, 'operator')).json();
    expect(e.status, JSON.stringify(e)).toBe('dispatched');
    return e as { id: string; version: number; deadline: string; no: string };
  }

  it('turns yellow at the warning time and red at the deadline, once each, with timeline, audit and delivery', async () => {
    // Nothing else due from earlier tests or demo data at the start.
    await run();
    sent.length = 0;
    const e = await dispatched();
    await run();
    const of = () => sent.filter((m) => m.subject?.id === e.id && m.level !== 'info').map((m) => m.kind);
    expect(of()).toEqual([]);
    // 24 h deadline, warn fraction 0.25: yellow from 18 h on. (Demo events fall due on the way too.)
    await advance(18 * 3_600_000 + 60_000);
    const y = await run();
    expect(y.yellow).toBeGreaterThanOrEqual(1);
    expect(y.notified).toBe(y.yellow + y.red);
    expect(y.failed).toBe(0);
    expect(of()).toEqual(['yellow']);
    expect(await run()).toMatchObject({ yellow: 0, red: 0 });
    let d = (await get(`/api/events/${e.id}`, 'operator')).json();
    expect(d).toMatchObject({ escalation: 'yellow', status: 'dispatched', version: e.version });
    expect(d.timeline.at(-1)).toMatchObject({ action: 'escalate', actorRole: 'system', detail: { level: 'yellow' } });
    await advance(6 * 3_600_000);
    expect((await run()).red).toBeGreaterThanOrEqual(1);
    expect(await run()).toMatchObject({ yellow: 0, red: 0 });
    d = (await get(`/api/events/${e.id}`, 'operator')).json();
    expect(d.escalation).toBe('red');
    expect(of()).toEqual(['yellow', 'red']);
    const red = sent.find((m) => m.subject?.id === e.id && m.kind === 'red')!;
    expect(red).toMatchObject({
      level: 'red',
      subject: { type: 'event', id: e.id, label: e.no },
      to: { role: 'command_operator' },
    });
    expect(red.to.teamId).toBe((await personOf(s, 'officer')).teamId);
    expect(red.title.zh).toContain('已超期');
    // The overdue queue shows it; the version did not move (a user's pending step does not turn stale).
    const overdue = (await get('/api/events?queue=overdue', 'operator')).json();
    expect(overdue.items.map((i: { id: string }) => i.id)).toContain(e.id);
    const acc = await post(`/api/events/${e.id}/accept`, { version: e.version }, 'officer');
    expect(acc.statusCode, acc.body).toBe(200);
    const audit = await s.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'event.escalate' AND entity_id = $1`,
      [e.id],
    );
    expect(audit[0]!.n).toBe(2);
    expect((await s.verifyAudit()).ok).toBe(true);
  });

  it('goes straight to red when the job finds an event past its deadline', async () => {
    const e = await dispatched();
    await advance(25 * 3_600_000);
    const r = await run();
    expect(r.red).toBeGreaterThanOrEqual(1);
    const rows = await s.database.query<{ kind: string }>(
      `SELECT kind FROM notifications WHERE subject_type = 'event' AND subject_id = $1`,
      [e.id],
    );
    expect(rows.map((x) => x.kind).sort()).toEqual(['dispatch', 'red']);
  });

  it('a failing adapter is logged and counted; the escalation stands', async () => {
    const e = await dispatched();
    s.deps.notifier!.use({
      channel: 'broken',
      send: async () => {
        throw new Error('gateway down');
      },
    });
    await advance(25 * 3_600_000);
    const r = await run();
    expect(r.red).toBeGreaterThanOrEqual(1);
    expect(r.failed).toBe(r.notified);
    expect((await get(`/api/events/${e.id}`, 'operator')).json().escalation).toBe('red');
    (s.deps.notifier!.adapters as unknown[]).pop();
  });

  it('steps notify the team, the command centre and supervisors; each reads only their own', async () => {
    const e = await dispatched();
    const teamList = (await get('/api/notifications?unread=true&limit=200', 'officer')).json();
    const mine = teamList.items.find((n: Listed) => n.subject?.id === e.id);
    expect(mine).toMatchObject({ kind: 'dispatch', level: 'info', readAt: null });
    expect(mine.title.zh).toContain(e.no);
    expect(teamList.unread).toBeGreaterThanOrEqual(1);
    // Another town's officer does not see it, and may not mark it read (404, as if absent).
    const other = (await get('/api/notifications?limit=200', 'officer2')).json();
    expect(other.items.some((n: Listed) => n.subject?.id === e.id)).toBe(false);
    expect((await post(`/api/notifications/${mine.id}/read`, {}, 'officer2')).statusCode).toBe(404);
    const read = await post(`/api/notifications/${mine.id}/read`, {}, 'officer');
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().readAt).toBe(s.clock.now().toISOString());
    const after = (await get('/api/notifications?unread=true&limit=200', 'officer')).json();
    expect(after.items.some((n: { id: number }) => n.id === mine.id)).toBe(false);
    // Addressed to the team: the officer's read is theirs alone; a teammate still has it unread.
    const mate = (await get('/api/notifications?unread=true&limit=200', 'auxiliary')).json();
    expect(mate.items.find((n: { id: number }) => n.id === mine.id)).toMatchObject({ readAt: null });
    expect((await post(`/api/notifications/${mine.id}/read`, {}, 'auxiliary')).statusCode).toBe(200);
    expect((await post(`/api/notifications/${mine.id}/read`, {}, 'officer')).json().readAt).toBe(read.json().readAt);
    const reads = await s.database.query<{ actor_role: string }>(
      `SELECT actor_role FROM audit_log WHERE action = 'notification.read' AND entity_id = $1 ORDER BY seq`,
      [String(mine.id)],
    );
    expect(reads.map((r) => r.actor_role)).toEqual(['officer', 'auxiliary']); // the first read of each, once

    const urged = (await post(`/api/events/${e.id}/urge`, { note: '请尽快处理' }, 'operator')).json();
    const ret = await post(
      `/api/events/${e.id}/return`,
      { version: urged.version, reason: '不属于本队职责' },
      'officer',
    );
    expect(ret.statusCode, ret.body).toBe(200);
    const officerKinds = (await get('/api/notifications?limit=200', 'officer'))
      .json()
      .items.filter((n: Listed) => n.subject?.id === e.id);
    expect(officerKinds.map((n: { kind: string }) => n.kind)).toEqual(['urge', 'dispatch']);
    const ops = (await get('/api/notifications?limit=200', 'operator')).json().items;
    expect(ops.find((n: Listed) => n.subject?.id === e.id)).toMatchObject({ kind: 'return' });
    // Supervisors are told of a low rating (≤ 2).
    const handled = await closeWithRating(e.id, 1);
    expect(handled).toBe(200);
    const sup = (await get('/api/notifications?limit=200', 'supervisor')).json().items;
    expect(sup.find((n: Listed) => n.subject?.id === e.id)).toMatchObject({ kind: 'low_rating' });
    // Paging: a cursor leads to older notifications.
    const p1 = (await get('/api/notifications?limit=1', 'operator')).json();
    const p2 = (await get(`/api/notifications?limit=1&cursor=${p1.nextCursor}`, 'operator')).json();
    expect(p2.items[0].id).toBeLessThan(p1.items[0].id);
  });

  /** Arbitrate back to the same team, accept, transfer (closes) and rate: the shortest way to a rating. */
  async function closeWithRating(id: string, rating: number) {
    const step = async (action: string, body: object, who: string) => {
      const res = await post(`/api/events/${id}/${action}`, body, who);
      expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
      return res.json();
    };
    let e = (await get(`/api/events/${id}`, 'operator')).json();
    e = await step('arbitrate', { version: e.version, justified: false, reason: '属本队职责' }, 'operator');
    e = await step('accept', { version: e.version }, 'officer');
    e = await step(
      'handle',
      { outcome: 'transferred', version: e.version, note: '移交住建部门', toDepartment: '市住建局' },
      'officer',
    );
    expect(e.status).toBe('closed');
    return (await post(`/api/events/${id}/rate`, { rating }, 'gridworker')).statusCode;
  }

  it('streams events by data scope and notifications to their addressees', async () => {
    const open = async (who: string) => {
      const res = await s.app.inject({
        method: 'GET',
        url: '/api/events/stream',
        headers: { cookie: c[who]! },
        payloadAsStream: true,
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/event-stream');
      return sse(res.stream());
    };
    const op = await open('operator');
    const officer = await open('officer');
    const far = await open('officer2');
    expect(s.services.stream.stats().clients).toBe(3);
    const e = await dispatched();
    await op.waitFor((f) => f.event === 'event' && f.data['id'] === e.id && f.data['action'] === 'dispatch');
    const note = await officer.waitFor((f) => f.event === 'notification' && subjectId(f.data) === e.id);
    expect(note.data).toMatchObject({ type: 'dispatch', level: 'info' });
    await officer.waitFor((f) => f.event === 'event' && f.data['id'] === e.id);
    // The other town's officer got neither (the same message loop served all three).
    expect(far.frames().some((f) => f.data['id'] === e.id || subjectId(f.data) === e.id)).toBe(false);
    expect(far.text()).toContain(': connected');
    // Signing out ends that session's stream (in every process: the revocation travels by NOTIFY).
    const out = await s.call({ method: 'POST', url: '/api/auth/logout', cookie: c['officer2'] });
    expect(out.statusCode).toBe(204);
    for (let i = 0; i < 100 && !far.ended(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(far.ended()).toBe(true);
    expect(op.ended()).toBe(false);
    expect(s.services.stream.stats().clients).toBe(2);
    // No session: 401, no stream.
    const anon = await s.call({ method: 'GET', url: '/api/events/stream' });
    expect(anon.statusCode).toBe(401);
  });
});
