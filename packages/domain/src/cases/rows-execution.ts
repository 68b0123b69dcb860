import { reason } from '../workflow/procedure.ts';
import { clockStart } from './clocks.ts';
import type { CaseState } from './kinds.ts';
import { checkPenaltyKinds } from './rules-penalty.ts';
import {
  checkCourtApplication,
  checkEnforcement,
  checkPaymentChannel,
  checkReminder,
  checkService,
} from './rules-execution.ts';
import {
  needText,
  notAuxiliary,
  notBefore,
  notInvestigator,
  opinionNeeded,
  ownTeam,
  pastDate,
  todayOf,
  type CaseRow,
} from './common.ts';

/*
 * Service (APL-61), execution (APL-67/68/72, ACL-35/37/43/53/54), reconsideration and litigation outcomes, publication
 * (APL-48, GB118-7), closure and archive.
 */

/** States after a decision in which a challenge, its outcome and publication are recorded. */
const AFTER_DECISION: readonly CaseState[] = ['decided', 'executing', 'court_enforcement', 'executed', 'closed'];

const serve: CaseRow<'serve'> = {
  action: 'serve',
  from: ['decided'],
  // A fine is then paid (APL-67); a warning, a no-penalty decision or a non-money penalty is executed on service.
  to: ({ facts }) => (facts.payment.dueFen > 0 ? 'executing' : 'executed'),
  permission: 'case.handle',
  may: [ownTeam],
  check: [
    ({ input, now }) => pastDate(input.servedOn, now, 'body.servedOn'),
    ({ facts, input }) => checkService(facts, input.method, input.servedOn, input.lateReason),
  ],
  clocks: ({ facts }) => ({
    stop: ['service'],
    start: [
      ...(facts.payment.dueFen > 0 ? [clockStart('payment', facts.settings)] : []),
      clockStart('reconsideration', facts.settings),
      clockStart('lawsuit', facts.settings),
    ],
  }),
};

const recordPayment: CaseRow<'record_payment'> = {
  action: 'record_payment',
  from: ['executing', 'court_enforcement'],
  to: ({ facts, input, state }) =>
    facts.payment.paidFen + input.amountFen >= facts.payment.dueFen ? 'executed' : state,
  permission: 'case.handle',
  may: [ownTeam],
  check: [
    ({ input }) =>
      (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) &&
      reason(
        'APL-67',
        '缴款金额须为大于 0 的整数（分）',
        'A payment is a positive whole number of fen',
        'body.amountFen',
      ),
    ({ input, now }) => pastDate(input.paidOn, now, 'body.paidOn'),
    ({ facts, input }) =>
      notBefore(input.paidOn, facts.decision?.decidedOn, { zh: '决定日期', en: 'the decision' }, 'body.paidOn'),
    ({ facts, input }) => checkPaymentChannel(input.channel, facts.decision?.collectedOnSpot ?? false),
  ],
  clocks: ({ facts, input }) =>
    facts.payment.paidFen + input.amountFen >= facts.payment.dueFen ? { stop: ['payment'] } : {},
};

const handInCash: CaseRow<'hand_in_cash'> = {
  action: 'hand_in_cash',
  from: ['executing', 'executed'],
  to: 'same',
  permission: 'case.handle',
  may: [ownTeam],
  check: [
    ({ facts }) =>
      (!facts.decision?.collectedOnSpot || facts.payment.cashHandedInOn !== null) &&
      reason('APL-68', '没有待上交的当场收缴罚款', 'No cash collected on the spot awaits handing in'),
    ({ input, now }) => pastDate(input.handedOn, now, 'body.handedOn'),
  ],
  clocks: { stop: ['cash_handover'] },
};

const applyDeferral: CaseRow<'apply_deferral'> = {
  action: 'apply_deferral',
  from: ['executing'],
  to: 'same',
  permission: 'case.handle',
  may: [ownTeam],
  check: [
    ({ facts }) =>
      facts.payment.deferral !== 'none' &&
      reason('APL-67', '已有暂缓或分期缴纳申请', 'A deferral or instalments were already applied for'),
    ({ input }) =>
      needText(
        input.reason,
        'APL-67',
        '当事人确有经济困难的，须说明理由',
        'State the hardship that justifies it',
        'body.reason',
      ),
  ],
};

