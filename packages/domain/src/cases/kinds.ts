/*
 * The vocabulary of penalty cases (SPEC §5, glossary): states, procedures, penalty kinds, parties, outcomes. The
 * procedure itself — which action from which state, who may take it, what refuses it — is the table of rows in
 * procedure.ts and rows-*.ts.
 */

/**
 * Case states. A case starts in `lead` (案源: registered from an event, an inspection finding, a referral, a transfer
 * from another agency, or directly) and ends in `archived`, `not_filed`, or (for a commitment honoured, a transfer
 * accepted) `closed` → `archived`.
 *
 *   lead ─decide_on_spot (simple, APL-51)→ executing / executed
 *    │ ─offer_commitment (ZJ-LV)→ commitment ─confirm_correction→ closed | lead
 *    │ ─file→ filing_pending ─approve_filing→ investigating | not_filed
 *    │ ─decline→ not_filed                     │
 *    └─report_transfer→ transfer_pending      ├─submit_report→ investigated ─notify→ notified ─request_hearing→ hearing
 *                                             │                   │                   │                   │
 *                                             │                   └──propose_decision (no penalty)        │
 *                                             │                         end_notice_period→ deliberating ←─hold_hearing
 *                                             └─report_transfer→ transfer_pending ─approve_transfer→ transfer_approved
 *                                                                                    ─send_transfer→ transferred
 *   deliberating ─propose_decision→ decision_pending ─approve_decision→ decided ─serve→ executing | executed
 *   executing ─record_payment / enforce→ executed;  ─apply_to_court→ court_enforcement ─record_court_result→ executed
 *   executed ─close→ closed ─archive→ archived
 */
