import { z } from 'zod';
import { DomainError } from '../errors/index.ts';
import shipped from './data/cn-workdays.json' with { type: 'json' };
import { holidayNoticeTitle } from './coverage.ts';
import { fromDayNumber, isWeekend, toDayNumber, yearOf } from './days.ts';

/**
 * Working-day calendar for legal deadlines (LEGAL.md §A).
 *
 * - TIME-1 (APL art. 85, ACL art. 69): the short periods are counted in working days. Callers decide which
 *   periods those are; this module only counts.
 * - TIME-2: the start day is not counted. A calendar-day period that ends on a non-working day ends on the next
 *   working day.
 * - TIME-3: adjusted working weekends (调休) are working days. Official holidays are not.
 * - TIME-4: the data is shipped (see data/SOURCE.md) plus overrides for later years. A day in a year with no
 *   complete data throws CalendarOutOfRangeError. We never guess from weekends alone, because a missing
 *   Spring Festival would silently shorten a party's time to respond.
 */

const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** One row of the override table (calendar_overrides): a day the State Council made a holiday or a working day. */
export const calendarOverrideSchema = z.object({
  day: DAY,
  kind: z.enum(['holiday', 'workday']),
  name: z.string().min(1),
  /** The notice it comes from, e.g. 国办发明电〔2026〕N号. */
  source: z.string().min(1),
});
export type CalendarOverride = z.infer<typeof calendarOverrideSchema>;

/**
 * Declares that the overrides for `year` are the whole State Council arrangement for that year, so the year may
 * be used for counting. This is kept apart from the day rows: a year with only some of its rows entered must stay
 * uncovered (TIME-4). A missing row cannot be told apart from an ordinary day.
 */
export const calendarYearSchema = z.object({
  year: z.number().int().min(1900).max(9999),
  complete: z.literal(true),
  source: z.string().min(1),
});
export type CalendarYear = z.infer<typeof calendarYearSchema>;

export interface WorkingCalendarInput {
  overrides?: readonly CalendarOverride[];
  years?: readonly CalendarYear[];
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted_workday';

export interface DayInfo {
  day: string;
  workday: boolean;
  kind: DayKind;
  /** Festival name (春节 …) for holidays and adjusted working days; null otherwise. */
  name: string | null;
}

/**
 * TIME-4: thrown when counting reaches a day whose year has no complete calendar data. It is a DomainError, so the
 * HTTP layer answers with the catalogue entry CALENDAR_OUT_OF_RANGE (zh/en). The message here is for logs.
 */
export class CalendarOutOfRangeError extends DomainError {
  declare readonly code: 'CALENDAR_OUT_OF_RANGE';

