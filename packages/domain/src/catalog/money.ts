/**
 * Money in the catalog and in discretion is an integer number of fen (分; 1 yuan = 100 fen).
 *
 * Why fen and not yuan: statutory ranges are whole yuan, but a fine computed from a multiple (建设工程造价的百分之五,
 * 违法所得的三倍) or a per-unit rate (每平方米 2 元 × 12.5 m²) of a base that itself has fen (违法所得 12,345.67 元) is
 * not. Integer fen keeps every comparison exact ("以上/以下" include the bound, so 0.01 yuan either side matters),
 * and the arithmetic on multiples is done in BigInt so that no float ever decides whether a fine is lawful.
 * Multiples are written as decimals with at most 4 places (0.05 = 5 %, 3 = three times) and converted to basis
 * points (1/10,000) before use.
 */
export type Fen = number;

export const FEN_PER_YUAN = 100;
/** Basis points per 1 ×: a multiple of 0.05 is 500 bp, a multiple of 3 is 30,000 bp. */
export const BP_PER_UNIT = 10_000;
/** Units (m², m³) are counted to a thousandth: 12.345 m² is 12,345 milli-units. */
const MILLI = 1_000;

/** Whole yuan → fen. */
export function yuanToFen(yuan: number): Fen {
  const fen = Math.round(yuan * FEN_PER_YUAN);
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amount out of range: ${yuan}`);
  return fen;
}

/** A valid amount of money: a non-negative safe integer number of fen. */
export function isFen(n: unknown): n is Fen {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

/** A multiple (0.05, 3, 10) as basis points, or null when it has more than 4 decimal places or is negative. */
export function toBasisPoints(multiple: number): number | null {
  if (!Number.isFinite(multiple) || multiple < 0) return null;
  const bp = Math.round(multiple * BP_PER_UNIT);
  // Accept only what a 4-decimal literal means; 0.00005 or 1/3 are not multiples a law writes.
  return Math.abs(bp - multiple * BP_PER_UNIT) < 1e-6 && Number.isSafeInteger(bp) ? bp : null;
}

/** A unit count (m², m³) as thousandths, or null when it has more than 3 decimal places or is negative. */
export function toMilliUnits(units: number): number | null {
  if (!Number.isFinite(units) || units < 0) return null;
  const m = Math.round(units * MILLI);
  return Math.abs(m - units * MILLI) < 1e-6 && Number.isSafeInteger(m) ? m : null;
}

/** amount × numerator / denominator in exact integer arithmetic, rounded up or down to the fen. */
function mulDiv(amount: Fen, numerator: number, denominator: number, round: 'up' | 'down'): Fen {
  const p = BigInt(amount) * BigInt(numerator);
  const d = BigInt(denominator);
  let q = p / d;
  if (round === 'up' && q * d < p) q += 1n;
  const out = Number(q);
  if (!Number.isSafeInteger(out)) throw new RangeError('amount out of range');
  return out;
}

/**
 * base × multiple. The lower bound of a range rounds up and the upper bound rounds down, so that an amount inside
 * the computed range is always inside the range the law writes.
 */
export function applyMultiple(baseFen: Fen, basisPoints: number, round: 'up' | 'down'): Fen {
  return mulDiv(baseFen, basisPoints, BP_PER_UNIT, round);
}

/** rate × units (units in thousandths), rounded like applyMultiple. */
export function applyRate(rateFen: Fen, milliUnits: number, round: 'up' | 'down'): Fen {
  return mulDiv(rateFen, milliUnits, MILLI, round);
}

/** Round to the nearest whole yuan (half up). Recommended ranges are given in whole yuan. */
export function roundToYuan(fen: Fen): Fen {
  return Math.floor((fen + FEN_PER_YUAN / 2) / FEN_PER_YUAN) * FEN_PER_YUAN;
}

function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "5,000 元" / "5,000.50 元" (zh) and "CNY 5,000" / "CNY 5,000.50" (en): shown in explanations and messages. */
export function formatMoney(fen: Fen, lang: 'zh' | 'en'): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / FEN_PER_YUAN);
  const cents = abs % FEN_PER_YUAN;
  const text = `${sign}${grouped(whole)}${cents === 0 ? '' : `.${String(cents).padStart(2, '0')}`}`;
  return lang === 'zh' ? `${text} 元` : `CNY ${text}`;
}
