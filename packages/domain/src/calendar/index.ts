export {
  CalendarOutOfRangeError,
  WorkingCalendar,
  calendarOverrideSchema,
  calendarYearSchema,
  createWorkingCalendar,
} from './calendar.ts';
export type { CalendarOverride, CalendarYear, DayInfo, DayKind, WorkingCalendarInput } from './calendar.ts';