const approveDeferral: CaseRow<'approve_deferral'> = {
  action: 'approve_deferral',
  from: ['executing'],
  to: 'same',
  permission: 'case.approve',
  may: [ownTeam, notAuxiliary, notInvestigator],
  check: [
    opinionNeeded,
    ({ facts }) =>
      facts.payment.deferral !== 'requested' &&
      reason('APL-67', '没有待批准的暂缓或分期缴纳申请', 'No deferral awaits approval'),
    ({ input }) =>
      input.approved &&
      (!Number.isInteger(input.days) || input.days < 1) &&
      reason('APL-67', '请填写暂缓或分期的天数', 'Enter the days granted', 'body.days'),
  ],
  // APL-67: deferral or instalments on application and approval.
  clocks: ({ input }) => (input.approved ? { extend: ['payment'] } : {}),
};

const sendReminder: CaseRow<'send_reminder'> = {
  action: 'send_reminder',
  from: ['executing'],
  to: 'same',
  permission: 'case.handle',
  may: [ownTeam],
  check: [
    ({ facts, now }) =>
      (facts.payment.dueOn === null || todayOf(now) <= facts.payment.dueOn) &&
      reason(
        'ACL-35/37/54',
        '缴款期限届满后当事人仍未履行的，方可催告（《行政强制法》第五十四条）',
        'A reminder follows the end of the payment period (ACL art. 54)',
      ),
    ({ input, now }) => pastDate(input.servedOn, now, 'body.servedOn'),
    ({ facts, input }) => checkReminder(input, facts.payment.dueFen - facts.payment.paidFen),
  ],
  clocks: ({ facts }) => ({
    start: [clockStart('reminder', facts.settings), clockStart('court_application', facts.settings)],
  }),
};

const applyToCourt: CaseRow<'apply_to_court'> = {
  action: 'apply_to_court',
  from: ['executing'],
  to: 'court_enforcement',
  permission: 'case.handle',
  may: [ownTeam, notAuxiliary],
  check: [
    ({ input, now }) => pastDate(input.appliedOn, now, 'body.appliedOn'),
    ({ facts, input }) => checkCourtApplication(facts, input.appliedOn),
  ],
  clocks: { stop: ['reminder', 'court_application'] },
};

const recordCourtResult: CaseRow<'record_court_result'> = {
  action: 'record_court_result',
  from: ['court_enforcement'],
  to: ({ input }) => (input.result === 'executed' ? 'executed' : 'closed'),
  permission: 'case.handle',
  may: [ownTeam],
};

const enforce: CaseRow<'enforce'> = {
  action: 'enforce',
  from: ['executing'],
  to: 'executed',
  permission: 'case.approve',
  may: [ownTeam, notAuxiliary],
  check: [({ facts, now, input }) => checkEnforcement(facts, facts.settings, now, input.emergency)],
  clocks: { stop: ['payment', 'reminder'] },
};

const recordChallenge: CaseRow<'record_challenge'> = {
  action: 'record_challenge',
  from: AFTER_DECISION,
  to: 'same',
  permission: 'case.handle',
  may: [ownTeam],
  check: [
    ({ input, now }) => pastDate(input.filedOn, now, 'body.filedOn'),
    ({ facts, input }) =>
      notBefore(input.filedOn, facts.decision?.decidedOn, { zh: '决定日期', en: 'the decision' }, 'body.filedOn'),
    ({ facts, input }) =>
      facts.challenges.some((c) => c.kind === input.kind && c.outcome === null) &&
      reason('CASE-CHALLENGE', '已有未结的同类复议或诉讼', 'A challenge of this kind is already pending', 'body.kind'),
  ],
  // APL-72: days in reconsideration or litigation do not count towards the late surcharge.
  clocks: ({ input }) => ({
    pause: ['payment'],
    stop: [input.kind === 'reconsideration' ? 'reconsideration' : 'lawsuit'],
  }),
};

