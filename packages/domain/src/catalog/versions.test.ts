import { describe, expect, it } from 'vitest';
import { fixedYuan, makeMatter } from './fixtures/matters.ts';
import { matterUpdate } from './schemas.ts';
import { applyMatterUpdate, diffVersions, matterAsOf } from './versions.ts';

const v1 = makeMatter({ version: 1, effectiveFrom: '2024-01-01' });
const v2 = makeMatter({ version: 2, effectiveFrom: '2025-03-01', name: '新名称' });
const v3 = makeMatter({ version: 3, effectiveFrom: '2025-03-01', name: '同日更正' });
const v4 = makeMatter({ version: 4, effectiveFrom: '2026-01-01', withdrawn: true });

describe('matterAsOf', () => {
  it('picks the version in force on the date, whatever the input order', () => {
    const history = [v4, v2, v1, v3];
    expect(matterAsOf(history, '2023-12-31')).toBeNull();
    expect(matterAsOf(history, '2024-01-01')).toBe(v1);
    expect(matterAsOf(history, '2025-02-28')).toBe(v1);
    // Two versions on one day: the later version number (a same-day correction) wins.
    expect(matterAsOf(history, '2025-03-01')).toBe(v3);
    expect(matterAsOf(history, '2025-12-31')).toBe(v3);
    // A withdrawal is a version too: the caller sees that the matter was withdrawn.
    expect(matterAsOf(history, '2026-06-01')).toBe(v4);
    expect(matterAsOf([], '2025-01-01')).toBeNull();
  });
});

describe('diffVersions', () => {
  it('lists changed fields with before and after, in path order, without identity fields', () => {
    const a = makeMatter({ townPowers: { '331081101': 'empowered' } });
    const b = makeMatter({
      version: 2,
      name: '改名后的事项',
      townPowers: { '331081101': 'none', '331081102': 'delegated' },
      delegatingAgency: '温岭市农业农村和水利局',
      legalBasis: { ...a.legalBasis, article: '第十二条第二款' },
      flags: { ...a.flags, highFrequency: true },
      effectiveFrom: '2025-07-01',
    });
    expect(diffVersions(a, b)).toEqual([
      { field: 'delegatingAgency', before: null, after: '温岭市农业农村和水利局' },
      { field: 'effectiveFrom', before: '2025-01-01', after: '2025-07-01' },
      { field: 'flags.highFrequency', before: false, after: true },
      { field: 'legalBasis.article', before: '第十二条第一款', after: '第十二条第二款' },
      { field: 'name', before: a.name, after: '改名后的事项' },
      { field: 'townPowers.331081101', before: 'empowered', after: 'none' },
      { field: 'townPowers.331081102', before: null, after: 'delegated' },
    ]);
    expect(diffVersions(a, a)).toEqual([]);
  });

  it('walks into the discretion benchmark; a basis whose kind changed is one change', () => {
    const a = makeMatter({ discretion: fixedYuan(50, 500) });
    const b = makeMatter({ discretion: fixedYuan(50, 800) });
    expect(diffVersions(a, b)).toEqual([
      { field: 'discretion.tiers.first.individual.maxFen', before: 50_000, after: 80_000 },
      { field: 'discretion.tiers.first.organisation.maxFen', before: 50_000, after: 80_000 },
    ]);
    const c = makeMatter({
      discretion: { tiers: { first: { ...fixedYuan(50, 500).tiers.first, individual: { kind: 'none' } } } },
    });
    expect(diffVersions(a, c)).toEqual([
      {
        field: 'discretion.tiers.first.individual',
        before: a.discretion!.tiers.first.individual,
        after: { kind: 'none' },
      },
    ]);
    expect(diffVersions(makeMatter(), a)).toEqual([{ field: 'discretion', before: null, after: a.discretion }]);
  });
});

describe('applyMatterUpdate', () => {
  const current = makeMatter({ version: 3, effectiveFrom: '2025-01-01' });

  it('makes a new version and leaves the current one as it was (history is never overwritten)', () => {
    const before = JSON.parse(JSON.stringify(current)) as typeof current;
    const update = matterUpdate.parse({
      version: 3,
      effectiveFrom: '2025-07-01',
      announcement: '温政发〔2025〕9号',
      townPowers: { '331081101': 'none' },
    });
    const r = applyMatterUpdate(current, update);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.version.version).toBe(4);
      expect(r.version.townPowers).toEqual({ '331081101': 'none' });
      expect(r.version.name).toBe(current.name); // left out → kept
      expect(r.version.announcement).toBe('温政发〔2025〕9号');
    }
    expect(current).toEqual(before);
  });

  it('refuses a stale version, an earlier effective date and a merged result that breaks a rule', () => {
    const base = { effectiveFrom: '2025-07-01', announcement: '温政发〔2025〕9号' };
    expect(applyMatterUpdate(current, matterUpdate.parse({ ...base, version: 2 }))).toEqual({
      ok: false,
      details: [{ path: 'version', rule: 'stale_version' }],
    });
    expect(
      applyMatterUpdate(current, matterUpdate.parse({ ...base, version: 3, effectiveFrom: '2024-12-31' })),
    ).toEqual({
      ok: false,
      details: [{ path: 'effectiveFrom', rule: 'effective_from_not_before_previous' }],
    });
    expect(
      applyMatterUpdate(current, matterUpdate.parse({ ...base, version: 3, defaultTownPower: 'delegated' })),
    ).toEqual({ ok: false, details: [{ path: 'delegatingAgency', rule: 'delegating_agency_required_for_delegated' }] });
  });
});
