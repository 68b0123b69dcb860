import { isFen, toMilliUnits, type Fen } from './money.ts';
import { z } from 'zod';
import {
  CIRCUMSTANCES,
  PARTY_TYPES,
  TIERS,
  type Circumstance,
  type MatterVersion,
  type PartyType,
  type Tier,
  type TierRule,
} from './schemas.ts';
import { bandOf, reducedRange, slice, statutoryRangeOf } from './discretion-range.ts';
import {
  ART,
  AGGRAVATING_ZH,
  CIRC_EN,
  CIRC_ZH,
  MITIGATING_ZH,
  PARTY_ZH,
  TIER_EN,
  TIER_ZH,
  citeArticle,
  money,
  rangeText,
} from './discretion-text.ts';

export { bandOf, statutoryRangeOf } from './discretion-range.ts';
export { citeArticle } from './discretion-text.ts';

/*
 * Discretion (裁量基准, SPEC §5): from a matter's benchmark, the party and the facts to the legal range of the fine,
 * a recommended range inside it, and whether the party may or must not be penalised at all. Every step that
 * decided something is one explanation entry with its rule id and article, in Chinese and English.
 *
 * Bounds: "以上/以下" include the amount (APL art. 84 reading, LEGAL.md APL-51), so minFen and maxFen are allowed.
 * Money is integer fen (money.ts).
 */

/** APL-32 (一)–(五): the party must be punished more lightly (从轻) or with a reduced penalty (减轻). */
export const MITIGATING_FACTORS = [
  'removed_harm', // 主动消除或者减轻违法行为危害后果
  'coerced_or_deceived', // 受他人胁迫或者诱骗实施违法行为
  'confessed_unknown_violation', // 主动供述行政机关尚未掌握的违法行为
  'meritorious_cooperation', // 配合行政机关查处违法行为有立功表现
  'other_statutory_mitigation', // 法律、法规、规章规定其他应当从轻或者减轻的
] as const;

/** 从重 factors of the usual benchmark rules: the fine moves to the upper part of the range (never above it). */
export const AGGRAVATING_FACTORS = [
  'repeat_violation', // 多次违法 / 屡教不改
  'obstructed_enforcement', // 阻碍、抗拒执法
  'destroyed_evidence', // 隐匿、销毁证据
  'serious_consequences', // 造成较重危害后果
  'harmed_vulnerable_groups', // 侵害未成年人、老年人等
  'during_emergency', // 突发事件期间
] as const;

/** Facts that APL-33 and ZJ-LV read. */
export const CONDITION_FACTORS = [
  'promptly_corrected', // 及时改正
  'no_harm', // 没有造成危害后果
  'slight_harm', // 危害后果轻微
  'no_fault', // 有证据足以证明没有主观过错
  'correctable', // 能够改正 (ZJ-LV)
  'intentional', // 故意 (ZJ-LV: not eligible)
] as const;

/** Request contracts for a fine recommendation (the screen that asks for one sends a party and the facts). */
export const partyInput = z.strictObject({
  type: z.enum(PARTY_TYPES, 'party_type_unknown'),
  ageAtAct: z.number().int('age_whole_years').min(0, 'age_range').max(150, 'age_range').optional(),
  mentalCapacity: z.enum(['full', 'limited', 'none'], 'mental_capacity_unknown').optional(),
  firstViolation: z.boolean().optional(),
});
export const factsInput = z.strictObject({
  tier: z.enum(TIERS, 'tier_unknown'),
  circumstance: z.enum(CIRCUMSTANCES, 'circumstance_unknown'),
  units: z
    .number()
    .refine((u) => toMilliUnits(u) !== null, 'units_non_negative_at_most_3_decimals')
    .optional(),
  baseAmountFen: z.number().refine(isFen, 'amount_integer_fen').optional(),
  factors: z
    .array(z.enum([...MITIGATING_FACTORS, ...AGGRAVATING_FACTORS, ...CONDITION_FACTORS], 'factor_unknown'))
    .max(20)
    .default([]),
  reduce: z.boolean().optional(),
});

export type MitigatingFactor = (typeof MITIGATING_FACTORS)[number];
export type AggravatingFactor = (typeof AGGRAVATING_FACTORS)[number];
export type Factor = MitigatingFactor | AggravatingFactor | (typeof CONDITION_FACTORS)[number];

