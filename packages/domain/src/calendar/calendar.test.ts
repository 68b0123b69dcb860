import { describe, expect, it } from 'vitest';
import { DomainError, ERRORS } from '../errors/index.ts';
import { CalendarOutOfRangeError, WorkingCalendar, calendarCoverage, type CalendarOverride } from './index.ts';

const calendar = new WorkingCalendar();

/** 2027 as the State Council might publish it: enough rows to show the override path; the dates are test data. */
const source = 'test notice for 2027';
const overrides2027: CalendarOverride[] = [
  { day: '2027-01-01', kind: 'holiday', name: '元旦', source },
  { day: '2027-02-06', kind: 'holiday', name: '春节', source },
  { day: '2027-02-07', kind: 'holiday', name: '春节', source },
  { day: '2027-02-08', kind: 'holiday', name: '春节', source },
  { day: '2027-02-09', kind: 'holiday', name: '春节', source },
  { day: '2027-02-10', kind: 'holiday', name: '春节', source },
  { day: '2027-02-20', kind: 'workday', name: '春节', source },
];

describe('LEGAL.md §A cases', () => {
  it('TIME-1/3: 2025-09-30 + 5 working days → 2025-10-14 (National Day + adjusted Saturday 10-11)', () => {
    expect(calendar.addWorkingDays('2025-09-30', 5)).toBe('2025-10-14');
  });
  it('TIME-1/3: 2026-02-12 + 5 working days → 2026-02-26 (Spring Festival + adjusted Saturday 02-14)', () => {
    expect(calendar.addWorkingDays('2026-02-12', 5)).toBe('2026-02-26');
  });
  it('TIME-3: 2026-02-14 (Saturday, 调休) is a working day', () => {
    expect(calendar.isWorkday('2026-02-14')).toBe(true);
  });
  it('TIME-3: 2026-02-23 (Monday, 春节) is not a working day', () => {
    expect(calendar.isWorkday('2026-02-23')).toBe(false);
  });
});

describe('working days', () => {
  it('weekends are not working days, ordinary weekdays are', () => {
    expect(calendar.isWorkday('2026-03-07')).toBe(false); // Saturday
    expect(calendar.isWorkday('2026-03-08')).toBe(false); // Sunday
    expect(calendar.isWorkday('2026-03-09')).toBe(true); // Monday
  });
  it('TIME-2: the start day is not counted, even when it is a working day', () => {
    expect(calendar.addWorkingDays('2026-03-09', 1)).toBe('2026-03-10');
    expect(calendar.addWorkingDays('2026-03-09', 0)).toBe('2026-03-09');
  });
  it('counts backwards for "at least N working days before"', () => {
    expect(calendar.addWorkingDays('2025-10-14', -5)).toBe('2025-09-30');
  });
  it('workingDaysBetween is the inverse of addWorkingDays', () => {
    expect(calendar.workingDaysBetween('2025-09-30', '2025-10-14')).toBe(5);
    expect(calendar.workingDaysBetween('2025-10-14', '2025-09-30')).toBe(-5);
    expect(calendar.workingDaysBetween('2026-02-12', '2026-02-26')).toBe(5);
  });
  it('dayInfo names holidays and adjusted working days', () => {
    expect(calendar.dayInfo('2026-02-14')).toEqual({
      day: '2026-02-14',
      workday: true,
      kind: 'adjusted_workday',
      name: '春节',
    });
    expect(calendar.dayInfo('2026-10-01')).toMatchObject({ workday: false, kind: 'holiday', name: '国庆节' });
    expect(calendar.dayInfo('2026-03-07')).toMatchObject({ workday: false, kind: 'weekend', name: null });
  });
  it('rejects malformed and impossible dates', () => {
    expect(() => calendar.isWorkday('2026-02-30')).toThrow(RangeError);
    expect(() => calendar.isWorkday('2026/02/01')).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-02-01', 1.5)).toThrow(RangeError);
  });
});

describe('TIME-2: calendar-day periods', () => {
  it('a period ending on a holiday ends on the next working day', () => {
    // 2026-09-16 + 15 days = 2026-10-01 (National Day) → first working day after the holiday is 10-08.
    expect(calendar.addCalendarDays('2026-09-16', 15)).toBe('2026-10-08');
  });
  it('a period ending on a weekend ends on Monday', () => {
    expect(calendar.addCalendarDays('2026-03-01', 6)).toBe('2026-03-09'); // Saturday 03-07 → Monday
  });
  it('a period ending on a working day is unchanged', () => {
    expect(calendar.addCalendarDays('2026-03-01', 15)).toBe('2026-03-16');
  });
  it('the roll-forward is a setting', () => {
    expect(calendar.addCalendarDays('2026-09-16', 15, { rollForwardToWorkday: false })).toBe('2026-10-01');
    // Without roll-forward no calendar data is needed, even far beyond the shipped years.
    expect(calendar.addCalendarDays('2026-12-01', 60, { rollForwardToWorkday: false })).toBe('2027-01-30');
  });
});

