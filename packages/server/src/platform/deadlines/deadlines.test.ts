import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalendarOutOfRangeError, createWorkingCalendar } from '@openenforce/domain/calendar';
import { addPeriod, levelAt, type DeadlineLevel } from '@openenforce/domain/deadlines';
import { DRIVERS, testServer, type TestServer } from '../../../test/harness.ts';
import type { Db } from '../db/index.ts';
import { createNotifier } from '../notifications/index.ts';
import { createDeadlines, type Subject } from './deadlines.ts';
import { createDeadlineEscalation, type ClaimedDeadline } from './escalation.ts';
import { atLevelSql, instant, levelSql } from './level.sql.ts';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const calendar = createWorkingCalendar();
const at = (iso: string) => new Date(iso);

describe.each(DRIVERS)('deadlines on %s', (driver) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer(driver);
  });
  afterAll(() => s?.close());

  const clocks = createDeadlines(() => calendar);
  const tx = <T>(fn: (t: Db) => Promise<T>): Promise<T> => s.database.db.transaction(fn);
  const subject = (id: string): Subject => ({ type: 'test_case', id, townId: '331081001' });

  it('runs several clocks on one subject, counted on the working-day calendar; one open clock per kind', async () => {
    // Friday 2026-09-25, 10:00 China time; 国庆 2026 (Oct 1–7) lies inside the period.
    const now = at('2026-09-25T02:00:00Z');
    const sub = subject('c-1');
    const reply = await tx((t) =>
      clocks.start(t, { subject: sub, kind: 'reply', ruleId: 'TIME-1', clock: { type: 'working_days', n: 5 } }, now),
    );
    expect(reply.dueAt).toEqual(addPeriod(now, { type: 'working_days', n: 5 }, calendar));
    expect(reply.dueAt.getTime()).toBeGreaterThan(at('2026-10-07T00:00:00Z').getTime()); // the holidays do not count
    const decision = await tx((t) =>
      clocks.start(
        t,
        {
          subject: sub,
          kind: 'decision',
          ruleId: 'APL-60',
          clock: { type: 'calendar_days', n: 90 },
          warnFraction: 0.1,
        },
        now,
      ),
    );
    expect(decision.warnAt!.getTime()).toBeLessThan(decision.dueAt.getTime());
    const hours = await tx((t) =>
      clocks.start(t, { subject: sub, kind: 'hearing', ruleId: 'X', clock: { type: 'hours', n: 4 } }, now),
    );
    expect(hours.dueAt).toEqual(at('2026-09-25T06:00:00Z'));
    await expect(
      tx((t) =>
        clocks.start(t, { subject: sub, kind: 'reply', ruleId: 'TIME-1', clock: { type: 'hours', n: 1 } }, now),
      ),
    ).rejects.toThrow();
    expect((await clocks.list(s.database.db, sub)).map((c) => c.kind).sort()).toEqual(['decision', 'hearing', 'reply']);
  });

  it('pauses (the time paused does not count), resumes, extends, meets; a met clock stays listed', async () => {
    const sub = subject('c-2');
    const t0 = at('2026-11-02T01:00:00Z'); // Monday 09:00 China time
    const c = await tx((t) =>
      clocks.start(
        t,
        { subject: sub, kind: 'reply', ruleId: 'TIME-1', clock: { type: 'working_days', n: 3 }, warnFraction: 0.25 },
        t0,
      ),
    );
    expect(c.dueAt).toEqual(at('2026-11-05T01:00:00Z'));
    const lead = c.dueAt.getTime() - c.warnAt!.getTime();
    const paused = await tx((t) => clocks.pause(t, sub, 'reply', at('2026-11-03T01:00:00Z')));
    expect(paused!.pausedAt).toEqual(at('2026-11-03T01:00:00Z'));
    // Paused Tuesday → resumed Thursday: two working days do not count.
    const resumed = await tx((t) => clocks.resume(t, sub, 'reply', at('2026-11-05T02:00:00Z')));
    expect(resumed).toMatchObject({ dueAt: at('2026-11-09T01:00:00Z'), pausedAt: null });
    expect(resumed!.pausedMs).toBe(2 * 86_400_000 + 3_600_000);
    expect(resumed!.dueAt.getTime() - resumed!.warnAt!.getTime()).toBe(lead);
    // An approved extension of 2 working days (Monday → Wednesday).
    const extended = await tx((t) => clocks.extend(t, sub, 'reply', 2, at('2026-11-06T01:00:00Z')));
    expect(extended).toMatchObject({ dueAt: at('2026-11-11T01:00:00Z'), extendedBy: 2 });
    const met = await tx((t) => clocks.meet(t, sub, 'reply', at('2026-11-10T01:00:00Z')));
    expect(met!.metAt).toEqual(at('2026-11-10T01:00:00Z'));
    expect(await clocks.open(s.database.db, sub, 'reply')).toBeNull();
    expect(await tx((t) => clocks.meet(t, sub, 'reply', at('2026-11-10T02:00:00Z')))).toBeNull();
    // A new clock of the same kind may start once the old one is met.
    await tx((t) =>
      clocks.start(
        t,
        { subject: sub, kind: 'reply', ruleId: 'TIME-1', clock: { type: 'hours', n: 1 } },
        at('2026-11-10T03:00:00Z'),
      ),
    );
    expect((await clocks.list(s.database.db, sub)).map((x) => x.metAt !== null)).toEqual([true, false]);
  });

  it('a due date past the calendar data is an error (TIME-4), and nothing is written', async () => {
    const sub = subject('c-3');
    const late = at('2026-12-20T02:00:00Z');
    await expect(
      tx((t) =>
        clocks.start(
          t,
          { subject: sub, kind: 'reply', ruleId: 'TIME-1', clock: { type: 'working_days', n: 20 } },
          late,
        ),
      ),
    ).rejects.toBeInstanceOf(CalendarOutOfRangeError);
    expect(await clocks.list(s.database.db, sub)).toEqual([]);
  });

  it('escalates once to yellow at the warning time and once to red at the due time, through the owner’s handler', async () => {
    const esc = createDeadlineEscalation(s.deps, createNotifier(s.database, s.clock, [], quiet), quiet, {
      batchSize: 2,
    });
    const calls: { level: string; ids: string[] }[] = [];
    let skip = new Set<string>();
    esc.register('test_case', 'escalating', async (_tx, cs: readonly ClaimedDeadline[], level) => {
      const mine = cs.filter((c) => !skip.has(c.subjectId));
      calls.push({ level, ids: mine.map((c) => c.subjectId).sort() });
      return { handled: mine.map((c) => c.id), messages: [] };
    });
    const t0 = at('2030-01-01T00:00:00Z');
    const subs = ['e-1', 'e-2', 'e-3'].map(subject);
    for (const sub of subs)
      await tx((t) =>
        clocks.start(
          t,
          {
            subject: sub,
            kind: 'escalating',
            ruleId: 'X',
            clock: { type: 'hours', n: 10 },
            dueAt: at('2030-01-01T10:00:00Z'),
            warnAt: at('2030-01-01T08:00:00Z'),
          },
          t0,
        ),
      );
    // A paused clock and a met one never escalate.
    await tx((t) => clocks.pause(t, subs[2]!, 'escalating', t0));
    expect(await esc.runEscalation(at('2030-01-01T07:59:59Z'))).toMatchObject({ yellow: 0, red: 0 });
    // The owner skips e-2 (its subject is busy): it stays due and is taken next time.
    skip = new Set(['e-2']);
    expect(await esc.runEscalation(at('2030-01-01T08:00:00Z'))).toMatchObject({ yellow: 1, red: 0 });
    skip = new Set();
    expect(await esc.runEscalation(at('2030-01-01T09:00:00Z'))).toMatchObject({ yellow: 1, red: 0 });
    expect(await esc.runEscalation(at('2030-01-01T09:30:00Z'))).toMatchObject({ yellow: 0, red: 0 });
    await tx((t) => clocks.meet(t, subs[1]!, 'escalating', at('2030-01-01T09:30:00Z')));
    expect(await esc.runEscalation(at('2030-01-01T10:00:00Z'))).toMatchObject({ yellow: 0, red: 1 });
    expect(await esc.runEscalation(at('2030-01-02T00:00:00Z'))).toMatchObject({ yellow: 0, red: 0 });
    expect(calls).toEqual([
      { level: 'yellow', ids: ['e-1'] },
      { level: 'yellow', ids: [] },
      { level: 'yellow', ids: ['e-2'] },
      { level: 'red', ids: ['e-1'] },
    ]);
    const levels = (await Promise.all(subs.map((x) => clocks.list(s.database.db, x)))).map((l) => l.at(-1)!.level);
    expect(levels).toEqual(['red', 'yellow', 'none']);
    // An extension takes a red clock back below red, so it can escalate again at its new due time.
    const back = await tx((t) => clocks.extend(t, subs[0]!, 'escalating', 24, at('2030-01-01T11:00:00Z')));
    expect(back!.level).toBe('none');
  });

  it('the level SQL says what the domain says, at every boundary', async () => {
    const due = at('2030-06-01T10:00:00Z');
    const warn = at('2030-06-01T08:00:00Z');
    const nows = [
      '2030-06-01T07:59:59.999Z',
      '2030-06-01T08:00:00.000Z',
      '2030-06-01T09:59:59.999Z',
      '2030-06-01T10:00:00.000Z',
      '2030-06-01T10:00:00.001Z',
    ].map(at);
    for (const [w, running] of [
      [warn, true],
      [null, true],
      [warn, false],
    ] as const) {
      for (const now of nows) {
        const cols = {
          dueAt: instant(due),
          warnAt: w ? instant(w) : sql`NULL::timestamptz`,
          running: running ? sql`true` : sql`false`,
        };
        const [row] = (
          (await s.database.db.execute(sql`
            SELECT ${levelSql(cols, instant(now))} AS level, ${atLevelSql('red', cols, instant(now))} AS red,
                   ${atLevelSql('yellow', cols, instant(now))} AS yellow`)) as unknown as {
            rows: { level: DeadlineLevel; red: boolean | null; yellow: boolean | null }[];
          }
        ).rows;
        const expected = running ? levelAt({ dueAt: due, warnAt: w }, now) : 'none';
        expect(row!.level, `${now.toISOString()} warn ${w?.toISOString()} running ${running}`).toBe(expected);
        expect(row!.red === true).toBe(expected === 'red');
        expect(row!.yellow === true).toBe(expected === 'yellow');
      }
    }
  });
});
