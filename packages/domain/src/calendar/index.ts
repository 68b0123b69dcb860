export {
  CalendarOutOfRangeError,
  WorkingCalendar,
  calendarOverrideSchema,
  calendarYearSchema,
  createWorkingCalendar,
} from './calendar.ts';
export type { CalendarOverride, CalendarYear, DayInfo, DayKind, WorkingCalendarInput } from './calendar.ts';
export { CALENDAR_WARN_DAYS, calendarCoverage, holidayNoticeTitle } from './coverage.ts';
export type { CalendarCoverage } from './coverage.ts';
