import type { WorkingCalendar } from '../calendar/index.ts';
import { addPeriod, levelAt, warnAtFraction, type DeadlineLevel } from '../deadlines/index.ts';
import type { EventStatus } from './lifecycle.ts';
import type { Sla } from './categories.ts';

/*
 * The event's SLA (SPEC §3 "dispatched with a deadline"): per category and urgency. Hours are clock hours; working
 * days run on the working-day calendar (TIME-1, TIME-3: adjusted weekends count, holidays do not) and end at the same
 * time of day, China time, on the n-th working day after the start day (TIME-2: the start day is not counted). The
 * clock is a deadline of the platform (kind EVENT_DEADLINE_KIND); its level is the deadlines module's `levelAt`.
 */

/** The deadline a dispatch starts: the kind of the event's clock in the platform's `deadlines` table. */
export const EVENT_DEADLINE_KIND = 'dispatch';
/** The rule the clock enforces (the category's SLA: SPEC §3). */
export const EVENT_DEADLINE_RULE = 'EVT-SLA';

/** Statuses on which the deadline clock runs (the escalation's, the queues' and the big screen's concern). */
export const RUNNING_STATUSES = [
  'dispatched',
  'accepted',
  'returned',
  'rectifying',
] as const satisfies readonly EventStatus[];

export const isRunning = (status: string): boolean => (RUNNING_STATUSES as readonly string[]).includes(status);

export function deadlineFor(from: Date, sla: Sla, calendar: WorkingCalendar): Date {
  return addPeriod(from, { type: sla.unit, n: sla.n }, calendar);
}

export type EscalationLevel = DeadlineLevel;

/**
 * Yellow (临期) once less than `warnFraction` of the time between dispatch and deadline remains; red (超期) once the
 * deadline is reached.
 */
export function escalationLevel(dispatchedAt: Date, deadline: Date, now: Date, warnFraction: number): EscalationLevel {
  return levelAt({ dueAt: deadline, warnAt: yellowAt(dispatchedAt, deadline, warnFraction) }, now);
}

/** The moment an event turns yellow: what the escalation job compares with now, in SQL. */
export function yellowAt(dispatchedAt: Date, deadline: Date, warnFraction: number): Date {
  return warnAtFraction(dispatchedAt, deadline, warnFraction);
}

/**
 * The level an event shows now: computed from its deadline while the clock runs (so every screen agrees with the
 * queues at once, not after the escalation job's next run); the level it reached, once the clock has stopped.
 */
export function eventLevel(
  e: { status: string; deadline: Date | null; warnAt: Date | null; escalation: string },
  now: Date,
): EscalationLevel {
  if (isRunning(e.status) && e.deadline) return levelAt({ dueAt: e.deadline, warnAt: e.warnAt }, now);
  return e.escalation as EscalationLevel;
}
