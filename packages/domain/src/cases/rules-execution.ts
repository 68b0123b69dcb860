import { CalendarOutOfRangeError, type WorkingCalendar } from '../calendar/index.ts';
import { chinaDate, chinaTimeOfDayMs } from '../common/china-time.ts';
import { reason, type Reason } from '../workflow/procedure.ts';
import { addMonths, calendarMissing } from './clocks.ts';
import type { CaseFacts } from './facts.ts';
import type { ServiceMethod } from './kinds.ts';
import type { CaseSettings } from './settings.ts';

/* Preservation, seizure, service and execution (LEGAL.md §C–D): the guards that read dates and the calendar. */

const guarded = (f: () => Reason[]): Reason[] => {
  try {
    return f();
  } catch (e) {
    if (e instanceof CalendarOutOfRangeError) return [calendarMissing(e)];
    throw e;
  }
};

/**
 * APL-56 [V] (art. 56): evidence preserved (先行登记保存) with the head's approval is decided on within 7 working days;
 * after that only its release is lawful.
 */
export function checkPreservationDecision(
  approvedOn: string | null,
  decidedOn: string,
  measure: string,
  cal: WorkingCalendar,
): Reason[] {
  if (approvedOn === null)
    return [
      reason(
        'APL-41/46/56',
        '先行登记保存须经行政机关负责人批准（《行政处罚法》第五十六条）',
        "Preservation of evidence needs the head's approval (APL art. 56)",
      ),
    ];
  return guarded(() => {
    const last = cal.addWorkingDays(approvedOn, 7);
    return decidedOn > last && measure !== 'release'
      ? [
          reason(
            'APL-41/46/56',
            `先行登记保存的证据，应当在七日内及时作出处理决定（《行政处罚法》第五十六条）：期限至 ${last}，逾期只能解除保存`,
            `Preserved evidence is decided on within 7 working days (APL art. 56): the period ended ${last}; only release remains`,
            'body.decidedOn',
          ),
        ]
      : [];
  });
}

/** ACL-25 [V]: a seizure lasts at most 30 days, extendable once by at most 30 days with approval. */
export function checkSeizureExtension(s: CaseFacts['seizure'], days: number): Reason[] {
  if (s.status !== 'active') return [reason('ACL-25', '没有正在执行的查封、扣押', 'No seizure is running')];
  if (s.extended)
    return [
      reason(
        'ACL-25',
        '查封、扣押期限只能延长一次（《行政强制法》第二十五条）',
        'A seizure may be extended only once (ACL art. 25)',
        'body.days',
      ),
    ];
  return Number.isInteger(days) && days >= 1 && days <= 30
    ? []
    : [
        reason(
          'ACL-25',
          '延长期限不得超过三十日（《行政强制法》第二十五条）',
          'An extension is at most 30 days (ACL art. 25)',
          'body.days',
        ),
      ];
}

/**
 * APL-61 [V] (art. 61): the decision is handed over on the spot, or served within 7 working days when the party is
 * absent; electronic service only with the party's signed consent. A later service records why it is late (the
 * service clock shows it red); service before the decision is impossible and refused.
 */
export function checkService(
  f: Pick<CaseFacts, 'decision' | 'party' | 'calendar'>,
  method: ServiceMethod,
  servedOn: string,
  lateReason: string | undefined,
): Reason[] {
  const out: Reason[] = [];
  const decidedOn = f.decision?.decidedOn ?? null;
  if (decidedOn && servedOn < decidedOn)
    out.push(
      reason(
        'CASE-DATE-ORDER',
        `送达日期不能早于决定日期（${decidedOn}）`,
        `Service cannot precede the decision (${decidedOn})`,
        'body.servedOn',
      ),
    );
  if (method === 'electronic' && !f.party?.electronicServiceConsent)
    out.push(
      reason(
        'APL-61',
        '当事人同意并签订确认书的，行政机关方可采用电子送达（《行政处罚法》第六十一条）',
        "Electronic service only with the party's signed consent (APL art. 61)",
        'body.method',
      ),
    );
  if (decidedOn)
    out.push(
      ...guarded(() => {
        const last = f.calendar.addWorkingDays(decidedOn, 7);
        return servedOn > last && (lateReason ?? '').trim().length < 2
          ? [
              reason(
                'APL-61',
                `当事人不在场的，行政机关应当在七日内送达决定书（《行政处罚法》第六十一条）：期限至 ${last}，逾期送达须说明理由`,
                `An absent party is served within 7 working days (APL art. 61): the period ended ${last}; state why it is late`,
                'body.lateReason',
              ),
            ]
          : [];
      }),
    );
  return out;
}

/** APL-67 [V]: fines are paid to a bank or electronically, not to the deciding agency (except on-the-spot collection). */
export function checkPaymentChannel(
  channel: 'bank' | 'electronic' | 'on_the_spot',
  collectedOnSpot: boolean,
): Reason[] {
  return channel === 'on_the_spot' && !collectedOnSpot
    ? [
        reason(
          'APL-67',
          '作出罚款决定的行政机关应当与收缴罚款的机构分离，当事人应当到指定的银行或者通过电子支付系统缴纳罚款（《行政处罚法》第六十七条）',
          'Fines are paid to the designated bank or electronically, not to the deciding agency (APL art. 67)',
          'body.channel',
        ),
      ]
    : [];
}