export interface Party {
  type: PartyType;
  /** Age in completed years at the time of the act (APL-30); individuals only. */
  ageAtAct?: number;
  /** APL-31: 'none' = could not recognise or control own conduct; 'limited' = not wholly lost. */
  mentalCapacity?: 'full' | 'limited' | 'none';
  /** 初次违法 (APL-33(b), ZJ-LV). */
  firstViolation?: boolean;
}

export interface Facts {
  tier: Tier;
  circumstance: Circumstance;
  /** Units for a per-unit fine (m², m³ …), up to 3 decimals. */
  units?: number;
  /** The base of a multiple fine (违法所得, 货值金额 …) in fen; leave out when there is none. */
  baseAmountFen?: Fen;
  factors: readonly Factor[];
  /** Elect 减轻 (below the statutory minimum) where APL-30/31/32 allow it; otherwise 从轻 is recommended. */
  reduce?: boolean;
}

export interface MoneyRange {
  minFen: Fen;
  maxFen: Fen;
}

export interface Explanation {
  ruleId: string;
  article: string;
  zh: string;
  en: string;
}

export type FineOutcome = 'penalise' | 'must_not_penalise' | 'may_waive' | 'no_fine_basis';

export interface FineRecommendation {
  outcome: FineOutcome;
  /** The rule that decided the outcome (APL-30, APL-33(b), DISC-RANGE …). */
  decidedBy: string;
  /** The tier whose range applied (after falling back to `first` when the matter has no such tier). */
  tier: Tier | null;
  /** The range the penalty article writes for this party and tier. */
  statutoryRange: MoneyRange | null;
  /** What a lawful fine may be: the statutory range, or down to 0 where 减轻 is allowed (APL-30/31/32). */
  legalRange: MoneyRange | null;
  /** The benchmark's range for these circumstances and factors; outside it a fine needs a written reason. */
  recommendedRange: MoneyRange | null;
  adjustment: 'none' | 'lighter' | 'reduced' | 'heavier' | 'offset';
  /** ZJ-LV: the party may sign a light-violation commitment instead of a case. */
  commitmentEligible: boolean;
  /** The penalty article, cited in every range message. */
  penaltyArticle: string;
  /** Why no range could be computed although the matter has a fine (missing units or base), else null. */
  rangeIssue: Explanation | null;
  explanation: Explanation[];
}

/** What discretion reads from a matter version. */
export type DiscretionMatter = Pick<MatterVersion, 'name' | 'discretion' | 'flags' | 'penaltyBasis'>;

/**
 * Recommends a fine for one party on one matter (SPEC §5; LEGAL.md APL-30/31/32/33, ZJ-LV).
 *
 * Order: (1) the no-penalty rules (APL-30 under 14, APL-31 no capacity, APL-33(c) no fault, APL-33(a) minor +
 * promptly corrected + no harm) → must_not_penalise; (2) APL-33(b) first violation + slight harm + promptly
 * corrected → may_waive, only where the matter is on the first-violation list (flags.firstViolationWaiver);
 * (3) the tier and party range (a tier the matter lacks falls back to `first`); a basis of 'none' →
 * no_fine_basis; (4) the circumstance band (defaults 轻微 0–30 %, 一般 30–70 %, 较重 70–90 %, 严重 90–100 % of
 * the range), then:
 *  - 从轻 (APL-30 aged 14–17, APL-32 factors, APL-31 limited capacity): the band is mapped into the lower part of
 *    the range (below splitPct, default the midpoint) — the fine stays inside the statutory range;
 *  - 减轻 (same grounds, `facts.reduce`): below the statutory minimum, from reducedFloorPct of it, never below 0;
 *    where such grounds exist the legal range reaches down to 0;
 *  - 从重 (aggravating factors): the band is mapped into the upper part — never above the maximum;
 *  - both mitigating and aggravating factors: the band stays as it is.
 */
