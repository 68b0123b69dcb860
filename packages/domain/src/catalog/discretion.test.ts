import { describe, expect, it } from 'vitest';
import {
  checkProposedFine,
  factsInput,
  partyInput,
  recommendFine,
  type Facts,
  type FineRecommendation,
  type Party,
} from './discretion.ts';
import { fineRefusedError } from './errors.ts';
import { fixedYuan, makeMatter } from './fixtures/matters.ts';
import type { DiscretionBenchmarkInput, FineBasis } from './schemas.ts';

const Y = 100; // fen per yuan
const ind: Party = { type: 'individual' };
const org: Party = { type: 'organisation' };
const facts = (over: Partial<Facts> = {}): Facts => ({ tier: 'first', circumstance: 'ordinary', factors: [], ...over });
const ids = (r: FineRecommendation) => r.explanation.map((e) => e.ruleId);

/** 《大气污染防治法》第一百一十八条第一款: 5,000–50,000 yuan. */
const fumes = makeMatter({
  name: '对排放油烟超标的行政处罚',
  penaltyBasis: { law: '《中华人民共和国大气污染防治法》', article: '第一百一十八条第一款', text: '' },
  discretion: fixedYuan(5_000, 50_000),
});
/** 浙江市容条例 第十二条第三款: organisation 500–3,000, individual 200–1,000, after failure to correct. */
const partyTiers = makeMatter({
  discretion: {
    tiers: {
      first: { individual: { kind: 'none' }, organisation: { kind: 'none' } },
      failure_to_correct: {
        individual: { kind: 'fixed', minFen: 200 * Y, maxFen: 1_000 * Y },
        organisation: { kind: 'fixed', minFen: 500 * Y, maxFen: 3_000 * Y },
        label: '逾期不改正',
      },
    },
  },
});
const multipleMatter = (basis: Omit<Extract<FineBasis, { kind: 'multiple' }>, 'kind'> | Record<string, unknown>) =>
  makeMatter({
    discretion: {
      tiers: {
        first: {
          individual: { kind: 'multiple', ...basis } as DiscretionBenchmarkInput['tiers']['first']['individual'],
          organisation: { kind: 'multiple', ...basis } as DiscretionBenchmarkInput['tiers']['first']['individual'],
        },
      },
    },
  });

describe('statutory ranges: 以上/以下 include the bound', () => {
  const r = recommendFine(fumes, org, facts());

  it('allows the minimum and the maximum, refuses one yuan (and one fen) outside, citing the penalty article', () => {
    expect(r.legalRange).toEqual({ minFen: 5_000 * Y, maxFen: 50_000 * Y });
    expect(checkProposedFine(r, 5_000 * Y).ok).toBe(true);
    expect(checkProposedFine(r, 50_000 * Y).ok).toBe(true);
    for (const amount of [4_999 * Y, 5_000 * Y - 1, 50_001 * Y, 50_000 * Y + 1]) {
      const c = checkProposedFine(r, amount);
      expect(c).toMatchObject({ ok: false, ruleId: 'DISC-OUTSIDE-LEGAL' });
      if (!c.ok) {
        expect(c.article).toBe('《中华人民共和国大气污染防治法》第一百一十八条第一款');
        expect(c.zh).toContain('第一百一十八条第一款');
        expect(c.zh).toContain(
          amount < 5_000 * Y ? '最低限额5,000 元（以上含本数）' : '最高限额50,000 元（以下含本数）',
        );
      }
    }
  });

  it('inside the legal range but outside the recommended range needs a written reason', () => {
    expect(r.recommendedRange).toEqual({ minFen: 18_500 * Y, maxFen: 36_500 * Y });
    expect(checkProposedFine(r, 20_000 * Y)).toEqual({ ok: true, needsReason: false });
    const c = checkProposedFine(r, 6_000 * Y);
    expect(c).toMatchObject({ ok: true, needsReason: true, ruleId: 'DISC-OUTSIDE-RECOMMENDED' });
  });

  it('refuses a fine of zero or a fraction of a fen', () => {
    expect(checkProposedFine(r, 0)).toMatchObject({ ok: false, ruleId: 'DISC-AMOUNT' });
    expect(checkProposedFine(r, 100.5)).toMatchObject({ ok: false, ruleId: 'DISC-AMOUNT' });
  });
});

