import { formatMoney } from '../catalog/money.ts';
import { reason, type Reason } from '../workflow/procedure.ts';
import type { CaseFacts } from './facts.ts';
import type { DecisionElements, NoticeContents } from './input.ts';
import {
  MONEY_PENALTY_KINDS,
  PENALTY_KIND_LABELS,
  PENALTY_KINDS,
  type AgencyKind,
  type PartyKind,
  type Penalty,
} from './kinds.ts';
import type { CaseSettings } from './settings.ts';

/* The substance of a penalty: its kinds, amounts and the elements of the documents that impose it (LEGAL.md §B–C). */

const money = (fen: number) => ({ zh: formatMoney(fen, 'zh'), en: formatMoney(fen, 'en') });
export const fineOf = (ps: readonly Penalty[]): number =>
  ps.filter((p) => p.kind === 'fine').reduce((s, p) => s + (p.amountFen ?? 0), 0);

/**
 * APL-9 [V]: only the kinds of art. 9; an order to correct is not a penalty (art. 28); detention only by the police
 * (art. 18) — never by an enforcement bureau. Money kinds carry a positive whole amount of fen.
 */
export function checkPenaltyKinds(ps: readonly Penalty[], agency: AgencyKind): Reason[] {
  const out: Reason[] = [];
  if (ps.length === 0) out.push(reason('APL-9', '请选择处罚种类', 'Choose the penalty', 'body.penalties'));
  for (const [i, p] of ps.entries()) {
    if (!(PENALTY_KINDS as readonly string[]).includes(p.kind))
      out.push(
        reason(
          'APL-9',
          '处罚种类须为《行政处罚法》第九条所列种类（责令改正不是行政处罚）',
          'A penalty must be a kind listed in APL art. 9 (an order to correct is not a penalty)',
          `body.penalties.${i}.kind`,
        ),
      );
    else if (p.kind === 'detention' && agency !== 'police')
      out.push(
        reason(
          'APL-9',
          '限制人身自由的行政处罚权只能由公安机关和法律规定的其他机关行使（《行政处罚法》第九条、第十八条），本机关不得决定行政拘留',
          'Only the police may impose detention (APL arts. 9 and 18): this agency may not',
          `body.penalties.${i}.kind`,
        ),
      );
    const needsAmount = MONEY_PENALTY_KINDS.includes(p.kind);
    if (needsAmount && (!Number.isSafeInteger(p.amountFen) || (p.amountFen ?? 0) <= 0))
      out.push(
        reason(
          'APL-9',
          `${PENALTY_KIND_LABELS[p.kind].zh}须填写金额`,
          `A ${PENALTY_KIND_LABELS[p.kind].en} needs an amount`,
          `body.penalties.${i}.amountFen`,
        ),
      );
  }
  return out;
}

/**
 * APL-29 [V]: one act, one fine — at most one fine per case, none where the same act was already fined, and where one
 * act breaches several norms the fine follows the norm with the highest fine.
 */
export function checkOneFine(
  ps: readonly Penalty[],
  facts: Pick<CaseFacts, 'priorFineForSameAct' | 'concurrentMatters' | 'matter'>,
): Reason[] {
  const out: Reason[] = [];
  const fines = ps.filter((p) => p.kind === 'fine').length;
  if (fines > 1 || (fines === 1 && facts.priorFineForSameAct))
    out.push(
      reason(
        'APL-29',
        '对当事人的同一个违法行为，不得给予两次以上罚款的行政处罚（《行政处罚法》第二十九条）',
        'One act may not be fined twice (APL art. 29)',
        'body.penalties',
      ),
    );
  const own = facts.matter ? facts.concurrentMatters.find((m) => m.matterId === facts.matter!.matterId) : undefined;
  const higher = facts.concurrentMatters.find(
    (m) => (m.maxFineFen ?? -1) > (own?.maxFineFen ?? -1) && m.matterId !== own?.matterId,
  );
  if (fines > 0 && own && higher)
    out.push(
      reason(
        'APL-29',
        `同一违法行为违反多个法律规范应当给予罚款处罚的，按照罚款数额高的规定处罚（《行政处罚法》第二十九条）：应适用“${higher.name}”`,
        `Where one act breaches several norms, the fine follows the norm with the higher fine (APL art. 29): apply "${higher.name}"`,
        'facts.matter',
      ),
    );
  return out;
}

