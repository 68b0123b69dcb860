/**
 * Calendar-day arithmetic on 'YYYY-MM-DD' strings via epoch day numbers (days since 1970-01-01, UTC).
 * Legal periods count whole days in China's calendar, so we never let a local time zone or a DST shift
 * touch them: everything is UTC midnight.
 */

const MS_PER_DAY = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses 'YYYY-MM-DD' into an epoch day number; throws a RangeError for anything else (incl. 2026-02-30). */
export function toDayNumber(day: string): number {
  const m = DAY_PATTERN.exec(day);
  if (!m) throw new RangeError(`Invalid date "${day}": expected YYYY-MM-DD`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const date = Number(m[3]);
  const ms = Date.UTC(year, month - 1, date);
  const check = new Date(ms);
  // Date.UTC silently rolls 2026-02-30 over to March; a legal deadline must not start from a typo.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) {
    throw new RangeError(`Invalid date "${day}": no such calendar day`);
  }
  return ms / MS_PER_DAY;
}

/** Formats an epoch day number as 'YYYY-MM-DD'. */
export function fromDayNumber(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The calendar year of an epoch day number. */
export function yearOf(n: number): number {
  return new Date(n * MS_PER_DAY).getUTCFullYear();
}

/** Whether the day is a Saturday or Sunday. 1970-01-01 (day 0) was a Thursday. */
export function isWeekend(n: number): boolean {
  const weekday = (((n + 4) % 7) + 7) % 7; // 0 = Sunday
  return weekday === 0 || weekday === 6;
}