describe('circumstance bands', () => {
  it.each([
    ['minor', 5_000, 18_500],
    ['ordinary', 18_500, 36_500],
    ['serious', 36_500, 45_500],
    ['grave', 45_500, 50_000],
  ] as const)('%s → %i–%i yuan by default (0–30, 30–70, 70–90, 90–100 %%)', (circumstance, lo, hi) => {
    // `minor` alone (not promptly corrected) is still punishable.
    const r = recommendFine(fumes, org, facts({ circumstance }));
    expect(r.outcome).toBe('penalise');
    expect(r.recommendedRange).toEqual({ minFen: lo * Y, maxFen: hi * Y });
  });

  it('a matter may configure its own bands; the others keep their defaults', () => {
    const m = makeMatter({ discretion: fixedYuan(5_000, 50_000, { bands: { ordinary: { fromPct: 20, toPct: 50 } } }) });
    expect(recommendFine(m, org, facts()).recommendedRange).toEqual({ minFen: 14_000 * Y, maxFen: 27_500 * Y });
    expect(recommendFine(m, org, facts({ circumstance: 'minor' })).recommendedRange).toEqual({
      minFen: 5_000 * Y,
      maxFen: 18_500 * Y,
    });
  });
});

describe('party types and tiers', () => {
  it('uses the range of the party type', () => {
    const f = facts({ tier: 'failure_to_correct' });
    expect(recommendFine(partyTiers, ind, f).statutoryRange).toEqual({ minFen: 200 * Y, maxFen: 1_000 * Y });
    expect(recommendFine(partyTiers, org, f).statutoryRange).toEqual({ minFen: 500 * Y, maxFen: 3_000 * Y });
    // 200 is a lawful fine for an individual, not for an organisation.
    expect(checkProposedFine(recommendFine(partyTiers, ind, f), 200 * Y).ok).toBe(true);
    expect(checkProposedFine(recommendFine(partyTiers, org, f), 200 * Y).ok).toBe(false);
  });

  it('a first tier without a fine (fine only after failure to correct) gives no_fine_basis', () => {
    const r = recommendFine(partyTiers, org, facts());
    expect(r.outcome).toBe('no_fine_basis');
    expect(r.decidedBy).toBe('DISC-NO-FINE');
    expect(r.explanation.find((e) => e.ruleId === 'DISC-NO-FINE')?.zh).toContain('逾期不改正/拒不改正档');
    expect(checkProposedFine(r, 500 * Y)).toMatchObject({ ok: false, ruleId: 'DISC-NO-FINE' });
  });

  it('selects the serious tier, and falls back to the first tier when the matter has none', () => {
    const m = makeMatter({
      discretion: {
        ...fixedYuan(5_000, 50_000),
        tiers: {
          first: fixedYuan(5_000, 50_000).tiers.first,
          serious: {
            individual: { kind: 'fixed', minFen: 50_000 * Y, maxFen: 500_000 * Y },
            organisation: { kind: 'fixed', minFen: 50_000 * Y, maxFen: 500_000 * Y },
            label: '情节严重',
          },
        },
      },
    });
    const serious = recommendFine(m, org, facts({ tier: 'serious' }));
    expect(serious.tier).toBe('serious');
    expect(serious.statutoryRange).toEqual({ minFen: 50_000 * Y, maxFen: 500_000 * Y });
    const ftc = recommendFine(m, org, facts({ tier: 'failure_to_correct' }));
    expect(ftc.tier).toBe('first');
    expect(ids(ftc)).toContain('DISC-TIER');
    expect(ftc.statutoryRange).toEqual({ minFen: 5_000 * Y, maxFen: 50_000 * Y });
  });

  it('a matter without a benchmark or with a none basis has no fine basis', () => {
    expect(recommendFine(makeMatter(), org, facts()).outcome).toBe('no_fine_basis');
    const none = makeMatter({
      discretion: { tiers: { first: { individual: { kind: 'none' }, organisation: { kind: 'none' } } } },
    });
    expect(recommendFine(none, ind, facts()).outcome).toBe('no_fine_basis');
  });

  it('says when the fine is discretionary (可以)', () => {
    const m = makeMatter({
      discretion: { tiers: { first: { ...fixedYuan(20, 50).tiers.first, discretionary: true } } },
    });
    expect(ids(recommendFine(m, ind, facts()))).toContain('DISC-DISCRETIONARY');
  });
});

