/*
 * The arithmetic of discretion: the band of a circumstance, the statutory range of a fine basis for the facts,
 * and points and slices of a range (从轻 / 从重 / 减轻). Exact: integer fen and basis points.
 */
import {
  applyMultiple,
  applyRate,
  FEN_PER_YUAN,
  isFen,
  roundToYuan,
  toBasisPoints,
  toMilliUnits,
  type Fen,
} from './money.ts';
import {
  DEFAULT_BANDS,
  type Circumstance,
  type CircumstanceBand,
  type DiscretionBenchmark,
  type FineBasis,
} from './schemas.ts';
import type { Explanation, Facts, MoneyRange } from './discretion.ts';
import { MULTIPLE_BASE_ZH, money, multipleText, rangeText } from './discretion-text.ts';

/** The effective band of a circumstance: the matter's override, else the default. */
export function bandOf(bench: DiscretionBenchmark, c: Circumstance): CircumstanceBand {
  return bench.bands[c] ?? DEFAULT_BANDS[c];
}

/**
 * The statutory range of a fine basis for the given facts, or an issue when the facts lack what it needs.
 * Per-unit and multiple bounds are computed exactly (lower bound rounded up, upper rounded down to the fen).
 */
export function statutoryRangeOf(
  basis: Exclude<FineBasis, { kind: 'none' }>,
  facts: Pick<Facts, 'units' | 'baseAmountFen'>,
  article: string,
): { range: MoneyRange; note: Explanation } | { range: null; issue: Explanation } {
  if (basis.kind === 'fixed') {
    const range = { minFen: basis.minFen, maxFen: basis.maxFen };
    const t = rangeText(range);
    return {
      range,
      note: { ruleId: 'DISC-RANGE', article, zh: `罚款幅度${t.zh}`, en: `the fine ranges from ${t.en}` },
    };
  }
  if (basis.kind === 'per_unit') {
    const milli = facts.units === undefined ? null : toMilliUnits(facts.units);
    if (milli === null)
      return {
        range: null,
        issue: {
          ruleId: 'DISC-UNITS-MISSING',
          article,
          zh: `按${basis.unit}计罚，须填写数量（最多三位小数）`,
          en: `The fine is per ${basis.unit}: enter the quantity (up to 3 decimals)`,
        },
      };
    let minFen = applyRate(basis.rateMinFen, milli, 'up');
    let maxFen = applyRate(basis.rateMaxFen, milli, 'down');
    if (basis.capFen !== null) {
      maxFen = Math.min(maxFen, basis.capFen);
      minFen = Math.min(minFen, maxFen);
    }
    const range = { minFen, maxFen };
    const t = rangeText(range);
    const cap = basis.capFen === null ? null : money(basis.capFen);
    return {
      range,
      note: {
        ruleId: 'DISC-RANGE',
        article,
        zh:
          `每${basis.unit}${money(basis.rateMinFen).zh}至${money(basis.rateMaxFen).zh}，数量 ${facts.units}：罚款${t.zh}` +
          (cap ? `，最高不超过${cap.zh}` : ''),
        en:
          `${money(basis.rateMinFen).en} to ${money(basis.rateMaxFen).en} per ${basis.unit}, quantity ${facts.units}: ` +
          `the fine ranges from ${t.en}${cap ? `, capped at ${cap.en}` : ''}`,
      },
    };
  }
  // multiple
  const baseZh = basis.baseLabel ?? MULTIPLE_BASE_ZH[basis.base] ?? basis.base;
  const base = facts.baseAmountFen;
  if (base !== undefined && !isFen(base))
    return {
      range: null,
      issue: {
        ruleId: 'DISC-BASE-MISSING',
        article,
        zh: `${baseZh}金额须为非负整数（分）`,
        en: `The ${basis.base} amount must be a non-negative integer number of fen`,
      },
    };
  const fb = basis.fallback;
  const absent = base === undefined || base === 0;
  const below =
    !absent &&
    fb !== null &&
    fb.belowFen !== null &&
    (base < fb.belowFen || (fb.thresholdTakesFallback && base === fb.belowFen));
  if (fb !== null && (absent || below)) {
    const range = { minFen: fb.minFen, maxFen: fb.maxFen };
    const t = rangeText(range);
    const cond = absent
      ? { zh: `无${baseZh}`, en: `no ${basis.base}` }
      : {
          zh: `${baseZh}${money(base).zh}${fb.thresholdTakesFallback ? '未超过' : '不足'}${money(fb.belowFen as number).zh}`,
          en: `${basis.base} ${money(base).en} ${fb.thresholdTakesFallback ? 'not above' : 'below'} ${money(fb.belowFen as number).en}`,
        };
    return {
      range,
      note: {
        ruleId: 'DISC-RANGE',
        article,
        zh: `${cond.zh}，适用定额幅度：罚款${t.zh}`,
        en: `with ${cond.en}, the fixed range applies: ${t.en}`,
      },
    };
  }
  if (base === undefined)
    return {
      range: null,
      issue: {
        ruleId: 'DISC-BASE-MISSING',
        article,
        zh: `罚款按${baseZh}的倍数计算，须填写${baseZh}金额`,
        en: `The fine is a multiple of the ${basis.base}: enter that amount`,
      },
    };
  const counted = basis.countBaseAtLeastFen !== null ? Math.max(base, basis.countBaseAtLeastFen) : base;
  const minFen = applyMultiple(counted, toBasisPoints(basis.minMultiple) as number, 'up');
  const maxFen = applyMultiple(counted, toBasisPoints(basis.maxMultiple) as number, 'down');
  const range = { minFen, maxFen };
  const t = rangeText(range);
  const lo = multipleText(basis.minMultiple);
  const hi = multipleText(basis.maxMultiple);
  const countedNote =
    counted !== base
      ? {
          zh: `（不足${money(counted).zh}的按${money(counted).zh}计算）`,
          en: ` (counted as ${money(counted).en}, the statutory minimum base)`,
        }
      : { zh: '', en: '' };
  return {
    range,
    note: {
      ruleId: 'DISC-RANGE',
      article,
      zh: `${baseZh}${money(base).zh}${countedNote.zh}的${lo.zh}至${hi.zh}：罚款${t.zh}`,
      en: `${lo.en} to ${hi.en} of the ${basis.base} ${money(base).en}${countedNote.en}: the fine ranges from ${t.en}`,
    },
  };
}

/** The amount at `bp` basis points (0–10,000) of the way from min to max, rounded to whole yuan, inside the range. */
export function pointAt(r: MoneyRange, bp: number): Fen {
  const at = roundToYuan(r.minFen + applyMultiple(r.maxFen - r.minFen, Math.round(bp), 'down'));
  return Math.min(r.maxFen, Math.max(r.minFen, at));
}

export function slice(r: MoneyRange, fromBp: number, toBp: number): MoneyRange {
  const minFen = pointAt(r, fromBp);
  return { minFen, maxFen: Math.max(minFen, pointAt(r, toBp)) };
}

/** 减轻: from reducedFloorPct of the minimum up to one yuan below it, in whole yuan; null when impossible. */
export function reducedRange(statutory: MoneyRange, floorPct: number): MoneyRange | null {
  const maxFen = Math.floor((statutory.minFen - 1) / FEN_PER_YUAN) * FEN_PER_YUAN;
  if (maxFen < FEN_PER_YUAN) return null;
  const floor = roundToYuan(applyMultiple(statutory.minFen, floorPct * 100, 'up'));
  const minFen = Math.min(maxFen, Math.max(FEN_PER_YUAN, floor));
  return { minFen, maxFen };
}
