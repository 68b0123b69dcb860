import { describe, expect, it } from 'vitest';
import { discretionBenchmark, matterCreate, matterUpdate } from './schemas.ts';

const create = {
  name: '对档案服务企业在服务过程中丢失国有档案的行政处罚',
  kind: 'penalty',
  domain: '档案',
  legalBasis: { law: '《中华人民共和国档案法》', article: '第四十八条第一项', text: '' },
  penaltyBasis: {
    law: '《中华人民共和国档案法》',
    article: '第四十九条第二款',
    text: '给予警告，并处二万元以上二十万元以下的罚款',
  },
  sourceDepartment: '市档案局，各县（市、区）档案局',
  listType: 'comprehensive',
  effectiveFrom: '2025-01-01',
  announcement: '温政发〔2025〕1号',
};
const rules = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.join('.')}:${i.message}`);

describe('matter contracts', () => {
  it('a create fills defaults and keeps the published catalog code', () => {
    const m = matterCreate.parse({ ...create, code: '330275012000' });
    expect(m).toMatchObject({
      code: '330275012000',
      townPowers: {},
      defaultTownPower: 'none',
      published: false,
      withdrawn: false,
      discretion: null,
      flags: { firstViolationWaiver: false, lightViolationCommitment: false, highFrequency: false },
    });
    expect(matterCreate.parse(create).code).toBeNull(); // most sample rows have no code
  });

  it('stores department-style domain names canonically and refuses unknown domains', () => {
    expect(matterCreate.parse({ ...create, domain: '农业农村' }).domain).toBe('农业');
    expect(matterCreate.parse({ ...create, domain: '住房和城乡建设' }).domain).toBe('住房建设');
    expect(rules(matterCreate.safeParse({ ...create, domain: '外交' }))).toEqual(['domain:domain_unknown']);
  });

  it('names the rule a field broke', () => {
    expect(rules(matterCreate.safeParse({ ...create, penaltyBasis: null }))).toEqual([
      'penaltyBasis:penalty_basis_required_for_penalty',
    ]);
    expect(rules(matterCreate.safeParse({ ...create, transferScope: 'part' }))).toEqual([
      'responsibilityBoundary:responsibility_boundary_required_for_part',
    ]);
    expect(rules(matterCreate.safeParse({ ...create, listType: 'in_department' }))).toEqual([
      'department:department_required_for_in_department',
    ]);
    expect(rules(matterCreate.safeParse({ ...create, townPowers: { '331081101': 'delegated' } }))).toEqual([
      'delegatingAgency:delegating_agency_required_for_delegated',
    ]);
    expect(rules(matterCreate.safeParse({ ...create, townPowers: { '3310811': 'empowered' } }))).toEqual([
      'townPowers.3310811:town_code',
    ]);
    expect(rules(matterCreate.safeParse({ ...create, code: '33 02' }))).toEqual(['code:matter_code_characters']);
    expect(rules(matterCreate.safeParse({ ...create, withdrawn: true }))).toEqual([
      'withdrawn:new_matter_not_withdrawn',
    ]);
    expect(rules(matterCreate.safeParse({ ...create, announcement: ' ' }))).toEqual(['announcement:required']);
    expect(rules(matterCreate.safeParse({ ...create, effectiveFrom: '2025-02-30' }))).toEqual([
      'effectiveFrom:valid_date',
    ]);
    expect(matterCreate.safeParse({ ...create, salary: 1 }).success).toBe(false);
  });

  it('an update has no defaults, and requires version, effective date and announcement', () => {
    expect(matterUpdate.parse({ version: 2, effectiveFrom: '2025-07-01', announcement: '公告' })).toEqual({
      version: 2,
      effectiveFrom: '2025-07-01',
      announcement: '公告',
    });
    expect(rules(matterUpdate.safeParse({ version: 2, name: '新' }))).toEqual([
      'effectiveFrom:Invalid input: expected string, received undefined',
      'announcement:Invalid input: expected string, received undefined',
    ]);
  });
});

describe('discretion benchmark contract', () => {
  const fixed = (minFen: number, maxFen: number) => ({ kind: 'fixed', minFen, maxFen });
  const bench = (basis: unknown, extra: Record<string, unknown> = {}) => ({
    tiers: { first: { individual: basis, organisation: fixed(0, 100) } },
    ...extra,
  });

  it('fills defaults', () => {
    expect(discretionBenchmark.parse(bench(fixed(5_000, 50_000)))).toMatchObject({
      tiers: { first: { discretionary: false, label: null }, failure_to_correct: null, serious: null },
      bands: {},
      splitPct: 50,
      reducedFloorPct: 0,
      strictLiability: false,
    });
  });

  it('refuses inverted ranges, fractions of a fen and multiples with more than 4 decimals', () => {
    expect(rules(discretionBenchmark.safeParse(bench(fixed(500, 50))))).toEqual([
      'tiers.first.individual.maxFen:max_not_below_min',
    ]);
    expect(rules(discretionBenchmark.safeParse(bench(fixed(0.5, 50))))).toEqual([
      'tiers.first.individual.minFen:amount_integer_fen',
    ]);
    const multiple = { kind: 'multiple', base: 'illegal_gains', minMultiple: 0.00001, maxMultiple: 3 };
    expect(rules(discretionBenchmark.safeParse(bench(multiple)))).toEqual([
      'tiers.first.individual.minMultiple:multiple_non_negative_at_most_4_decimals',
    ]);
    expect(discretionBenchmark.safeParse(bench({ ...multiple, minMultiple: 0.0125 })).success).toBe(true);
    expect(
      rules(discretionBenchmark.safeParse(bench(fixed(0, 1), { bands: { minor: { fromPct: 40, toPct: 20 } } }))),
    ).toEqual(['bands.minor.toPct:band_to_not_below_from']);
  });
});
