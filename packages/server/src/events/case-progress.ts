import { sql } from 'drizzle-orm';
import type { Db } from '../platform/db/index.ts';

/*
 * The event's side of a case opened from it: each step of the case appears on the event's timeline as a
 * `case_progress` row (the event's status unchanged), so that whoever follows the event sees the case move on. The
 * cases context calls this through events/index.ts in its step's transaction; events never read the case.
 */

export interface CaseProgress {
  caseId: string;
  number: string;
  action: string;
  status: string;
  at: Date;
  actorName: string | null;
}

/** Append the case's step to the event's timeline (nothing when the event does not exist). */
export async function recordCaseProgress(tx: Db, eventId: string, p: CaseProgress): Promise<void> {
  const detail = JSON.stringify({ caseId: p.caseId, caseNumber: p.number, caseAction: p.action, caseStatus: p.status });
  await tx.execute(sql`
    INSERT INTO event_steps (event_id, at, action, from_status, to_status, actor_role, actor_name, team_id, detail)
    SELECT id, ${p.at.toISOString()}::timestamptz, 'case_progress', status, status, 'system', ${p.actorName}, team_id,
           ${detail}::jsonb
      FROM events WHERE id = ${eventId}::uuid`);
}