describe('APL-30/31: age and capacity', () => {
  it('APL-30: under 14 at the act → must not penalise; any fine refused citing APL-30', () => {
    const r = recommendFine(fumes, { type: 'individual', ageAtAct: 13 }, facts());
    expect(r).toMatchObject({ outcome: 'must_not_penalise', decidedBy: 'APL-30', legalRange: null });
    expect(r.explanation[0]?.article).toBe('《中华人民共和国行政处罚法》第三十条');
    expect(ids(r)).toContain('APL-33-EDU'); // education is recorded in every no-penalty outcome
    expect(checkProposedFine(r, 5_000 * Y)).toMatchObject({ ok: false, ruleId: 'APL-30' });
  });

  it('APL-30: 14–17 → must be lighter: the band moves into the lower half; 减轻 makes below-minimum lawful', () => {
    const r = recommendFine(fumes, { type: 'individual', ageAtAct: 14 }, facts());
    expect(r.outcome).toBe('penalise');
    expect(r.adjustment).toBe('lighter');
    // ordinary 30–70 % mapped into 0–50 % → 15–35 % of 5,000–50,000.
    expect(r.recommendedRange).toEqual({ minFen: 11_750 * Y, maxFen: 20_750 * Y });
    expect(r.statutoryRange).toEqual({ minFen: 5_000 * Y, maxFen: 50_000 * Y });
    expect(r.legalRange).toEqual({ minFen: 0, maxFen: 50_000 * Y });
    expect(ids(r)).toEqual(expect.arrayContaining(['APL-30', 'DISC-LIGHTER']));
    expect(checkProposedFine(r, 4_999 * Y)).toMatchObject({ ok: true, needsReason: true });
    expect(checkProposedFine(r, 50_001 * Y)).toMatchObject({ ok: false, ruleId: 'DISC-OUTSIDE-LEGAL' });
    // 18 is an adult: no mitigation.
    expect(recommendFine(fumes, { type: 'individual', ageAtAct: 18 }, facts()).adjustment).toBe('none');
  });

  it('APL-30 with 减轻 elected: below the statutory minimum, at least 0', () => {
    const r = recommendFine(fumes, { type: 'individual', ageAtAct: 17 }, facts({ reduce: true }));
    expect(r.adjustment).toBe('reduced');
    expect(r.recommendedRange).toEqual({ minFen: 1 * Y, maxFen: 4_999 * Y });
    expect(r.explanation.find((e) => e.ruleId === 'DISC-REDUCED')?.article).toBe(
      '《中华人民共和国行政处罚法》第三十条',
    );
  });

  it('APL-31: no capacity → must not penalise; limited capacity → may be lighter', () => {
    expect(recommendFine(fumes, { type: 'individual', mentalCapacity: 'none' }, facts())).toMatchObject({
      outcome: 'must_not_penalise',
      decidedBy: 'APL-31',
    });
    const r = recommendFine(fumes, { type: 'individual', mentalCapacity: 'limited' }, facts());
    expect(r.adjustment).toBe('lighter');
    expect(ids(r)).toContain('APL-31');
  });

  it('age and capacity are about individuals, not organisations', () => {
    const r = recommendFine(fumes, { type: 'organisation', ageAtAct: 10, mentalCapacity: 'none' }, facts());
    expect(r.outcome).toBe('penalise');
  });
});