  constructor(
    readonly day: string,
    readonly year: number,
    readonly coveredYears: readonly number[],
  ) {
    super('CALENDAR_OUT_OF_RANGE', [
      {
        path: 'day',
        rule: 'TIME-4',
        message: {
          zh:
            `${year} 年尚无工作日历数据（计算到 ${day}），期限不能推算：请管理员录入${holidayNoticeTitle(year).zh}` +
            `（TIME-4）`,
          en:
            `No working-day calendar for ${year} (reached ${day}): the deadline cannot be computed until an ` +
            `administrator enters the ${year} notice (${holidayNoticeTitle(year).en}) (TIME-4)`,
        },
      },
    ]);
    this.name = 'CalendarOutOfRangeError';
    this.message =
      `TIME-4: no working-day calendar for ${year} (reached ${day}); the deadline cannot be computed until the ` +
      `State Council arrangement for ${year} is entered`;
  }
}

interface DayEntry {
  kind: 'holiday' | 'workday';
  name: string;
}

interface ShippedData {
  years: Record<string, { holidays: { name: string; days: string[] }[]; workdays: { name: string; days: string[] }[] }>;
}

let shippedDays: ReadonlyMap<number, DayEntry> | undefined;
let shippedYears: readonly number[] | undefined;

/** Built once per process: every calendar starts from the same shipped table. */
function loadShipped(): { days: ReadonlyMap<number, DayEntry>; years: readonly number[] } {
  if (!shippedDays || !shippedYears) {
    const data = shipped as ShippedData;
    const days = new Map<number, DayEntry>();
    for (const block of Object.values(data.years)) {
      for (const g of block.holidays)
        for (const d of g.days) days.set(toDayNumber(d), { kind: 'holiday', name: g.name });
      for (const g of block.workdays)
        for (const d of g.days) days.set(toDayNumber(d), { kind: 'workday', name: g.name });
    }
    shippedDays = days;
    shippedYears = Object.keys(data.years).map(Number);
  }
  return { days: shippedDays, years: shippedYears };
}

function assertInteger(n: number): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Day count must be an integer, got ${n}`);
}

export class WorkingCalendar {
  private readonly days: Map<number, DayEntry>;
  private readonly years: Set<number>;

  /**
   * @param input overrides from the database (they win over shipped data, e.g. a corrected or extended holiday)
   *   and the years declared complete.
   */
  constructor(input: WorkingCalendarInput = {}) {
    const base = loadShipped();
    this.days = new Map(base.days);
    this.years = new Set(base.years);
    const seen = new Set<number>();
    for (const o of input.overrides ?? []) {
      const n = toDayNumber(o.day);
      // Two rows for one day would make the outcome depend on row order: refuse rather than pick one.
      if (seen.has(n)) throw new RangeError(`Duplicate calendar override for ${o.day}`);
      seen.add(n);
      this.days.set(n, { kind: o.kind, name: o.name });
    }
    for (const y of input.years ?? []) if (y.complete) this.years.add(y.year);
  }

  /** Years usable for counting, ascending. */
  coveredYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }

  /** TIME-3: weekends are non-working unless adjusted (调休); holidays are non-working. TIME-4 if not covered. */
  isWorkday(day: string): boolean {
    return this.workdayAt(toDayNumber(day));
  }

  /** What kind of day it is, with the festival name, for display next to a deadline. */
  dayInfo(day: string): DayInfo {
    const n = toDayNumber(day);
    const workday = this.workdayAt(n);
    const entry = this.days.get(n);
    if (entry)
      return { day, workday, kind: entry.kind === 'holiday' ? 'holiday' : 'adjusted_workday', name: entry.name };
    return { day, workday, kind: workday ? 'workday' : 'weekend', name: null };
  }

  /**
   * TIME-1/TIME-2: the day `n` working days after `start`. The start day is not counted. A negative `n` counts
   * backwards (e.g. "notify at least 7 working days before the hearing", APL art. 64). `n = 0` returns `start`
   * when its year has data.
   * @throws CalendarOutOfRangeError when counting reaches a year without data (TIME-4)
   */
  addWorkingDays(start: string, n: number): string {
    assertInteger(n);
    let d = toDayNumber(start);
    // The start day must be in a covered year too: `n = 0` (or a count that never leaves the start's year) would
    // otherwise answer for a year with no data (TIME-4).
    this.workdayAt(d);
    const step = n < 0 ? -1 : 1;
    for (let left = Math.abs(n); left > 0;) {
      d += step;
      if (this.workdayAt(d)) left--;
    }
    return fromDayNumber(d);
  }

  /**
   * A calendar-day period: `start` plus `n` days (start not counted, TIME-2). With `rollForwardToWorkday` (the
   * default; TIME-2 is a setting) an end on a weekend or holiday moves to the next working day. Without it no
   * calendar data is needed.
   */
  addCalendarDays(start: string, n: number, options: { rollForwardToWorkday?: boolean } = {}): string {
    assertInteger(n);
    let d = toDayNumber(start) + n;
    if (options.rollForwardToWorkday ?? true) {
      while (!this.workdayAt(d)) d++;
    }
    return fromDayNumber(d);
  }

  /**
   * Working days in (a, b]: the inverse of addWorkingDays, so `workingDaysBetween(a, addWorkingDays(a, k)) === k`.
   * Negative when b is before a.
   */
  workingDaysBetween(a: string, b: string): number {
    const from = toDayNumber(a);
    const to = toDayNumber(b);
    this.workdayAt(from); // TIME-4 for both ends, also when a === b
    this.workdayAt(to);
    const lo = Math.min(from, to);
    const hi = Math.max(from, to);
    let count = 0;
    for (let d = lo + 1; d <= hi; d++) if (this.workdayAt(d)) count++;
    return to >= from ? count : -count;
  }

  private workdayAt(n: number): boolean {
    const year = yearOf(n);
    if (!this.years.has(year)) throw new CalendarOutOfRangeError(fromDayNumber(n), year, this.coveredYears());
    const entry = this.days.get(n);
    if (entry) return entry.kind === 'workday';
    return !isWeekend(n);
  }
}

/** The shipped calendar plus overrides; see WorkingCalendar. */
export function createWorkingCalendar(input: WorkingCalendarInput = {}): WorkingCalendar {
  return new WorkingCalendar(input);
}
