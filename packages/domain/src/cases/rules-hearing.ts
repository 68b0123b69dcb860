import type { WorkingCalendar } from '../calendar/index.ts';
import { CalendarOutOfRangeError } from '../calendar/index.ts';
import { reason, type Reason } from '../workflow/procedure.ts';
import { calendarMissing, HEARING_NOTICE_WORKING_DAYS } from './clocks.ts';
import type { CaseFacts } from './facts.ts';
import { PENALTY_KIND_LABELS, type PartyKind, type Penalty } from './kinds.ts';
import { fineOf } from './rules-penalty.ts';
import type { CaseFlag, CaseSettings, Criteria } from './settings.ts';

/*
 * Hearings (APL-63/64), legal review (APL-58) and collective discussion (APL-57): when each is due, from the
 * configured criteria, and the hearing's own time limits.
 */

const orgOrCitizen = (k: PartyKind) => (k === 'citizen' ? 'citizen' : 'organisation');

/**
 * APL-63 [V]: the grounds on which the proposed penalties give the party a hearing right: a large fine or
 * confiscation (amounts per province and sector: settings, "以上" inclusive), or a kind listed by the article.
 */
export function hearingGrounds(ps: readonly Penalty[], party: PartyKind, s: CaseSettings): string[] {
  const who = orgOrCitizen(party);
  const out: string[] = [];
  if (fineOf(ps) >= s.hearingFineAtLeastFen[who]) out.push('large_fine');
  const confiscated = ps
    .filter((p) => p.kind === 'confiscate_illegal_gains' || p.kind === 'confiscate_illegal_property')
    .reduce((a, p) => a + (p.amountFen ?? 0), 0);
  if (confiscated > 0 && confiscated >= s.hearingConfiscationAtLeastFen[who]) out.push('large_confiscation');
  for (const p of ps) if (s.hearingPenaltyKinds.includes(p.kind)) out.push(p.kind);
  return out;
}

function matches(
  c: Criteria,
  facts: Pick<CaseFacts, 'flags' | 'hearing' | 'procedure'>,
  ps: readonly Penalty[],
  party: PartyKind,
): boolean {
  const has = (f: CaseFlag) => facts.flags.includes(f);
  if (c.allGeneralProcedure && facts.procedure === 'general') return true;
  if (c.flags.some(has)) return true;
  if (ps.some((p) => c.penaltyKinds.includes(p.kind))) return true;
  const min = c.fineAtLeastFen[orgOrCitizen(party)];
  if (min !== null && fineOf(ps) >= min) return true;
  const heard = facts.hearing !== null && facts.hearing.heldOn !== null;
  return heard && c.afterHearingWithFlags.some(has);
}

/** APL-58 [V]: whether the decision needs a legal review first (criteria: settings.legalReview). */
export const legalReviewRequired = (f: CaseFacts, ps: readonly Penalty[]) =>
  f.party !== null && matches(f.settings.legalReview, f, ps, f.party.kind);

/** APL-57 [V]: whether the decision is taken collectively (criteria: settings.collectiveDiscussion). */
export const collectiveDiscussionRequired = (f: CaseFacts, ps: readonly Penalty[]) =>
  f.party !== null && matches(f.settings.collectiveDiscussion, f, ps, f.party.kind);

/** APL-64 [V]: a hearing is requested within 5 working days of the notice being served. */
export function checkHearingRequest(servedOn: string, requestedOn: string, calendar: WorkingCalendar): Reason[] {
  try {
    const last = calendar.addWorkingDays(servedOn, 5);
    return requestedOn > last
      ? [
          reason(
            'APL-63/64',
            `当事人要求听证的，应当在行政机关告知后五日内提出（《行政处罚法》第六十四条）：告知送达 ${servedOn}，期限至 ${last}`,
            `A hearing must be requested within 5 working days of the notice (APL art. 64): served ${servedOn}, window ended ${last}`,
            'body.requestedOn',
          ),
        ]
      : [];
  } catch (e) {
    if (e instanceof CalendarOutOfRangeError) return [calendarMissing(e)];
    throw e;
  }
}

/** APL-64 [V]: the party is told the time and place at least 7 working days before the hearing. */
export function checkHearingNotice(notifiedOn: string, hearingDate: string, calendar: WorkingCalendar): Reason[] {
  try {
    const latest = calendar.addWorkingDays(hearingDate, -HEARING_NOTICE_WORKING_DAYS);
    return notifiedOn > latest
      ? [
          reason(
            'APL-63/64',
            `行政机关应当在举行听证的七日前，通知当事人举行听证的时间、地点（《行政处罚法》第六十四条）：听证日 ${hearingDate}，最迟应于 ${latest} 通知`,
            `The party is told the time and place at least 7 working days before the hearing (APL art. 64): for ${hearingDate}, notify by ${latest}`,
            'body.hearingDate',
          ),
        ]
      : [];
  } catch (e) {
    if (e instanceof CalendarOutOfRangeError) return [calendarMissing(e)];
    throw e;
  }
}

/** APL-64 [V]: the hearing is chaired by someone other than the case's investigators. */
export function checkHearingChair(chairId: string, investigatorIds: readonly string[]): Reason | null {
  return investigatorIds.includes(chairId)
    ? reason(
        'APL-63/64',
        '听证由行政机关指定的非本案调查人员主持（《行政处罚法》第六十四条）',
        'The hearing is chaired by someone who did not investigate the case (APL art. 64)',
        'body.chairId',
      )
    : null;
}

export const hearingGroundLabel = (g: string) =>
  g === 'large_fine'
    ? { zh: '较大数额罚款', en: 'a large fine' }
    : g === 'large_confiscation'
      ? { zh: '没收较大数额违法所得或较大价值非法财物', en: 'a large confiscation' }
      : PENALTY_KIND_LABELS[g as Penalty['kind']];
