import { yuanToFen } from './money.ts';
import { readPenaltyText } from './penalty-text.ts';
import {
  discretionBenchmark,
  type DiscretionBenchmark,
  type DiscretionBenchmarkInput,
  type FineBasis,
  type MultipleBase,
  type Tier,
} from './schemas.ts';

/*
 * Reads the fine columns and notes of catalog-sample.csv (data/SOURCES.md, "How the columns were filled") into a
 * discretion benchmark, for the catalog importer. The notes are written in a small controlled English:
 *
 *   party ranges: organization A-B; individual C-D      → per party type ranges
 *   tier 2 (情节严重 | 拒不改正 | 逾期不改正): A-B          → the range of a second statutory tier
 *   upper bound only                                     → min is 0 (already so in the columns)
 *   5x-10x goods value, 5%-10% of 建设工程造价, up to 1x … → a multiple, with the columns as its fixed fallback
 *   … < 10000 …, gains > 10000: …, counted as 10000       → the fallback threshold, or the minimum base
 *   per square metre …, total capped at 100000           → per-unit unit and cap
 *
 * WHICH tier the columns' range belongs to, and whether a tier's fine is discretionary, is read from the penalty
 * text itself (penalty-text.ts: "逾期不改正的，处…" → the failure-to-correct tier; "可以处" → discretionary), never
 * from the notes: notes were written by hand and missed the condition on 14 of the 173 real rows and "可以" on 37.
 * Only a row without penalty text falls back to the notes' wording ("fine only after failure to correct",
 * "fine only where 情节严重", "fine discretionary (可以)"), with a warning.
 *
 * What the notes say but the benchmark cannot hold (ranges by facility type, a second multiple, a range for
 * responsible persons, a 情节严重 range nested in one party's range) is returned as a warning, so an importer shows
 * it to the person who completes the benchmark by hand. Nothing is guessed.
 */

/** The columns of catalog-sample.csv that discretion reads. */
export interface SampleFineColumns {
  /** The penalty article's wording (罚则); decides tiers and discretion. */
  penalty_text?: string;
  fine_min_yuan: string;
  fine_max_yuan: string;
  fine_basis: string;
  notes: string;
}

export interface SampleWarning {
  /** snake_case rule id. */
  rule: string;
  /** The part of the notes (or the column) it is about. */
  text: string;
}

export interface SampleDiscretion {
  /** Null when the row has no amount the benchmark can hold (fine_basis empty: amount set by unread rules). */
  benchmark: DiscretionBenchmark | null;
  warnings: SampleWarning[];
}

const TIER_ORDER: readonly Tier[] = ['first', 'failure_to_correct', 'serious'];

const MULTIPLE_BASE_WORDS: readonly [RegExp, MultipleBase, string | null][] = [
  [/临时建设工程造价/, 'construction_cost', '临时建设工程造价'],
  [/建设工程造价|工程造价/, 'construction_cost', '建设工程造价'],
  [/工程合同价款/, 'contract_price', '工程合同价款'],
  [/耕地开垦费/, 'fee_due', '耕地开垦费'],
  [/土地复垦费/, 'fee_due', '土地复垦费'],
  [/value of destroyed trees/, 'timber_value', '毁坏林木价值'],
  [/value of timber/, 'timber_value', '林木价值'],
  [/restoration cost/, 'restoration_cost', '恢复所需费用'],
  [/manufacturing\/sales amount|sales amount/, 'sales_amount', '制造、销售金额'],
  [/goods value/, 'goods_value', '货值金额'],
  [/turnover/, 'turnover', '违法经营额'],
  [/market value/, 'market_value', '市场价值'],
  [/gains/, 'illegal_gains', '违法所得'],
];

const NUM = String.raw`(\d+(?:\.\d+)?)`;
const MULTIPLE_RE = new RegExp(String.raw`(?:${NUM}(x|%)-${NUM}(x|%)|up to ${NUM}(x|%))`, 'g');

