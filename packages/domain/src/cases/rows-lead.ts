import { reason } from '../workflow/procedure.ts';
import { clockStart } from './clocks.ts';
import { judgeFine } from './discretion.ts';
import { checkLimitation } from './limitation.ts';
import { checkTwoOfficers } from './rules-officers.ts';
import { checkCommitment } from './rules-outcomes.ts';
import {
  checkDecisionElements,
  checkOnSpotCollection,
  checkOneFine,
  checkPenaltyKinds,
  checkSimpleProcedure,
  fineOf,
} from './rules-penalty.ts';
import {
  needText,
  notAuxiliary,
  notInvestigator,
  opinionNeeded,
  ownTeam,
  pastDate,
  todayOf,
  type CaseCheck,
  type CaseRow,
} from './common.ts';
import type { CaseFacts } from './facts.ts';

/*
 * From a lead (案源): the simple procedure on the spot (APL-51/52/53, collection APL-68/69), the light-violation
 * commitment (ZJ-LV), filing under general procedure (APL-54, limitation APL-36, jurisdiction ZJ-9) and its approval.
 */

/** The matter and its jurisdiction: a case needs a matter in force, and the engine's refusal (ZJ-9 …) blocks it. */
export function matterReasons(f: CaseFacts) {
  if (!f.matter)
    return [
      reason(
        'APL-37',
        '须确定违法行为发生时有效的执法事项版本（《行政处罚法》第三十七条）',
        'Choose the matter version in force at the act (APL art. 37)',
        'body.matterId',
      ),
    ];
  const j = f.jurisdictionRefusal;
  return j ? [reason(j.ruleId, j.zh, j.en, 'body.matterId')] : [];
}

const partyNeeded = ({ facts }: { facts: CaseFacts }) =>
  !facts.party && reason('CASE-PARTY', '请先登记当事人', 'Register the party first', 'body.party');

const decideOnSpot: CaseRow<'decide_on_spot'> = {
  action: 'decide_on_spot',
  from: ['lead'],
  to: ({ input }) => (fineOf(input.penalties) === 0 || input.collectOnSpot !== null ? 'executed' : 'executing'),
  permission: 'case.handle',
  may: [ownTeam, notAuxiliary],
  check: [
    partyNeeded,
    ({ facts }) => checkLimitation(facts.act),
    ({ facts }) => matterReasons(facts),
    ({ facts, input }) => checkPenaltyKinds(input.penalties, facts.agency.kind),
    ({ facts, input }) => checkOneFine(input.penalties, facts),
    // APL-51: the limits of simple procedure.
    ({ facts, input }) => facts.party && checkSimpleProcedure(input.penalties, facts.party.kind, facts.settings),
    // APL-42 / ZJ-30: two certified officers on the spot.
    ({ facts, input, now }) => checkTwoOfficers(input.officers, facts.matter?.domain ?? null, todayOf(now)),
    // APL-68/69: collection on the spot.
    ({ facts, input }) => checkOnSpotCollection(input.collectOnSpot, fineOf(input.penalties), facts.settings),
    // APL-59 / APL-52: the pre-numbered form states every element.
    ({ input }) => checkDecisionElements(input.elements, true),
    ({ facts, input }) => {
      const fine = fineOf(input.penalties);
      if (fine === 0 || !facts.matter || !facts.party) return null;
      if (!facts.discretion)
        return reason(
          'CASE-DISCRETION',
          '罚款前须记录裁量情节',
          'Record the circumstances before fining',
          'facts.discretion',
        );
      return judgeFine(facts.matter, facts.party, facts.discretion, fine, input.discretionReason).reasons;
    },
  ],
  clocks: ({ facts, input }) => ({
    start: [
      // APL-68: cash collected on the spot reaches the agency within 2 working days; otherwise APL-67 payment.
      ...(fineOf(input.penalties) > 0
        ? [clockStart(input.collectOnSpot !== null ? 'cash_handover' : 'payment', facts.settings)]
        : []),
      // 行政复议法 art. 23: an on-the-spot decision goes to reconsideration first; the lawsuit window runs too.
      clockStart('reconsideration', facts.settings),
      clockStart('lawsuit', facts.settings),
    ],
    stop: ['filing'],
  }),
};

const offerCommitment: CaseRow<'offer_commitment'> = {
  action: 'offer_commitment',
  from: ['lead'],
  to: 'commitment',
  permission: 'case.handle',
  may: [ownTeam, notAuxiliary],
  check: [
    partyNeeded,
    ({ facts }) => matterReasons(facts),
    ({ facts, input }) => checkCommitment(facts, input),
    ({ input, now }) =>
      input.correctBy <= todayOf(now) &&
      reason('ZJ-LV', '改正期限须晚于今天', 'The correction deadline must be after today', 'body.correctBy'),
  ],
  clocks: { stop: ['filing'] },
};

const confirmCorrection: CaseRow<'confirm_correction'> = {
  action: 'confirm_correction',
  from: ['commitment'],
  // ZJ-LV: corrected in time → no case; not corrected → back to a lead to be filed.
  to: ({ input }) => (input.corrected ? 'closed' : 'lead'),
  permission: 'case.handle',
  may: [ownTeam],
  check: [({ input, now }) => pastDate(input.checkedOn, now, 'body.checkedOn')],
};

const file: CaseRow<'file'> = {
  action: 'file',
  from: ['lead'],
  to: 'filing_pending',
  permission: 'case.handle',
  may: [ownTeam, notAuxiliary],
  check: [
    partyNeeded,
    // APL-36: limitation is checked at filing.
    ({ facts }) => checkLimitation(facts.act),
    ({ facts }) => matterReasons(facts),
    ({ input }: CaseCheck<'file'>) =>
      needText(
        input.reason,
        'APL-54',
        '请填写立案理由（符合立案标准的，应当及时立案，《行政处罚法》第五十四条）',
        'State why the case meets the filing standard (APL art. 54)',
        'body.reason',
      ),
  ],
};

const decline: CaseRow<'decline'> = {
  action: 'decline',
  from: ['lead'],
  to: 'not_filed',
  permission: 'case.handle',
  may: [ownTeam],
  check: [
    ({ input }) => needText(input.reason, 'APL-54', '不予立案须说明理由', 'Not filing needs a reason', 'body.reason'),
  ],
  clocks: { stop: ['filing'] },
};

const approveFiling: CaseRow<'approve_filing'> = {
  action: 'approve_filing',
  from: ['filing_pending'],
  to: ({ input }) => (input.approved ? 'investigating' : 'not_filed'),
  permission: 'case.approve',
  may: [ownTeam, notAuxiliary, notInvestigator],
  check: [opinionNeeded, ({ facts, input }) => input.approved && checkLimitation(facts.act)],
  // APL-60: the 90-day decision period runs from filing.
  clocks: ({ facts, input }) => ({
    stop: ['filing'],
    start: input.approved ? [clockStart('decision', facts.settings)] : [],
  }),
};

export const LEAD_ROWS = [decideOnSpot, offerCommitment, confirmCorrection, file, decline, approveFiling] as const;
