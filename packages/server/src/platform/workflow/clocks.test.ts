import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '@openenforce/domain/calendar';
import { addPeriod } from '@openenforce/domain/deadlines';
import type { ClockEffects } from '@openenforce/domain/workflow';
import { DRIVERS, testServer, type TestServer } from '../../../test/harness.ts';
import type { Db } from '../db/index.ts';
import { createDeadlines } from '../deadlines/index.ts';
import { applyClocks, type RecordClocks } from './clocks.ts';

/*
 * The clocks a procedure row declares, applied on the platform's deadlines: started with the row's period on the
 * working-day calendar, met, paused and resumed, extended by the step's approved amount, restarted in place.
 */
const calendar = createWorkingCalendar();
const at = (iso: string) => new Date(iso);

describe.each(DRIVERS)('procedure clocks on %s', (driver) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer(driver);
  });
  afterAll(() => s?.close());

  const deadlines = createDeadlines(() => calendar);
  const spec: RecordClocks<{ id: string }> = {
    deadlines,
    subject: (r) => ({ type: 'test_record', id: r.id, townId: null }),
    warnFraction: 0.2,
  };
  const run = (id: string, effects: ClockEffects, now: Date, values?: Parameters<typeof applyClocks>[4]) =>
    s.database.db.transaction((tx: Db) => applyClocks(tx, spec, { id }, effects, values, now));
  const open = (id: string, kind: string) => deadlines.open(s.database.db, spec.subject({ id }), kind);

  it('starts, extends, pauses, resumes and meets the clocks a row names', async () => {
    const now = at('2026-03-02T02:00:00Z');
    const started = await run(
      'r-1',
      {
        start: [
          { kind: 'decision', rule: 'APL-60', clock: 'calendar_days', amount: 90 },
          { kind: 'reply', rule: 'TIME-1', clock: 'working_days', amount: 5 },
        ],
      },
      now,
    );
    expect(started.map((c) => [c.kind, c.op])).toEqual([
      ['decision', 'start'],
      ['reply', 'start'],
    ]);
    const decision = (await open('r-1', 'decision'))!;
    expect(decision.ruleId).toBe('APL-60');
    expect(decision.dueAt).toEqual(addPeriod(now, { type: 'calendar_days', n: 90 }, calendar));
    expect(decision.warnAt).not.toBeNull();
    expect((await open('r-1', 'reply'))!.dueAt).toEqual(addPeriod(now, { type: 'working_days', n: 5 }, calendar));

    const later = at('2026-03-16T02:00:00Z');
    await run('r-1', { extend: ['decision'] }, later, { extendBy: 30 });
    const extended = (await open('r-1', 'decision'))!;
    expect(extended.extendedBy).toBe(30);
    expect(extended.dueAt).toEqual(addPeriod(decision.dueAt, { type: 'calendar_days', n: 30 }, calendar));

    await run('r-1', { pause: ['decision'] }, later);
    expect((await open('r-1', 'decision'))!.pausedAt).toEqual(later);
    await run('r-1', { resume: ['decision'] }, at('2026-03-26T02:00:00Z'));
    const resumed = (await open('r-1', 'decision'))!;
    expect(resumed.pausedAt).toBeNull();
    expect(resumed.dueAt.getTime()).toBeGreaterThan(extended.dueAt.getTime());

    const met = await run('r-1', { stop: ['reply'] }, later);
    expect(met).toEqual([{ kind: 'reply', op: 'meet', dueAt: expect.any(String) }]);
    expect(await open('r-1', 'reply')).toBeNull();
  });

  it('a clock started again replaces the open one of its kind; a step may set the due time itself', async () => {
    const now = at('2026-03-02T02:00:00Z');
    await run('r-2', { start: [{ kind: 'notice', rule: 'APL-63', clock: 'working_days', amount: 5 }] }, now);
    const due = at('2026-04-02T02:00:00Z');
    await run('r-2', { start: [{ kind: 'notice', rule: 'APL-63' }] }, at('2026-03-04T02:00:00Z'), {
      dueAt: { notice: due },
    });
    const all = await deadlines.list(s.database.db, { type: 'test_record', id: 'r-2' });
    expect(all).toHaveLength(2);
    expect(all[0]!.stoppedAt).not.toBeNull();
    expect(all[1]!.dueAt).toEqual(due);
  });

  it('a row that needs a value its step did not give is a programming error, not a silent skip', async () => {
    await expect(run('r-3', { extend: ['decision'] }, at('2026-03-02T02:00:00Z'))).rejects.toThrow(/without an amount/);
    await expect(run('r-3', { start: [{ kind: 'x', rule: 'R' }] }, at('2026-03-02T02:00:00Z'))).rejects.toThrow(
      /no due time/,
    );
  });
});
