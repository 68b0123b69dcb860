import type { WorkingCalendar } from '@openenforce/domain/calendar';
import { caseSettings, type CaseClockKind, type CaseFacts, type CaseSettings } from '@openenforce/domain/cases';

/*
 * The domain's `CaseFacts` as a case row keeps them: everything but the state (the `status` column), the agency's
 * settings (case_agency_settings) and the working-day calendar (the calendar service). JSON has no Date: the few
 * instants in the facts are revived here, in the one function that builds the facts of a stored case.
 */

export type StoredFacts = Omit<CaseFacts, 'state' | 'settings' | 'calendar'>;

/**
 * A statutory clock whose due date cannot be computed (TIME-4: it reaches a year without calendar data). It is kept on
 * the case, flagged, and started on the platform's deadlines once the calendar has the year (`recomputeCaseClocks`).
 */
export interface FlaggedClock {
  kind: CaseClockKind;
  rule: string;
  startedAt: string;
  /** Approved extensions so far, in the clock's day unit. */
  extraDays: number;
  reason: { rule: string; zh: string; en: string };
}

/** What `caseFacts` reads from a stored case. */
export interface FactsSource {
  status: string;
  facts: StoredFacts;
}

const date = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));

/** The facts the procedure's guards read, for a stored case with its agency's settings on the given calendar. */
export function caseFacts(
  row: FactsSource,
  settings: Partial<CaseSettings> | null,
  calendar: WorkingCalendar,
): CaseFacts {
  const f = row.facts;
  return {
    ...f,
    state: row.status as CaseFacts['state'],
    evidence: f.evidence.map((e) => ({ ...e, capturedAt: date(e.capturedAt) })),
    transfer: f.transfer
      ? { ...f.transfer, approvedAt: date(f.transfer.approvedAt), sentAt: date(f.transfer.sentAt) }
      : null,
    settings: caseSettings(settings ?? {}),
    calendar,
  };
}

/** The facts as the row keeps them (the state, settings and calendar live elsewhere). */
export function storedFacts(f: CaseFacts): StoredFacts {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { state, settings, calendar, ...rest } = f;
  return rest;
}