/** APL-51 [V]: simple procedure only for a warning or a fine at most the configured amount ("以下" includes it). */
export function checkSimpleProcedure(ps: readonly Penalty[], party: PartyKind, s: CaseSettings): Reason[] {
  const max = party === 'citizen' ? s.simpleProcedureMaxFineFen.citizen : s.simpleProcedureMaxFineFen.organisation;
  const bad = ps.some((p) => p.kind !== 'warning' && p.kind !== 'fine');
  const fine = fineOf(ps);
  if (!bad && fine <= max) return [];
  const who = party === 'citizen' ? { zh: '公民', en: 'a citizen' } : { zh: '法人或者其他组织', en: 'an organisation' };
  return [
    reason(
      'APL-51',
      `违法事实确凿并有法定依据，对${who.zh}处以${money(max).zh}以下罚款或者警告的，可以当场作出行政处罚决定（《行政处罚法》第五十一条）；超出的，请按一般程序立案`,
      `Simple procedure covers only a warning or a fine of at most ${money(max).en} for ${who.en} (APL art. 51): file the case under general procedure`,
      'body.penalties',
    ),
  ];
}

/**
 * APL-68/69 [V]: collection on the spot only under simple procedure, for a fine at most 100 yuan, or where later
 * collection would be hard to execute, or (art. 69) on the party's request in a remote area.
 */
export function checkOnSpotCollection(
  reasonGiven: null | 'small_fine' | 'hard_to_execute' | 'remote_area_request',
  fineFen: number,
  s: CaseSettings,
): Reason[] {
  if (reasonGiven === null || reasonGiven === 'hard_to_execute' || reasonGiven === 'remote_area_request') {
    if (reasonGiven !== null && fineFen <= 0)
      return [reason('APL-68', '无罚款，无需当场收缴', 'There is no fine to collect', 'body.collectOnSpot')];
    return [];
  }
  return fineFen > 0 && fineFen <= s.onSpotCollectionMaxFen
    ? []
    : [
        reason(
          'APL-68',
          `当场收缴罚款仅限依法给予${money(s.onSpotCollectionMaxFen).zh}以下罚款，或不当场收缴事后难以执行的情形（《行政处罚法》第六十八条）`,
          `Collection on the spot only for a fine of at most ${money(s.onSpotCollectionMaxFen).en}, or where later collection would be hard (APL art. 68)`,
          'body.collectOnSpot',
        ),
      ];
}

const ELEMENTS: readonly [
  keyof DecisionElements | 'compliance.how' | 'compliance.by' | 'remedies.reconsideration' | 'remedies.lawsuit',
  string,
  string,
][] = [
  ['partyName', '当事人的姓名或者名称', "the party's name"],
  ['partyAddress', '当事人的地址', "the party's address"],
  ['facts', '违反法律、法规、规章的事实', 'the facts of the violation'],
  ['evidence', '证据', 'the evidence'],
  ['basis', '行政处罚的种类和依据', 'the penalty and its basis'],
  ['compliance.how', '行政处罚的履行方式', 'how to comply'],
  ['compliance.by', '行政处罚的履行期限', 'by when to comply'],
  ['remedies.reconsideration', '申请行政复议的途径和期限', 'how and by when to seek reconsideration'],
  ['remedies.lawsuit', '提起行政诉讼的途径和期限', 'how and by when to sue'],
  ['agencyName', '作出决定的行政机关名称', "the deciding agency's name"],
  ['date', '作出决定的日期', 'the date of the decision'],
];

