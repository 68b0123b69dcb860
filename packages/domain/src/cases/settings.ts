import type { PenaltyKind } from './kinds.ts';

/*
 * Figures that vary by province, sector or agency (LEGAL.md: "configuration with a documented default, never a
 * constant buried in code"). Each default names the rule it comes from and how sure it is: [V] the statute fixes it,
 * [P] a partial or secondary source (keep configurable), [U] unverified (configurable, conservative default).
 * Statutory figures that never vary (APL-60 90 days, APL-72 3 %, APL-36 2/5 years) stay in code next to their rule.
 * Money is integer fen.
 */

/** A period as configuration: an amount of working or calendar days (TIME-1 says which a statute means). */
export interface DayPeriod {
  unit: 'working_days' | 'calendar_days';
  amount: number;
}

/** Amounts per party kind: a citizen, or an organisation (法人或者其他组织). Null: no such threshold. */
export interface PerParty {
  citizen: number | null;
  organisation: number | null;
}

/** Case flags a criterion may read (set on the case by the handling officer, with the facts that support them). */
export const CASE_FLAGS = [
  'major_public_interest', // 涉及重大公共利益
  'major_rights', // 直接关系当事人或者第三人重大权益
  'complex', // 案件情况疑难复杂、涉及多个法律关系
  'required_by_law', // 法律、法规规定应当进行法制审核
  'serious', // 情节复杂或者重大违法行为
  'social_impact', // 具有一定社会影响 (APL-48 publication)
] as const;
export type CaseFlag = (typeof CASE_FLAGS)[number];

/** When a review or a collective discussion is required: any flag, any kind, or a fine at least this large. */
export interface Criteria {
  /** The case has any of these flags. */
  flags: readonly CaseFlag[];
  /** The proposed penalties include any of these kinds. */
  penaltyKinds: readonly PenaltyKind[];
  /** The proposed fine is at least this (inclusive), per party; null: no amount criterion. */
  fineAtLeastFen: PerParty;
  /** The case went through a hearing (APL-58 (二) reads "经过听证程序" together with major rights). */
  afterHearingWithFlags: readonly CaseFlag[];
  /** Every general-procedure decision (some counties review all of them). */
  allGeneralProcedure: boolean;
}

export interface CaseSettings {
  /** APL-51 [V]: simple procedure only for a warning or a fine at most this much ("以下" includes the amount). */
  simpleProcedureMaxFineFen: { citizen: number; organisation: number };
  /** APL-68 [V]: on-the-spot collection under simple procedure for a fine at most this much (一百元以下). */
  onSpotCollectionMaxFen: number;
  /**
   * APL-63 [V] 较大数额 — the amounts are set per province and sector [P]. Default: 浙江 practice, a fine of 5,000 yuan
   * or more on a citizen and 50,000 yuan or more on an organisation; confiscations use the same amounts. Verify
   * against the provincial rule and the sector's before relying on it.
   */
  hearingFineAtLeastFen: { citizen: number; organisation: number };
  hearingConfiscationAtLeastFen: { citizen: number; organisation: number };
  /** APL-63 [V]: penalty kinds that give a hearing right whatever the amount. */
  hearingPenaltyKinds: readonly PenaltyKind[];
  /**
   * APL-54 [V] "promptly": no statutory day count; the local number [P]. Default 15 working days from the lead being
   * registered (the common 市场监管 practice), configurable.
   */
  filingPeriod: DayPeriod;
  /**
   * Statement and defence (陈述申辩) period after the notice when no hearing right applies [U]. Default 5 working days
   * (the hearing-request window of APL-64, so one notice period serves both).
   */
  statementPeriod: DayPeriod;
  /** APL-58 [V]: when a legal review is required (the four statutory grounds as flags; local lists as amounts). */
  legalReview: Criteria;
  /** APL-57 [V]: when a case is decided collectively (criteria are configuration). */
  collectiveDiscussion: Criteria;
  /** GB118-7 [P]: publish a penalty decision within this many working days (other decisions: 20). */
  publicationWorkingDays: { penalty: number; other: number };
  /** TIME-2 [P]: a calendar-day period ending on a non-working day ends on the next working day. */
  rollForwardToWorkday: boolean;
  /** ACL-43 [U]: "夜间" is not defined by the ACL; default 22:00–06:00 China time. */
  night: { from: string; to: string };
}

const NO_AMOUNT: PerParty = { citizen: null, organisation: null };

/** APL-63: the kinds that give a hearing right whatever the amount. */
export const APL63_KINDS: readonly PenaltyKind[] = [
  'lower_qualification',
  'revoke_licence',
  'suspend_production',
  'close',
  'restrict_employment',
];

export const DEFAULT_CASE_SETTINGS: Readonly<CaseSettings> = Object.freeze<CaseSettings>({
  simpleProcedureMaxFineFen: { citizen: 20_000, organisation: 300_000 },
  onSpotCollectionMaxFen: 10_000,
  hearingFineAtLeastFen: { citizen: 500_000, organisation: 5_000_000 },
  hearingConfiscationAtLeastFen: { citizen: 500_000, organisation: 5_000_000 },
  hearingPenaltyKinds: APL63_KINDS,
  filingPeriod: { unit: 'working_days', amount: 15 },
  statementPeriod: { unit: 'working_days', amount: 5 },
  legalReview: {
    // APL-58 (一) major public interest, (三) complex with several legal relationships, (四) required by law.
    flags: ['major_public_interest', 'complex', 'required_by_law'],
    penaltyKinds: [],
    fineAtLeastFen: NO_AMOUNT,
    // APL-58 (二): went through a hearing and affects major rights.
    afterHearingWithFlags: ['major_rights'],
    allGeneralProcedure: false,
  },
  collectiveDiscussion: {
    flags: ['complex', 'serious'],
    penaltyKinds: [],
    fineAtLeastFen: NO_AMOUNT,
    afterHearingWithFlags: [],
    allGeneralProcedure: false,
  },
  publicationWorkingDays: { penalty: 7, other: 20 },
  rollForwardToWorkday: true,
  night: { from: '22:00', to: '06:00' },
});

/** Settings from a partial override (an agency's configuration): every figure not given keeps its default. */
export function caseSettings(over: Partial<CaseSettings> = {}): CaseSettings {
  return { ...DEFAULT_CASE_SETTINGS, ...over };
}
