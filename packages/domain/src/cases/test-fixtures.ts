// Test factories for the cases tests (not exported from the package).
import { it } from 'vitest';
import { WorkingCalendar } from '../calendar/index.ts';
import { fixedYuan, makeMatter } from '../catalog/fixtures/matters.ts';
import type { MatterVersion } from '../catalog/schemas.ts';
import { permissionsOf, type Role } from '../organization/roles.ts';
import type { CaseActor, CaseFacts, CaseOfficer } from './facts.ts';
import type { CaseStepInput, DecisionElements } from './input.ts';
import { clockEffects } from '../workflow/procedure.ts';
import { CASE_PROCEDURE, decideCase, type CaseStepExtras } from './procedure.ts';
import { evolveCase } from './evolve.ts';
import { DEFAULT_CASE_SETTINGS } from './settings.ts';

export const calendar = new WorkingCalendar();
export const at = (day: string, time = '10:00') => new Date(`${day}T${time}:00+08:00`);

const cert = { domains: ['城市管理'], validFrom: '2024-01-01', validTo: '2028-12-31' };
export const officerA: CaseOfficer = { personId: 'pA', name: '张明', isAuxiliary: false, certificates: [cert] };
export const officerB: CaseOfficer = { personId: 'pB', name: '李强', isAuxiliary: false, certificates: [cert] };
export const officerC: CaseOfficer = { personId: 'pC', name: '周华', isAuxiliary: false, certificates: [cert] };
export const auxiliary: CaseOfficer = { personId: 'pX', name: '王五', isAuxiliary: true, certificates: [] };
export const expired: CaseOfficer = {
  personId: 'pE',
  name: '赵六',
  isAuxiliary: false,
  certificates: [{ ...cert, validTo: '2025-12-31' }],
};
export const otherDomain: CaseOfficer = {
  personId: 'pD',
  name: '钱七',
  isAuxiliary: false,
  certificates: [{ ...cert, domains: ['市场监管'] }],
};

export function actor(role: Role, personId: string | null, over: Partial<CaseActor> = {}): CaseActor {
  return {
    role,
    permissions: permissionsOf(role),
    userId: `u-${personId}`,
    personId,
    teamIds: ['t1'],
    isAuxiliary: false,
    ...over,
  };
}
export const officer = actor('officer', 'pA');
export const leader = actor('team_leader', 'pL');
export const reviewer = actor('legal_reviewer', 'pR', { teamIds: [] });

/** A matter with a 200–1,000 yuan fine for individuals and 500–3,000 yuan for organisations. */
export function matter(over: Parameters<typeof makeMatter>[0] = {}): MatterVersion {
  const ind = { kind: 'fixed', minFen: 20_000, maxFen: 100_000 } as const;
  const org = { kind: 'fixed', minFen: 50_000, maxFen: 300_000 } as const;
  return makeMatter({ discretion: { tiers: { first: { individual: ind, organisation: org } } }, ...over });
}
export { fixedYuan };

export function facts(over: Partial<CaseFacts> = {}): CaseFacts {
  const m = matter();
  return {
    state: 'lead',
    procedure: null,
    teamId: 't1',
    agency: { id: 'a1', name: '温岭市综合行政执法局', kind: 'bureau', mayEnforce: false },
    matter: m,
    jurisdictionRefusal: null,
    concurrentMatters: [],
    priorFineForSameAct: false,
    party: {
      kind: 'citizen',
      name: '陈某',
      address: '温岭市太平街道',
      priorViolations: 0,
      electronicServiceConsent: false,
    },
    act: { date: '2026-03-02', endDate: null, discoveredOn: '2026-03-03', harmToLifeHealthSafetyFinance: false },
    flags: [],
    discretion: { tier: 'first', circumstance: 'ordinary', factors: [], support: {} },
    investigators: [],
    formerInvestigatorIds: [],
    pendingRecusals: [],
    evidence: [],
    preservation: { status: 'none', approvedOn: null },
    seizure: { status: 'none', startedOn: null, extended: false },
    report: null,
    notice: null,
    hearing: null,
    legalReview: 'none',
    collectiveDiscussion: false,
    extension: { requestedDays: null, approvedDays: 0 },
    decision: null,
    service: null,
    payment: { dueFen: 0, paidFen: 0, dueOn: null, deferral: 'none', cashHandedInOn: null },
    reminder: null,
    challenges: [],
    transfer: null,
    published: false,
    settings: DEFAULT_CASE_SETTINGS,
    calendar,
    ...over,
  };
}

