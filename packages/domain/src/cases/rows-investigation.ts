import { reason } from '../workflow/procedure.ts';
import { clockStart } from './clocks.ts';
import { checkEvidence, unusableEvidence } from './evidence.ts';
import type { CaseState } from './kinds.ts';
import { checkRecusalApplication, checkRecusalDecision, checkTwoOfficers } from './rules-officers.ts';
import { checkPreservationDecision, checkSeizureExtension } from './rules-execution.ts';
import {
  needText,
  notAuxiliary,
  notInvestigator,
  opinionNeeded,
  ownTeam,
  pastDate,
  todayOf,
  type CaseMay,
  type CaseRow,
} from './common.ts';

/*
 * Investigation (调查取证): officers (APL-42, ZJ-30), recusal (APL-43), evidence (APL-41/46), preservation of evidence
 * (APL-56), seizure (ACL-25), extension of the decision period (APL-60) and the investigation report (APL-57).
 */

/** The states in which the 90-day decision period runs (APL-60): from filing to the decision. */
export const DECISION_PERIOD_STATES: readonly CaseState[] = [
  'investigating',
  'investigated',
  'notified',
  'hearing',
  'deliberating',
  'decision_pending',
];

/** APL-42 / ZJ-30: the case's investigators are (still) two qualified officers today. */
const twoInvestigators = ({ facts, now }: CaseMay) =>
  checkTwoOfficers(facts.investigators, facts.matter?.domain ?? null, todayOf(now), 'facts.investigators');

const assignInvestigators: CaseRow<'assign_investigators'> = {
  action: 'assign_investigators',
  from: ['investigating'],
  to: 'same',
  permission: 'case.approve',
  may: [ownTeam, notAuxiliary],
  check: [
    ({ facts, input, now }) =>
      checkTwoOfficers(input.investigators, facts.matter?.domain ?? null, todayOf(now), 'body.investigators'),
  ],
};

const recordEvidence: CaseRow<'record_evidence'> = {
  action: 'record_evidence',
  from: ['investigating'],
  to: 'same',
  permission: 'case.handle',
  may: [ownTeam],
  // APL-42: evidence is gathered by the two officers; an auxiliary's record is countersigned by them (ZJ-30).
  check: [({ input }) => checkEvidence(input.evidence), twoInvestigators],
};

const reviewMonitoringRecord: CaseRow<'review_monitoring_record'> = {
  action: 'review_monitoring_record',
  from: ['investigating', 'investigated'],
  to: 'same',
  permission: 'case.approve',
  may: [ownTeam, notAuxiliary],
  check: [
    ({ facts, input }) =>
      !facts.evidence.some((e) => e.id === input.evidenceId && e.source === 'electronic_monitoring') &&
      reason(
        'APL-41/46/56',
        '该证据不是电子技术监控设备记录',
        'The item is not an electronic monitoring record',
        'body.evidenceId',
      ),
  ],
};

const applyRecusal: CaseRow<'apply_recusal'> = {
  action: 'apply_recusal',
  from: ['investigating', 'investigated', 'notified', 'hearing', 'deliberating'],
  // APL-43: the investigation continues while the head decides.
  to: 'same',
  permission: 'case.handle',
  may: [ownTeam],
  check: [
    ({ facts, input }) => checkRecusalApplication(facts.pendingRecusals, input.personId),
    ({ input }) => needText(input.reason, 'APL-43', '请填写回避理由', 'State the grounds for recusal', 'body.reason'),
  ],
};

const decideRecusal: CaseRow<'decide_recusal'> = {
  action: 'decide_recusal',
  from: ['investigating', 'investigated', 'notified', 'hearing', 'deliberating'],
  to: 'same',
  permission: 'case.approve',
  may: [ownTeam, notAuxiliary, notInvestigator],
  check: [({ facts, input }) => checkRecusalDecision(facts.pendingRecusals, input.personId), opinionNeeded],
};

