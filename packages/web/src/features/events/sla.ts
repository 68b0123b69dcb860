import { CalendarOutOfRangeError, WorkingCalendar } from '@openenforce/domain/calendar';
import { deadlineFor } from '@openenforce/domain/events';
import type { CategoryInfo } from './types.ts';

let calendar: WorkingCalendar | undefined;

/**
 * The deadline a dispatch made now gets by default: the domain's rule (`deadlineFor`: clock hours, or working days
 * on the working-day calendar, TIME-1…3) on the shipped holiday data, the same the server computes. Null when the
 * shipped data does not reach the deadline's year (TIME-4): then the server, which also knows the years an
 * administrator published since, computes it (the dispatch form leaves the field empty).
 *
 * Only the command centre's dispatch form imports this (the holiday data stays out of the phone pages' chunks).
 */
export function slaDeadline(
  category: CategoryInfo | undefined,
  urgency: 'normal' | 'urgent',
  now = new Date(),
): Date | null {
  if (!category) return null;
  try {
    return deadlineFor(now, category.sla[urgency], (calendar ??= new WorkingCalendar()));
  } catch (err) {
    if (err instanceof CalendarOutOfRangeError) return null;
    throw err;
  }
}
