import type { WorkingCalendar } from '../calendar/index.ts';
import { CHINA_OFFSET_MS } from '../common/china-time.ts';

/*
 * Deadlines (LEGAL.md §A): a clock started on a subject (an event, a case, an inspection) runs for a period counted
 * in working days (TIME-1, TIME-3), calendar days (TIME-2: an end on a non-working day moves to the next working
 * day) or clock hours. It may be paused (中止: the time paused does not count), extended (an approved extension,
 * e.g. APL-60's decision period) and met or stopped. The level — none, yellow (临期) from the warning time, red
 * (超期) from the due time — is defined here once (`levelAt`, LEVEL_THRESHOLDS) and the server generates its SQL
 * from the same thresholds, so the big screen, the queues and the escalation job cannot disagree.
 */

export const CLOCK_TYPES = ['working_days', 'calendar_days', 'hours'] as const;
export type ClockType = (typeof CLOCK_TYPES)[number];

export const DEADLINE_LEVELS = ['none', 'yellow', 'red'] as const;
export type DeadlineLevel = (typeof DEADLINE_LEVELS)[number];

/** A period: n units of the clock type. */
export interface ClockSpec {
  type: ClockType;
  n: number;
}

const HOUR = 3_600_000;

/** The China calendar day of an instant and the time of day past its midnight. */
function chinaDay(at: Date): { day: string; timeOfDay: number } {
  const local = new Date(at.getTime() + CHINA_OFFSET_MS);
  const day = local.toISOString().slice(0, 10);
  return { day, timeOfDay: local.getTime() - Date.parse(`${day}T00:00:00Z`) };
}

const atChinaDay = (day: string, timeOfDay: number): Date =>
  new Date(Date.parse(`${day}T00:00:00Z`) + timeOfDay - CHINA_OFFSET_MS);

/**
 * The end of a period started at `from`: clock hours; or the same time of day, China time, on the n-th working
 * day after the start day (TIME-1/TIME-2: the start day is not counted); or n calendar days on, moved to the next
 * working day when it falls on a weekend or holiday (TIME-2). A negative n counts back (a shortened extension).
 * @throws CalendarOutOfRangeError when the count reaches a year without calendar data (TIME-4): never a guess.
 */
export function addPeriod(from: Date, spec: ClockSpec, calendar: WorkingCalendar): Date {
  if (spec.type === 'hours') return new Date(from.getTime() + spec.n * HOUR);
  const { day, timeOfDay } = chinaDay(from);
  const target =
    spec.type === 'working_days' ? calendar.addWorkingDays(day, spec.n) : calendar.addCalendarDays(day, spec.n);
  return atChinaDay(target, timeOfDay);
}

/**
 * The instant a clock turns yellow: when less than `warnFraction` of the time from its start to its due time
 * remains.
 */
export function warnAtFraction(startedAt: Date, dueAt: Date, warnFraction: number): Date {
  const span = dueAt.getTime() - startedAt.getTime();
  return new Date(dueAt.getTime() - span * warnFraction);
}

/**
 * The due time after a pause from `pausedAt` to `resumedAt`: pushed back by the time paused, in the clock's own
 * unit — the working days (or calendar days, or hours) that passed while paused.
 */
export function dueAfterPause(
  dueAt: Date,
  spec: Pick<ClockSpec, 'type'>,
  pausedAt: Date,
  resumedAt: Date,
  calendar: WorkingCalendar,
): Date {
  if (spec.type === 'hours') return new Date(dueAt.getTime() + (resumedAt.getTime() - pausedAt.getTime()));
  const a = chinaDay(pausedAt).day;
  const b = chinaDay(resumedAt).day;
  const days =
    spec.type === 'working_days'
      ? calendar.workingDaysBetween(a, b)
      : Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / (24 * HOUR));
  return days === 0 ? dueAt : addPeriod(dueAt, { type: spec.type, n: days }, calendar);
}

/**
 * The level thresholds, most severe first: a clock is at the first level whose instant has been reached
 * (instant ≤ now). `at` names the instant: the due time or the warning time.
 */
export const LEVEL_THRESHOLDS = [
  { level: 'red', at: 'dueAt' },
  { level: 'yellow', at: 'warnAt' },
] as const satisfies readonly { level: Exclude<DeadlineLevel, 'none'>; at: 'dueAt' | 'warnAt' }[];

/** Red once the due time is reached, yellow once the warning time is, none before (a running clock at `now`). */
export function levelAt(clock: { dueAt: Date; warnAt: Date | null }, now: Date): DeadlineLevel {
  for (const t of LEVEL_THRESHOLDS) {
    const at = clock[t.at];
    if (at !== null && at.getTime() <= now.getTime()) return t.level;
  }
  return 'none';
}

const RANK: Record<DeadlineLevel, number> = { none: 0, yellow: 1, red: 2 };

/** The more severe of two levels. */
export const maxLevel = (a: DeadlineLevel, b: DeadlineLevel): DeadlineLevel => (RANK[a] >= RANK[b] ? a : b);
/** The less severe of two levels (an extension can take a clock back from red). */
export const minLevel = (a: DeadlineLevel, b: DeadlineLevel): DeadlineLevel => (RANK[a] <= RANK[b] ? a : b);
