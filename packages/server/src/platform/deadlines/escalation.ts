import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../db/index.ts';
import type { PlatformDeps } from '../deps.ts';
import type { JobDefinition } from '../jobs/index.ts';
import type { NotificationMessage, Notifier, NotifyLog } from '../notifications/index.ts';
import { RUNNING_CLOCK } from './deadlines.schema.ts';
import { atLevelSql, instant, type LevelColumns } from './level.sql.ts';

/*
 * The escalation job over every clock (SPEC §3 "urging and escalation when deadlines near or pass"): yellow at the
 * warning time, red at the due time. Exactly once with any number of server processes: each batch is one
 * transaction that claims its clocks with `FOR UPDATE SKIP LOCKED` (another process's batch skips them; a row it
 * meets after our commit no longer matches the re-checked predicate), calls the handler the owning context registered
 * for the clock's (subject type, kind) — which writes what the level means for its subject: a timeline row,
 * notifications, audit records — sets the level and commits. Only then are the notifications handed to the delivery
 * adapters. It runs as the recurring job `deadlines.escalate` (platform/jobs), once per interval across processes.
 *
 * A handler must not wait for a lock: it locks its subjects with SKIP LOCKED and returns the clocks it handled. A
 * subject locked by a step under way is left for the next run (the step may meet or stop the clock). The step locks
 * the subject first and the clock second; the job, holding the clock, never waits for the subject: no deadlock.
 */

export interface ClaimedDeadline {
  id: string;
  subjectType: string;
  subjectId: string;
  townId: string | null;
  kind: string;
  ruleId: string;
  /** The level before this escalation. */
  level: 'none' | 'yellow';
  startedAt: Date;
  dueAt: Date;
  warnAt: Date | null;
}

export interface EscalationOutcome {
  /** Ids of the clocks the handler escalated (their level is set); the rest stay due for the next run. */
  handled: readonly string[];
  /** Notifications written in the transaction, delivered to the adapters after the commit. */
  messages: readonly NotificationMessage[];
}

export type DeadlineHandler = (
  tx: Db,
  clocks: readonly ClaimedDeadline[],
  level: 'yellow' | 'red',
  now: Date,
) => Promise<EscalationOutcome>;

export interface EscalationCounts {
  yellow: number;
  red: number;
  /** Notifications written. */
  notified: number;
  /** Adapter deliveries that succeeded / failed (per adapter and notification). */
  delivered: number;
  failed: number;
  batches: number;
  ms: number;
}

export const ESCALATION_JOB = 'deadlines.escalate';

interface ClaimRow {
  id: string;
  subject_type: string;
  subject_id: string;
  town_id: string | null;
  kind: string;
  rule_id: string;
  level: 'none' | 'yellow';
  started_at: string | Date;
  due_at: string | Date;
  warn_at: string | Date | null;
}

const CLOCK: LevelColumns = { dueAt: sql.raw('due_at'), warnAt: sql.raw('warn_at') };
const key = (subjectType: string, kind: string) => `${subjectType}\u0000${kind}`;