describe('APL-32: must be lighter or reduced', () => {
  it.each(['removed_harm', 'coerced_or_deceived', 'confessed_unknown_violation', 'meritorious_cooperation'] as const)(
    '%s → 从轻 within the range (lower part), citing APL-32',
    (factor) => {
      const r = recommendFine(fumes, org, facts({ factors: [factor] }));
      expect(r.adjustment).toBe('lighter');
      expect(r.recommendedRange!.maxFen).toBeLessThanOrEqual(27_500 * Y); // the midpoint
      expect(r.recommendedRange!.minFen).toBeGreaterThanOrEqual(5_000 * Y);
      const e = r.explanation.find((x) => x.ruleId === 'APL-32');
      expect(e?.article).toBe('《中华人民共和国行政处罚法》第三十二条');
    },
  );

  it('减轻 goes below the minimum only where a ground exists', () => {
    const reduced = recommendFine(fumes, org, facts({ factors: ['removed_harm'], reduce: true }));
    expect(reduced.recommendedRange).toEqual({ minFen: 1 * Y, maxFen: 4_999 * Y });
    expect(checkProposedFine(reduced, 2_000 * Y)).toEqual({ ok: true, needsReason: false });
    // No ground: 减轻 is not available and a fine below the minimum is unlawful.
    const plain = recommendFine(fumes, org, facts({ reduce: true }));
    expect(plain.adjustment).toBe('none');
    expect(checkProposedFine(plain, 2_000 * Y)).toMatchObject({ ok: false, ruleId: 'DISC-OUTSIDE-LEGAL' });
  });

  it('a reduced floor can be configured (e.g. not below 50 % of the minimum)', () => {
    const m = makeMatter({ discretion: fixedYuan(5_000, 50_000, { reducedFloorPct: 50 }) });
    const r = recommendFine(m, org, facts({ factors: ['confessed_unknown_violation'], reduce: true }));
    expect(r.recommendedRange).toEqual({ minFen: 2_500 * Y, maxFen: 4_999 * Y });
  });

  it('when the minimum is 0 (以下 only), 减轻 is impossible and 从轻 applies', () => {
    const m = makeMatter({ discretion: fixedYuan(0, 20_000) });
    const r = recommendFine(m, org, facts({ factors: ['removed_harm'], reduce: true }));
    expect(r.adjustment).toBe('lighter');
    expect(r.legalRange).toEqual({ minFen: 0, maxFen: 20_000 * Y });
    expect(r.recommendedRange).toEqual({ minFen: 3_000 * Y, maxFen: 7_000 * Y });
  });

  it('aggravating factors move to the upper part, never above the maximum; both kinds offset', () => {
    const heavier = recommendFine(fumes, org, facts({ factors: ['repeat_violation'] }));
    expect(heavier.adjustment).toBe('heavier');
    expect(heavier.recommendedRange).toEqual({ minFen: 34_250 * Y, maxFen: 43_250 * Y });
    const grave = recommendFine(fumes, org, facts({ circumstance: 'grave', factors: ['obstructed_enforcement'] }));
    expect(grave.recommendedRange).toEqual({ minFen: 47_750 * Y, maxFen: 50_000 * Y });
    const both = recommendFine(fumes, org, facts({ factors: ['repeat_violation', 'removed_harm'] }));
    expect(both.adjustment).toBe('offset');
    expect(both.recommendedRange).toEqual({ minFen: 18_500 * Y, maxFen: 36_500 * Y });
  });
});

describe('APL-33: no penalty and first-violation waiver', () => {
  it('(a) minor + promptly corrected + no harm → must not penalise', () => {
    const r = recommendFine(fumes, org, facts({ circumstance: 'minor', factors: ['promptly_corrected', 'no_harm'] }));
    expect(r).toMatchObject({ outcome: 'must_not_penalise', decidedBy: 'APL-33(a)' });
    expect(r.explanation[0]?.article).toBe('《中华人民共和国行政处罚法》第三十三条第一款');
    expect(checkProposedFine(r, 5_000 * Y)).toMatchObject({ ok: false, ruleId: 'APL-33(a)' });
    // Not minor → not (a).
    const ordinary = recommendFine(fumes, org, facts({ factors: ['promptly_corrected', 'no_harm'] }));
    expect(ordinary.outcome).toBe('penalise');
  });

  it('(b) first violation + slight harm + promptly corrected → may waive, only on the first-violation list', () => {
    const f = facts({ factors: ['promptly_corrected', 'slight_harm'] });
    const first: Party = { type: 'organisation', firstViolation: true };
    const listed = makeMatter({
      discretion: fixedYuan(5_000, 50_000),
      flags: { firstViolationWaiver: true, lightViolationCommitment: false, highFrequency: false },
    });
    const r = recommendFine(listed, first, f);
    expect(r).toMatchObject({ outcome: 'may_waive', decidedBy: 'APL-33(b)' });
    // The agency may still decide to fine, within the ranges.
    expect(r.legalRange).toEqual({ minFen: 5_000 * Y, maxFen: 50_000 * Y });
    expect(checkProposedFine(r, 20_000 * Y).ok).toBe(true);
    const unlisted = recommendFine(fumes, first, f);
    expect(unlisted.outcome).toBe('penalise');
    expect(ids(unlisted)).toContain('APL-33(b)');
    // Not a first violation → no waiver.
    expect(recommendFine(listed, org, f).outcome).toBe('penalise');
  });

  it('(c) no fault → must not penalise, unless a law makes the matter punishable without fault', () => {
    const r = recommendFine(fumes, org, facts({ factors: ['no_fault'] }));
    expect(r).toMatchObject({ outcome: 'must_not_penalise', decidedBy: 'APL-33(c)' });
    expect(r.explanation[0]?.article).toBe('《中华人民共和国行政处罚法》第三十三条第二款');
    const strict = makeMatter({ discretion: fixedYuan(5_000, 50_000, { strictLiability: true }) });
    expect(recommendFine(strict, org, facts({ factors: ['no_fault'] })).outcome).toBe('penalise');
  });

  it('ZJ-LV: light-violation commitment for a first, minor, correctable violation on the list', () => {
    const m = makeMatter({
      discretion: fixedYuan(50, 500),
      flags: { firstViolationWaiver: false, lightViolationCommitment: true, highFrequency: false },
    });
    const p: Party = { type: 'individual', firstViolation: true };
    const ok = recommendFine(m, p, facts({ circumstance: 'minor', factors: ['slight_harm', 'correctable'] }));
    expect(ok.commitmentEligible).toBe(true);
    const intentional = recommendFine(
      m,
      p,
      facts({ circumstance: 'minor', factors: ['slight_harm', 'correctable', 'intentional'] }),
    );
    expect(intentional.commitmentEligible).toBe(false);
    const repeat = recommendFine(m, { type: 'individual', firstViolation: false }, facts({ circumstance: 'minor' }));
    expect(repeat.commitmentEligible).toBe(false);
    expect(repeat.explanation.find((e) => e.ruleId === 'ZJ-LV')?.zh).toContain('非初次违法');
  });
});

