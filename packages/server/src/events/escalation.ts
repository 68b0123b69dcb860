import { sql } from 'drizzle-orm';
import { EVENT_DEADLINE_KIND, type EventStatus } from '@openenforce/domain/events';
import { SYSTEM_ACTOR, type AuditEntry } from '../platform/audit/index.ts';
import {
  createDeadlineEscalation,
  type DeadlineEscalation,
  type DeadlineHandler,
} from '../platform/deadlines/index.ts';
import type { PlatformDeps } from '../platform/deps.ts';
import { publishLive, type Notifier, type NotifyLog } from '../platform/notifications/index.ts';
import { eventNo, type FeedMessage } from './events.service.ts';
import { COMMAND_ROLE, writeNotifications, type NotifiedEvent } from './notifications.ts';
import { EVENT_SUBJECT, RUNNING_SQL } from './sla.ts';
import { chinaShort } from '@openenforce/domain/common';
import { rowsOf } from '../platform/db/index.ts';

/*
 * What an escalation means for an event (SPEC §3 "urging and escalation when deadlines near or pass"): the platform's
 * escalation job (platform/deadlines) claims the event's dispatch clock when it reaches its warning time (yellow,
 * 临期) or due time (red, 超期) and calls this handler in its transaction: it sets the event's level, writes the
 * timeline row, the notification (to the team and the command centre), the audit record and the feed message. The
 * job delivers the notifications to the adapters after the commit. The unique index on notifications
 * (event_id, kind) holds the exactly-once line in the database as well.
 */

interface Locked {
  id: string;
  seq: string | number;
  reported_at: string | Date;
  town_id: string | null;
  domain: string | null;
  team_id: string | null;
  status: string;
  escalation: string;
  deadline: string | Date;
}

export function eventEscalationHandler(deps: PlatformDeps): DeadlineHandler {
  const { audit } = deps;
  return async (tx, clocks, level, now) => {
    const at = now.toISOString();
    const param = <T>(v: T[]) => sql.param(v);
    // SKIP LOCKED: an event a step holds is left for the next run (the step may meet or stop its clock).
    const claimed = rowsOf<Locked>(
      await tx.execute(sql`
        SELECT id, seq, reported_at, town_id, domain, team_id, status, escalation, deadline FROM events
         WHERE id = ANY(${param(clocks.map((c) => c.subjectId))}::uuid[]) AND ${RUNNING_SQL}
         FOR UPDATE SKIP LOCKED`),
    );
    if (claimed.length === 0) return { handled: [], messages: [] };
    const ids = claimed.map((r) => r.id);
    // The version is not bumped: escalation annotates the event, and a user's pending step must not turn stale.
    await tx.execute(sql`
      UPDATE events SET escalation = ${level}, updated_at = ${at}::timestamptz WHERE id = ANY(${param(ids)}::uuid[])`);
    const details = claimed.map((r) =>
      JSON.stringify({ level, from: r.escalation, deadline: new Date(r.deadline).toISOString() }),
    );
    await tx.execute(sql`
      INSERT INTO event_steps (event_id, at, action, from_status, to_status, actor_role, team_id, detail)
      SELECT u.event_id, ${at}::timestamptz, 'escalate', u.status, u.status, 'system', u.team_id, u.detail::jsonb
        FROM unnest(${param(ids)}::uuid[], ${param(claimed.map((r) => r.status))}::text[],
          ${param(claimed.map((r) => r.team_id))}::uuid[], ${param(details)}::text[])
        AS u(event_id, status, team_id, detail)`);
    const evs = new Map<string, NotifiedEvent>(
      claimed.map((r) => [
        r.id,
        { id: r.id, seq: Number(r.seq), reportedAt: new Date(r.reported_at), townId: r.town_id, teamId: r.team_id },
      ]),
    );
    const drafts = claimed.map((r) => {
      const no = eventNo(evs.get(r.id)!);
      const due = chinaShort(new Date(r.deadline));
      return {
        eventId: r.id,
        teamId: r.team_id,
        role: COMMAND_ROLE,
        kind: level,
        level,
        title:
          level === 'red'
            ? { zh: `事件 ${no} 已超期（期限 ${due}）`, en: `Event ${no} is overdue (deadline ${due} China time)` }
            : { zh: `事件 ${no} 临近期限（${due} 前办结）`, en: `Event ${no} is due soon (by ${due} China time)` },
      };
    });
    const messages = await writeNotifications(tx, deps, drafts, evs, now);
    const entries: AuditEntry[] = claimed.map((r) => ({
      action: 'event.escalate',
      entityType: 'event',
      entityId: r.id,
      before: { escalation: r.escalation },
      after: { escalation: level, deadline: new Date(r.deadline).toISOString() },
    }));
    await audit.append(tx, SYSTEM_ACTOR, entries, now);
    const feed = claimed.map((r): FeedMessage => ({
      kind: 'event',
      id: r.id,
      action: 'escalate',
      status: r.status as EventStatus,
      townId: r.town_id,
      domain: r.domain,
      teamId: r.team_id,
      escalation: level,
    }));
    await publishLive(deps.database, tx, feed);
    const locked = new Set(ids);
    return { handled: clocks.filter((c) => locked.has(c.subjectId)).map((c) => c.id), messages };
  };
}

/** The events context's part of the platform's escalation: its handler for the event's dispatch clock. */
export function registerEventEscalation(escalation: DeadlineEscalation, deps: PlatformDeps): void {
  escalation.register(EVENT_SUBJECT, EVENT_DEADLINE_KIND, eventEscalationHandler(deps));
}

/** An escalation with the events' handler registered (tools, benchmarks and tests that need only events). */
export function createEscalationJob(
  deps: PlatformDeps,
  notifier: Notifier,
  log: NotifyLog,
  opts: { batchSize?: number } = {},
): DeadlineEscalation {
  const escalation = createDeadlineEscalation(deps, notifier, log, opts);
  registerEventEscalation(escalation, deps);
  return escalation;
}

export type EscalationJob = DeadlineEscalation;
export type { EscalationCounts } from '../platform/deadlines/index.ts';