export function recommendFine(matter: DiscretionMatter, party: Party, facts: Facts): FineRecommendation {
  const explanation: Explanation[] = [];
  const factors = new Set<Factor>(facts.factors);
  const penaltyArticle = citeArticle(matter.penaltyBasis);
  const bench = matter.discretion;
  const individual = party.type === 'individual';
  const age = individual ? party.ageAtAct : undefined;
  const capacity = individual ? party.mentalCapacity : undefined;
  const base = {
    tier: null,
    statutoryRange: null,
    legalRange: null,
    recommendedRange: null,
    adjustment: 'none',
    commitmentEligible: false,
    penaltyArticle,
    rangeIssue: null,
    explanation,
  } as const;

  // (1) Must not penalise.
  const mustNot: string[] = [];
  if (age !== undefined && age < 14) {
    mustNot.push('APL-30');
    explanation.push({
      ruleId: 'APL-30',
      article: ART['APL-30'],
      zh: `行为时不满十四周岁（${age} 岁），不予行政处罚，责令监护人加以管教`,
      en: `Under 14 at the time of the act (${age}): no penalty; the guardian is ordered to discipline`,
    });
  }
  if (capacity === 'none') {
    mustNot.push('APL-31');
    explanation.push({
      ruleId: 'APL-31',
      article: ART['APL-31'],
      zh: '行为时不能辨认或者不能控制自己的行为，不予行政处罚，责令监护人严加看管和治疗',
      en: 'Could not recognise or control own conduct at the time: no penalty; the guardian is ordered to supervise',
    });
  }
  if (factors.has('no_fault')) {
    if (bench?.strictLiability) {
      explanation.push({
        ruleId: 'APL-33(c)',
        article: ART['APL-33(c)'],
        zh: '本事项法律、行政法规另有规定（不以主观过错为要件），无过错不免除处罚',
        en: 'A law or regulation makes this matter punishable without fault: lack of fault does not excuse',
      });
    } else {
      mustNot.push('APL-33(c)');
      explanation.push({
        ruleId: 'APL-33(c)',
        article: ART['APL-33(c)'],
        zh: '当事人有证据足以证明没有主观过错，不予行政处罚',
        en: 'The party proved it had no fault: no penalty',
      });
    }
  }
  if (facts.circumstance === 'minor' && factors.has('promptly_corrected') && factors.has('no_harm')) {
    mustNot.push('APL-33(a)');
    explanation.push({
      ruleId: 'APL-33(a)',
      article: ART['APL-33(a)'],
      zh: '违法行为轻微并及时改正，没有造成危害后果，不予行政处罚',
      en: 'Minor, promptly corrected and without harm: no penalty',
    });
  }
  if (mustNot.length > 0) {
    explanation.push({
      ruleId: 'APL-33-EDU',
      article: ART['APL-33-EDU'],
      zh: '依法不予行政处罚的，应当对当事人进行教育，并记录在案',
      en: 'Where no penalty is imposed the party must be educated, and this is recorded',
    });
    return { ...base, outcome: 'must_not_penalise', decidedBy: mustNot[0] as string };
  }

  // (2) First violation waiver (首违不罚).
  let outcome: FineOutcome = 'penalise';
  let decidedBy = 'DISC-RANGE';
  const waivable =
    party.firstViolation === true &&
    factors.has('promptly_corrected') &&
    (factors.has('slight_harm') || factors.has('no_harm'));
  if (waivable && matter.flags.firstViolationWaiver) {
    outcome = 'may_waive';
    decidedBy = 'APL-33(b)';
    explanation.push({
      ruleId: 'APL-33(b)',
      article: ART['APL-33(b)'],
      zh: '初次违法且危害后果轻微并及时改正，本事项列入首违不罚清单，可以不予行政处罚（不予处罚的，应记录理由并进行教育）',
      en:
        'First violation, slight harm, promptly corrected, and the matter is on the first-violation list: the ' +
        'penalty may be waived (record the reason and educate the party)',
    });
  } else if (waivable) {
    explanation.push({
      ruleId: 'APL-33(b)',
      article: ART['APL-33(b)'],
      zh: '符合初次违法情形，但本事项未列入首违不罚清单',
      en: 'A first violation, but the matter is not on the first-violation list',
    });
  }

  // ZJ-LV: light-violation notice-and-commitment (no case when the party signs and corrects in time).
  let commitmentEligible = false;
  if (matter.flags.lightViolationCommitment) {
    const missing: { zh: string; en: string }[] = [];
    if (party.firstViolation !== true) missing.push({ zh: '非初次违法', en: 'not a first violation' });
    if (factors.has('repeat_violation')) missing.push({ zh: '多次违法', en: 'a repeat violator' });
    if (facts.circumstance !== 'minor') missing.push({ zh: '情节非轻微', en: 'not minor' });
    if (!factors.has('no_harm') && !factors.has('slight_harm'))
      missing.push({ zh: '有明显危害后果', en: 'obvious harm' });
    if (factors.has('intentional')) missing.push({ zh: '存在主观故意', en: 'intentional' });
    if (!factors.has('correctable') && !factors.has('promptly_corrected'))
      missing.push({ zh: '不能及时改正', en: 'not correctable' });
    commitmentEligible = missing.length === 0;
    explanation.push({
      ruleId: 'ZJ-LV',
      article: ART['ZJ-LV'],
      zh: commitmentEligible
        ? '本事项列入轻微违法告知承诺清单，当事人签署承诺书并按时改正的，不予立案'
        : `本事项列入轻微违法告知承诺清单，但不适用：${missing.map((m) => m.zh).join('、')}`,
      en: commitmentEligible
        ? 'On the light-violation list: if the party signs the commitment and corrects in time, no case is filed'
        : `On the light-violation list, but not eligible: ${missing.map((m) => m.en).join(', ')}`,
    });
  }

  // (3) Tier and party range.
  if (bench === null) {
    explanation.push({
      ruleId: 'DISC-NO-BENCHMARK',
      article: penaltyArticle,
      zh: '本事项未设罚款裁量基准',
      en: 'The matter has no fine benchmark',
    });
    return {
      ...base,
      outcome: outcome === 'may_waive' ? outcome : 'no_fine_basis',
      decidedBy: outcome === 'may_waive' ? decidedBy : 'DISC-NO-BENCHMARK',
      commitmentEligible,
    };
  }
  let tier: Tier = facts.tier;
  let rule: TierRule | null = bench.tiers[tier];
  if (rule === null) {
    explanation.push({
      ruleId: 'DISC-TIER',
      article: penaltyArticle,
      zh: `本事项无${TIER_ZH[tier]}单独幅度，适用${TIER_ZH.first}`,
      en: `The matter has no separate ${TIER_EN[tier]}: the first tier applies`,
    });
    tier = 'first';
    rule = bench.tiers.first;
  }
  const basis = rule[party.type];
  if (basis.kind === 'none') {
    const later = (['failure_to_correct', 'serious'] as const).filter((t) => {
      const r = bench.tiers[t];
      return r !== null && r[party.type].kind !== 'none';
    });
    explanation.push({
      ruleId: 'DISC-NO-FINE',
      article: penaltyArticle,
      zh:
        `${TIER_ZH[tier]}对${PARTY_ZH[party.type]}不设罚款（责令改正不是行政处罚，APL-9）` +
        (later.length ? `；罚款仅适用于${later.map((t) => TIER_ZH[t]).join('、')}` : ''),
      en:
        `The ${TIER_EN[tier]} sets no fine for ${party.type === 'individual' ? 'an individual' : 'an organisation'} ` +
        `(an order to correct is not a penalty, APL-9)` +
        (later.length ? `; a fine applies only in the ${later.map((t) => TIER_EN[t]).join(', ')}` : ''),
    });
    return {
      ...base,
      tier,
      outcome: outcome === 'may_waive' ? outcome : 'no_fine_basis',
      decidedBy: outcome === 'may_waive' ? decidedBy : 'DISC-NO-FINE',
      commitmentEligible,
    };
  }
  if (rule.discretionary) {
    explanation.push({
      ruleId: 'DISC-DISCRETIONARY',
      article: penaltyArticle,
      zh: '本条规定“可以”处罚款，是否罚款由执法机关裁量',
      en: 'The article says the fine "may" be imposed: whether to fine is at the agency’s discretion',
    });
  }
  const computed = statutoryRangeOf(basis, facts, penaltyArticle);
  if (computed.range === null) {
    explanation.push(computed.issue);
    return { ...base, tier, outcome, decidedBy, commitmentEligible, rangeIssue: computed.issue };
  }
  const statutory = computed.range;
  explanation.push({
    ...computed.note,
    zh: `依据${penaltyArticle}，${PARTY_ZH[party.type]}${TIER_ZH[tier]}：${computed.note.zh}`,
    en: `Under ${penaltyArticle}, ${party.type} (${TIER_EN[tier]}): ${computed.note.en}`,
  });

  // (4) Circumstance band, then 从轻 / 减轻 / 从重.
  const band = bandOf(bench, facts.circumstance);
  explanation.push({
    ruleId: 'DISC-CIRCUMSTANCE',
    article: bench.source ?? penaltyArticle,
    zh: `情节${CIRC_ZH[facts.circumstance]}：裁量基准为幅度的 ${band.fromPct}%–${band.toPct}%`,
    en: `${CIRC_EN[facts.circumstance]} circumstances: the benchmark is ${band.fromPct}–${band.toPct} % of the range`.replace(
      /^./,
      (c) => c.toUpperCase(),
    ),
  });

  const mustGrounds: { ruleId: 'APL-30' | 'APL-32'; zh: string; en: string }[] = [];
  if (age !== undefined && age < 18)
    mustGrounds.push({
      ruleId: 'APL-30',
      zh: `行为时已满十四周岁不满十八周岁（${age} 岁）`,
      en: `aged 14–17 at the time of the act (${age})`,
    });
  for (const f of MITIGATING_FACTORS)
    if (factors.has(f)) mustGrounds.push({ ruleId: 'APL-32', zh: MITIGATING_ZH[f], en: f.replaceAll('_', ' ') });
  const mayGround = capacity === 'limited';
  const aggravating = AGGRAVATING_FACTORS.filter((f) => factors.has(f));
  const hasGrounds = mustGrounds.length > 0 || mayGround;

  for (const g of mustGrounds)
    explanation.push({
      ruleId: g.ruleId,
      article: ART[g.ruleId],
      zh: `${g.zh}：应当从轻或者减轻行政处罚`,
      en: `${g.en}: the penalty must be lighter or reduced`,
    });
  if (mayGround)
    explanation.push({
      ruleId: 'APL-31',
      article: ART['APL-31'],
      zh: '尚未完全丧失辨认或者控制自己行为能力：可以从轻或者减轻行政处罚',
      en: 'Capacity to recognise or control own conduct not wholly lost: the penalty may be lighter or reduced',
    });

  const s = bench.splitPct;
  let recommended: MoneyRange;
  let adjustment: FineRecommendation['adjustment'] = 'none';
  // A legal range that reaches below the minimum exists only where 减轻 is allowed and the minimum is above 0.
  const legal: MoneyRange = hasGrounds && statutory.minFen > 0 ? { minFen: 0, maxFen: statutory.maxFen } : statutory;
  const reduced = hasGrounds && facts.reduce === true ? reducedRange(statutory, bench.reducedFloorPct) : null;
  const groundRule = mustGrounds[0]?.ruleId ?? 'APL-31';
  if (reduced !== null) {
    recommended = reduced;
    adjustment = 'reduced';
    explanation.push({
      ruleId: 'DISC-REDUCED',
      article: ART[groundRule],
      zh: `减轻处罚：在法定最低罚款${money(statutory.minFen).zh}以下裁量，建议${rangeText(reduced).zh}`,
      en: `Reduced penalty: below the statutory minimum ${money(statutory.minFen).en}; recommended ${rangeText(reduced).en}`,
    });
  } else if (hasGrounds && aggravating.length > 0) {
    recommended = slice(statutory, band.fromPct * 100, band.toPct * 100);
    adjustment = 'offset';
    explanation.push({
      ruleId: 'DISC-OFFSET',
      article: bench.source ?? penaltyArticle,
      zh: `同时具有从轻和从重情节（${aggravating.map((f) => AGGRAVATING_ZH[f]).join('、')}），按情节基准裁量`,
      en: `Both mitigating and aggravating factors (${aggravating.join(', ')}): the circumstance band applies as is`,
    });
  } else if (hasGrounds) {
    recommended = slice(statutory, band.fromPct * s, band.toPct * s);
    adjustment = 'lighter';
    if (facts.reduce === true)
      explanation.push({
        ruleId: 'DISC-REDUCED',
        article: ART[groundRule],
        zh: '法定最低罚款为 0 元，无法再减轻，按从轻处罚',
        en: 'The statutory minimum is 0: a reduced fine is impossible, so the fine is lighter instead',
      });
    explanation.push({
      ruleId: 'DISC-LIGHTER',
      article: ART[groundRule],
      zh: `从轻处罚：在法定幅度内、幅度 ${s}% 以下部分裁量，建议${rangeText(recommended).zh}`,
      en: `Lighter penalty: within the range, in its lower ${s} %; recommended ${rangeText(recommended).en}`,
    });
  } else if (aggravating.length > 0) {
    recommended = slice(statutory, s * 100 + band.fromPct * (100 - s), s * 100 + band.toPct * (100 - s));
    adjustment = 'heavier';
    explanation.push({
      ruleId: 'DISC-HEAVIER',
      article: bench.source ?? penaltyArticle,
      zh:
        `从重处罚（${aggravating.map((f) => AGGRAVATING_ZH[f]).join('、')}）：在法定幅度内、幅度 ${s}% 以上部分裁量，` +
        `不得超过最高限额，建议${rangeText(recommended).zh}`,
      en:
        `Heavier penalty (${aggravating.join(', ')}): within the range, in its upper part above ${s} %, never above ` +
        `the maximum; recommended ${rangeText(recommended).en}`,
    });
  } else {
    recommended = slice(statutory, band.fromPct * 100, band.toPct * 100);
    explanation.push({
      ruleId: 'DISC-RECOMMENDED',
      article: bench.source ?? penaltyArticle,
      zh: `建议罚款${rangeText(recommended).zh}`,
      en: `Recommended fine: ${rangeText(recommended).en}`,
    });
  }

  return {
    ...base,
    outcome,
    decidedBy,
    tier,
    statutoryRange: statutory,
    legalRange: legal,
    recommendedRange: recommended,
    adjustment,
    commitmentEligible,
  };
}