export function elements(over: Partial<DecisionElements> = {}): DecisionElements {
  return {
    partyName: '陈某',
    partyAddress: '温岭市太平街道',
    facts: '当事人在人行道设摊经营',
    evidence: ['现场照片', '现场检查笔录'],
    basis: '《浙江省城市市容和环境卫生管理条例》第十六条第三款',
    compliance: { how: '至指定银行缴纳', by: '收到决定书之日起十五日内' },
    remedies: { reconsideration: '六十日内向温岭市人民政府申请行政复议', lawsuit: '六个月内向人民法院提起诉讼' },
    agencyName: '温岭市综合行政执法局',
    date: '2026-06-01',
    sealed: true,
    ...over,
  };
}

export const notice = {
  facts: '当事人在人行道设摊经营',
  reasons: '违反条例第十六条第一款',
  basis: '条例第十六条第三款',
  rights: { statement: true, defence: true, hearing: true },
};

/** Decide a step and, if accepted, evolve the facts; throws with the reasons when refused (for path tests). */
export function run(
  f: CaseFacts,
  input: CaseStepInput,
  who: CaseActor,
  now: Date,
  extras: CaseStepExtras = {},
): CaseFacts {
  const d = decideCase(f, input, who, now, extras);
  if (!d.ok)
    throw new Error(`${input.action} refused in ${f.state}: ${d.reasons.map((r) => `${r.rule} ${r.en}`).join('; ')}`);
  return evolveCase(f, input, d.to, now);
}

/** The rule ids of a refused step (empty when accepted). */
export function rules(
  f: CaseFacts,
  input: CaseStepInput,
  who: CaseActor,
  now: Date,
  extras: CaseStepExtras = {},
): string[] {
  const d = decideCase(f, input, who, now, extras);
  return d.ok ? [] : d.reasons.map((r) => r.rule);
}

export const fine = (yuan: number) => [{ kind: 'fine' as const, amountFen: yuan * 100 }];
const approval = { approved: true, opinion: '同意' };

