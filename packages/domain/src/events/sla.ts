import type { WorkingCalendar } from '../calendar/index.ts';
import type { Sla } from './categories.ts';

/*
 * Deadlines (SPEC §3 "dispatched with a deadline"): per category and urgency. Hours are clock hours; working days
 * run on the working-day calendar (TIME-1, TIME-3: adjusted weekends count, holidays do not) and end at the same
 * time of day, China time, on the n-th working day after the start day (TIME-2: the start day is not counted).
 */

const CHINA_OFFSET_MS = 8 * 3_600_000;

export function deadlineFor(from: Date, sla: Sla, calendar: WorkingCalendar): Date {
  if (sla.unit === 'hours') return new Date(from.getTime() + sla.n * 3_600_000);
  const local = new Date(from.getTime() + CHINA_OFFSET_MS);
  const day = local.toISOString().slice(0, 10);
  const target = calendar.addWorkingDays(day, sla.n);
  const timeOfDay = local.getTime() - Date.parse(`${day}T00:00:00Z`);
  return new Date(Date.parse(`${target}T00:00:00Z`) + timeOfDay - CHINA_OFFSET_MS);
}

export type EscalationLevel = 'none' | 'yellow' | 'red';

export const ESCALATION_ORDER: Record<EscalationLevel, number> = { none: 0, yellow: 1, red: 2 };

/**
 * Yellow (临期) once less than `warnFraction` of the time between dispatch and deadline remains; red (超期) once the
 * deadline has passed.
 */
export function escalationLevel(dispatchedAt: Date, deadline: Date, now: Date, warnFraction: number): EscalationLevel {
  const left = deadline.getTime() - now.getTime();
  if (left < 0) return 'red';
  const span = deadline.getTime() - dispatchedAt.getTime();
  return left <= span * warnFraction ? 'yellow' : 'none';
}

/** The moment an event turns yellow: what the escalation job compares with now, in SQL. */
export function yellowAt(dispatchedAt: Date, deadline: Date, warnFraction: number): Date {
  const span = deadline.getTime() - dispatchedAt.getTime();
  return new Date(deadline.getTime() - span * warnFraction);
}
