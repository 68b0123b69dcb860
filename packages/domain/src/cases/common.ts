import { chinaDate } from '../common/china-time.ts';
import { reason, type CheckContext, type MayContext, type Reason, type Transition } from '../workflow/procedure.ts';
import type { CaseActor, CaseFacts } from './facts.ts';
import type { CaseAction, CaseStepInput } from './input.ts';
import type { CaseState } from './kinds.ts';

/* Types and small guards shared by the case procedure's rows. */

export type CaseMay = MayContext<CaseFacts, CaseActor>;
export type CaseCheck<K extends CaseAction> = CheckContext<CaseFacts, CaseActor, Extract<CaseStepInput, { action: K }>>;
export type CaseRow<K extends CaseAction> = Transition<
  CaseState,
  CaseFacts,
  CaseActor,
  Extract<CaseStepInput, { action: K }>
>;

/** The China date of the step. */
export const todayOf = (now: Date): string => chinaDate(now);

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (d: string) => ISO.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;

/** A date of something that happened: a real date, not after today (an impossible date is refused, not stored). */
export function pastDate(day: string, now: Date, path: string): Reason | null {
  if (!isDay(day)) return reason('CASE-DATE', '日期无效', 'The date is not a valid date', path);
  return day > todayOf(now)
    ? reason('CASE-DATE', `日期（${day}）不能晚于今天`, `The date (${day}) cannot be in the future`, path)
    : null;
}

/** `day` must not be before `earliest` (service before decision, payment before service …). */
export function notBefore(
  day: string,
  earliest: string | null | undefined,
  what: { zh: string; en: string },
  path: string,
) {
  return earliest && day < earliest
    ? reason(
        'CASE-DATE-ORDER',
        `日期（${day}）不能早于${what.zh}（${earliest}）`,
        `The date (${day}) cannot precede ${what.en} (${earliest})`,
        path,
      )
    : null;
}

/** A text the law wants written down (a reason, an opinion): at least two characters. */
export const needText = (s: string | undefined, rule: string, zh: string, en: string, path: string) =>
  (s ?? '').trim().length < 2 ? reason(rule, zh, en, path) : null;

/** The officers and leaders of the handling team (or a team above it) take the case's steps. */
export const ownTeam = ({ facts, actor }: CaseMay): Reason | null =>
  facts.teamId === null || actor.teamIds.includes(facts.teamId)
    ? null
    : reason('CASE-TEAM', '该案件不由您所在的队伍承办', 'The case is not handled by your team');

/** ZJ-30: auxiliaries only assist; they never sign or decide. */
export const notAuxiliary = ({ actor }: CaseMay): Reason | null =>
  actor.isAuxiliary
    ? reason(
        'ZJ-30',
        '执法辅助人员只能协助执法，不得签署或作出执法决定（《浙江省综合行政执法条例》第三十条）',
        'Auxiliaries only assist: they never sign or decide (ZJ art. 30)',
      )
    : null;

/** An approver is not one of the case's investigators (the head approves what others investigated). */
export const notInvestigator = ({ facts, actor }: CaseMay): Reason | null =>
  actor.personId !== null && facts.investigators.some((o) => o.personId === actor.personId)
    ? reason('CASE-APPROVER', '承办人员不能审批本人承办的案件', 'An investigator cannot approve their own case')
    : null;

/** An approval's opinion (who, when, opinion: each approval is its own step). */
export const opinionNeeded = ({ input }: { input: { opinion: string } }) =>
  needText(input.opinion, 'CASE-OPINION', '请填写审批意见', 'Enter the approval opinion', 'body.opinion');
