import { describe, expect, it } from 'vitest';
import { DOMAINS } from '../organization/schemas.ts';
import { checkProposedFine, recommendFine, type Party } from './discretion.ts';
import { normaliseDomain } from './domains.ts';
import sampleCsv from './fixtures/catalog-sample.csv?raw';
import { makeMatter } from './fixtures/matters.ts';
import { discretionFromSample } from './sample.ts';

/** RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks). Test helper: the module does no I/O. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries((header as string[]).map((h, i) => [h, r[i] ?? ''])));
}

const rows = parseCsv(sampleCsv);
const row = (seq: number) => {
  const r = rows.find((x) => x.seq === String(seq));
  if (!r) throw new Error(`no row ${seq}`);
  return r as Record<string, string> & {
    fine_min_yuan: string;
    fine_max_yuan: string;
    fine_basis: string;
    notes: string;
  };
};
const Y = 100;
const fixed = (lo: number, hi: number) => ({ kind: 'fixed', minFen: lo * Y, maxFen: hi * Y });
const none = { kind: 'none' };

describe('catalog-sample.csv', () => {
  it('has 173 rows in 19 domains, all of which map onto DOMAINS', () => {
    expect(rows).toHaveLength(173);
    const domains = new Set(rows.map((r) => r.domain as string));
    expect(domains.size).toBe(19);
    for (const d of domains) expect(DOMAINS).toContain(normaliseDomain(d));
    expect(normaliseDomain('农业农村')).toBe('农业');
    expect(normaliseDomain('住房和城乡建设')).toBe('住房建设');
    expect(normaliseDomain('文化旅游')).toBe('文化市场');
  });

  it('every row parses; only rows whose amount is not stated lack a benchmark', () => {
    for (const r of rows) {
      const { benchmark, warnings } = discretionFromSample(row(Number(r.seq)));
      if (r.fine_basis === '') {
        expect(benchmark, `row ${r.seq}`).toBeNull();
        expect(warnings.map((w) => w.rule)).toContain('fine_amount_not_stated');
      } else expect(benchmark, `row ${r.seq}: ${JSON.stringify(warnings)}`).not.toBeNull();
    }
  });

  it('a fixed row without party ranges or conditions keeps the columns as its range', () => {
    let checked = 0;
    for (const r of rows) {
      if (r.fine_basis !== 'fixed' || /party ranges|only|tier 2|gains|ranges by|情节严重/.test(r.notes as string))
        continue;
      const { benchmark } = discretionFromSample(row(Number(r.seq)));
      expect(benchmark?.tiers.first.organisation, `row ${r.seq}`).toEqual(
        fixed(Number(r.fine_min_yuan), Number(r.fine_max_yuan)),
      );
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(40);
  });
});

describe('discretionFromSample on real rows', () => {
  it('row 4: party ranges (organisation 500–3,000; individual 200–1,000) in the first tier', () => {
    const b = discretionFromSample(row(4)).benchmark!;
    expect(b.tiers.first.organisation).toEqual(fixed(500, 3_000));
    expect(b.tiers.first.individual).toEqual(fixed(200, 1_000));
    expect(b.tiers.failure_to_correct).toBeNull();
  });

  it('row 3: "fine only after failure to correct" moves the range to the failure tier; the first has no fine', () => {
    const b = discretionFromSample(row(3)).benchmark!;
    expect(b.tiers.first).toMatchObject({ individual: none, organisation: none });
    expect(b.tiers.failure_to_correct).toMatchObject({
      organisation: fixed(500, 3_000),
      individual: fixed(200, 1_000),
      label: '逾期不改正',
    });
  });

  it('row 7: upper bound only (五十元以下), discretionary, on refusal to correct', () => {
    const b = discretionFromSample(row(7)).benchmark!;
    expect(b.tiers.failure_to_correct).toMatchObject({
      individual: fixed(0, 50),
      discretionary: true,
      label: '拒不改正',
    });
  });

  it('row 39: tier 2 (情节严重) becomes the serious tier', () => {
    const b = discretionFromSample(row(39)).benchmark!;
    expect(b.tiers.first.individual).toEqual(fixed(500, 5_000));
    expect(b.tiers.serious).toMatchObject({ individual: fixed(5_000, 30_000), label: '情节严重' });
  });

  it('row 122: tier 2 (逾期不改正) becomes the failure-to-correct tier', () => {
    const b = discretionFromSample(row(122)).benchmark!;
    expect(b.tiers.first.individual).toEqual(fixed(0, 1_000));
    expect(b.tiers.failure_to_correct).toMatchObject({ individual: fixed(1_000, 5_000), label: '逾期不改正' });
  });

  it('row 90: no fine at first, 10,000–100,000 on refusal, 100,000–500,000 where serious', () => {
    const b = discretionFromSample(row(90)).benchmark!;
    expect(b.tiers.first.organisation).toEqual(none);
    expect(b.tiers.failure_to_correct?.organisation).toEqual(fixed(10_000, 100_000));
    expect(b.tiers.serious?.organisation).toEqual(fixed(100_000, 500_000));
  });

  it('row 38: "fine only where 情节严重" with party ranges', () => {
    const b = discretionFromSample(row(38)).benchmark!;
    expect(b.tiers.first.individual).toEqual(none);
    expect(b.tiers.serious).toMatchObject({ organisation: fixed(50_000, 500_000), individual: fixed(200, 2_000) });
  });

  it('row 120: goods value ≥ 10,000 → 5–10×; below, the columns are the fallback', () => {
    const b = discretionFromSample(row(120)).benchmark!;
    expect(b.tiers.first.organisation).toEqual({
      kind: 'multiple',
      base: 'goods_value',
      baseLabel: '货值金额',
      minMultiple: 5,
      maxMultiple: 10,
      fallback: { minFen: 5_000 * Y, maxFen: 50_000 * Y, belowFen: 10_000 * Y, thresholdTakesFallback: false },
      countBaseAtLeastFen: null,
    });
  });

  it('row 101: a fixed row with "gains > 10000: 1x-5x gains" and a bare 情节严重 range', () => {
    const b = discretionFromSample(row(101)).benchmark!;
    expect(b.tiers.first.organisation).toMatchObject({
      kind: 'multiple',
      base: 'illegal_gains',
      minMultiple: 1,
      maxMultiple: 5,
      fallback: { minFen: 3_000 * Y, maxFen: 10_000 * Y, belowFen: 10_000 * Y, thresholdTakesFallback: true },
    });
    expect(b.tiers.serious?.organisation).toMatchObject({
      kind: 'multiple',
      fallback: { minFen: 10_000 * Y, maxFen: 50_000 * Y },
    });
  });

  it('row 147: gains below 10,000 count as 10,000 (so at least 50,000)', () => {
    const b = discretionFromSample(row(147)).benchmark!;
    expect(b.tiers.first.individual).toMatchObject({
      kind: 'multiple',
      base: 'illegal_gains',
      minMultiple: 5,
      maxMultiple: 20,
      fallback: null,
      countBaseAtLeastFen: 10_000 * Y,
    });
    const m = makeMatter({ kind: 'penalty', domain: '卫生健康', discretion: b });
    const r = recommendFine(
      m,
      { type: 'organisation' },
      { tier: 'first', circumstance: 'ordinary', factors: [], baseAmountFen: 0 },
    );
    expect(r.statutoryRange).toEqual({ minFen: 50_000 * Y, maxFen: 200_000 * Y });
  });

  it('row 42: 5 %–10 % of 建设工程造价; the second multiple is reported, not guessed', () => {
    const { benchmark, warnings } = discretionFromSample(row(42));
    expect(benchmark!.tiers.first.organisation).toMatchObject({
      kind: 'multiple',
      base: 'construction_cost',
      baseLabel: '建设工程造价',
      minMultiple: 0.05,
      maxMultiple: 0.1,
      fallback: null,
    });
    expect(warnings.map((w) => w.rule)).toContain('second_multiple_not_modelled');
  });

  it('row 44: "up to 1x 临时建设工程造价" has a minimum multiple of 0', () => {
    expect(discretionFromSample(row(44)).benchmark!.tiers.first.individual).toMatchObject({
      minMultiple: 0,
      maxMultiple: 1,
      baseLabel: '临时建设工程造价',
    });
  });

  it('row 110: per-unit rates by party type (individual 0–2, organisation 0–10 yuan/m²)', () => {
    const b = discretionFromSample(row(110)).benchmark!;
    expect(b.tiers.first.individual).toEqual({
      kind: 'per_unit',
      rateMinFen: 0,
      rateMaxFen: 2 * Y,
      unit: 'm²',
      capFen: null,
    });
    expect(b.tiers.first.organisation).toMatchObject({ rateMaxFen: 10 * Y });
  });

  it('row 170: per m², 40–80 yuan, total capped at 100,000', () => {
    const b = discretionFromSample(row(170)).benchmark!;
    expect(b.tiers.first.organisation).toEqual({
      kind: 'per_unit',
      rateMinFen: 40 * Y,
      rateMaxFen: 80 * Y,
      unit: 'm²',
      capFen: 100_000 * Y,
    });
  });

  it('rows 43 and 124: no fine in the article', () => {
    expect(discretionFromSample(row(43)).benchmark!.tiers.first).toMatchObject({
      individual: none,
      organisation: none,
    });
    expect(discretionFromSample(row(124)).benchmark!.tiers.first.individual).toEqual(none);
  });

  it('reports what the benchmark cannot hold', () => {
    const rules = (seq: number) => discretionFromSample(row(seq)).warnings.map((w) => w.rule);
    expect(rules(10)).toContain('ranges_by_variant_not_modelled');
    expect(rules(65)).toContain('ranges_by_variant_not_modelled');
    expect(rules(142)).toContain('responsible_persons_range_not_modelled');
    expect(rules(143)).toContain('nested_tier_not_modelled');
    expect(rules(31)).toEqual(['fine_amount_not_stated']);
    expect(rules(158)).toEqual([]);
  });

  it('row 158 (档案法 第四十九条第二款, code 330275012000) end to end: 20,000 and 200,000 allowed, 19,999 refused', () => {
    const r158 = row(158);
    const m = makeMatter({
      code: r158.code,
      name: r158.name,
      domain: normaliseDomain(r158.domain as string)!,
      penaltyBasis: {
        law: r158.law as string,
        article: r158.penalty_article as string,
        text: r158.penalty_text as string,
      },
      discretion: discretionFromSample(r158).benchmark,
    });
    const org: Party = { type: 'organisation' };
    const rec = recommendFine(m, org, { tier: 'first', circumstance: 'ordinary', factors: [] });
    expect(rec.recommendedRange).toEqual({ minFen: 74_000 * Y, maxFen: 146_000 * Y });
    expect(checkProposedFine(rec, 20_000 * Y).ok).toBe(true);
    expect(checkProposedFine(rec, 200_000 * Y).ok).toBe(true);
    const refused = checkProposedFine(rec, 19_999 * Y);
    expect(refused).toMatchObject({ ok: false, ruleId: 'DISC-OUTSIDE-LEGAL' });
    if (!refused.ok) expect(refused.zh).toContain('《中华人民共和国档案法》第四十九条第二款');
  });
});
