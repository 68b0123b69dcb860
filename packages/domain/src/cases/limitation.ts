import { reason, type Reason } from '../workflow/procedure.ts';
import { addMonths } from './clocks.ts';
import type { CaseAct } from './facts.ts';

/*
 * APL-36 [V] (art. 36): no penalty for a violation not discovered within 2 years; 5 years where citizens' life,
 * health, safety or financial security is involved and harm resulted (unless a law says otherwise). The period runs
 * from the day of the act, or from the day a continuing or repeated act ended. The start day is not counted (TIME-2),
 * so an act on 2024-03-01 may be discovered up to 2026-03-01; years end on the corresponding day (民法典 art. 202).
 */

export interface Limitation {
  /** The last day on which discovery still allows a penalty. */
  lastDay: string;
  years: 2 | 5;
  timeBarred: boolean;
}

export function limitation(act: Omit<CaseAct, 'discoveredOn'> & { discoveredOn: string }): Limitation {
  const years = act.harmToLifeHealthSafetyFinance ? 5 : 2;
  const from = act.endDate ?? act.date;
  const lastDay = addMonths(from, years * 12);
  return { lastDay, years, timeBarred: act.discoveredOn > lastDay };
}

/** APL-36 as a guard: the reason a time-barred act may not be filed or penalised; impossible dates too. */
export function checkLimitation(act: CaseAct | null): Reason[] {
  if (!act)
    return [
      reason('APL-36', '须填写违法行为发生日期和发现日期', 'Enter the date of the act and the day it was discovered'),
    ];
  if (act.endDate !== null && act.endDate < act.date)
    return [
      reason(
        'CASE-DATE-ORDER',
        '连续行为的终了日期不能早于开始日期',
        'A continuing act cannot end before it began',
        'body.act.endDate',
      ),
    ];
  if (act.discoveredOn < act.date)
    return [
      reason(
        'CASE-DATE-ORDER',
        '发现日期不能早于违法行为发生日期',
        'Discovery cannot precede the act',
        'body.act.discoveredOn',
      ),
    ];
  const l = limitation(act);
  return l.timeBarred
    ? [
        reason(
          'APL-36',
          `违法行为在${l.years === 5 ? '五' : '二'}年内未被发现的，不再给予行政处罚（《行政处罚法》第三十六条）：期限至 ${l.lastDay}，发现于 ${act.discoveredOn}`,
          `An act not discovered within ${l.years} years is no longer penalised (APL art. 36): the period ended ${l.lastDay}, discovered ${act.discoveredOn}`,
          'facts.act.discoveredOn',
        ),
      ]
    : [];
}
