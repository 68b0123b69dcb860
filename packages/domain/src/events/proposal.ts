import { z } from 'zod';
import { bilingualText } from '../common/schemas.ts';
import type { JurisdictionResult } from '../catalog/jurisdiction.ts';

/**
 * The jurisdiction engine's proposal as an event keeps it (triage, SPEC §3): the team and enforcement subject with
 * the rule and its explanation; a refusal (e.g. ZJ-9) keeps its reason and, where one exists, the body to refer to.
 * Stored as the event's `proposal` (jsonb) and sent as it is in the event's detail.
 */
export const eventProposal = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    ruleId: z.string(),
    teamId: z.string(),
    teamName: z.string(),
    subjectName: z.string(),
    actingMode: z.string(),
    assistingTeamId: z.string().nullable(),
    explanation: bilingualText,
  }),
  z.object({
    ok: z.literal(false),
    ruleId: z.string(),
    reason: bilingualText,
    teamId: z.string().nullable(),
    teamName: z.string().nullable(),
    subjectName: z.string().nullable(),
  }),
]);
export type Proposal = z.infer<typeof eventProposal>;

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