describe('multiple and per-unit bases (exact integer arithmetic)', () => {
  const goods = multipleMatter({
    base: 'goods_value',
    minMultiple: 5,
    maxMultiple: 10,
    fallback: { minFen: 5_000 * Y, maxFen: 50_000 * Y, belowFen: 10_000 * Y },
  });

  it('falls back to the fixed range when the base is absent or below the threshold', () => {
    expect(recommendFine(goods, org, facts()).statutoryRange).toEqual({ minFen: 5_000 * Y, maxFen: 50_000 * Y });
    expect(recommendFine(goods, org, facts({ baseAmountFen: 10_000 * Y - 1 })).statutoryRange).toEqual({
      minFen: 5_000 * Y,
      maxFen: 50_000 * Y,
    });
    // 以上 includes the bound: exactly 10,000 takes the multiple.
    expect(recommendFine(goods, org, facts({ baseAmountFen: 10_000 * Y })).statutoryRange).toEqual({
      minFen: 50_000 * Y,
      maxFen: 100_000 * Y,
    });
  });

  it('"超过 X 元" puts X itself under the fallback', () => {
    const m = multipleMatter({
      base: 'illegal_gains',
      minMultiple: 1,
      maxMultiple: 5,
      fallback: { minFen: 3_000 * Y, maxFen: 10_000 * Y, belowFen: 10_000 * Y, thresholdTakesFallback: true },
    });
    expect(recommendFine(m, org, facts({ baseAmountFen: 10_000 * Y })).statutoryRange).toEqual({
      minFen: 3_000 * Y,
      maxFen: 10_000 * Y,
    });
    expect(recommendFine(m, org, facts({ baseAmountFen: 10_000 * Y + 1 })).statutoryRange).toEqual({
      minFen: 1_000_001,
      maxFen: 5_000_005,
    });
  });

  it('percentages are exact: no float rounding error (7 % of 100 yuan is 7 yuan, 57 % is 57)', () => {
    // 10000 * 0.07 = 700.0000000000001 and 10000 * 0.57 = 5699.999999999999 in floating point.
    const m = multipleMatter({ base: 'construction_cost', minMultiple: 0.07, maxMultiple: 0.57 });
    expect(recommendFine(m, org, facts({ baseAmountFen: 100 * Y })).statutoryRange).toEqual({
      minFen: 7 * Y,
      maxFen: 57 * Y,
    });
    // 1 %–2 % of 1,234,567.89 yuan: the minimum rounds up, the maximum down, to the fen.
    const contract = multipleMatter({ base: 'contract_price', minMultiple: 0.01, maxMultiple: 0.02 });
    expect(recommendFine(contract, org, facts({ baseAmountFen: 123_456_789 })).statutoryRange).toEqual({
      minFen: 1_234_568,
      maxFen: 2_469_135,
    });
  });

  it('a base below the statutory minimum base counts as that minimum (按1万元计算)', () => {
    const m = multipleMatter({
      base: 'illegal_gains',
      minMultiple: 5,
      maxMultiple: 20,
      countBaseAtLeastFen: 10_000 * Y,
    });
    const r = recommendFine(m, org, facts({ baseAmountFen: 5_000 * Y }));
    expect(r.statutoryRange).toEqual({ minFen: 50_000 * Y, maxFen: 200_000 * Y });
    expect(r.explanation.find((e) => e.ruleId === 'DISC-RANGE')?.zh).toContain('按10,000 元计算');
  });

  it('without a base and without a fallback, no range: the fine is refused until the base is entered', () => {
    const m = multipleMatter({ base: 'timber_value', minMultiple: 5, maxMultiple: 10 });
    const r = recommendFine(m, org, facts());
    expect(r.legalRange).toBeNull();
    expect(r.rangeIssue?.ruleId).toBe('DISC-BASE-MISSING');
    expect(checkProposedFine(r, 1_000 * Y)).toMatchObject({ ok: false, ruleId: 'DISC-BASE-MISSING' });
  });

  it('per unit: rate × quantity, with a cap; quantity required', () => {
    const perM2 = (cap: number | null) =>
      makeMatter({
        discretion: {
          tiers: {
            first: {
              individual: { kind: 'per_unit', rateMinFen: 40 * Y, rateMaxFen: 80 * Y, unit: 'm²', capFen: cap },
              organisation: { kind: 'per_unit', rateMinFen: 40 * Y, rateMaxFen: 80 * Y, unit: 'm²', capFen: cap },
            },
          },
        },
      });
    expect(recommendFine(perM2(null), org, facts({ units: 12.5 })).statutoryRange).toEqual({
      minFen: 500 * Y,
      maxFen: 1_000 * Y,
    });
    expect(recommendFine(perM2(100_000 * Y), org, facts({ units: 2_000 })).statutoryRange).toEqual({
      minFen: 80_000 * Y,
      maxFen: 100_000 * Y,
    });
    const missing = recommendFine(perM2(null), org, facts());
    expect(missing.rangeIssue?.ruleId).toBe('DISC-UNITS-MISSING');
    expect(checkProposedFine(missing, 100 * Y)).toMatchObject({ ok: false, ruleId: 'DISC-UNITS-MISSING' });
  });
});