/** ACL-35 [V]: a reminder (催告书) states the deadline, the method, the amount and the right to state and defend. */
export function checkReminder(
  i: { deadline: string; method: string; amountFen: number; statesRightToBeHeard: boolean },
  dueFen: number,
): Reason[] {
  const ok =
    i.deadline !== '' && i.method.trim() !== '' && i.amountFen > 0 && i.amountFen <= dueFen && i.statesRightToBeHeard;
  return ok
    ? []
    : [
        reason(
          'ACL-35/37/54',
          '催告应当以书面形式作出，载明履行义务的期限、方式、涉及金钱给付的金额和给付方式，以及当事人依法享有的陈述权和申辩权（《行政强制法》第三十五条）',
          'A reminder is written and states the deadline, the method, the amount and the right to state and defend (ACL art. 35)',
          'body',
        ),
      ];
}

/**
 * ACL-53 [V]: the court application window of a decision served on `servedOn`: it opens when the lawsuit period ends
 * (6 months, the longer of the two challenge periods) and closes 3 months later. The `court_application` clock is due
 * on `closes` (the server passes it as the clock's due time).
 */
export function courtApplicationWindow(servedOn: string): { opens: string; closes: string } {
  const opens = addMonths(servedOn, 6);
  return { opens, closes: addMonths(opens, 3) };
}

/**
 * ACL-53/54 [V]: an agency without enforcement power applies to the court within 3 months after the period for
 * reconsideration and lawsuit ends (6 months from service: the longer), and at least 10 working days after the
 * reminder was served.
 */
export function checkCourtApplication(
  f: Pick<CaseFacts, 'service' | 'reminder' | 'calendar' | 'challenges'>,
  appliedOn: string,
): Reason[] {
  const out: Reason[] = [];
  if (!f.reminder)
    return [
      reason(
        'ACL-35/37/54',
        '申请强制执行前应当催告当事人履行义务（《行政强制法》第五十四条）',
        'The party is reminded before a court application (ACL art. 54)',
      ),
    ];
  out.push(
    ...guarded(() => {
      const earliest = f.calendar.addWorkingDays(f.reminder!.servedOn, 10);
      return appliedOn <= earliest
        ? [
            reason(
              'ACL-35/37/54',
              `催告书送达十日后当事人仍未履行义务的，方可申请强制执行（《行政强制法》第五十四条）：${earliest} 之后`,
              `A court application comes 10 working days after the reminder (ACL art. 54): after ${earliest}`,
              'body.appliedOn',
            ),
          ]
        : [];
    }),
  );
  if (f.service) {
    const { opens, closes } = courtApplicationWindow(f.service.servedOn);
    if (appliedOn <= opens || f.challenges.some((c) => c.outcome === null))
      out.push(
        reason(
          'ACL-35/37/54',
          `当事人在法定期限内不申请行政复议或者提起行政诉讼，又不履行的，方可申请强制执行（《行政强制法》第五十三条）：起诉期限至 ${opens}`,
          `A court application only after the challenge period ends (ACL art. 53): it ends ${opens}`,
          'body.appliedOn',
        ),
      );
    else if (appliedOn > closes)
      out.push(
        reason(
          'ACL-35/37/54',
          `应当自期限届满之日起三个月内申请人民法院强制执行（《行政强制法》第五十三条）：期限至 ${closes}`,
          `The application is made within 3 months after the challenge period (ACL art. 53): by ${closes}`,
          'body.appliedOn',
        ),
      );
  }
  return out;
}

/**
 * ACL-43 [V]: no compulsory execution at night or on statutory holidays, except in an emergency; and only by an agency a
 * law gives the power (otherwise it applies to the court, ACL-53).
 */
export function checkEnforcement(
  f: Pick<CaseFacts, 'agency' | 'calendar'>,
  s: CaseSettings,
  now: Date,
  emergency: boolean,
): Reason[] {
  if (!f.agency.mayEnforce)
    return [
      reason(
        'ACL-35/37/54',
        '本机关无行政强制执行权，应当申请人民法院强制执行（《行政强制法》第五十三条）',
        'This agency has no power of compulsory execution: apply to the court (ACL art. 53)',
      ),
    ];
  if (emergency) return [];
  const t = chinaTimeOfDayMs(now);
  const ms = (hhmm: string) => Number(hhmm.slice(0, 2)) * 3_600_000 + Number(hhmm.slice(3, 5)) * 60_000;
  const night =
    ms(s.night.from) > ms(s.night.to)
      ? t >= ms(s.night.from) || t < ms(s.night.to)
      : t >= ms(s.night.from) && t < ms(s.night.to);
  let holiday: boolean;
  try {
    holiday = f.calendar.dayInfo(chinaDate(now)).kind === 'holiday';
  } catch (e) {
    if (e instanceof CalendarOutOfRangeError) return [calendarMissing(e)];
    throw e;
  }
  return night || holiday
    ? [
        reason(
          'ACL-43',
          '行政机关不得在夜间或者法定节假日实施行政强制执行，情况紧急的除外（《行政强制法》第四十三条）',
          'No compulsory execution at night or on statutory holidays, except in an emergency (ACL art. 43)',
          'body.emergency',
        ),
      ]
    : [];
}