/** APL-59 [V]: every element of a decision; any missing → the decision is not issued. Each missing one is named. */
export function checkDecisionElements(e: DecisionElements, hasPenalty: boolean): Reason[] {
  const value = (k: string): unknown => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)?.[p], e);
  const missing = ELEMENTS.filter(([k]) => {
    if (!hasPenalty && k.startsWith('compliance')) return false;
    const v = value(k);
    return Array.isArray(v) ? v.length === 0 : typeof v !== 'string' || v.trim() === '';
  });
  const out = missing.map(([k, zh, en]) =>
    reason(
      'APL-59',
      `行政处罚决定书应当载明${zh}（《行政处罚法》第五十九条），缺少则不得作出`,
      `A decision must state ${en} (APL art. 59): it is not issued without it`,
      `body.elements.${k}`,
    ),
  );
  if (!e.sealed)
    out.push(
      reason(
        'APL-59',
        '行政处罚决定书必须盖有作出行政处罚决定的行政机关的印章（《行政处罚法》第五十九条）',
        "A decision bears the deciding agency's seal (APL art. 59)",
        'body.elements.sealed',
      ),
    );
  return out;
}

/** APL-44/45 [V]: the notice states the facts, reasons, basis and the rights (statement, defence, hearing where due). */
export function checkNoticeContents(c: NoticeContents, hearingRight: boolean): Reason[] {
  const out: Reason[] = [];
  const need = (ok: boolean, zh: string, en: string, path: string) =>
    !ok &&
    out.push(
      reason(
        'APL-44/45/62',
        `行政处罚事先告知书应当告知拟作出的行政处罚内容及${zh}（《行政处罚法》第四十四条、第四十五条）`,
        `The notice of the proposed penalty states ${en} (APL arts. 44, 45)`,
        path,
      ),
    );
  need(c.facts.trim() !== '', '事实', 'the facts', 'body.contents.facts');
  need(c.reasons.trim() !== '', '理由', 'the reasons', 'body.contents.reasons');
  need(c.basis.trim() !== '', '依据', 'the legal basis', 'body.contents.basis');
  need(
    c.rights.statement && c.rights.defence,
    '当事人依法享有的陈述、申辩权利',
    'the rights of statement and defence',
    'body.contents.rights',
  );
  need(
    !hearingRight || c.rights.hearing,
    '要求听证的权利',
    'the right to request a hearing',
    'body.contents.rights.hearing',
  );
  return out;
}

/**
 * APL-62 (with APL-44/45) [V]: the decision may not be heavier than the notice — no higher fine or confiscation, no
 * kind that was not notified — and the penalty is never increased because the party defended.
 */
export function checkNotAboveNotice(decided: readonly Penalty[], notified: readonly Penalty[]): Reason[] {
  const out: Reason[] = [];
  for (const [i, p] of decided.entries()) {
    const n = notified.filter((q) => q.kind === p.kind);
    if (n.length === 0)
      out.push(
        reason(
          'APL-44/45/62',
          `决定的处罚种类“${PENALTY_KIND_LABELS[p.kind].zh}”未经事先告知；加重处罚须重新告知（《行政处罚法》第四十四条、第六十二条）`,
          `"${PENALTY_KIND_LABELS[p.kind].en}" was not in the notice: a heavier penalty needs a new notice (APL arts. 44, 62)`,
          `body.penalties.${i}.kind`,
        ),
      );
    else if (MONEY_PENALTY_KINDS.includes(p.kind)) {
      const max = n.reduce((s, q) => s + (q.amountFen ?? 0), 0);
      if ((p.amountFen ?? 0) > max)
        out.push(
          reason(
            'APL-44/45/62',
            `决定金额${money(p.amountFen ?? 0).zh}高于事先告知的${money(max).zh}：不得因当事人陈述、申辩而加重处罚（《行政处罚法》第四十五条、第六十二条）`,
            `The decided ${money(p.amountFen ?? 0).en} is above the ${money(max).en} notified: the penalty may not be increased (APL arts. 45, 62)`,
            `body.penalties.${i}.amountFen`,
          ),
        );
    }
  }
  return out;
}