function toMultiple(value: string, unit: string): number {
  const v = Number(value);
  return unit === '%' ? Number((v / 100).toFixed(6)) : v;
}

function yuanColumn(s: string): number | null {
  const t = s.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isSafeInteger(n) && n >= 0 ? n : Number.NaN;
}

function fixed(minYuan: number, maxYuan: number): FineBasis {
  return { kind: 'fixed', minFen: yuanToFen(minYuan), maxFen: yuanToFen(maxYuan) };
}

interface MultipleSpec {
  base: MultipleBase;
  baseLabel: string | null;
  minMultiple: number;
  maxMultiple: number;
}

function parseMultiple(notes: string, warnings: SampleWarning[]): MultipleSpec | null {
  const matches = [...notes.matchAll(MULTIPLE_RE)];
  const m = matches[0];
  if (!m) return null;
  if (matches.length > 1)
    warnings.push({
      rule: 'second_multiple_not_modelled',
      text: matches
        .slice(1)
        .map((x) => x[0])
        .join('; '),
    });
  const [minMultiple, maxMultiple] =
    m[1] !== undefined
      ? [toMultiple(m[1], m[2] as string), toMultiple(m[3] as string, m[4] as string)]
      : [0, toMultiple(m[5] as string, m[6] as string)];
  // The base is named right after the multiple ("5x-10x goods value", "10%-50% of illegal gains").
  const after = notes.slice((m.index ?? 0) + m[0].length).split(';')[0] ?? '';
  for (const scope of [after, notes]) {
    for (const [re, base, label] of MULTIPLE_BASE_WORDS)
      if (re.test(scope)) return { base, baseLabel: label, minMultiple, maxMultiple };
  }
  warnings.push({ rule: 'multiple_base_not_understood', text: m[0] });
  return { base: 'other', baseLabel: null, minMultiple, maxMultiple };
}

/**
 * Turns one catalog-sample.csv row into a discretion benchmark (amounts in fen) plus warnings for what the notes
 * say that the benchmark cannot hold.
 */