export const CASE_STATES = [
  'lead',
  'commitment',
  'filing_pending',
  'investigating',
  'investigated',
  'notified',
  'hearing',
  'deliberating',
  'decision_pending',
  'decided',
  'executing',
  'court_enforcement',
  'executed',
  'transfer_pending',
  'transfer_approved',
  'transferred',
  'closed',
  'archived',
  'not_filed',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** States a case never leaves. */
export const FINAL_CASE_STATES: readonly CaseState[] = ['archived', 'not_filed'];

/** The states a new case may be created in: every case starts as a lead (案源). */
export const CASE_START_STATE: CaseState = 'lead';

export const CASE_STATE_LABELS: Record<CaseState, { zh: string; en: string }> = {
  lead: { zh: '案源登记', en: 'Lead' },
  commitment: { zh: '轻微违法承诺中', en: 'Light-violation commitment' },
  filing_pending: { zh: '立案审批中', en: 'Filing awaiting approval' },
  investigating: { zh: '调查取证', en: 'Investigating' },
  investigated: { zh: '调查终结', en: 'Investigation concluded' },
  notified: { zh: '已告知（陈述申辩期）', en: 'Notified (statement period)' },
  hearing: { zh: '听证', en: 'Hearing' },
  deliberating: { zh: '审查决定', en: 'Deliberating' },
  decision_pending: { zh: '决定审批中', en: 'Decision awaiting approval' },
  decided: { zh: '已决定待送达', en: 'Decided, to be served' },
  executing: { zh: '执行中', en: 'Executing' },
  court_enforcement: { zh: '申请法院强制执行', en: 'Court enforcement' },
  executed: { zh: '执行完毕', en: 'Executed' },
  transfer_pending: { zh: '移送审批中', en: 'Transfer awaiting decision' },
  transfer_approved: { zh: '移送已批准', en: 'Transfer approved' },
  transferred: { zh: '已移送', en: 'Transferred' },
  closed: { zh: '已结案', en: 'Closed' },
  archived: { zh: '已归档', en: 'Archived' },
  not_filed: { zh: '不予立案', en: 'Not filed' },
};

/** 简易程序 / 普通程序. */
export const CASE_PROCEDURES = ['simple', 'general'] as const;
export type CaseProcedureKind = (typeof CASE_PROCEDURES)[number];

/** Where a case comes from (issue 10 §1). */
export const CASE_SOURCES = ['event', 'inspection', 'referral', 'agency_transfer', 'direct'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

/**
 * APL-9 (art. 9): the kinds of administrative penalty. An order to correct (责令改正, art. 28) is not a penalty and
 * is not in this list. Detention (行政拘留) is for the police only (art. 18).
 */
export const PENALTY_KINDS = [
  'warning', // 警告
  'circulated_criticism', // 通报批评
  'fine', // 罚款
  'confiscate_illegal_gains', // 没收违法所得
  'confiscate_illegal_property', // 没收非法财物
  'suspend_licence', // 暂扣许可证件
  'lower_qualification', // 降低资质等级
  'revoke_licence', // 吊销许可证件
  'restrict_business', // 限制开展生产经营活动
  'suspend_production', // 责令停产停业
  'close', // 责令关闭
  'restrict_employment', // 限制从业
  'detention', // 行政拘留 (police only)
  'other_by_law', // 法律、行政法规规定的其他行政处罚
] as const;
export type PenaltyKind = (typeof PENALTY_KINDS)[number];

export const PENALTY_KIND_LABELS: Record<PenaltyKind, { zh: string; en: string }> = {
  warning: { zh: '警告', en: 'warning' },
  circulated_criticism: { zh: '通报批评', en: 'circulated criticism' },
  fine: { zh: '罚款', en: 'fine' },
  confiscate_illegal_gains: { zh: '没收违法所得', en: 'confiscation of illegal gains' },
  confiscate_illegal_property: { zh: '没收非法财物', en: 'confiscation of illegal property' },
  suspend_licence: { zh: '暂扣许可证件', en: 'suspension of a licence' },
  lower_qualification: { zh: '降低资质等级', en: 'lowering of qualification' },
  revoke_licence: { zh: '吊销许可证件', en: 'revocation of a licence' },
  restrict_business: { zh: '限制开展生产经营活动', en: 'restriction of business' },
  suspend_production: { zh: '责令停产停业', en: 'suspension of production or business' },
  close: { zh: '责令关闭', en: 'closure' },
  restrict_employment: { zh: '限制从业', en: 'restriction of employment' },
  detention: { zh: '行政拘留', en: 'administrative detention' },
  other_by_law: { zh: '法律、行政法规规定的其他行政处罚', en: 'another penalty set by law' },
};

/** Kinds that carry an amount of money (fen): the fine and the two confiscations. */
export const MONEY_PENALTY_KINDS: readonly PenaltyKind[] = [
  'fine',
  'confiscate_illegal_gains',
  'confiscate_illegal_property',
];

/** One penalty of a notice or a decision. `amountFen` for the money kinds (confiscated property: its value). */
export interface Penalty {
  kind: PenaltyKind;
  amountFen?: number;
}

/** Party kinds: 公民 / 法人 / 其他组织. The last two are "organisations" for every APL limit. */
export const PARTY_KINDS = ['citizen', 'organisation', 'other_organisation'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

/** The discretion module's party type for a party kind. */
export const partyType = (k: PartyKind): 'individual' | 'organisation' =>
  k === 'citizen' ? 'individual' : 'organisation';

/** APL-57: the outcomes the investigation report proposes (plus a transfer to the competent agency). */
export const REPORT_OUTCOMES = [
  'penalise', // 给予行政处罚
  'no_penalty', // 违法行为轻微等，依法不予行政处罚
  'not_established', // 违法事实不能成立，不予行政处罚
  'transfer_crime', // 违法行为涉嫌犯罪，移送司法机关
  'transfer_agency', // 不属于本机关管辖，移送有管辖权的机关
] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];

/** The kinds of decision a case ends in. */
export const DECISION_KINDS = ['penalty', 'no_penalty', 'not_established'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/**
 * The grounds of a no-penalty decision (APL-30/31/33). Education is recorded for each of them (APL-33 last para).
 * `APL-33(b)` (首违不罚) is a "may": the reason for waiving is recorded as well.
 */
export const NO_PENALTY_GROUNDS = ['APL-30', 'APL-31', 'APL-33(a)', 'APL-33(b)', 'APL-33(c)'] as const;
export type NoPenaltyGround = (typeof NO_PENALTY_GROUNDS)[number];

/** APL-61 / 民事诉讼法: ways a document is served. Electronic service needs the party's signed consent. */
export const SERVICE_METHODS = ['on_the_spot', 'direct', 'left_at_residence', 'post', 'electronic', 'notice'] as const;
export type ServiceMethod = (typeof SERVICE_METHODS)[number];

/** Reconsideration (行政复议) and litigation (行政诉讼) outcomes. */
export const CHALLENGE_KINDS = ['reconsideration', 'litigation'] as const;
export type ChallengeKind = (typeof CHALLENGE_KINDS)[number];
export const CHALLENGE_OUTCOMES = ['upheld', 'changed', 'revoked'] as const;
export type ChallengeOutcome = (typeof CHALLENGE_OUTCOMES)[number];

/** Kinds of agency (organization schema): none of them is the police, so none may detain (APL-9, art. 18). */
export type AgencyKind = 'bureau' | 'department' | 'town_government' | 'police';