const requestPreservation: CaseRow<'request_preservation'> = {
  action: 'request_preservation',
  from: ['investigating'],
  to: 'same',
  permission: 'case.handle',
  may: [ownTeam, notAuxiliary],
  check: [
    ({ facts }) =>
      (facts.preservation.status === 'requested' || facts.preservation.status === 'approved') &&
      reason('APL-41/46/56', '已有待处理的先行登记保存', 'A preservation is already pending'),
    ({ input }) =>
      needText(
        input.reason,
        'APL-41/46/56',
        '先行登记保存须说明证据可能灭失或以后难以取得的情形',
        'State why the evidence may be lost or hard to obtain later',
        'body.reason',
      ),
  ],
};

const approvePreservation: CaseRow<'approve_preservation'> = {
  action: 'approve_preservation',
  from: ['investigating'],
  to: 'same',
  permission: 'case.approve',
  may: [ownTeam, notAuxiliary, notInvestigator],
  check: [
    opinionNeeded,
    ({ facts }) =>
      facts.preservation.status !== 'requested' &&
      reason('APL-41/46/56', '没有待批准的先行登记保存申请', 'No preservation awaits approval'),
  ],
  // APL-56: a decision on the preserved evidence within 7 working days.
  clocks: ({ facts, input }) => ({ start: input.approved ? [clockStart('preservation', facts.settings)] : [] }),
};

const decidePreservation: CaseRow<'decide_preservation'> = {
  action: 'decide_preservation',
  from: ['investigating', 'investigated'],
  to: 'same',
  permission: 'case.handle',
  may: [ownTeam, notAuxiliary],
  check: [
    ({ input, now }) => pastDate(input.decidedOn, now, 'body.decidedOn'),
    ({ facts, input }) =>
      facts.preservation.status !== 'approved'
        ? reason('APL-41/46/56', '没有已批准、待处理的先行登记保存', 'No approved preservation awaits a decision')
        : checkPreservationDecision(facts.preservation.approvedOn, input.decidedOn, input.measure, facts.calendar),
  ],
  clocks: { stop: ['preservation'] },
};

const seize: CaseRow<'seize'> = {
  action: 'seize',
  from: ['investigating'],
  to: 'same',
  // ACL-18: a coercive measure is decided by the head.
  permission: 'case.approve',
  may: [ownTeam, notAuxiliary],
  check: [
    ({ input, now }) => pastDate(input.startedOn, now, 'body.startedOn'),
    ({ facts }) =>
      facts.seizure.status === 'active' && reason('ACL-25', '已有正在执行的查封、扣押', 'A seizure is already running'),
  ],
  clocks: ({ facts }) => ({ start: [clockStart('seizure', facts.settings)] }),
};

const extendSeizure: CaseRow<'extend_seizure'> = {
  action: 'extend_seizure',
  from: ['investigating', 'investigated', 'notified', 'hearing', 'deliberating', 'decision_pending'],
  to: 'same',
  permission: 'case.approve',
  may: [ownTeam, notAuxiliary],
  check: [
    ({ facts, input }) => checkSeizureExtension(facts.seizure, input.days),
    ({ input }) =>
      needText(input.reason, 'ACL-25', '延长查封、扣押须说明理由', 'An extension needs a reason', 'body.reason'),
  ],
  clocks: { extend: ['seizure'] },
};

const releaseSeizure: CaseRow<'release_seizure'> = {
  action: 'release_seizure',
  from: [
    'investigating',
    'investigated',
    'notified',
    'hearing',
    'deliberating',
    'decision_pending',
    'decided',
    'executing',
    'executed',
  ],
  to: 'same',
  permission: 'case.handle',
  may: [ownTeam],
  check: [
    ({ facts }) =>
      facts.seizure.status !== 'active' && reason('ACL-25', '没有正在执行的查封、扣押', 'No seizure is running'),
    ({ input, now }) => pastDate(input.releasedOn, now, 'body.releasedOn'),
  ],
  clocks: { stop: ['seizure'] },
};