export function discretionFromSample(row: SampleFineColumns): SampleDiscretion {
  const warnings: SampleWarning[] = [];
  const notes = row.notes ?? '';
  const kind = row.fine_basis.trim();
  const minY = yuanColumn(row.fine_min_yuan);
  const maxY = yuanColumn(row.fine_max_yuan);
  if (Number.isNaN(minY) || Number.isNaN(maxY) || (minY === null) !== (maxY === null)) {
    warnings.push({ rule: 'fine_columns_invalid', text: `${row.fine_min_yuan}-${row.fine_max_yuan}` });
    return { benchmark: null, warnings };
  }
  if (kind === '') {
    warnings.push({ rule: 'fine_amount_not_stated', text: notes });
    return { benchmark: null, warnings };
  }

  const party = (who: 'organization' | 'individual'): [number, number] | null => {
    const m = new RegExp(String.raw`${who}[^0-9;]*?(\d+)-(\d+)`).exec(notes);
    return m ? [Number(m[1]), Number(m[2])] : null;
  };
  const org = party('organization');
  const ind = party('individual');
  if (/\(情节严重 \d+-\d+\)/.test(notes))
    warnings.push({ rule: 'nested_tier_not_modelled', text: /\(情节严重 \d+-\d+\)/.exec(notes)?.[0] ?? '' });
  for (const [re, rule] of [
    [/ranges by [^;]*(?:;[^;]*\d+-\d+)*/, 'ranges_by_variant_not_modelled'],
    [/responsible persons: \d+-\d+/, 'responsible_persons_range_not_modelled'],
    [/fine applies where [^;]*/, 'condition_not_modelled'],
  ] as const) {
    const m = re.exec(notes);
    if (m) warnings.push({ rule, text: m[0] });
  }

  // The basis of the tier the columns describe, per party type.
  let individual: FineBasis;
  let organisation: FineBasis;
  let multipleSpec: MultipleSpec | null = null;
  let fallback: { minFen: number; maxFen: number; belowFen: number | null; thresholdTakesFallback: boolean } | null =
    null;
  let countBaseAtLeastFen: number | null = null;

  if (kind === 'none') {
    individual = organisation = { kind: 'none' };
  } else if (kind === 'per_unit') {
    const unit = /cubic metre/.test(notes) ? 'm³' : /square metre/.test(notes) ? 'm²' : null;
    if (unit === null) warnings.push({ rule: 'per_unit_unit_not_understood', text: notes });
    const cap = /capped at (\d+)/.exec(notes);
    const rate = (r: [number, number] | null): FineBasis => {
      const [lo, hi] = r ?? [minY as number, maxY as number];
      return {
        kind: 'per_unit',
        rateMinFen: yuanToFen(lo),
        rateMaxFen: yuanToFen(hi),
        unit: unit ?? 'unit',
        capFen: cap ? yuanToFen(Number(cap[1])) : null,
      };
    };
    if (minY === null && !ind && !org) {
      warnings.push({ rule: 'per_unit_rate_missing', text: notes });
      return { benchmark: null, warnings };
    }
    individual = rate(ind);
    organisation = rate(org);
  } else if (kind === 'multiple' || (kind === 'fixed' && /(?:gains|value|turnover) >=? \d+: /.test(notes))) {
    // A multiple row, or a fixed row whose notes add "gains > X: Ax-Bx gains" (the columns are then the fallback).
    multipleSpec = parseMultiple(notes, warnings);
    if (multipleSpec === null) {
      warnings.push({ rule: 'multiple_not_understood', text: notes });
      return { benchmark: null, warnings };
    }
    const strictBelow = /(?:for|when)[^;]*?< (\d+)/.exec(notes);
    const above = /(?:gains|value|turnover) > (\d+): /.exec(notes);
    const counted = /< (\d+) counted as (\d+)/.exec(notes);
    if (counted) countBaseAtLeastFen = yuanToFen(Number(counted[2]));
    if (minY !== null && maxY !== null) {
      const threshold = above ? Number(above[1]) : strictBelow ? Number(strictBelow[1]) : null;
      fallback = {
        minFen: yuanToFen(minY),
        maxFen: yuanToFen(maxY),
        belowFen: threshold === null ? null : yuanToFen(threshold),
        thresholdTakesFallback: above !== null,
      };
    }
    individual = organisation = {
      kind: 'multiple',
      ...multipleSpec,
      fallback,
      countBaseAtLeastFen,
    };
  } else if (kind === 'fixed') {
    if (minY === null || maxY === null) {
      warnings.push({ rule: 'fine_columns_missing', text: notes });
      return { benchmark: null, warnings };
    }
    individual = ind ? fixed(ind[0], ind[1]) : fixed(minY, maxY);
    organisation = org ? fixed(org[0], org[1]) : fixed(minY, maxY);
  } else {
    warnings.push({ rule: 'fine_basis_unknown', text: kind });
    return { benchmark: null, warnings };
  }

  // Which statutory tier the columns describe, and which tiers are discretionary: from the penalty text.
  const penaltyText = (row.penalty_text ?? '').trim();
  const reading = penaltyText ? readPenaltyText(penaltyText) : null;
  const textTiers = reading ? TIER_ORDER.filter((t) => reading.tiers[t]) : [];
  if (!reading) warnings.push({ rule: 'penalty_text_missing', text: notes });
  else if (textTiers.length === 0 && kind !== 'none')
    warnings.push({ rule: 'penalty_text_no_fine', text: penaltyText });
  const fromNotes = {
    afterCorrection: /only (?:after failure|on refusal) to /.exec(notes),
    either: /fine only if not corrected or serious consequences/.test(notes),
    onlyWhereSerious: /fine only where [^;]*严重/.test(notes),
    discretionary: /discretionary|（可以）|\(可以\)/.test(notes),
  };
  const discretionaryIn = (t: Tier) =>
    reading ? (reading.tiers[t]?.discretionary ?? false) : fromNotes.discretionary && t === primaryTier();
  const label = (t: Tier): string | null => {
    if (t === 'failure_to_correct') {
      const m = /(?:逾期|拒不|拒绝)(?:不|未)?[^，；。]{0,14}?(?=的)/.exec(penaltyText);
      return m
        ? m[0]
        : fromNotes.afterCorrection && /refusal/.test(fromNotes.afterCorrection[0])
          ? '拒不改正'
          : '逾期不改正';
    }
    if (t === 'serious') {
      const m = /情节(?:特别)?严重(?=的)|造成[^，；。]{0,14}?严重后果(?=的)/.exec(penaltyText);
      return m ? m[0] : /情节严重/.test(notes) ? '情节严重' : '严重后果';
    }
    return null;
  };
  function primaryTier(): Tier {
    if (reading) return textTiers[0] ?? 'first';
    if (fromNotes.afterCorrection || fromNotes.either) return 'failure_to_correct';
    if (fromNotes.onlyWhereSerious) return 'serious';
    return 'first';
  }
  const tiers: Record<Tier, DiscretionBenchmarkInput['tiers']['first'] | null> = {
    first: null,
    failure_to_correct: null,
    serious: null,
  };
  const described = (t: Tier) => ({ individual, organisation, discretionary: discretionaryIn(t), label: label(t) });
  const none = { individual: { kind: 'none' }, organisation: { kind: 'none' } } as const;
  const primary = primaryTier();
  // "逾期不改正或者造成严重后果的，处…": one range, reached by either condition.
  const joint = reading ? reading.joint && primary !== 'first' : fromNotes.either;
  if (joint) {
    tiers.first = none;
    tiers.failure_to_correct = described('failure_to_correct');
    tiers.serious = described('serious');
  } else {
    tiers.first = primary === 'first' ? described('first') : none;
    if (primary !== 'first') tiers[primary] = described(primary);
  }

  // A second tier: "tier 2 (label): A-B", or a bare "情节严重: A-B".
  const second = /tier 2 \(([^)]+)\): (\d+)-(\d+)/.exec(notes) ?? /(?:^|; )(情节严重): (\d+)-(\d+)/.exec(notes);
  if (second) {
    const label = second[1] as string;
    const tier: Tier | null = /严重/.test(label) ? 'serious' : /改正/.test(label) ? 'failure_to_correct' : null;
    const lo = yuanToFen(Number(second[2]));
    const hi = yuanToFen(Number(second[3]));
    // Under a multiple, the second range replaces the fixed fallback; the multiple itself stays (row 101).
    const basis: FineBasis =
      individual.kind === 'multiple' && fallback !== null
        ? { ...individual, fallback: { ...fallback, minFen: lo, maxFen: hi } }
        : { kind: 'fixed', minFen: lo, maxFen: hi };
    if (tier === null || tiers[tier] !== null) {
      warnings.push({ rule: 'second_tier_not_placed', text: second[0] });
    } else {
      tiers[tier] = { individual: basis, organisation: basis, discretionary: discretionaryIn(tier), label };
    }
  }
  // A tier the text fines in but whose amount no column or note gives: say so (never guessed).
  for (const t of textTiers)
    if (tiers[t] === null) warnings.push({ rule: 'tier_amount_not_stated', text: `${t}: ${penaltyText}` });

  const parsed = discretionBenchmark.safeParse({ tiers, source: 'catalog-sample.csv' });
  if (!parsed.success) {
    warnings.push({ rule: 'benchmark_invalid', text: parsed.error.issues.map((i) => i.message).join(', ') });
    return { benchmark: null, warnings };
  }
  return { benchmark: parsed.data, warnings };
}
