import { FEN_PER_YUAN } from '@openenforce/domain/catalog';

/*
 * Money is integer fen in the API and yuan on the screen. Conversions go through the decimal string, never through
 * a float multiplication (0.29 × 100 = 28.999…): "1234.5" → 123450 exactly.
 */

const YUAN = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/** "1,234.50" / "1234.5" / "80" → fen; null when not a non-negative amount with at most 2 decimals. */
export function parseYuan(text: string): number | null {
  const m = YUAN.exec(text.trim().replace(/[,，\s]/g, ''));
  if (!m) return null;
  const fen = Number(m[1]) * FEN_PER_YUAN + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** fen → "1234.5" style yuan text for inputs ("80", "80.5", "0.05"); exact. */
export function fenToYuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / FEN_PER_YUAN);
  const cents = abs % FEN_PER_YUAN;
  if (cents === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${String(cents).padStart(2, '0').replace(/0$/, '')}`;
}

/** A multiple as typed ("0.05", "3", "1/2" is not one): a number when it is a plain decimal, else null. */
export function parseDecimal(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,9}(?:\.\d{1,9})?$/.test(t)) return null;
  return Number(t);
}
