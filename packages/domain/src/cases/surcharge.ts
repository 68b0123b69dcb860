import { formatMoney } from '../catalog/money.ts';

/*
 * APL-72 [V] (art. 72 (一)): a party that does not pay a fine when due is charged 3 % of the fine for each day
 * overdue, never more than the fine itself. Days in reconsideration or litigation do not count (the period is
 * suspended while the decision is challenged). Integer fen; a fraction of a fen is dropped (in the party's favour).
 */

/** APL-72: 3 % per day, in basis points. */
export const LATE_SURCHARGE_BP_PER_DAY = 300;

/** An interval of China dates, both ends included (a reconsideration from filing to its decision). */
export interface DayRange {
  from: string;
  to: string;
}

const dayNumber = (d: string) => Math.round(Date.parse(`${d}T00:00:00Z`) / 86_400_000);

/** Days overdue: the days after `dueOn` up to and including `asOf`, less the days inside any excluded range. */
export function daysOverdue(dueOn: string, asOf: string, excluded: readonly DayRange[] = []): number {
  const first = dayNumber(dueOn) + 1;
  const last = dayNumber(asOf);
  if (last < first) return 0;
  const skip = new Set<number>();
  for (const r of excluded)
    for (let d = Math.max(first, dayNumber(r.from)); d <= Math.min(last, dayNumber(r.to)); d++) skip.add(d);
  return last - first + 1 - skip.size;
}

export interface LateSurcharge {
  days: number;
  surchargeFen: number;
  /** True when the cap (the amount of the fine) was reached. */
  capped: boolean;
  zh: string;
  en: string;
}

/** APL-72: the late surcharge on a fine due on `dueOn`, as of `asOf`. */
export function lateSurcharge(
  fineFen: number,
  dueOn: string,
  asOf: string,
  excluded: readonly DayRange[] = [],
): LateSurcharge {
  if (!Number.isSafeInteger(fineFen) || fineFen < 0) throw new RangeError(`fine must be whole fen: ${fineFen}`);
  const days = daysOverdue(dueOn, asOf, excluded);
  const raw = Number((BigInt(fineFen) * BigInt(LATE_SURCHARGE_BP_PER_DAY) * BigInt(days)) / 10_000n);
  const surchargeFen = Math.min(raw, fineFen);
  const capped = raw >= fineFen && days > 0;
  return {
    days,
    surchargeFen,
    capped,
    zh: `逾期 ${days} 日，每日按罚款数额的百分之三加处罚款 ${formatMoney(surchargeFen, 'zh')}${capped ? '（不超过罚款数额）' : ''}（《行政处罚法》第七十二条）`,
    en: `${days} days overdue at 3 % of the fine a day: surcharge ${formatMoney(surchargeFen, 'en')}${capped ? ' (capped at the fine)' : ''} (APL art. 72)`,
  };
}
