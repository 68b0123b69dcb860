import type { Tier } from './schemas.ts';

/*
 * Reads a penalty article's wording (罚则, e.g. "责令限期改正；逾期不改正的，可以处50元以上500元以下罚款") for what
 * decides the lawfulness of a first-instance fine, so that the catalog's tiers and discretion come from the text
 * of the law and not from free-form notes:
 *
 *  - which statutory tier a fine belongs to: a fine written after "逾期不改正的 / 逾期未改正的 / 拒不改正的 /
 *    逾期不拆除的 / 拒不执行的 …" applies only after an order to correct was not obeyed (failure_to_correct); after
 *    "情节严重的 / 造成…严重后果的" only where the circumstances are serious (serious); "逾期不改正或者造成严重后果的"
 *    is either; everything else is the first tier;
 *  - whether the fine is discretionary: "可以处 / 可以并处 / 可处 / 可并处 / 可以按…处以 / 可以对个人并处 …"
 *    in the clause of the fine (a "可" in another clause, like "可以代为设置，处…", or in a condition, like
 *    "可改正的", does not make the fine discretionary);
 *  - fines on the responsible persons (对责任人员处…) are not the party's fine; they count only where the article
 *    fines nobody else.
 *
 * The reading is by clause: sentences end at "；", a condition ("…的，" or "…的处") opens a scope that lasts to the
 * next condition or the end of the sentence, clauses end at "，", and "、" coordinates fines that share the
 * clause's "可".
 */

export interface FineInText {
  tier: Tier;
  discretionary: boolean;
  /** The fine is on the responsible persons (对直接负责的主管人员和其他直接责任人员), not on the party. */
  responsible: boolean;
  /** Written under a condition that opens two tiers at once ("逾期不改正或者造成严重后果的"). */
  joint: boolean;
  /** The words of the fine, for warnings. */
  text: string;
}

export interface PenaltyTextReading {
  /** Every fine the text writes, in order. */
  fines: FineInText[];
  /** Per tier with a fine on the party: whether every fine in it is discretionary (可以处). */
  tiers: Partial<Record<Tier, { discretionary: boolean }>>;
  /** The party's fine is written under one condition that opens two tiers ("逾期不改正或者造成严重后果的"). */
  joint: boolean;
}

/** Conditions that move a fine out of the first tier. */
const FAILURE = /(?:逾期|拒不|拒绝)(?:不|未)?[^，；。]{0,14}?的/;
const SERIOUS = /情节(?:特别)?严重的|造成[^，；。]{0,14}?严重后果的/;
/** Any condition clause: "…的" followed by a comma or directly by the penalty (…的处, …的并处, …的由). */
const CONDITION = /[^，；。、]*?的(?=[，,]|(?:[^，；。]{0,2})(?:处|并处|由|对|没收|责令|予以|给予|强行|可))/g;
/** Conditions containing 可 that are not the fine's discretion ("可改正的", "尚可改正的"). */
const CONDITION_WITH_KE = /(?:尚)?可(?:以)?改正的|无法改正的|不能改正的/g;
/** A fine: 处 (not 处理/处置/处分) up to 罚款, an amount, a multiple or a percentage in the same clause. */
const FINE = /处(?![理置分])(?:以)?[^，；。]*?(?:罚款|\d(?:[\d.]*)(?:万)?元|倍|%)/g;
const RESPONSIBLE = /责任人员|主管人员/;

function tierOf(condition: string, current: Tier[]): Tier[] {
  const failure = FAILURE.test(condition);
  const serious = SERIOUS.test(condition);
  if (failure && serious) return ['failure_to_correct', 'serious'];
  if (failure) return ['failure_to_correct'];
  if (serious) return ['serious'];
  // Another condition (违法所得超过1万元的, 货值不足1万元的 …) stays in the tier it is written in.
  return current;
}

/** Reads the fines of a penalty text; see the module comment. */
export function readPenaltyText(text: string): PenaltyTextReading {
  const fines: FineInText[] = [];
  for (const sentence of text.split(/[；;。]/)) {
    // Split the sentence at its conditions: each piece after a condition is in that condition's tier(s).
    let tiers: Tier[] = ['first'];
    const pieces: { tiers: Tier[]; text: string }[] = [];
    let at = 0;
    for (const m of sentence.matchAll(CONDITION)) {
      const start = m.index ?? 0;
      if (start > at) pieces.push({ tiers, text: sentence.slice(at, start) });
      tiers = tierOf(m[0], tiers);
      at = start + m[0].length;
    }
    pieces.push({ tiers, text: sentence.slice(at) });
    for (const piece of pieces) {
      for (const clause of piece.text.replace(CONDITION_WITH_KE, '').split(/[，,]/)) {
        const found = [...clause.matchAll(FINE)];
        if (found.length === 0) continue;
        // "可" before the clause's first 处 governs every fine coordinated in the clause (…可对个人处…、对单位处…).
        const firstAt = found[0]!.index ?? 0;
        const discretionary = /可/.test(clause.slice(0, firstAt));
        for (const f of found) {
          const before =
            clause
              .slice(0, f.index ?? 0)
              .split('、')
              .pop() ?? '';
          const responsible = RESPONSIBLE.test(before);
          const joint = piece.tiers.length > 1;
          for (const tier of piece.tiers) fines.push({ tier, discretionary, responsible, joint, text: f[0] });
        }
      }
    }
  }
  const onParty = fines.filter((f) => !f.responsible);
  const counted = onParty.length > 0 ? onParty : fines;
  const tiers: PenaltyTextReading['tiers'] = {};
  for (const f of counted) {
    const t = tiers[f.tier];
    tiers[f.tier] = { discretionary: (t?.discretionary ?? true) && f.discretionary };
  }
  return { fines, tiers, joint: counted.some((f) => f.joint) };
}
