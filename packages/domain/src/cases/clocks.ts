import { CalendarOutOfRangeError, type WorkingCalendar } from '../calendar/index.ts';
import { chinaDate, chinaMidnight } from '../common/china-time.ts';
import { reason, type ClockStart, type Reason } from '../workflow/procedure.ts';
import type { CaseSettings } from './settings.ts';

/*
 * Statutory clocks of a case (LEGAL.md §A, issue 10 §5), apart from SLAs. Each clock kind is data: the rule that sets
 * it, its unit (TIME-1: APL periods of 2, 3, 5, 7 days and ACL periods of 10 days or less are working days; the rest
 * calendar days; lawsuits and court applications run in months), and its length — fixed by the statute or taken from
 * the settings. The procedure's rows start, stop, pause and extend these kinds by name; `clockDue` computes a due
 * date on the domain calendar, and flags (never guesses) a due date reaching a year without calendar data (TIME-4).
 */

export type CaseClockUnit = 'working_days' | 'calendar_days' | 'hours' | 'months';

export interface CaseClockRule {
  rule: string;
  unit: CaseClockUnit;
  amount: number;
  zh: string;
  en: string;
}

export const CASE_CLOCK_KINDS = [
  'filing',
  'decision',
  'preservation',
  'seizure',
  'statement',
  'hearing_request',
  'service',
  'cash_handover',
  'payment',
  'reminder',
  'reconsideration',
  'lawsuit',
  'court_application',
  'transfer_decision',
  'transfer_send',
  'police_answer',
  'publication',
  'publication_withdrawal',
] as const;
export type CaseClockKind = (typeof CASE_CLOCK_KINDS)[number];

/** APL-64 [V]: the party is told the time and place of a hearing at least this many working days before it. */
export const HEARING_NOTICE_WORKING_DAYS = 7;

/** Every clock kind's rule and length, with the settings applied. */
export function caseClockRules(s: CaseSettings): Record<CaseClockKind, CaseClockRule> {
  return {
    filing: { rule: 'APL-54', ...s.filingPeriod, zh: '立案期限', en: 'Filing period' },
    decision: {
      rule: 'APL-60',
      unit: 'calendar_days',
      amount: 90,
      zh: '办案期限（九十日）',
      en: 'Decision period (90 days)',
    },
    preservation: {
      rule: 'APL-56',
      unit: 'working_days',
      amount: 7,
      zh: '先行登记保存处理决定（七日）',
      en: 'Decision on preserved evidence (7 working days)',
    },
    seizure: {
      rule: 'ACL-25',
      unit: 'calendar_days',
      amount: 30,
      zh: '查封、扣押期限（三十日）',
      en: 'Seizure (30 days)',
    },
    statement: { rule: 'APL-44/45/62', ...s.statementPeriod, zh: '陈述、申辩期限', en: 'Statement and defence period' },
    hearing_request: {
      rule: 'APL-63/64',
      unit: 'working_days',
      amount: 5,
      zh: '听证申请期限（告知后五日内）',
      en: 'Hearing request window (5 working days after notice)',
    },
    service: {
      rule: 'APL-61',
      unit: 'working_days',
      amount: 7,
      zh: '决定书送达期限（七日内）',
      en: 'Service of the decision (7 working days)',
    },
    cash_handover: {
      rule: 'APL-68',
      unit: 'working_days',
      amount: 2,
      zh: '当场收缴罚款交至行政机关（二日内）',
      en: 'Cash collected on the spot handed to the agency (2 working days)',
    },
    payment: {
      rule: 'APL-67',
      unit: 'calendar_days',
      amount: 15,
      zh: '缴纳罚款期限（十五日）',
      en: 'Payment (15 days)',
    },
    reminder: {
      rule: 'ACL-35/37/54',
      unit: 'working_days',
      amount: 10,
      zh: '催告书送达满十日后方可申请强制执行',
      en: 'Court application no earlier than 10 working days after the reminder',
    },
    reconsideration: {
      rule: 'ARL-20',
      unit: 'calendar_days',
      amount: 60,
      zh: '申请行政复议期限（六十日）',
      en: 'Reconsideration window (60 days)',
    },
    lawsuit: {
      rule: 'ALL-46',
      unit: 'months',
      amount: 6,
      zh: '提起行政诉讼期限（六个月）',
      en: 'Lawsuit window (6 months)',
    },
    court_application: {
      rule: 'ACL-35/37/54',
      unit: 'months',
      amount: 3,
      zh: '申请人民法院强制执行期限（期满之日起三个月）',
      en: 'Court application window (3 months after the challenge period)',
    },
    transfer_decision: {
      rule: 'TRN-5/8',
      unit: 'calendar_days',
      amount: 3,
      zh: '负责人作出是否移送决定（三日内）',
      en: 'The head decides on the transfer (3 days)',
    },
    transfer_send: {
      rule: 'TRN-5/8',
      unit: 'hours',
      amount: 24,
      zh: '批准后二十四小时内移送公安机关',
      en: 'Transfer to the police within 24 hours of approval',
    },
    police_answer: {
      rule: 'TRN-5/8',
      unit: 'calendar_days',
      amount: 3,
      zh: '公安机关审查答复（三日内）',
      en: 'Police answer (3 days)',
    },
    publication: {
      rule: 'GB118-7',
      unit: 'working_days',
      amount: s.publicationWorkingDays.penalty,
      zh: '行政处罚决定公示期限',
      en: 'Publication of the penalty decision',
    },
    publication_withdrawal: {
      rule: 'APL-48',
      unit: 'working_days',
      amount: 3,
      zh: '撤回已公开的决定信息（三日内）',
      en: 'Withdrawal of a published decision (3 working days)',
    },
  };
}