describe('TIME-4: years without data are flagged, never guessed', () => {
  it('covers 2004–2026 from the shipped data', () => {
    const years = calendar.coveredYears();
    expect(years[0]).toBe(2004);
    expect(years.at(-1)).toBe(2026);
    expect(years).toHaveLength(23);
  });
  it('throws CALENDAR_OUT_OF_RANGE for 2027 without overrides', () => {
    expect(() => calendar.isWorkday('2027-01-04')).toThrow(CalendarOutOfRangeError);
    try {
      calendar.addWorkingDays('2026-12-28', 5);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CalendarOutOfRangeError);
      const err = e as CalendarOutOfRangeError;
      expect(err.code).toBe('CALENDAR_OUT_OF_RANGE');
      expect(err.year).toBe(2027);
      expect(err.day).toBe('2027-01-01');
      expect(err).toBeInstanceOf(DomainError);
      expect(ERRORS[err.code].status).toBe(422);
    }
  });
  it('n = 0 and a zero-length span refuse a day past the data too (no answer for an uncovered year)', () => {
    expect(() => calendar.addWorkingDays('2027-03-01', 0)).toThrow(CalendarOutOfRangeError);
    expect(() => calendar.workingDaysBetween('2027-03-01', '2027-03-01')).toThrow(CalendarOutOfRangeError);
    expect(calendar.addWorkingDays('2026-03-02', 0)).toBe('2026-03-02');
  });
  it('the error names the missing year and the notice to enter (zh and en)', () => {
    try {
      calendar.addWorkingDays('2027-01-04', 0);
      expect.unreachable();
    } catch (e) {
      const detail = (e as CalendarOutOfRangeError).details[0]!;
      expect(detail.rule).toBe('TIME-4');
      expect(detail.message?.zh).toContain('2027 年尚无工作日历数据');
      expect(detail.message?.zh).toContain('国务院办公厅关于2027年部分节假日安排的通知');
      expect(detail.message?.en).toContain('2027');
    }
  });
  it('coverage: where the data ends, seen from today, and the 60-day warning window', () => {
    const years = calendar.coveredYears();
    expect(calendarCoverage(years, '2026-12-03')).toMatchObject({
      dataEnds: '2026-12-31',
      missingYear: 2027,
      daysLeft: 28,
      warn: true,
      notice: { zh: '国务院办公厅关于2027年部分节假日安排的通知' },
    });
    expect(calendarCoverage(years, '2026-11-01')).toMatchObject({ daysLeft: 60, warn: true });
    expect(calendarCoverage(years, '2026-10-31')).toMatchObject({ daysLeft: 61, warn: false });
    expect(calendarCoverage(years, '2027-01-05')).toMatchObject({ missingYear: 2027, daysLeft: -5, warn: true });
    expect(calendarCoverage([...years, 2027], '2026-12-03')).toMatchObject({ missingYear: 2028, warn: false });
  });
  it('throws before 2004 as well', () => {
    expect(() => calendar.isWorkday('2003-06-02')).toThrow(CalendarOutOfRangeError);
  });
  it('overrides alone do not make a year usable: a partly entered year stays uncovered', () => {
    const partial = new WorkingCalendar({ overrides: overrides2027 });
    expect(() => partial.isWorkday('2027-03-01')).toThrow(CalendarOutOfRangeError);
  });
  it('overrides plus a completeness declaration make 2027 computable', () => {
    const cal = new WorkingCalendar({ overrides: overrides2027, years: [{ year: 2027, complete: true, source }] });
    expect(cal.coveredYears().at(-1)).toBe(2027);
    // 2026-12-31 (Thu) + 3: 2027-01-01 holiday, 01-02/03 weekend → 01-04, 01-05, 01-06.
    expect(cal.addWorkingDays('2026-12-31', 3)).toBe('2027-01-06');
    expect(cal.isWorkday('2027-02-20')).toBe(true); // adjusted Saturday
    expect(cal.isWorkday('2027-02-08')).toBe(false); // Spring Festival Monday
    expect(cal.addWorkingDays('2027-02-05', 2)).toBe('2027-02-12');
    // The shared instance is unaffected.
    expect(() => calendar.isWorkday('2027-01-04')).toThrow(CalendarOutOfRangeError);
  });
  it('an override wins over shipped data (e.g. a holiday extended by notice)', () => {
    const cal = new WorkingCalendar({
      overrides: [{ day: '2026-03-09', kind: 'holiday', name: '临时调整', source: 'test' }],
    });
    expect(cal.isWorkday('2026-03-09')).toBe(false);
    expect(cal.addWorkingDays('2026-03-06', 1)).toBe('2026-03-10');
  });
  it('refuses duplicate override rows', () => {
    const row: CalendarOverride = { day: '2027-01-01', kind: 'holiday', name: '元旦', source };
    expect(() => new WorkingCalendar({ overrides: [row, row] })).toThrow(RangeError);
  });
});
