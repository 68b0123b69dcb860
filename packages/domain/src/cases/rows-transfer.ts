import { reason } from '../workflow/procedure.ts';
import { clockStart } from './clocks.ts';
import type { CaseFacts } from './facts.ts';
import type { CaseState } from './kinds.ts';
import { checkFineOffset, checkTransferFile, checkTransferReporters } from './rules-transfer.ts';
import {
  needText,
  notAuxiliary,
  notInvestigator,
  opinionNeeded,
  ownTeam,
  pastDate,
  todayOf,
  type CaseRow,
} from './common.ts';

/*
 * Transfer: to the competent agency (not ours to handle), or as a suspected crime to the police (TRN-5/8/11). Both
 * need the head's approval; a suspected crime also a reporting team of two, a decision within 3 days, the transfer
 * within 24 hours of approval, the file's documents, and a paid fine stated for offset.
 */

/** Where a refused transfer goes back to: the investigation, or the execution of a decision already made. */
const backFromRefusal = (f: CaseFacts): CaseState =>
  f.decision?.decidedOn ? (f.payment.paidFen < f.payment.dueFen ? 'executing' : 'executed') : 'investigating';

const reportTransfer: CaseRow<'report_transfer'> = {
  action: 'report_transfer',
  from: ['lead', 'investigating', 'investigated', 'notified', 'hearing', 'deliberating', 'executing', 'executed'],
  to: 'transfer_pending',
  permission: 'case.handle',
  may: [ownTeam, notAuxiliary],
  check: [
    ({ facts, input }) =>
      input.kind === 'crime' && facts.state === 'lead'
        ? reason(
            'TRN-5/8',
            '涉嫌犯罪的移送须在立案调查后由专案组提出',
            'A suspected crime is reported by the case team after filing',
          )
        : null,
    // TRN-5: a team of at least two reports a suspected crime.
    ({ facts, input, now }) => input.kind === 'crime' && checkTransferReporters(facts, input.reporterIds, todayOf(now)),
    ({ input }) =>
      needText(
        input.targetAgency,
        'CASE-TRANSFER',
        '请填写接收移送的机关',
        'Name the agency the case goes to',
        'body.targetAgency',
      ),
    ({ input }) =>
      needText(input.reason, 'CASE-TRANSFER', '请填写移送理由', 'State why the case is transferred', 'body.reason'),
  ],
  // TRN-5: the head decides within 3 days of the report.
  clocks: ({ facts, input }) => ({
    start: input.kind === 'crime' ? [clockStart('transfer_decision', facts.settings)] : [],
  }),
};

const approveTransfer: CaseRow<'approve_transfer'> = {
  action: 'approve_transfer',
  from: ['transfer_pending'],
  // TRN-8: refusal reasons are recorded; the case goes back to where it was.
  to: ({ facts, input }) => (input.approved ? 'transfer_approved' : backFromRefusal(facts)),
  permission: 'case.approve',
  may: [ownTeam, notAuxiliary, notInvestigator],
  check: [opinionNeeded],
  // TRN-8: transfer within 24 hours of approval.
  clocks: ({ facts, input }) => ({
    stop: ['transfer_decision'],
    start: input.approved && facts.transfer?.kind === 'crime' ? [clockStart('transfer_send', facts.settings)] : [],
  }),
};

const sendTransfer: CaseRow<'send_transfer'> = {
  action: 'send_transfer',
  from: ['transfer_approved'],
  to: 'transferred',
  permission: 'case.handle',
  may: [ownTeam, notAuxiliary],
  check: [
    ({ facts, documents }) => facts.transfer?.kind === 'crime' && checkTransferFile(documents),
    // TRN-11: a fine already paid is offset against a criminal fine.
    ({ facts, input }) =>
      facts.transfer?.kind === 'crime' && checkFineOffset(facts.payment.paidFen, input.paidFineOffsetFen),
  ],
  clocks: ({ facts }) => ({
    stop: ['transfer_send', 'decision', 'payment'],
    start: facts.transfer?.kind === 'crime' ? [clockStart('police_answer', facts.settings)] : [],
  }),
};

const recordPoliceAnswer: CaseRow<'record_police_answer'> = {
  action: 'record_police_answer',
  from: ['transferred'],
  // Police accept → the agency's case closes; police decline → the agency continues with the administrative case.
  to: ({ input }) => (input.accepted ? 'closed' : 'investigating'),
  permission: 'case.handle',
  may: [ownTeam],
  check: [
    ({ facts }) =>
      facts.transfer?.kind !== 'crime' &&
      reason('TRN-5/8', '仅涉嫌犯罪移送需要记录公安机关答复', 'Only a crime transfer has a police answer'),
    ({ input, now }) => pastDate(input.answeredOn, now, 'body.answeredOn'),
  ],
  clocks: ({ facts, input }) => ({
    stop: ['police_answer'],
    start: input.accepted ? [] : [clockStart('decision', facts.settings)],
  }),
};

export const TRANSFER_ROWS = [reportTransfer, approveTransfer, sendTransfer, recordPoliceAnswer] as const;