/**
 * A date plus whole months, the 民法典 art. 202 way: the corresponding day of the last month, or that month's last day
 * when it has no such day (2026-08-31 + 6 months → 2027-02-28).
 */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export type ClockDue =
  | {
      ok: true;
      /** The last day of the period (China date); for an hours clock, the China date of `dueAt`. */
      dueOn: string;
      /** The instant the period ends: the midnight after `dueOn` (China time), or start + hours. */
      dueAt: Date;
    }
  | { ok: false; reason: Reason };

/** TIME-4: the reason for a due date that reaches a year without calendar data. */
export function calendarMissing(e: CalendarOutOfRangeError): Reason {
  return reason(
    'TIME-4',
    `${e.year} 年的法定节假日安排尚未录入，期限无法计算（不作推测）；请先录入国务院办公厅通知`,
    `No working-day calendar for ${e.year}: the deadline cannot be computed (it is never guessed); enter the State Council arrangement first`,
  );
}

/**
 * The due date of a clock started at `start` (TIME-2: the start day is not counted). Calendar-day and month periods
 * ending on a non-working day move to the next working day when the TIME-2 setting is on. `extraDays` adds approved
 * extensions (APL-60) in the clock's own day unit.
 */
export function clockDue(
  rule: Pick<CaseClockRule, 'unit' | 'amount'>,
  start: Date,
  calendar: WorkingCalendar,
  opts: { rollForwardToWorkday: boolean; extraDays?: number },
): ClockDue {
  try {
    if (rule.unit === 'hours') {
      const dueAt = new Date(start.getTime() + rule.amount * 3_600_000);
      return { ok: true, dueAt, dueOn: chinaDate(dueAt) };
    }
    const from = chinaDate(start);
    let dueOn: string;
    if (rule.unit === 'working_days') dueOn = calendar.addWorkingDays(from, rule.amount + (opts.extraDays ?? 0));
    else {
      const base = rule.unit === 'months' ? addMonths(from, rule.amount) : from;
      const days = (rule.unit === 'calendar_days' ? rule.amount : 0) + (opts.extraDays ?? 0);
      dueOn = calendar.addCalendarDays(base, days, { rollForwardToWorkday: opts.rollForwardToWorkday });
    }
    return { ok: true, dueOn, dueAt: new Date(chinaMidnight(dueOn).getTime() + 86_400_000) };
  } catch (e) {
    if (e instanceof CalendarOutOfRangeError) return { ok: false, reason: calendarMissing(e) };
    throw e;
  }
}

/** A clock kind's due date under these settings. */
export function caseClockDue(
  kind: CaseClockKind,
  start: Date,
  calendar: WorkingCalendar,
  settings: CaseSettings,
  extraDays = 0,
): ClockDue {
  return clockDue(caseClockRules(settings)[kind], start, calendar, {
    rollForwardToWorkday: settings.rollForwardToWorkday,
    extraDays,
  });
}

/** Whole days left from `now` to a due date (negative when overdue): what a case's clock panel shows. */
export function daysLeft(dueOn: string, now: Date): number {
  return Math.round((Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${chinaDate(now)}T00:00:00Z`)) / 86_400_000);
}

/** A row's start of a clock kind under these settings (months: no fixed length, `caseClockDue` computes it). */
export function clockStart(kind: CaseClockKind, s: CaseSettings): ClockStart {
  const r = caseClockRules(s)[kind];
  return r.unit === 'months' ? { kind, rule: r.rule } : { kind, rule: r.rule, clock: r.unit, amount: r.amount };
}
