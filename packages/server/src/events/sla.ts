import { sql } from 'drizzle-orm';
import { EVENT_DEADLINE_KIND, EVENT_DEADLINE_RULE, eventLevel, isRunning, type Sla } from '@openenforce/domain/events';
import type { CalendarService } from '../platform/calendar/index.ts';
import { createDeadlines, type ClockRecord, type LevelColumns, type Subject } from '../platform/deadlines/index.ts';
import type { Db } from '../platform/db/index.ts';
import type { EventInsert, EventRow } from './events.repository.ts';
import { RUNNING_SQL } from './running.ts';

export { RUNNING_SQL } from './running.ts';

/*
 * The event's SLA clock on the platform's deadlines (SPEC §3): a deadline of kind `dispatch` on subject `event`,
 * started at dispatch, started afresh at arbitration and at a failed verification (reopened), met when the event
 * leaves the running statuses (handled, or closed by a transfer). The event keeps a copy of the clock's due time,
 * warning time and level in its own columns (`deadline`, `warn_at`, `escalation`), written here in the same
 * transaction, because the big screen's covering indexes read them; the escalation job claims from `deadlines`.
 */

import { EVENT_SUBJECT } from './events.shared.ts';

export { EVENT_SUBJECT };

type Clocked = Pick<EventRow, 'id' | 'townId'>;

export function createEventSla(calendar: CalendarService, warnFraction: () => number) {
  const clocks = createDeadlines(() => calendar.calendar);
  const subject = (row: Clocked): Subject => ({ type: EVENT_SUBJECT, id: row.id, townId: row.townId });

  /** Start the clock (stopping any that runs): the event's copy of it as columns to set. */
  async function restart(
    tx: Db,
    row: Clocked,
    sla: Sla,
    now: Date,
    due: { dueAt: Date; warnAt?: Date | null; level?: 'none' | 'yellow' | 'red' },
  ): Promise<Partial<EventInsert>> {
    await clocks.stop(tx, subject(row), EVENT_DEADLINE_KIND, now);
    const c = await clocks.start(
      tx,
      {
        subject: subject(row),
        kind: EVENT_DEADLINE_KIND,
        ruleId: EVENT_DEADLINE_RULE,
        clock: { type: sla.unit, n: sla.n },
        dueAt: due.dueAt,
        ...(due.warnAt !== undefined ? { warnAt: due.warnAt } : { warnFraction: warnFraction() }),
        level: due.level ?? 'none',
      },
      now,
    );
    return { deadline: c.dueAt, warnAt: c.warnAt, escalation: c.level };
  }

  return {
    /** Dispatch: the clock starts now and runs to `deadline` (the category's SLA, or the dispatcher's own time). */
    async dispatch(tx: Db, row: Clocked, sla: Sla, deadline: Date, now: Date): Promise<Partial<EventInsert>> {
      return { dispatchedAt: now, ...(await restart(tx, row, sla, now, { dueAt: deadline })) };
    },

    /**
     * Arbitration dispatches again: a fresh clock to `deadline` (a justified return: a new SLA; an unjustified one:
     * the old deadline), its warning counted from now; already past due, it starts red without a new escalation.
     */
    async redispatch(tx: Db, row: Clocked, sla: Sla, deadline: Date, now: Date): Promise<Partial<EventInsert>> {
      return {
        dispatchedAt: now,
        ...(await restart(tx, row, sla, now, { dueAt: deadline, level: deadline <= now ? 'red' : 'none' })),
      };
    },

    /**
     * A failed verification reopens the event: the clock runs again to the same deadline, keeping the level it had
     * reached (red if the deadline passed meanwhile, without a new escalation).
     */
    async reopen(tx: Db, row: EventRow, sla: Sla, now: Date): Promise<Partial<EventInsert>> {
      if (!row.deadline) return {};
      const level = row.deadline <= now ? 'red' : (row.escalation as 'none' | 'yellow' | 'red');
      return restart(tx, row, sla, now, { dueAt: row.deadline, warnAt: row.warnAt, level });
    },

    /** The step takes the event out of the running statuses (handled, closed): its clock is met. */
    async leave(tx: Db, row: EventRow, to: string, now: Date): Promise<void> {
      if (isRunning(row.status) && !isRunning(to)) await clocks.meet(tx, subject(row), EVENT_DEADLINE_KIND, now);
    },

    /** The event's clocks, oldest first (the record of every dispatch and its outcome). */
    list: (db: Db, row: Clocked) => clocks.list(db, subject(row)),
  };
}

export type EventSla = ReturnType<typeof createEventSla>;

/**
 * The event's copy of its clock, as the deadlines module's level SQL reads it: the one definition of "overdue" and
 * "warning" for the big screen, the queues and the map (platform/deadlines/level.sql.ts).
 */
export const EVENT_CLOCK: LevelColumns = {
  dueAt: sql.raw('deadline'),
  warnAt: sql.raw('warn_at'),
  running: RUNNING_SQL,
};

/**
 * The event as read now: its `escalation` is the level of its deadline at `now` while the clock runs (what the queues
 * and the big screen count), not the level the escalation job last wrote (up to an interval behind).
 */
export function levelNow<R extends Pick<EventRow, 'status' | 'deadline' | 'warnAt' | 'escalation'>>(
  row: R | undefined,
  now: Date,
): R | undefined {
  return row && { ...row, escalation: eventLevel(row, now) };
}

/** The clocks of events written in bulk (the demo year): one per running event with a deadline, as it stands. */
export function eventClockRecords(
  evs: readonly {
    id: string;
    townId: string | null;
    status: string;
    sla: Sla;
    dispatchedAt: Date | null;
    deadline: Date | null;
    warnAt: Date | null;
    escalation: string;
  }[],
): ClockRecord[] {
  return evs
    .filter((e) => isRunning(e.status) && e.deadline)
    .map((e) => ({
      subject: { type: EVENT_SUBJECT, id: e.id, townId: e.townId },
      kind: EVENT_DEADLINE_KIND,
      ruleId: EVENT_DEADLINE_RULE,
      clock: { type: e.sla.unit, n: e.sla.n },
      startedAt: e.dispatchedAt ?? e.deadline!,
      dueAt: e.deadline!,
      warnAt: e.warnAt,
      level: e.escalation as ClockRecord['level'],
    }));
}
