import { CalendarOutOfRangeError } from '../calendar/index.ts';
import type { CaseFacts } from './facts.ts';
import type { CaseStepInput } from './input.ts';
import type { CaseState } from './kinds.ts';
import { hearingGrounds } from './rules-hearing.ts';
import { fineOf } from './rules-penalty.ts';
import { todayOf } from './common.ts';

/*
 * The record after an accepted step: what each action changes in the facts the guards read. Pure, so the demo
 * generator can drive cases through the procedure in memory, and the server's per-action changes can be checked
 * against it. Ids of new things (evidence) come in the input; nothing here reads a clock but `now`.
 */
/** APL-67: the last day to pay, 15 days after service (TIME-2 roll-over per settings); null without calendar data. */
function paymentDueOn(f: CaseFacts, servedOn: string): string | null {
  try {
    return f.calendar.addCalendarDays(servedOn, 15, { rollForwardToWorkday: f.settings.rollForwardToWorkday });
  } catch (e) {
    // TIME-4: the payment clock shows the flag; nothing is guessed here.
    if (e instanceof CalendarOutOfRangeError) return null;
    throw e;
  }
}

export function evolveCase(f: CaseFacts, input: CaseStepInput, to: CaseState, now: Date): CaseFacts {
  const next: CaseFacts = { ...f, state: to };
  const today = todayOf(now);
  switch (input.action) {
    case 'decide_on_spot': {
      const fine = fineOf(input.penalties);
      return {
        ...next,
        procedure: 'simple',
        investigators: input.officers,
        decision: {
          kind: 'penalty',
          penalties: input.penalties,
          decidedOn: today,
          onTheSpot: true,
          collectedOnSpot: input.collectOnSpot !== null,
        },
        service: { servedOn: today, method: 'on_the_spot' },
        payment: {
          ...f.payment,
          dueFen: fine,
          paidFen: input.collectOnSpot !== null ? fine : 0,
          dueOn: fine > 0 && input.collectOnSpot === null ? paymentDueOn(f, today) : null,
        },
      };
    }
    case 'file':
      return { ...next, procedure: 'general' };
    case 'assign_investigators':
      return {
        ...next,
        investigators: input.investigators,
        formerInvestigatorIds: [
          ...new Set([...f.formerInvestigatorIds, ...input.investigators.map((o) => o.personId)]),
        ],
      };
    case 'record_evidence':
      return { ...next, evidence: [...f.evidence, input.evidence] };
    case 'review_monitoring_record':
      return {
        ...next,
        evidence: f.evidence.map((e) =>
          e.id === input.evidenceId ? { ...e, reviewStatus: input.approved ? 'approved' : 'rejected' } : e,
        ),
      };
    case 'apply_recusal':
      return { ...next, pendingRecusals: [...f.pendingRecusals, { personId: input.personId }] };
    case 'decide_recusal':
      return {
        ...next,
        pendingRecusals: f.pendingRecusals.filter((p) => p.personId !== input.personId),
        investigators: input.granted ? f.investigators.filter((o) => o.personId !== input.personId) : f.investigators,
      };
    case 'request_preservation':
      return { ...next, preservation: { status: 'requested', approvedOn: null } };
    case 'approve_preservation':
      return {
        ...next,
        preservation: input.approved ? { status: 'approved', approvedOn: today } : { status: 'none', approvedOn: null },
      };
    case 'decide_preservation':
      return { ...next, preservation: { ...f.preservation, status: 'decided' } };
    case 'seize':
      return { ...next, seizure: { status: 'active', startedOn: input.startedOn, extended: false } };
    case 'extend_seizure':
      return { ...next, seizure: { ...f.seizure, extended: true } };
    case 'release_seizure':
      return { ...next, seizure: { ...f.seizure, status: 'released' } };
    case 'request_extension':
      return { ...next, extension: { ...f.extension, requestedDays: input.days } };
    case 'approve_extension':
      return {
        ...next,
        extension: { requestedDays: null, approvedDays: f.extension.approvedDays + (input.approved ? input.days : 0) },
      };
    case 'submit_report':
      return { ...next, report: { outcome: input.outcome, suspectedCrime: input.suspectedCrime } };
    case 'report_transfer':
      return {
        ...next,
        transfer: {
          kind: input.kind,
          reportedOn: today,
          reporterIds: input.reporterIds,
          approved: null,
          approvedAt: null,
          sentAt: null,
          policeAccepted: null,
        },
      };
    case 'approve_transfer':
      return f.transfer ? { ...next, transfer: { ...f.transfer, approved: input.approved, approvedAt: now } } : next;
    case 'send_transfer':
      return f.transfer ? { ...next, transfer: { ...f.transfer, sentAt: now } } : next;
    case 'record_police_answer':
      return f.transfer ? { ...next, transfer: { ...f.transfer, policeAccepted: input.accepted } } : next;
    case 'notify': {
      const right = f.party !== null && hearingGrounds(input.penalties, f.party.kind, f.settings).length > 0;
      return {
        ...next,
        notice: { servedOn: input.servedOn, penalties: input.penalties, hearingRight: right, waived: false },
      };
    }
    case 'waive_rights':
      return f.notice ? { ...next, notice: { ...f.notice, waived: true } } : next;
    case 'request_hearing':
      return {
        ...next,
        hearing: { requestedOn: input.requestedOn, scheduledFor: null, chairId: null, heldOn: null, withdrawn: false },
      };
    case 'schedule_hearing':
      return f.hearing
        ? { ...next, hearing: { ...f.hearing, scheduledFor: input.hearingDate, chairId: input.chairId } }
        : next;
    case 'hold_hearing':
      return f.hearing ? { ...next, hearing: { ...f.hearing, heldOn: input.heldOn } } : next;
    case 'withdraw_hearing':
      return f.hearing ? { ...next, hearing: { ...f.hearing, withdrawn: true } } : next;
    case 'legal_review':
      return { ...next, legalReview: input.passed ? 'passed' : 'failed' };
    case 'collective_discussion':
      return { ...next, collectiveDiscussion: true };
    case 'reopen_investigation':
      return { ...next, legalReview: 'none', collectiveDiscussion: false };
    case 'propose_decision':
      return {
        ...next,
        decision: {
          kind: input.kind,
          penalties: input.penalties,
          decidedOn: null,
          onTheSpot: false,
          collectedOnSpot: false,
        },
      };
    case 'approve_decision':
      return input.approved && f.decision
        ? {
            ...next,
            decision: { ...f.decision, decidedOn: input.decidedOn },
            payment: { ...f.payment, dueFen: f.decision.kind === 'penalty' ? fineOf(f.decision.penalties) : 0 },
          }
        : next;
    case 'serve':
      return {
        ...next,
        service: { servedOn: input.servedOn, method: input.method },
        payment: { ...f.payment, dueOn: f.payment.dueFen > 0 ? paymentDueOn(f, input.servedOn) : null },
      };
    case 'record_payment':
      return { ...next, payment: { ...f.payment, paidFen: f.payment.paidFen + input.amountFen } };
    case 'hand_in_cash':
      return { ...next, payment: { ...f.payment, cashHandedInOn: input.handedOn } };
    case 'apply_deferral':
      return { ...next, payment: { ...f.payment, deferral: 'requested' } };
    case 'approve_deferral':
      return { ...next, payment: { ...f.payment, deferral: input.approved ? 'approved' : 'none' } };
    case 'send_reminder':
      return { ...next, reminder: { servedOn: input.servedOn } };
    case 'record_challenge':
      return {
        ...next,
        challenges: [...f.challenges, { kind: input.kind, filedOn: input.filedOn, decidedOn: null, outcome: null }],
      };
    case 'record_challenge_outcome':
      return {
        ...next,
        ...(input.outcome === 'changed' && input.changedPenalties && f.decision
          ? {
              decision: { ...f.decision, penalties: input.changedPenalties },
              payment: { ...f.payment, dueFen: fineOf(input.changedPenalties) },
            }
          : {}),
        challenges: f.challenges.map((c) =>
          c.kind === input.kind && c.outcome === null
            ? { ...c, decidedOn: input.decidedOn, outcome: input.outcome }
            : c,
        ),
      };
    case 'publish':
      return { ...next, published: true };
    case 'withdraw_publication':
      return { ...next, published: false };
    default:
      return next;
  }
}
