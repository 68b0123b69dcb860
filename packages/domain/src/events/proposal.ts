import type { JurisdictionResult } from '../catalog/jurisdiction.ts';

/**
 * The jurisdiction engine's proposal as an event keeps it (triage, SPEC §3): the team and enforcement subject with
 * the rule and its explanation; a refusal (e.g. ZJ-9) keeps its reason and, where one exists, the body to refer to.
 */
export type Proposal =
  | {
      ok: true;
      ruleId: string;
      teamId: string;
      teamName: string;
      subjectName: string;
      actingMode: string;
      assistingTeamId: string | null;
      explanation: { zh: string; en: string };
    }
  | {
      ok: false;
      ruleId: string;
      reason: { zh: string; en: string };
      teamId: string | null;
      teamName: string | null;
      subjectName: string | null;
    };

export function proposalOf(r: JurisdictionResult): Proposal {
  return r.ok
    ? {
        ok: true,
        ruleId: r.ruleId,
        teamId: r.team.id,
        teamName: r.team.name,
        subjectName: r.subjectName,
        actingMode: r.actingMode,
        assistingTeamId: r.assistingTeam?.id ?? null,
        explanation: r.explanation,
      }
    : {
        ok: false,
        ruleId: r.ruleId,
        reason: r.reason,
        teamId: r.referTo?.team.id ?? null,
        teamName: r.referTo?.team.name ?? null,
        subjectName: r.referTo?.subjectName ?? null,
      };
}