const requestExtension: CaseRow<'request_extension'> = {
  action: 'request_extension',
  from: DECISION_PERIOD_STATES,
  to: 'same',
  permission: 'case.handle',
  may: [ownTeam, notAuxiliary],
  check: [
    ({ input }) =>
      (!Number.isInteger(input.days) || input.days < 1 || input.days > 365) &&
      reason('APL-60', '延长天数须为 1–365 的整数', 'An extension is 1 to 365 whole days', 'body.days'),
    ({ input }) =>
      needText(input.reason, 'APL-60', '延长办案期限须说明理由', 'An extension needs a reason', 'body.reason'),
    ({ facts }) =>
      facts.extension.requestedDays !== null &&
      reason('APL-60', '已有待批准的延期申请', 'An extension already awaits approval'),
  ],
};

const approveExtension: CaseRow<'approve_extension'> = {
  action: 'approve_extension',
  from: DECISION_PERIOD_STATES,
  to: 'same',
  permission: 'case.approve',
  may: [ownTeam, notAuxiliary, notInvestigator],
  check: [
    opinionNeeded,
    ({ facts }) =>
      facts.extension.requestedDays === null &&
      reason('APL-60', '没有待批准的延期申请', 'No extension awaits approval'),
    ({ facts, input }) =>
      input.approved &&
      facts.extension.requestedDays !== null &&
      (input.days < 1 || input.days > facts.extension.requestedDays) &&
      reason('APL-60', '批准的天数须在 1 至申请天数之间', 'Approve between 1 day and the days requested', 'body.days'),
  ],
  // APL-60: an approved extension is recorded and never removed.
  clocks: ({ input }) => (input.approved ? { extend: ['decision'] } : {}),
};

const submitReport: CaseRow<'submit_report'> = {
  action: 'submit_report',
  from: ['investigating'],
  to: 'investigated',
  permission: 'case.handle',
  may: [ownTeam, notAuxiliary],
  check: [
    twoInvestigators,
    ({ facts }) => unusableEvidence(facts.evidence),
    ({ input }) =>
      needText(input.summary, 'APL-57', '请填写调查终结报告', 'Write the investigation report', 'body.summary'),
    ({ facts }) =>
      facts.pendingRecusals.length > 0 &&
      reason(
        'APL-43',
        '回避申请尚待负责人决定，调查可继续，但不能终结',
        'A recusal application awaits the head: the investigation cannot conclude yet',
      ),
    ({ facts }) =>
      facts.preservation.status === 'requested' || facts.preservation.status === 'approved'
        ? reason('APL-41/46/56', '先行登记保存的证据尚未作出处理决定', 'The preserved evidence has not been decided on')
        : null,
    ({ input }) =>
      input.suspectedCrime &&
      input.outcome !== 'transfer_crime' &&
      reason(
        'TRN-11',
        '涉嫌犯罪的，调查结论应为移送司法机关，不得以行政处罚代替移送',
        'A suspected crime is transferred: a penalty never replaces the transfer',
        'body.outcome',
      ),
  ],
};

const reopenInvestigation: CaseRow<'reopen_investigation'> = {
  action: 'reopen_investigation',
  from: ['investigated', 'notified', 'deliberating'],
  to: 'investigating',
  permission: 'case.handle',
  may: [ownTeam],
  check: [
    ({ input }) =>
      needText(
        input.reason,
        'CASE-REOPEN',
        '补充调查须说明理由',
        'Further investigation needs a reason',
        'body.reason',
      ),
  ],
};

export const INVESTIGATION_ROWS = [
  assignInvestigators,
  recordEvidence,
  reviewMonitoringRecord,
  applyRecusal,
  decideRecusal,
  requestPreservation,
  approvePreservation,
  decidePreservation,
  seize,
  extendSeizure,
  releaseSeizure,
  requestExtension,
  approveExtension,
  submitReport,
  reopenInvestigation,
] as const;
