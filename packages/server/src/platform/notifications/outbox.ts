import { sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import { type Database, rowsOf } from '../db/index.ts';
import type { NotificationAdapter, NotificationMessage, NotifyLog } from './adapters.ts';

/*
 * Delivery to the adapters (log, DingTalk, WeCom, SMS) through an outbox. A notification's deliveries are rows
 * written in its own transaction, one per adapter (notifications.ts), so a committed notification is delivered even
 * if the process dies right after the commit, and a rolled-back one never is. A drain, in any process:
 *
 * 1. claims due rows in one statement (`FOR UPDATE SKIP LOCKED`: concurrent drains, here or in other processes,
 *    take disjoint rows) and leases them — the attempt is counted and `due_at` moves past the attempt's end, so
 *    no other drain takes them while they are being sent; no transaction stays open while an adapter works;
 * 2. hands each to its adapter (at most half the lease: a hung gateway counts as a failure);
 * 3. settles them in one statement: sent; or due again after an exponential backoff; or, after the last attempt,
 *    parked (dead letter: kept and counted, retried only when someone asks).
 *
 * Each (notification, adapter) is sent once across processes. Only a process that dies between an adapter's
 * acceptance and step 3 leaves a row that is sent again when its lease ends (at least once, never lost): the
 * message's id lets an adapter drop the repeat. The drain runs right after a commit that wrote notifications
 * (`deliver`, so latency stays low) and on a timer (`schedule`: retries, and what a dead process left).
 */

export interface OutboxPolicy {
  /** Attempts before a delivery is parked. */
  maxAttempts: number;
  /** The pause after the first failure; each next one doubles, up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** How long a claimed delivery is withheld from other drains (longer than any attempt may take). */
  leaseMs: number;
  /** Deliveries claimed per statement. */
  batchSize: number;
}

export const DEFAULT_OUTBOX_POLICY: OutboxPolicy = {
  maxAttempts: 8,
  retryBaseMs: 30_000,
  retryMaxMs: 3_600_000,
  leaseMs: 60_000,
  batchSize: 100,
};

export interface DeliveryCounts {
  sent: number;
  /** Attempts that failed (retried later, or parked). */
  failed: number;
  /** Of those, deliveries parked after their last attempt. */
  parked: number;
}

/** What becomes of a delivery whose attempt number `attempts` (1 = the first) failed at `now`. */
export function afterFailure(
  attempts: number,
  now: Date,
  policy: Pick<OutboxPolicy, 'maxAttempts' | 'retryBaseMs' | 'retryMaxMs'>,
): { state: 'parked' } | { state: 'pending'; dueAt: Date } {
  if (attempts >= policy.maxAttempts) return { state: 'parked' };
  const pause = Math.min(policy.retryMaxMs, policy.retryBaseMs * 2 ** Math.max(0, attempts - 1));
  return { state: 'pending', dueAt: new Date(now.getTime() + pause) };
}

interface Claimed {
  id: string | number;
  channel: string;
  attempts: number;
  message: NotificationMessage | string;
}

interface Settled {
  id: number;
  attempts: number;
  state: 'sent' | 'pending' | 'parked';
  due_at: string | null;
  settled_at: string | null;
  error: string | null;
}

export interface Notifier {
  readonly adapters: readonly NotificationAdapter[];
  /** Add an adapter at run time (a deployment's SMS gateway, a test's counter): notifications written from now on. */
  use(adapter: NotificationAdapter): void;
  /** The channels of this process's adapters: a notification written here gets one delivery per channel. */
  channels(): string[];
  /**
   * After a commit that wrote `written`: drain the outbox now (joining, then repeating, a drain under way). Never
   * rejects (failures are logged and counted); the counts are the drain's.
   */
  deliver(written: readonly NotificationMessage[]): Promise<DeliveryCounts>;
  /** Deliver whatever is due at `now` that this process has adapters for; safe to run anywhere, any number of times. */
  drainOutbox(now: Date): Promise<DeliveryCounts>;
  /** Drain on a timer (0 = never); the returned function stops it and waits for a drain under way. */
  schedule(intervalMs: number): () => Promise<void>;
  /** Deliveries waiting (including being sent) and parked, for health checks and tests. */
  counts(): Promise<{ pending: number; parked: number }>;
  /** Put parked deliveries back in the queue, due at `now`, with their attempts reset; how many. */
  requeueParked(now: Date): Promise<number>;
}

export function createNotifier(
  database: Database,
  clock: Clock,
  initial: readonly NotificationAdapter[],
  log: NotifyLog,
  policy: Partial<OutboxPolicy> = {},
): Notifier {
  const db = database.db;
  const p: OutboxPolicy = { ...DEFAULT_OUTBOX_POLICY, ...policy };
  const adapters = [...initial];
  const byChannel = () => new Map(adapters.map((a) => [a.channel, a]));
  let running: Promise<DeliveryCounts> | null = null;
  let queued: Promise<DeliveryCounts> | null = null;

  async function claim(now: Date, channels: string[]): Promise<Claimed[]> {
    const lease = new Date(now.getTime() + p.leaseMs).toISOString();
    return rowsOf<Claimed>(
      await db.execute(sql`
        UPDATE notification_outbox o SET attempts = o.attempts + 1, due_at = ${lease}::timestamptz
         WHERE o.id IN (SELECT id FROM notification_outbox
                         WHERE state = 'pending' AND due_at <= ${now.toISOString()}::timestamptz
                           AND channel = ANY(${sql.param(channels)}::text[])
                         ORDER BY due_at, id LIMIT ${p.batchSize} FOR UPDATE SKIP LOCKED)
        RETURNING o.id, o.channel, o.attempts, o.message`),
    );
  }

  async function attempt(adapter: NotificationAdapter, m: NotificationMessage): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer in ${p.leaseMs / 2} ms`)), p.leaseMs / 2);
    });
    try {
      await Promise.race([adapter.send(m), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function drainOutbox(now: Date): Promise<DeliveryCounts> {
    const counts: DeliveryCounts = { sent: 0, failed: 0, parked: 0 };
    const known = byChannel();
    const channels = [...known.keys()];
    if (channels.length === 0) return counts;
    for (;;) {
      const claimed = await claim(now, channels);
      if (claimed.length === 0) break;
      const settled = await Promise.all(
        claimed.map(async (row): Promise<Settled> => {
          const id = Number(row.id);
          const message =
            typeof row.message === 'string' ? (JSON.parse(row.message) as NotificationMessage) : row.message;
          try {
            await attempt(known.get(row.channel)!, message);
            counts.sent += 1;
            const at = now.toISOString();
            return { id, attempts: row.attempts, state: 'sent', due_at: null, settled_at: at, error: null };
          } catch (err) {
            counts.failed += 1;
            const next = afterFailure(row.attempts, now, p);
            const error = err instanceof Error ? err.message : String(err);
            const where = { channel: row.channel, notificationId: message.id, attempts: row.attempts };
            if (next.state === 'parked') {
              counts.parked += 1;
              log.error({ err, ...where }, 'notification delivery failed; parked after its last attempt');
              return {
                id,
                attempts: row.attempts,
                state: 'parked',
                due_at: null,
                settled_at: now.toISOString(),
                error,
              };
            }
            log.warn({ err, ...where, retryAt: next.dueAt.toISOString() }, 'notification delivery failed; will retry');
            const dueAt = next.dueAt.toISOString();
            return { id, attempts: row.attempts, state: 'pending', due_at: dueAt, settled_at: null, error };
          }
        }),
      );
      // `attempts` fences the update: a row whose lease ran out and was claimed again is the new claimant's.
      await db.execute(sql`
        UPDATE notification_outbox o
           SET state = u.state, due_at = coalesce(u.due_at, o.due_at), settled_at = u.settled_at,
               last_error = u.error
          FROM json_to_recordset(${JSON.stringify(settled)}::json)
            AS u(id bigint, attempts int, state text, due_at timestamptz, settled_at timestamptz, error text)
         WHERE o.id = u.id AND o.attempts = u.attempts AND o.state = 'pending'`);
      if (claimed.length < p.batchSize) break;
    }
    return counts;
  }

  /** One drain at a time per process: a kick during a drain runs one more after it (rows it may have missed). */
  function kick(): Promise<DeliveryCounts> {
    const run = (): Promise<DeliveryCounts> =>
      drainOutbox(clock.now()).catch((err: unknown) => {
        log.error({ err }, 'notification outbox drain failed');
        return { sent: 0, failed: 0, parked: 0 };
      });
    if (!running) {
      running = run().finally(() => {
        running = null;
      });
      return running;
    }
    queued ??= running.then(() => {
      queued = null;
      return kick();
    });
    return queued;
  }

  return {
    adapters,
    use: (a) => void adapters.push(a),
    channels: () => [...byChannel().keys()],
    deliver: (written) => (written.length === 0 ? Promise.resolve({ sent: 0, failed: 0, parked: 0 }) : kick()),
    drainOutbox,

    schedule(intervalMs) {
      const timer =
        intervalMs > 0
          ? setInterval(() => {
              if (running) return;
              void kick().then((c) => {
                if (c.failed > 0) log.info({ ...c }, 'notification outbox drained');
              });
            }, intervalMs)
          : null;
      timer?.unref();
      return async () => {
        if (timer) clearInterval(timer);
        // Let a drain under way settle its rows before the database closes under it.
        await queued;
        await running;
      };
    },

    async counts() {
      const [row] = await database.query<{ pending: number; parked: number }>(
        `SELECT (SELECT count(*)::int FROM notification_outbox WHERE state = 'pending') AS pending,
                (SELECT count(*)::int FROM notification_outbox WHERE state = 'parked') AS parked`,
      );
      return row!;
    },

    async requeueParked(now) {
      const rows = await database.query(
        `UPDATE notification_outbox SET state = 'pending', attempts = 0, due_at = $1, settled_at = NULL
          WHERE state = 'parked' RETURNING id`,
        [now.toISOString()],
      );
      return rows.length;
    },
  };
}
