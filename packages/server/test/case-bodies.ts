import { CASE_STEP_BODIES, type CaseStepAction } from '@openenforce/domain/cases';

/*
 * One body per case step that passes the route's schema (so that only role, scope, version and the procedure decide
 * the answer): the scope table and the contract tests post them. Parsed here, so a schema change that breaks one
 * fails at import.
 */

const P1 = '00000000-0000-4000-8000-000000000001';
const P2 = '00000000-0000-4000-8000-000000000002';
const fine = [{ kind: 'fine', amountFen: 30_000 }];
const approval = { approved: true, opinion: '同意' };
const elements = {
  partyName: '陈某',
  partyAddress: '温岭市泽国镇',
  facts: '当事人随意倾倒生活垃圾',
  evidence: ['现场检查笔录'],
  basis: '固体废物污染环境防治法',
  compliance: { how: '银行缴纳', by: '十五日内' },
  remedies: { reconsideration: '六十日内', lawsuit: '六个月内' },
  agencyName: '温岭市泽国镇人民政府',
  date: '2026-11-20',
  sealed: true,
};
const contents = {
  facts: '事实',
  reasons: '理由',
  basis: '依据',
  rights: { statement: true, defence: true, hearing: true },
};
const day = '2026-11-20';

const RAW: Record<CaseStepAction, object> = {
  decide_on_spot: { penalties: fine, officerIds: [P1, P2], collectOnSpot: null, elements },
  offer_commitment: { minor: true, obviousHarm: false, correctable: true, intentional: false, correctBy: day },
  confirm_correction: { corrected: true, checkedOn: day },
  file: { reason: '符合立案条件' },
  decline: { reason: '不符合立案条件' },
  approve_filing: approval,
  assign_investigators: { investigatorIds: [P1, P2] },
  record_evidence: { evidence: { type: 'inspection_record', source: 'officer', fileIds: [] } },
  review_monitoring_record: { evidenceId: 'e1', approved: true },
  apply_recusal: { personId: P2, reason: '利害关系' },
  decide_recusal: { personId: P2, granted: true, opinion: '同意回避' },
  request_preservation: { items: '设施一套', reason: '证据可能灭失' },
  approve_preservation: approval,
  decide_preservation: { measure: 'release', decidedOn: day },
  seize: { items: '设备一台', startedOn: day },
  extend_seizure: { days: 30, reason: '案情复杂' },
  release_seizure: { releasedOn: day },
  request_extension: { days: 30, reason: '案情复杂' },
  approve_extension: { days: 30, ...approval },
  submit_report: { outcome: 'penalise', suspectedCrime: false, summary: '事实清楚' },
  reopen_investigation: { reason: '补充证据' },
  report_transfer: { kind: 'agency', reporterIds: [P1, P2], targetAgency: '市场监督管理局', reason: '不属本机关管辖' },
  approve_transfer: approval,
  send_transfer: { paidFineOffsetFen: 0 },
  record_police_answer: { accepted: true, answeredOn: day },
  notify: { penalties: fine, servedOn: day, contents },
  record_statement: { statement: '当事人陈述', adopted: false },
  waive_rights: { signedOn: day },
  request_hearing: { requestedOn: day },
  schedule_hearing: { hearingDate: '2026-12-20', notifiedOn: day, chairId: P2 },
  hold_hearing: { heldOn: day },
  withdraw_hearing: { withdrawnOn: day },
  end_notice_period: {},
  legal_review: { passed: true, opinion: '程序合法' },
  collective_discussion: { conclusion: '同意处罚', participants: 5 },
  propose_decision: { kind: 'penalty', penalties: fine, elements },
  approve_decision: { decidedOn: day, ...approval },
  serve: { method: 'direct', servedOn: day },
  record_payment: { amountFen: 30_000, paidOn: day, channel: 'bank' },
  hand_in_cash: { handedOn: day },
  apply_deferral: { kind: 'instalments', reason: '经济困难' },
  approve_deferral: { days: 30, ...approval },
  send_reminder: { servedOn: day, deadline: day, method: '银行缴纳', amountFen: 30_000, statesRightToBeHeard: true },
  apply_to_court: { appliedOn: day },
  record_court_result: { result: 'executed' },
  enforce: { emergency: false },
  record_challenge: { kind: 'reconsideration', filedOn: day },
  record_challenge_outcome: { kind: 'reconsideration', outcome: 'upheld', decidedOn: day },
  publish: { publishedOn: day },
  withdraw_publication: { reason: '决定被撤销' },
  close: { summary: '执行完毕' },
  archive: {},
};

/** A body of `action` with `version` that the route's schema accepts. */
export function caseStepBody(action: CaseStepAction, version: number): object {
  const body = { version, ...RAW[action] };
  CASE_STEP_BODIES[action].parse(body);
  return body;
}
