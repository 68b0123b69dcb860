import {
  checkProposedFine,
  recommendFine,
  type DiscretionMatter,
  type Facts,
  type FineRecommendation,
} from '../catalog/discretion.ts';
import { reason, type Reason } from '../workflow/procedure.ts';
import type { CaseParty } from './facts.ts';
import { partyType } from './kinds.ts';

/*
 * Discretion of a case's fine (issue 10 §6, SPEC §5): the proposed fine goes through the catalog's discretion function
 * for the matter version applicable (APL-37). Outside the legal range → refused (the article is cited); outside the
 * recommended band → allowed only with a written reason, and the case is flagged to supervisors. Mitigating and
 * aggravating factors (APL-30/31/32/33) are recorded with the facts that support them.
 */

/** The discretion facts recorded on a case: catalog facts plus, per factor, the fact that supports it. */
export interface CaseDiscretion extends Facts {
  support: Readonly<Partial<Record<Facts['factors'][number], string>>>;
}

/** The discretion module's party from a case party (first violation: no prior violation on record). */
export function discretionParty(p: CaseParty) {
  return {
    type: partyType(p.kind),
    ...(p.ageAtAct === undefined ? {} : { ageAtAct: p.ageAtAct }),
    ...(p.mentalCapacity === undefined ? {} : { mentalCapacity: p.mentalCapacity }),
    firstViolation: p.priorViolations === 0,
  };
}

export interface FineJudgement {
  recommendation: FineRecommendation;
  reasons: Reason[];
  /** Lawful but outside the recommended band: a written reason is needed and supervisors are alerted. */
  flagSupervisors: boolean;
}

/**
 * Judge a proposed fine: refused outside the legal range (or where no penalty is lawful), flagged outside the
 * recommended band (refused there without a written reason), and every factor must name its supporting fact.
 */
export function judgeFine(
  matter: DiscretionMatter,
  party: CaseParty,
  d: CaseDiscretion,
  amountFen: number,
  writtenReason: string | undefined,
): FineJudgement {
  const recommendation = recommendFine(matter, discretionParty(party), d);
  const reasons: Reason[] = [];
  for (const f of d.factors)
    if (!d.support[f]?.trim())
      reasons.push(
        reason(
          'APL-32',
          `从轻、减轻或从重情节“${f}”须记录支持该情节的事实`,
          `The factor "${f}" needs the facts that support it`,
          `facts.discretion.support.${f}`,
        ),
      );
  const check = checkProposedFine(recommendation, amountFen);
  if (!check.ok) {
    reasons.push(reason(check.ruleId, check.zh, check.en, 'body.penalties'));
    return { recommendation, reasons, flagSupervisors: false };
  }
  if (check.needsReason && (writtenReason ?? '').trim().length < 2)
    reasons.push(reason(check.ruleId, check.zh, check.en, 'body.discretionReason'));
  return { recommendation, reasons, flagSupervisors: check.needsReason };
}
