import { CalendarOutOfRangeError } from '../calendar/index.ts';
import { reason, type Reason } from '../workflow/procedure.ts';
import { calendarMissing, clockStart } from './clocks.ts';
import { judgeFine } from './discretion.ts';
import { unusableEvidence } from './evidence.ts';
import type { CaseFacts } from './facts.ts';
import type { CaseStepInput } from './input.ts';
import type { Penalty } from './kinds.ts';
import {
  checkHearingChair,
  checkHearingNotice,
  checkHearingRequest,
  collectiveDiscussionRequired,
  hearingGrounds,
  legalReviewRequired,
} from './rules-hearing.ts';
import { checkNoPenalty } from './rules-outcomes.ts';
import {
  checkDecisionElements,
  checkNoticeContents,
  checkNotAboveNotice,
  checkOneFine,
  checkPenaltyKinds,
  fineOf,
} from './rules-penalty.ts';
import { checkNoPenaltyInsteadOfTransfer } from './rules-transfer.ts';
import { matterReasons } from './rows-lead.ts';
import {
  needText,
  notAuxiliary,
  notBefore,
  notInvestigator,
  opinionNeeded,
  ownTeam,
  pastDate,
  todayOf,
  type CaseRow,
} from './common.ts';

/*
 * Notice of the proposed penalty (APL-44/45), statement and defence, hearing (APL-63/64), legal review (APL-58),
 * collective discussion (APL-57), the decision (APL-59/62/29/9, no penalty APL-30/31/33) and its approval.
 */

/** The fine of proposed penalties, judged by the catalog's discretion for the applicable matter version. */
function discretionReasons(f: CaseFacts, ps: readonly Penalty[], written: string | undefined): Reason[] {
  const fine = fineOf(ps);
  if (fine === 0 || !f.matter || !f.party) return [];
  if (!f.discretion)
    return [
      reason('CASE-DISCRETION', '罚款前须记录裁量情节', 'Record the circumstances before fining', 'facts.discretion'),
    ];
  return judgeFine(f.matter, f.party, f.discretion, fine, written).reasons;
}

const notify: CaseRow<'notify'> = {
  action: 'notify',
  from: ['investigated'],
  to: 'notified',
  permission: 'case.handle',
  may: [ownTeam, notAuxiliary],
  check: [
    ({ facts }) =>
      facts.report?.outcome !== 'penalise' &&
      reason(
        'APL-57',
        '调查结论为给予行政处罚的，方可告知拟作出的处罚',
        'A notice follows a report proposing a penalty',
        'facts.report',
      ),
    ({ facts }) => checkNoPenaltyInsteadOfTransfer(facts),
    ({ facts }) => matterReasons(facts),
    ({ facts, input }) => checkPenaltyKinds(input.penalties, facts.agency.kind),
    ({ facts, input }) => checkOneFine(input.penalties, facts),
    ({ facts, input }) => discretionReasons(facts, input.penalties, input.discretionReason),
    ({ facts, input }) =>
      facts.party &&
      checkNoticeContents(input.contents, hearingGrounds(input.penalties, facts.party.kind, facts.settings).length > 0),
    ({ input, now }) => pastDate(input.servedOn, now, 'body.servedOn'),
  ],
  // APL-64: the hearing request window; otherwise the statement period.
  clocks: ({ facts, input }) => ({
    start: [
      clockStart(
        facts.party && hearingGrounds(input.penalties, facts.party.kind, facts.settings).length > 0
          ? 'hearing_request'
          : 'statement',
        facts.settings,
      ),
    ],
  }),
};

const recordStatement: CaseRow<'record_statement'> = {
  action: 'record_statement',
  from: ['notified', 'hearing'],
  to: 'same',
  permission: 'case.handle',
  may: [ownTeam],
  check: [
    ({ input }) =>
      needText(
        input.statement,
        'APL-44/45/62',
        '请记录当事人的陈述、申辩',
        "Record the party's statement and defence",
        'body.statement',
      ),
  ],
};

const waiveRights: CaseRow<'waive_rights'> = {
  action: 'waive_rights',
  from: ['notified'],
  to: 'same',
  permission: 'case.handle',
  may: [ownTeam],
  check: [
    ({ input, now }) => pastDate(input.signedOn, now, 'body.signedOn'),
    ({ facts, input }) =>
      notBefore(input.signedOn, facts.notice?.servedOn, { zh: '告知送达日期', en: 'the notice' }, 'body.signedOn'),
  ],
  clocks: { stop: ['statement', 'hearing_request'] },
};

