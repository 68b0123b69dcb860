import { sql } from 'drizzle-orm';
import type { EscalationLevel, EventStatus } from '@openenforce/domain/events';
import { SYSTEM_ACTOR, type AuditEntry } from '../platform/audit/index.ts';
import type { Db } from '../platform/db/index.ts';
import type { PlatformDeps } from '../platform/deps.ts';
import {
  publishLive,
  type NotificationMessage,
  type Notifier,
  type NotifyLog,
} from '../platform/notifications/index.ts';
import { eventNo, type FeedMessage } from './events.service.ts';
import { COMMAND_ROLE, writeNotifications, type NotifiedEvent } from './notifications.ts';

/*
 * Escalation (SPEC §3 "urging and escalation when deadlines near or pass"): yellow (临期) at `warn_at`, red (超期) at
 * the deadline, for events whose clock runs (dispatched, accepted, returned, rectifying).
 *
 * Exactly once with any number of server processes: each batch is one transaction that claims its events with
 * `FOR UPDATE SKIP LOCKED` (another process's batch skips them; a row it meets after our commit no longer matches
 * the re-checked predicate), sets the level, writes the timeline row, the notification, the audit records and the
 * feed messages, and commits. Only then are the notifications handed to the delivery adapters. The unique index
 * on notifications (subject, kind) for the once-only notices holds the same line in the database.
 */

export interface EscalationCounts {
  yellow: number;
  red: number;
  /** Notifications written (one per escalated event, to its team and the command centre). */
  notified: number;
  /** Adapter deliveries that succeeded / failed (per adapter and notification). */
  delivered: number;
  failed: number;
  batches: number;
  ms: number;
}

interface Claimed {
  id: string;
  seq: string | number;
  reported_at: string | Date;
  town_id: string | null;
  team_id: string | null;
  status: string;
  escalation: string;
  deadline: string | Date;
}

/** Keep in step with RUNNING in events.schema.ts: the partial indexes are only used when the predicate matches. */
const RUNNING = sql.raw(`status IN ('dispatched','accepted','returned','rectifying')`);

/** Both drivers answer raw SQL with `{ rows }`. */
const rowsOf = <T>(res: unknown): T[] => (res as { rows: T[] }).rows;

const china = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(5, 16).replace('T', ' ');

export function createEscalationJob(
  deps: PlatformDeps,
  notifier: Notifier,
  log: NotifyLog,
  opts: { batchSize?: number } = {},
) {
  const { database, audit } = deps;
  const db = database.db;
  const batchSize = opts.batchSize ?? 500;
  let running: Promise<EscalationCounts> | null = null;

  function claim(tx: Db, level: 'yellow' | 'red', now: Date) {
    const at = now.toISOString();
    const cols = sql.raw('id, seq, reported_at, town_id, team_id, status, escalation, deadline');
    // Red first, then yellow for what has not reached its deadline: an event the job finds past both gets red only.
    return level === 'red'
      ? tx.execute(sql`
          SELECT ${cols} FROM events
           WHERE ${RUNNING} AND escalation <> 'red' AND deadline <= ${at}::timestamptz
           ORDER BY deadline LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`)
      : tx.execute(sql`
          SELECT ${cols} FROM events
           WHERE ${RUNNING} AND escalation = 'none' AND warn_at <= ${at}::timestamptz AND deadline > ${at}::timestamptz
           ORDER BY warn_at LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`);
  }

  /** One batch in one transaction; the messages to deliver once it has committed. */
  async function batch(level: 'yellow' | 'red', now: Date) {
    return db.transaction(async (tx) => {
      const claimed = rowsOf<Claimed>(await claim(tx, level, now));
      if (claimed.length === 0) return { n: 0, messages: [] as NotificationMessage[] };
      const at = now.toISOString();
      const ids = claimed.map((r) => r.id);
      const param = <T>(v: T[]) => sql.param(v);
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
        const due = china(new Date(r.deadline));
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
      const messages = await writeNotifications(tx, { database, notifier }, drafts, evs, now);
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
        teamId: r.team_id,
        escalation: level,
      }));
      await publishLive(database, tx, feed);
      return { n: claimed.length, messages };
    });
  }

  async function runOnce(now: Date): Promise<EscalationCounts> {
    const t0 = performance.now();
    const counts: EscalationCounts = { yellow: 0, red: 0, notified: 0, delivered: 0, failed: 0, batches: 0, ms: 0 };
    for (const level of ['red', 'yellow'] as const satisfies readonly EscalationLevel[]) {
      for (;;) {
        const { n, messages } = await batch(level, now);
        if (n === 0) break;
        counts.batches += 1;
        counts[level] += n;
        counts.notified += messages.length;
        // After the commit: adapters never undo or block the escalation (failures are logged and counted).
        const d = await notifier.deliver(messages);
        counts.delivered += d.sent;
        counts.failed += d.failed;
        // Fewer than a batch: the rest (if any) is locked by another process, which escalates it.
        if (n < batchSize) break;
      }
    }
    counts.ms = Math.round(performance.now() - t0);
    return counts;
  }

  /** Escalate everything due at `now`; a run already under way in this process is joined, not repeated. */
  function runEscalation(now: Date = deps.clock.now()): Promise<EscalationCounts> {
    if (!running) {
      running = runOnce(now).finally(() => {
        running = null;
      });
    }
    return running;
  }

  /** Start the timer (interval 0 = never): each process may run it, each event is escalated once. */
  function schedule(intervalMs: number): () => Promise<void> {
    const timer =
      intervalMs > 0
        ? setInterval(() => {
            if (running) return;
            runEscalation().then(
              (c) => {
                if (c.red + c.yellow > 0) log.info({ ...c }, 'escalation');
              },
              (err: unknown) => log.error({ err }, 'escalation failed'),
            );
          }, intervalMs)
        : null;
    timer?.unref();
    return async () => {
      if (timer) clearInterval(timer);
      // Let a run under way finish before the database closes under it.
      await running?.catch(() => undefined);
    };
  }

  return { runEscalation, schedule };
}

export type EscalationJob = ReturnType<typeof createEscalationJob>;