/** One plausible input per action (typed exhaustively: a new action needs a sample here). */
export const SAMPLE: { [K in CaseStepInput['action']]: Extract<CaseStepInput, { action: K }> } = {
  decide_on_spot: {
    action: 'decide_on_spot',
    penalties: fine(30),
    officers: [officerA, officerB],
    collectOnSpot: 'small_fine',
    elements: elements(),
    refusedToSign: false,
  },
  offer_commitment: {
    action: 'offer_commitment',
    minor: true,
    obviousHarm: false,
    correctable: true,
    intentional: false,
    correctBy: '2026-12-31',
  },
  confirm_correction: { action: 'confirm_correction', corrected: true, checkedOn: '2026-06-01' },
  file: { action: 'file', reason: '符合立案标准' },
  decline: { action: 'decline', reason: '不符合立案标准' },
  approve_filing: { action: 'approve_filing', ...approval },
  assign_investigators: { action: 'assign_investigators', investigators: [officerA, officerB] },
  record_evidence: {
    action: 'record_evidence',
    evidence: {
      id: 'e1',
      type: 'audio_visual',
      source: 'officer',
      fileIds: ['f1'],
      capturedAt: null,
      place: null,
      device: null,
      reviewStatus: 'approved',
    },
  },
  review_monitoring_record: { action: 'review_monitoring_record', evidenceId: 'e1', approved: true },
  apply_recusal: { action: 'apply_recusal', personId: 'pB', reason: '与当事人有利害关系' },
  decide_recusal: { action: 'decide_recusal', personId: 'pB', granted: true, opinion: '同意回避' },
  request_preservation: { action: 'request_preservation', items: '摊位设施一套', reason: '证据可能灭失' },
  approve_preservation: { action: 'approve_preservation', ...approval },
  decide_preservation: { action: 'decide_preservation', measure: 'release', decidedOn: '2026-06-01' },
  seize: { action: 'seize', items: '设备一台', startedOn: '2026-06-01' },
  extend_seizure: { action: 'extend_seizure', days: 30, reason: '案情复杂' },
  release_seizure: { action: 'release_seizure', releasedOn: '2026-06-01' },
  request_extension: { action: 'request_extension', days: 30, reason: '案情复杂' },
  approve_extension: { action: 'approve_extension', days: 30, ...approval },
  submit_report: { action: 'submit_report', outcome: 'penalise', suspectedCrime: false, summary: '事实清楚，证据确凿' },
  reopen_investigation: { action: 'reopen_investigation', reason: '需补充证据' },
  report_transfer: {
    action: 'report_transfer',
    kind: 'agency',
    reporterIds: ['pA', 'pB'],
    targetAgency: '温岭市市场监督管理局',
    reason: '不属本机关管辖',
  },
  approve_transfer: { action: 'approve_transfer', ...approval },
  send_transfer: { action: 'send_transfer', paidFineOffsetFen: 0 },
  record_police_answer: { action: 'record_police_answer', accepted: true, answeredOn: '2026-06-01' },
  notify: { action: 'notify', penalties: fine(500), servedOn: '2026-06-01', contents: notice },
  record_statement: { action: 'record_statement', statement: '当事人称已改正', adopted: false },
  waive_rights: { action: 'waive_rights', signedOn: '2026-06-01' },
  request_hearing: { action: 'request_hearing', requestedOn: '2026-06-01' },
  schedule_hearing: { action: 'schedule_hearing', hearingDate: '2026-06-20', notifiedOn: '2026-06-01', chairId: 'pC' },
  hold_hearing: { action: 'hold_hearing', heldOn: '2026-06-01' },
  withdraw_hearing: { action: 'withdraw_hearing', withdrawnOn: '2026-06-01' },
  end_notice_period: { action: 'end_notice_period' },
  legal_review: { action: 'legal_review', passed: true, opinion: '事实清楚，程序合法' },
  collective_discussion: { action: 'collective_discussion', conclusion: '同意处罚', participants: 5 },
  propose_decision: { action: 'propose_decision', kind: 'penalty', penalties: fine(500), elements: elements() },
  approve_decision: { action: 'approve_decision', decidedOn: '2026-06-01', ...approval },
  serve: { action: 'serve', method: 'direct', servedOn: '2026-06-01' },
  record_payment: { action: 'record_payment', amountFen: 50_000, paidOn: '2026-06-01', channel: 'bank' },
  hand_in_cash: { action: 'hand_in_cash', handedOn: '2026-06-01' },
  apply_deferral: { action: 'apply_deferral', kind: 'instalments', reason: '经济困难' },
  approve_deferral: { action: 'approve_deferral', days: 30, ...approval },
  send_reminder: {
    action: 'send_reminder',
    servedOn: '2026-06-01',
    deadline: '2026-06-15',
    method: '银行缴纳',
    amountFen: 50_000,
    statesRightToBeHeard: true,
  },
  apply_to_court: { action: 'apply_to_court', appliedOn: '2026-06-01' },
  record_court_result: { action: 'record_court_result', result: 'executed' },
  enforce: { action: 'enforce', emergency: false },
  record_challenge: { action: 'record_challenge', kind: 'reconsideration', filedOn: '2026-06-01' },
  record_challenge_outcome: {
    action: 'record_challenge_outcome',
    kind: 'reconsideration',
    outcome: 'upheld',
    decidedOn: '2026-06-01',
  },
  publish: { action: 'publish', publishedOn: '2026-06-01' },
  withdraw_publication: { action: 'withdraw_publication', reason: '决定被撤销' },
  close: { action: 'close', summary: '执行完毕' },
  archive: { action: 'archive' },
};

/** A test of one LEGAL.md rule: its title starts with the rule id, which rule-table.test.ts reads. */
export const ruleTest = (rule: string, title: string, fn: () => void) => it(`${rule}: ${title}`, fn);

/** Shared by the §C rule tests: a general case under investigation, then deliberating, and their clocks. */
export const investigating = (over: Partial<CaseFacts> = {}) =>
  facts({
    state: 'investigating',
    procedure: 'general',
    investigators: [officerA, officerB],
    formerInvestigatorIds: ['pA', 'pB'],
    ...over,
  });
export const deliberating = (over: Partial<CaseFacts> = {}) =>
  investigating({
    state: 'deliberating',
    report: { outcome: 'penalise', suspectedCrime: false },
    notice: { servedOn: '2026-05-20', penalties: fine(500), hearingRight: false, waived: false },
    ...over,
  });
export const clocksOf = (action: keyof typeof SAMPLE, f: CaseFacts, input = SAMPLE[action]) =>
  clockEffects(CASE_PROCEDURE.rows.find((r) => r.action === action) as never, f, input);
export const spot = (yuan: number, officers = [officerA, officerB]) => ({
  ...SAMPLE.decide_on_spot,
  penalties: fine(yuan),
  officers,
  collectOnSpot: null,
});
