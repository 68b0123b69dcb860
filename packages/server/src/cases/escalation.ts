import { sql } from 'drizzle-orm';
import { CASE_CLOCK_KINDS, caseClockRules, caseSettings, type CaseClockKind } from '@openenforce/domain/cases';
import { chinaShort } from '@openenforce/domain/common';
import { SYSTEM_ACTOR, type AuditEntry } from '../platform/audit/index.ts';
import { rowsOf } from '../platform/db/index.ts';
import type { DeadlineEscalation, DeadlineHandler } from '../platform/deadlines/index.ts';
import type { PlatformDeps } from '../platform/deps.ts';
import { writeNotifications, type NotificationDraft } from '../platform/notifications/index.ts';
import { CASE_SUBJECT } from './cases.repository.ts';

/*
 * What a statutory clock's escalation means for a case (issue 10 §5): yellow when the clock nears its due date, red
 * when it passes, told to the handling team — its officers and its leader read the team's notifications — with a
 * timeline row and an audit record, in the escalation job's transaction. A case a step holds is left for the next run
 * (SKIP LOCKED). The unique (subject, kind) of notifications keeps each level of each clock told once.
 */

interface Locked {
  id: string;
  number: string;
  town_id: string | null;
  team_id: string | null;
  status: string;
}

export function caseEscalationHandler(deps: PlatformDeps): DeadlineHandler {
  const rules = caseClockRules(caseSettings());
  return async (tx, clocks, level, now) => {
    const at = now.toISOString();
    const claimed = rowsOf<Locked>(
      await tx.execute(sql`
        SELECT id, number, town_id, team_id, status FROM cases
         WHERE id = ANY(${sql.param(clocks.map((c) => c.subjectId))}::uuid[]) FOR UPDATE SKIP LOCKED`),
    );
    if (claimed.length === 0) return { handled: [], messages: [] };
    const byId = new Map(claimed.map((r) => [r.id, r]));
    const mine = clocks.filter((c) => byId.has(c.subjectId));
    const drafts: NotificationDraft[] = [];
    const entries: AuditEntry[] = [];
    for (const c of mine) {
      const k = byId.get(c.subjectId)!;
      const rule = rules[c.kind as CaseClockKind];
      const what = rule ? { zh: rule.zh, en: rule.en } : { zh: c.kind, en: c.kind };
      const due = chinaShort(c.dueAt);
      drafts.push({
        subject: { type: CASE_SUBJECT, id: k.id, label: k.number, townId: k.town_id },
        teamId: k.team_id,
        kind: `clock.${c.kind}.${level}`,
        level,
        title:
          level === 'red'
            ? {
                zh: `案件 ${k.number}：${what.zh}已届满（${due}，${c.ruleId}）`,
                en: `Case ${k.number}: ${what.en} has run out (${due}, ${c.ruleId})`,
              }
            : {
                zh: `案件 ${k.number}：${what.zh}即将届满（${due} 前，${c.ruleId}）`,
                en: `Case ${k.number}: ${what.en} runs out soon (by ${due}, ${c.ruleId})`,
              },
        once: true,
      });
      entries.push({
        action: 'case.escalate',
        entityType: 'case',
        entityId: k.id,
        after: { clock: c.kind, rule: c.ruleId, level, dueAt: c.dueAt.toISOString() },
      });
    }
    await tx.execute(sql`
      INSERT INTO case_steps (case_id, at, action, from_status, to_status, actor_role, team_id, detail)
      SELECT u.case_id, ${at}::timestamptz, 'escalate', u.status, u.status, 'system', u.team_id, u.detail::jsonb
        FROM unnest(${sql.param(mine.map((c) => c.subjectId))}::uuid[],
                    ${sql.param(mine.map((c) => byId.get(c.subjectId)!.status))}::text[],
                    ${sql.param(mine.map((c) => byId.get(c.subjectId)!.team_id))}::uuid[],
                    ${sql.param(mine.map((c) => JSON.stringify({ clock: c.kind, rule: c.ruleId, level })))}::text[])
          AS u(case_id, status, team_id, detail)`);
    const messages = await writeNotifications(deps, tx, drafts, now);
    await deps.audit.append(tx, SYSTEM_ACTOR, entries, now);
    return { handled: mine.map((c) => c.id), messages };
  };
}

/** The cases context's part of the platform's escalation: one handler for every statutory clock kind. */
export function registerCaseEscalation(escalation: DeadlineEscalation, deps: PlatformDeps): void {
  const handler = caseEscalationHandler(deps);
  for (const kind of CASE_CLOCK_KINDS) escalation.register(CASE_SUBJECT, kind, handler);
}