export type FineCheck =
  | { ok: true; needsReason: false }
  | { ok: true; needsReason: true; ruleId: 'DISC-OUTSIDE-RECOMMENDED'; zh: string; en: string }
  | { ok: false; ruleId: string; article: string; zh: string; en: string };

/**
 * Checks a proposed fine (integer fen) against a recommendation.
 * - No fine is lawful where the outcome is must_not_penalise (the deciding rule is cited) or no_fine_basis.
 * - Outside the legal range → refused, citing the penalty article (bounds included: min and max are allowed).
 * - Inside the legal range but outside the recommended range → allowed with needsReason (SPEC §5: a written
 *   reason is required and the case is flagged to supervisors).
 */
export function checkProposedFine(result: FineRecommendation, amountFen: Fen): FineCheck {
  const article = result.penaltyArticle;
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0)
    return {
      ok: false,
      ruleId: 'DISC-AMOUNT',
      article,
      zh: '罚款金额须为大于 0 的整数（单位：分）；不罚款的，请选择不予处罚',
      en: 'A fine must be a positive whole number of fen; to impose none, choose a no-penalty outcome',
    };
  if (result.outcome === 'must_not_penalise') {
    const why = result.explanation.find((e) => e.ruleId === result.decidedBy);
    return {
      ok: false,
      ruleId: result.decidedBy,
      article: why?.article ?? article,
      zh: `依法不予行政处罚，不得罚款：${why?.zh ?? ''}`,
      en: `No penalty may be imposed: ${why?.en ?? ''}`,
    };
  }
  if (result.outcome === 'no_fine_basis' || (result.legalRange === null && result.rangeIssue === null)) {
    const why = result.explanation.find((e) => e.ruleId === result.decidedBy || e.ruleId === 'DISC-NO-FINE');
    return {
      ok: false,
      ruleId: result.outcome === 'no_fine_basis' ? result.decidedBy : 'DISC-NO-FINE',
      article,
      zh: `该情形不设罚款：${why?.zh ?? ''}`,
      en: `No fine is provided for this case: ${why?.en ?? ''}`,
    };
  }
  if (result.legalRange === null || result.recommendedRange === null) {
    const issue = result.rangeIssue as Explanation;
    return { ok: false, ruleId: issue.ruleId, article: issue.article, zh: issue.zh, en: issue.en };
  }
  const legal = result.legalRange;
  if (amountFen > legal.maxFen) {
    const a = money(amountFen);
    const max = money(legal.maxFen);
    return {
      ok: false,
      ruleId: 'DISC-OUTSIDE-LEGAL',
      article,
      zh: `罚款${a.zh}超过${article}规定的最高限额${max.zh}（以下含本数）`,
      en: `A fine of ${a.en} is above the maximum of ${max.en} (inclusive) set by ${article}`,
    };
  }
  if (amountFen < legal.minFen) {
    const a = money(amountFen);
    const min = money(legal.minFen);
    return {
      ok: false,
      ruleId: 'DISC-OUTSIDE-LEGAL',
      article,
      zh: `罚款${a.zh}低于${article}规定的最低限额${min.zh}（以上含本数），且无法定减轻情节`,
      en: `A fine of ${a.en} is below the minimum of ${min.en} (inclusive) set by ${article}, and no ground for a reduced penalty applies`,
    };
  }
  const rec = result.recommendedRange;
  if (amountFen < rec.minFen || amountFen > rec.maxFen) {
    const t = rangeText(rec);
    const a = money(amountFen);
    return {
      ok: true,
      needsReason: true,
      ruleId: 'DISC-OUTSIDE-RECOMMENDED',
      zh: `罚款${a.zh}在法定幅度内，但不在裁量基准建议的${t.zh}内：须书面说明理由，并提示监督人员`,
      en: `A fine of ${a.en} is lawful but outside the recommended ${t.en}: a written reason is required and supervisors are alerted`,
    };
  }
  return { ok: true, needsReason: false };
}