const requestHearing: CaseRow<'request_hearing'> = {
  action: 'request_hearing',
  from: ['notified'],
  to: 'hearing',
  permission: 'case.handle',
  may: [ownTeam],
  check: [
    ({ facts }) =>
      !facts.notice?.hearingRight &&
      reason(
        'APL-63/64',
        '拟作出的处罚不属于《行政处罚法》第六十三条规定的听证范围',
        'The proposed penalty gives no hearing right (APL art. 63)',
      ),
    ({ input, now }) => pastDate(input.requestedOn, now, 'body.requestedOn'),
    ({ facts, input }) => facts.notice && checkHearingRequest(facts.notice.servedOn, input.requestedOn, facts.calendar),
  ],
  clocks: { stop: ['hearing_request'] },
};

const scheduleHearing: CaseRow<'schedule_hearing'> = {
  action: 'schedule_hearing',
  from: ['hearing'],
  to: 'same',
  permission: 'case.approve',
  may: [ownTeam, notAuxiliary],
  check: [
    ({ input, now }) => pastDate(input.notifiedOn, now, 'body.notifiedOn'),
    ({ facts, input }) => checkHearingNotice(input.notifiedOn, input.hearingDate, facts.calendar),
    ({ facts, input }) => checkHearingChair(input.chairId, facts.formerInvestigatorIds),
  ],
};

const holdHearing: CaseRow<'hold_hearing'> = {
  action: 'hold_hearing',
  from: ['hearing'],
  to: 'deliberating',
  permission: 'case.handle',
  may: [ownTeam],
  check: [
    ({ facts }) =>
      !facts.hearing?.scheduledFor && reason('APL-63/64', '听证尚未安排', 'The hearing has not been scheduled'),
    ({ input, now }) => pastDate(input.heldOn, now, 'body.heldOn'),
    ({ facts, input }) =>
      notBefore(
        input.heldOn,
        facts.hearing?.scheduledFor,
        { zh: '通知的听证日期', en: 'the hearing date notified' },
        'body.heldOn',
      ),
  ],
  // APL-65: the decision rests on the hearing transcript.
  requires: {
    documents: [
      {
        kind: 'hearing_transcript',
        reason: reason(
          'APL-63/64',
          '听证应当制作笔录，并由当事人核对签字',
          'A hearing has a transcript signed by the party',
        ),
      },
    ],
  },
};

const withdrawHearing: CaseRow<'withdraw_hearing'> = {
  action: 'withdraw_hearing',
  from: ['hearing'],
  to: 'deliberating',
  permission: 'case.handle',
  may: [ownTeam],
  check: [({ input, now }) => pastDate(input.withdrawnOn, now, 'body.withdrawnOn')],
};

/** APL-44/45/64: the notice period ended (its last day passed), or the party expressly waived. */
function noticePeriodOver(f: CaseFacts, now: Date): Reason[] {
  if (!f.notice || f.notice.waived) return [];
  const days = f.notice.hearingRight ? 5 : f.settings.statementPeriod.amount;
  const calendarDays = !f.notice.hearingRight && f.settings.statementPeriod.unit === 'calendar_days';
  try {
    const last = calendarDays
      ? f.calendar.addCalendarDays(f.notice.servedOn, days, { rollForwardToWorkday: f.settings.rollForwardToWorkday })
      : f.calendar.addWorkingDays(f.notice.servedOn, days);
    return todayOf(now) > last
      ? []
      : [
          reason(
            'APL-44/45/62',
            `陈述、申辩（听证申请）期限至 ${last}，期满或当事人明确放弃后方可进入审查决定`,
            `The statement (hearing request) period runs to ${last}: wait for it, or for an express waiver`,
          ),
        ];
  } catch (e) {
    if (e instanceof CalendarOutOfRangeError) return [calendarMissing(e)];
    throw e;
  }
}

const endNoticePeriod: CaseRow<'end_notice_period'> = {
  action: 'end_notice_period',
  from: ['notified'],
  to: 'deliberating',
  permission: 'case.handle',
  may: [ownTeam],
  check: [({ facts, now }) => noticePeriodOver(facts, now)],
  clocks: { stop: ['statement', 'hearing_request'] },
};

const legalReview: CaseRow<'legal_review'> = {
  action: 'legal_review',
  from: ['deliberating'],
  to: 'same',
  permission: 'case.review',
  may: [notInvestigator],
  check: [
    ({ input }) =>
      needText(input.opinion, 'APL-58', '请填写法制审核意见', 'Write the legal review opinion', 'body.opinion'),
  ],
};