export function createDeadlineEscalation(
  deps: Pick<PlatformDeps, 'database' | 'clock'>,
  notifier: Notifier | undefined,
  log: NotifyLog,
  opts: { batchSize?: number } = {},
) {
  const db = deps.database.db;
  const batchSize = opts.batchSize ?? 500;
  const handlers = new Map<string, DeadlineHandler>();
  let running: Promise<EscalationCounts> | null = null;

  function claim(tx: Db, level: 'yellow' | 'red', now: Date) {
    const kinds = sql.join(
      [...handlers.keys()].map((k) => {
        const [t, kind] = k.split('\u0000');
        return sql`(${t}, ${kind})`;
      }),
      sql`, `,
    );
    const at = instant(now);
    // Red first, then yellow for what has not reached its due time: a clock the job finds past both gets red only.
    // The level conditions repeat the partial indexes' predicates (deadlines_due_idx, deadlines_warn_idx).
    const where =
      level === 'red'
        ? sql`${RUNNING_CLOCK} AND level <> 'red' AND ${atLevelSql('red', CLOCK, at)}`
        : sql`${RUNNING_CLOCK} AND level = 'none' AND ${atLevelSql('yellow', CLOCK, at)}`;
    return tx.execute(sql`
      SELECT id, subject_type, subject_id, town_id, kind, rule_id, level, started_at, due_at, warn_at FROM deadlines
       WHERE ${where} AND (subject_type, kind) IN (${kinds})
       ORDER BY ${sql.raw(level === 'red' ? 'due_at' : 'warn_at')} LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`);
  }

  /** One batch in one transaction; the messages to deliver once it has committed. */
  async function batch(level: 'yellow' | 'red', now: Date) {
    return db.transaction(async (tx) => {
      const claimed = rowsOf<ClaimRow>(await claim(tx, level, now)).map((r): ClaimedDeadline => ({
        id: r.id,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        townId: r.town_id,
        kind: r.kind,
        ruleId: r.rule_id,
        level: r.level,
        startedAt: new Date(r.started_at),
        dueAt: new Date(r.due_at),
        warnAt: r.warn_at === null ? null : new Date(r.warn_at),
      }));
      if (claimed.length === 0) return { claimed: 0, handled: 0, messages: [] as NotificationMessage[] };
      const groups = new Map<string, ClaimedDeadline[]>();
      for (const c of claimed) {
        const k = key(c.subjectType, c.kind);
        groups.set(k, [...(groups.get(k) ?? []), c]);
      }
      const handled: string[] = [];
      const messages: NotificationMessage[] = [];
      for (const [k, clocks] of groups) {
        const out = await handlers.get(k)!(tx, clocks, level, now);
        handled.push(...out.handled);
        messages.push(...out.messages);
      }
      if (handled.length > 0)
        await tx.execute(sql`
          UPDATE deadlines SET level = ${level}, updated_at = ${instant(now)}
           WHERE id = ANY(${sql.param(handled)}::uuid[])`);
      return { claimed: claimed.length, handled: handled.length, messages };
    });
  }

  async function runOnce(now: Date): Promise<EscalationCounts> {
    const t0 = performance.now();
    const counts: EscalationCounts = { yellow: 0, red: 0, notified: 0, delivered: 0, failed: 0, batches: 0, ms: 0 };
    if (handlers.size > 0) {
      for (const level of ['red', 'yellow'] as const) {
        for (;;) {
          const { claimed, handled, messages } = await batch(level, now);
          if (claimed === 0) break;
          counts.batches += 1;
          counts[level] += handled;
          counts.notified += messages.length;
          // After the commit: adapters never undo or block the escalation (failures are logged and counted).
          if (notifier) {
            const d = await notifier.deliver(messages);
            counts.delivered += d.sent;
            counts.failed += d.failed;
          }
          // Fewer than a batch: the rest (if any) is locked by another process, which escalates it. Nothing handled:
          // the subjects are locked by steps under way; the next run sees them.
          if (claimed < batchSize || handled === 0) break;
        }
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

  return {
    runEscalation,

    /** The owning context's handler for its clocks of (subjectType, kind). */
    register(subjectType: string, kind: string, handler: DeadlineHandler): void {
      const k = key(subjectType, kind);
      if (handlers.has(k)) throw new Error(`a deadline handler for ${subjectType}/${kind} is registered twice`);
      handlers.set(k, handler);
    },

    /** The recurring job that runs it (interval 0 = none: tests call runEscalation). */
    job(everyMs: number): JobDefinition<undefined> {
      return {
        name: ESCALATION_JOB,
        everyMs,
        run: async ({ now }) => {
          const c = await runEscalation(now);
          if (c.red + c.yellow > 0) log.info({ ...c }, 'escalation');
        },
      };
    },
  };
}

export type DeadlineEscalation = ReturnType<typeof createDeadlineEscalation>;
