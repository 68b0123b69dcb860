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

export interface SimplePenalty {
  partyKind: 'citizen' | 'organisation';
  penalty: 'warning' | 'fine';
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
  if (p.penalty === 'warning' && p.fineFen !== 0) {
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
