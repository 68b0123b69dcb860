import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridOfUser, multipart, pointIn, TINY_JPEG } from '../../test/events-support.ts';
import { DRIVERS, testServer, type TestServer } from '../../test/harness.ts';
import { MIGRATIONS_FOLDER } from '../platform/db/index.ts';
import { createDeadlines } from '../platform/deadlines/index.ts';
import { EVENT_SUBJECT } from './sla.ts';

/*
 * The event's SLA as a platform deadline: the lifecycle starts, restarts and meets the dispatch clock in the step's
 * transaction, the event's own columns stay a copy of it, and the data migration gave running events their clocks.
 */

interface Clock {
  subject_id: string;
  due_at: Date;
  warn_at: Date | null;
  level: string;
  met: boolean;
  stopped: boolean;
}

describe.each(DRIVERS)('event deadlines on %s', (driver) => {
  let s: TestServer;
  const c: Record<string, string> = {};
  let spot: { lng: number; lat: number };
  beforeAll(async () => {
    s = await testServer(driver);
    for (const u of ['operator', 'officer', 'gridworker']) c[u] = await s.login(u);
    spot = await pointIn(s, (await gridOfUser(s, 'gridworker'))!);
  });
  afterAll(() => s?.close());

  const post = (url: string, payload: object, who: string) => s.call({ method: 'POST', url, payload, cookie: c[who] });
  const photo = async (who: string, kind: string) => {
    const m = multipart(TINY_JPEG, 'p.jpg', 'image/jpeg');
    const res = await s.call({ method: 'POST', url: `/api/events/photos?kind=${kind}`, cookie: c[who], ...m });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };
  const step = async (id: string, action: string, body: object, who: string) => {
    const res = await post(`/api/events/${id}/${action}`, body, who);
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    return res.json() as { id: string; version: number; deadline: string; escalation: string; status: string };
  };
  const clocks = (id: string) =>
    createDeadlines(() => s.services.calendar.calendar).list(s.database.db, { type: EVENT_SUBJECT, id });

  it('dispatch starts the clock, arbitration restarts it, handling meets it, a failed verification reopens it', async () => {
    const r = await post(
      '/api/events',
      {
        category: 'exposed_garbage',
        description: '期限测试',
        ...spot,
        photoIds: [await photo('gridworker', 'report')],
      },
      'gridworker',
    );
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().event.id as string;
    let e = await step(id, 'triage', { version: 1 }, 'operator');
    e = await step(id, 'dispatch', { version: e.version }, 'operator');
    const deadline = e.deadline;
    let list = await clocks(id);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ kind: 'dispatch', ruleId: 'EVT-SLA', clockType: 'hours', period: 24 });
    expect(list[0]!.dueAt.toISOString()).toBe(deadline);
    expect(list[0]!.metAt).toBeNull();
    // Returned and arbitrated (unjustified): the clock is stopped and a new one runs to the same deadline.
    e = await step(id, 'return', { version: e.version, reason: '不属于本队职责' }, 'officer');
    s.clock.advance(60_000);
    e = await step(id, 'arbitrate', { version: e.version, justified: false, reason: '属本队职责' }, 'operator');
    expect(e.deadline).toBe(deadline);
    list = await clocks(id);
    expect(list.map((x) => [x.metAt !== null, x.stoppedAt !== null])).toEqual([
      [false, true],
      [false, false],
    ]);
    expect(list[1]!.dueAt.toISOString()).toBe(deadline);
    s.clock.advance(60_000);
    e = await step(id, 'accept', { version: e.version }, 'officer');
    e = await step(
      id,
      'handle',
      { outcome: 'fixed_on_site', version: e.version, note: '已清理', photoIds: [await photo('officer', 'after')] },
      'officer',
    );
    expect(e.status).toBe('handled');
    list = await clocks(id);
    expect(list[1]!.metAt?.toISOString()).toBe(s.clock.now().toISOString());
    // Reopened after the deadline passed: the clock runs again to the same deadline, red without a new escalation.
    s.clock.advance(25 * 3_600_000);
    for (const u of Object.keys(c)) c[u] = await s.login(u);
    e = await step(id, 'verify', { version: e.version, passed: false, note: '仍有垃圾' }, 'gridworker');
    expect(e).toMatchObject({ status: 'accepted', escalation: 'red', deadline });
    list = await clocks(id);
    expect(list.map((x) => [x.metAt !== null, x.stoppedAt !== null, x.level])).toEqual([
      [false, true, 'none'],
      [true, false, 'none'],
      [false, false, 'red'],
    ]);
    expect(list[2]!.dueAt.toISOString()).toBe(deadline);
    await s.services.escalation.runEscalation(s.clock.now());
    const notes = await s.database.query<{ kind: string }>(
      `SELECT kind FROM notifications WHERE subject_type = 'event' AND subject_id = $1 AND kind IN ('yellow', 'red')`,
      [id],
    );
    expect(notes).toEqual([]);
  });

  it('the data migration gives every running event with a deadline its clock, as the lifecycle would', async () => {
    const read = () =>
      s.database.query<Clock>(
        `SELECT subject_id, due_at, warn_at, level, met_at IS NOT NULL AS met, stopped_at IS NOT NULL AS stopped
           FROM deadlines WHERE subject_type = 'event' AND met_at IS NULL AND stopped_at IS NULL ORDER BY subject_id`,
      );
    const seeded = await read();
    expect(seeded.length).toBeGreaterThan(10); // the demo's running events
    const [running] = await s.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM events
        WHERE status IN ('dispatched','accepted','returned','rectifying') AND deadline IS NOT NULL`,
    );
    expect(seeded).toHaveLength(running!.n);
    // Run the migration's backfill over the same events (their clocks removed first): the same clocks.
    const sql = readFileSync(`${MIGRATIONS_FOLDER}/0012_deadlines.sql`, 'utf8')
      .split('--> statement-breakpoint')
      .at(-1)!;
    await s.database.query(`DELETE FROM deadlines WHERE subject_type = 'event'`);
    await s.database.query(sql);
    expect(await read()).toEqual(seeded);
  });
});