const collectiveDiscussion: CaseRow<'collective_discussion'> = {
  action: 'collective_discussion',
  from: ['deliberating'],
  to: 'same',
  permission: 'case.approve',
  may: [notAuxiliary],
  check: [
    ({ input }) =>
      needText(input.conclusion, 'APL-57', '请记录集体讨论决定', 'Record the collective decision', 'body.conclusion'),
    ({ input }) =>
      input.participants < 3 &&
      reason(
        'APL-57',
        '集体讨论须有三名以上负责人参加',
        'A collective discussion has at least three leaders',
        'body.participants',
      ),
  ],
};

/** Everything a proposed decision must satisfy. */
function decisionReasons(f: CaseFacts, i: Extract<CaseStepInput, { action: 'propose_decision' }>): Reason[] {
  const out: Reason[] = [];
  const penalise = i.kind === 'penalty';
  if (f.state === 'investigated' && penalise)
    out.push(
      reason(
        'APL-44/45/62',
        '作出行政处罚决定之前，应当告知拟作出的处罚内容及事实、理由、依据和权利（《行政处罚法》第四十四条）',
        'A penalty decision is preceded by the notice of the proposed penalty (APL art. 44)',
        'body.kind',
      ),
    );
  if (penalise) {
    out.push(...checkNoPenaltyInsteadOfTransfer(f), ...matterReasons(f));
    out.push(...checkPenaltyKinds(i.penalties, f.agency.kind), ...checkOneFine(i.penalties, f));
    if (f.notice) out.push(...checkNotAboveNotice(i.penalties, f.notice.penalties));
    out.push(...discretionReasons(f, i.penalties, i.discretionReason));
    if (f.hearing && !f.hearing.withdrawn && !f.hearing.heldOn)
      out.push(
        reason(
          'APL-63/64',
          '当事人要求听证的，应当在听证结束后依据听证笔录作出决定（《行政处罚法》第六十五条）',
          'A requested hearing is held before the decision, which rests on its transcript (APL art. 65)',
        ),
      );
  } else {
    if (i.penalties.length > 0)
      out.push(
        reason('APL-33', '不予处罚决定不得包含处罚', 'A no-penalty decision imposes no penalty', 'body.penalties'),
      );
    if (i.kind === 'no_penalty') out.push(...checkNoPenalty(f, i.noPenaltyGround, i.educationRecord, i.waiverReason));
  }
  out.push(...unusableEvidence(f.evidence));
  // APL-58: a required legal review passed; a failed or missing one → no decision.
  if (legalReviewRequired(f, i.penalties) && f.legalReview !== 'passed')
    out.push(
      reason(
        'APL-58',
        f.legalReview === 'failed'
          ? '法制审核未通过的，不得作出决定（《行政处罚法》第五十八条）'
          : '本案应当进行法制审核，未经法制审核的，不得作出决定（《行政处罚法》第五十八条）',
        f.legalReview === 'failed'
          ? 'The legal review failed: no decision (APL art. 58)'
          : 'This case needs a legal review before any decision (APL art. 58)',
      ),
    );
  if (collectiveDiscussionRequired(f, i.penalties) && !f.collectiveDiscussion)
    out.push(
      reason(
        'APL-57',
        '情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定（《行政处罚法》第五十七条）',
        'Complex or serious cases are decided collectively by the leaders (APL art. 57)',
      ),
    );
  out.push(...checkDecisionElements(i.elements, penalise));
  return out;
}

const proposeDecision: CaseRow<'propose_decision'> = {
  action: 'propose_decision',
  from: ['investigated', 'deliberating'],
  to: 'decision_pending',
  permission: 'case.handle',
  may: [ownTeam, notAuxiliary],
  check: [({ facts, input }) => decisionReasons(facts, input)],
};

const approveDecision: CaseRow<'approve_decision'> = {
  action: 'approve_decision',
  from: ['decision_pending'],
  to: ({ input }) => (input.approved ? 'decided' : 'deliberating'),
  permission: 'case.approve',
  may: [ownTeam, notAuxiliary, notInvestigator],
  check: [opinionNeeded, ({ input, now }) => pastDate(input.decidedOn, now, 'body.decidedOn')],
  // APL-60 met; APL-61 service within 7 working days; GB118-7 publication of a penalty decision.
  clocks: ({ facts, input }) =>
    input.approved
      ? {
          stop: ['decision'],
          start: [
            clockStart('service', facts.settings),
            ...(facts.decision?.kind === 'penalty' ? [clockStart('publication', facts.settings)] : []),
          ],
        }
      : {},
};

export const DECISION_ROWS = [
  notify,
  recordStatement,
  waiveRights,
  requestHearing,
  scheduleHearing,
  holdHearing,
  withdrawHearing,
  endNoticePeriod,
  legalReview,
  collectiveDiscussion,
  proposeDecision,
  approveDecision,
] as const;