describe('explanations', () => {
  it('every entry has a rule id, an article and both languages', () => {
    const r = recommendFine(fumes, { type: 'individual', ageAtAct: 15 }, facts({ factors: ['removed_harm'] }));
    for (const e of r.explanation) {
      expect(e.ruleId).toMatch(/^(APL|DISC|ZJ)-/);
      expect(e.article.length).toBeGreaterThan(0);
      expect(e.zh.length).toBeGreaterThan(0);
      expect(e.en.length).toBeGreaterThan(0);
    }
  });
});

describe('request contracts', () => {
  it('parses a party and facts, filling factors, and names the rule a field broke', () => {
    expect(factsInput.parse({ tier: 'first', circumstance: 'minor' })).toEqual({
      tier: 'first',
      circumstance: 'minor',
      factors: [],
    });
    const bad = factsInput.safeParse({ tier: 'first', circumstance: 'x', units: 1.0001, factors: ['bribe'] });
    expect(bad.error?.issues.map((i) => `${i.path.join('.')}:${i.message}`)).toEqual([
      'circumstance:circumstance_unknown',
      'units:units_non_negative_at_most_3_decimals',
      'factors.0:factor_unknown',
    ]);
    expect(partyInput.safeParse({ type: 'individual', ageAtAct: 13.5 }).success).toBe(false);
    const r = recommendFine(
      fumes,
      partyInput.parse({ type: 'individual', ageAtAct: 13 }),
      factsInput.parse({ tier: 'first', circumstance: 'ordinary' }),
    );
    const c = checkProposedFine(r, 100 * Y);
    if (c.ok) throw new Error('expected a refusal');
    expect(fineRefusedError(c).details).toEqual([{ path: 'amountFen', rule: 'APL-30' }]);
  });
});
