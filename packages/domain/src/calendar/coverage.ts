import { fromDayNumber, toDayNumber } from './days.ts';

/*
 * TIME-4: the working-day calendar is data that ends. Administrators are warned ahead of the end (default 60 days:
 * the State Council usually publishes the next year's arrangement in November) so that the next year is entered
 * before deadlines reach it; otherwise every working-day deadline that crosses the end fails (from late December a
 * 5-working-day dispatch already reaches into January).
 */

/** Days before the end of the calendar data at which administrators are warned (a setting; default 60). */
export const CALENDAR_WARN_DAYS = 60;

export interface CalendarCoverage {
  /** The last day a deadline can be counted to: 31 December of the last covered year in a row from today. */
  dataEnds: string;
  /** The first year without data after today (the year to enter). */
  missingYear: number;
  /** Days from today to `dataEnds` (negative: today is already past the data). */
  daysLeft: number;
  /** Within the warning window (or past the end). */
  warn: boolean;
  /** The notice an administrator enters the missing year from, by its usual title. */
  notice: { zh: string; en: string };
}

/** The State Council's annual notice on holiday arrangements, by its usual title (国务院办公厅关于Y年部分节假日安排的通知). */
export function holidayNoticeTitle(year: number): { zh: string; en: string } {
  return {
    zh: `国务院办公厅关于${year}年部分节假日安排的通知`,
    en: `General Office of the State Council: notice on the arrangement of certain holidays in ${year}`,
  };
}

/**
 * Where the covered years end, seen from `today` (YYYY-MM-DD, China time): the first year from today's on that has
 * no data, and whether administrators are to be warned (`warnDays` or fewer days left).
 */
export function calendarCoverage(
  coveredYears: readonly number[],
  today: string,
  warnDays: number = CALENDAR_WARN_DAYS,
): CalendarCoverage {
  const covered = new Set(coveredYears);
  let year = Number(today.slice(0, 4));
  while (covered.has(year)) year++;
  const dataEnds = `${year - 1}-12-31`;
  const daysLeft = toDayNumber(dataEnds) - toDayNumber(today);
  return {
    dataEnds: fromDayNumber(toDayNumber(dataEnds)),
    missingYear: year,
    daysLeft,
    warn: daysLeft <= warnDays,
    notice: holidayNoticeTitle(year),
  };
}
