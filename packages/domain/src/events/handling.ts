import { checkProposedFine, recommendFine, type DiscretionMatter, type Facts } from '../catalog/discretion.ts';
import { mayActInDomain } from '../organization/certificate-rules.ts';
import { reason as r, type Reason } from '../workflow/procedure.ts';

/*
 * Handling outcomes (SPEC §3 "handled"): the checks each outcome needs before it is recorded. Pure: the caller
 * loads the officers with their certificates and the matter.
 */

/** APL-51: simple procedure only for a warning or a fine of at most 200 yuan (citizen) / 3,000 yuan (organisation). */
export const SIMPLE_PROCEDURE_MAX_FEN = { citizen: 20_000, organisation: 300_000 } as const;

export interface OfficerOnSite {
  personId: string;
  name: string;
  isAuxiliary: boolean;
  certificates: readonly { domains: readonly string[]; validFrom: string; validTo: string }[];
}

/**
 * APL-9 penalty kinds an on-the-spot decision form can name: 警告, 通报批评 and 罚款. Only a warning and a small fine
 * are allowed under simple procedure (APL-51); 通报批评 is a penalty the form can express so that it is refused
 * with its rule, not silently recorded as a warning.
 */
export const SIMPLE_PENALTY_KINDS = ['warning', 'circulated_criticism', 'fine'] as const;
export type SimplePenaltyKind = (typeof SIMPLE_PENALTY_KINDS)[number];

export interface SimplePenalty {
  partyKind: 'citizen' | 'organisation';
  penalty: SimplePenaltyKind;
  fineFen: number;
}

/** APL-51 and APL-42 / ZJ-30 for an on-the-spot (simple procedure) decision. */
export function checkSimplePenalty(
  p: SimplePenalty,
  officers: readonly OfficerOnSite[],
  domain: string,
  today: string,
): Reason[] {
  const reasons: Reason[] = [];
  // APL-51: "以下" includes the amount itself.
  const max = SIMPLE_PROCEDURE_MAX_FEN[p.partyKind];
  if (p.penalty === 'fine' && (p.fineFen <= 0 || p.fineFen > max)) {
    reasons.push(
      r(
        'APL-51',
        `简易程序仅适用于警告或对${p.partyKind === 'citizen' ? '公民处二百元' : '法人或其他组织处三千元'}以下罚款（《行政处罚法》第五十一条），请转一般程序立案`,
        `Simple procedure covers a warning or a fine of at most ${max / 100} yuan for ${p.partyKind === 'citizen' ? 'a citizen' : 'an organisation'} (APL art. 51): file a case under general procedure`,
        'body.fineFen',
      ),
    );
  }
  if (p.penalty === 'circulated_criticism') {
    reasons.push(
      r(
        'APL-51',
        '通报批评不适用简易程序：当场处罚仅限警告或小额罚款（APL-51，《行政处罚法》第五十一条），请转一般程序立案',
        'Circulated criticism cannot be decided on the spot: simple procedure covers only a warning or a small fine ' +
          '(APL-51, APL art. 51); file a case under general procedure',
        'body.penalty',
      ),
    );
  }
  if (p.penalty !== 'fine' && p.fineFen !== 0) {
    reasons.push(r('APL-51', '警告不得同时填写罚款金额', 'A warning carries no fine amount', 'body.fineFen'));
  }
  // APL-42: two officers with valid certificates covering the domain; ZJ-30: auxiliaries never count.
  const qualified = new Set(
    officers.filter((o) => mayActInDomain(o, o.certificates, domain, today)).map((o) => o.personId),
  );
  if (qualified.size < 2) {
    const unqualified = officers.filter((o) => !qualified.has(o.personId)).map((o) => o.name);
    reasons.push(
      r(
        'APL-42',
        `当场处罚须有两名以上持有效执法证（含“${domain}”领域）的执法人员（《行政处罚法》第四十二条；辅助人员不计入，《浙江省综合行政执法条例》第三十条）${unqualified.length ? `；不符合：${unqualified.join('、')}` : ''}`,
        `An on-the-spot decision needs at least two officers with valid certificates covering ${domain} (APL art. 42; auxiliaries do not count, ZJ art. 30)${unqualified.length ? `; not qualified: ${unqualified.join(', ')}` : ''}`,
        'body.officerIds',
      ),
    );
  }
  return reasons;
}

/** Light-violation notice-and-commitment only for matters on the published commitment list. */
export function checkCommitment(onCommitmentList: boolean): Reason[] {
  return onCommitmentList
    ? []
    : [
        r(
          'LIGHT-COMMITMENT',
          '该事项不在轻微违法告知承诺制清单内',
          'The matter is not on the light-violation notice-and-commitment list',
          'body.outcome',
        ),
      ];
}

/** Rectification: a due date after today. */
export function checkRectification(dueDate: string, today: string): Reason[] {
  return dueDate > today
    ? []
    : [r('EVT-RECTIFY-DUE', '整改期限须晚于今日', 'The rectification due date must be after today', 'body.dueDate')];
}

/**
 * The catalog's discretion check for an on-the-spot penalty (SPEC §5), with the same refusals as the discretion
 * calculator (`checkProposedFine`): a fine outside the legal range of the matter version in force (DISC-OUTSIDE-LEGAL),
 * a fine in a tier where the article sets none — e.g. a first-instance fine where the article fines only after
 * 逾期不改正 / 拒不改正 (DISC-NO-FINE) — or a fine or warning where the law says no penalty (APL-30/31/33) is refused.
 * Each refusal names its rule id and the article. The amount bounds of APL-51 itself are checked by
 * checkSimplePenalty; both are reported when both apply.
 */
export function checkSimplePenaltyDiscretion(p: SimplePenalty, matter: DiscretionMatter, facts: Facts): Reason[] {
  // 通报批评 and a fine of no amount are refused by APL-51 already (checkSimplePenalty).
  if (p.penalty === 'circulated_criticism' || (p.penalty === 'fine' && p.fineFen <= 0)) return [];
  const rec = recommendFine(matter, { type: p.partyKind === 'citizen' ? 'individual' : 'organisation' }, facts);
  if (p.penalty === 'warning') {
    if (rec.outcome !== 'must_not_penalise') return [];
    const why = rec.explanation.find((e) => e.ruleId === rec.decidedBy);
    return [
      r(
        rec.decidedBy,
        `依法不予行政处罚，警告也不得作出：${why?.zh ?? ''}（${rec.decidedBy}，${why?.article ?? rec.penaltyArticle}）`,
        `No penalty may be imposed, not even a warning: ${why?.en ?? ''} (${rec.decidedBy}, ${why?.article ?? rec.penaltyArticle})`,
        'body.penalty',
      ),
    ];
  }
  const check = checkProposedFine(rec, p.fineFen);
  if (check.ok) return [];
  return [
    r(
      check.ruleId,
      `${check.zh}（${check.ruleId}，${check.article}）`,
      `${check.en} (${check.ruleId}, ${check.article})`,
      check.ruleId === 'DISC-NO-FINE' || check.ruleId === 'DISC-NO-BENCHMARK' ? 'body.tier' : 'body.fineFen',
    ),
  ];
}