const recordChallengeOutcome: CaseRow<'record_challenge_outcome'> = {
  action: 'record_challenge_outcome',
  from: AFTER_DECISION,
  // A revoked decision ends the case; upheld or changed, it is executed as it now stands.
  to: ({ input, state }) => (input.outcome === 'revoked' ? 'closed' : state),
  permission: 'case.handle',
  may: [ownTeam],
  check: [
    ({ facts, input }) =>
      !facts.challenges.some((c) => c.kind === input.kind && c.outcome === null) &&
      reason('CASE-CHALLENGE', '没有未结的该类复议或诉讼', 'No pending challenge of this kind', 'body.kind'),
    ({ input, now }) => pastDate(input.decidedOn, now, 'body.decidedOn'),
    ({ facts, input }) =>
      input.outcome === 'changed' &&
      (input.changedPenalties
        ? checkPenaltyKinds(input.changedPenalties, facts.agency.kind)
        : reason(
            'CASE-CHALLENGE',
            '决定被变更的，请填写变更后的处罚',
            'A changed decision needs the penalties as changed',
            'body.changedPenalties',
          )),
  ],
  // APL-48: a published decision changed or revoked is withdrawn within 3 working days.
  clocks: ({ facts, input }) => ({
    resume: input.outcome === 'revoked' ? [] : ['payment'],
    stop: input.outcome === 'revoked' ? ['payment'] : [],
    start: facts.published && input.outcome !== 'upheld' ? [clockStart('publication_withdrawal', facts.settings)] : [],
  }),
};

const publish: CaseRow<'publish'> = {
  action: 'publish',
  from: AFTER_DECISION,
  to: 'same',
  permission: 'case.handle',
  may: [ownTeam],
  check: [
    ({ facts }) => facts.published && reason('APL-48', '该决定已公示', 'The decision is already published'),
    ({ facts }) =>
      facts.decision?.kind !== 'penalty' &&
      reason('APL-48', '公示的是行政处罚决定', 'Only penalty decisions are published here'),
    ({ input, now }) => pastDate(input.publishedOn, now, 'body.publishedOn'),
  ],
  clocks: { stop: ['publication'] },
};

const withdrawPublication: CaseRow<'withdraw_publication'> = {
  action: 'withdraw_publication',
  from: AFTER_DECISION,
  to: 'same',
  permission: 'case.handle',
  may: [ownTeam],
  check: [
    ({ facts }) => !facts.published && reason('APL-48', '该决定未公示', 'The decision is not published'),
    ({ input }) =>
      needText(
        input.reason,
        'APL-48',
        '撤回公开须说明理由（《行政处罚法》第四十八条）',
        'A withdrawal states its reasons (APL art. 48)',
        'body.reason',
      ),
  ],
  clocks: { stop: ['publication_withdrawal'] },
};

const close: CaseRow<'close'> = {
  action: 'close',
  from: ['executed', 'transferred'],
  to: 'closed',
  permission: 'case.handle',
  may: [ownTeam, notAuxiliary],
  check: [
    ({ facts }) =>
      facts.state === 'transferred' &&
      facts.transfer?.kind === 'crime' &&
      reason('TRN-5/8', '涉嫌犯罪案件待公安机关答复后结案', 'A crime transfer closes on the police answer'),
    ({ facts }) =>
      facts.seizure.status === 'active' && reason('ACL-25', '查封、扣押尚未解除或处理', 'A seizure is still running'),
    ({ facts }) =>
      facts.decision?.collectedOnSpot === true &&
      facts.payment.cashHandedInOn === null &&
      reason('APL-68', '当场收缴的罚款尚未上交行政机关', 'Cash collected on the spot has not been handed in'),
    ({ input }) => needText(input.summary, 'CASE-CLOSE', '请填写结案报告', 'Write the closing report', 'body.summary'),
  ],
  clocks: { stop: ['decision', 'cash_handover'] },
};

const archive: CaseRow<'archive'> = {
  action: 'archive',
  from: ['closed'],
  to: 'archived',
  permission: 'case.handle',
  may: [ownTeam],
  check: [
    ({ facts }) =>
      facts.challenges.some((c) => c.outcome === null) &&
      reason(
        'CASE-CHALLENGE',
        '复议或诉讼结果记录后方可归档',
        'Record the outcome of the pending challenge before archiving',
      ),
  ],
};

export const EXECUTION_ROWS = [
  serve,
  recordPayment,
  handInCash,
  applyDeferral,
  approveDeferral,
  sendReminder,
  applyToCourt,
  recordCourtResult,
  enforce,
  recordChallenge,
  recordChallengeOutcome,
  publish,
  withdrawPublication,
  close,
  archive,
] as const;
