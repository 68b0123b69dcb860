import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock } from '../clock.ts';
import type { Database, Db } from '../db/index.ts';
import { JOBS_CHANNEL, jobsRepository as repo, type ClaimedJob, type ParkedJob } from './jobs.repository.ts';

/*
 * The job runner (docs/adr/0001-job-runner.md: home-made, because neither pg-boss nor graphile-worker runs on
 * PGlite's single connection). Every server process runs one; the database decides who runs what:
 *
 * - a one-off job is a row written in the caller's transaction (`enqueue`), claimed by one runner with
 *   `FOR UPDATE SKIP LOCKED` and held under a lease that the runner renews while the run lasts, so it never runs
 *   twice at once; success deletes the row, failure queues it again after an exponential backoff, and after
 *   `maxAttempts` it is parked (the dead letter): kept, listable, and put back by hand;
 * - a recurring job has one row in `job_schedules`; a runner takes each interval's run by moving `next_run_at` on and
 *   taking the lease in one UPDATE, so across all processes it runs once per interval (a failure waits for the next
 *   interval: that is its retry);
 * - time is the injected clock's (tests move it), and `stop()` lets runs under way finish before the database closes.
 */

export interface JobContext<P> {
  payload: P;
  /** 1 for the first run. */
  attempt: number;
  /** The row's id (one-off jobs); null for a recurring run. */
  jobId: number | null;
  /** The runner's clock at the claim. */
  now: Date;
  /** Set for `transactional` jobs: the transaction that also completes the job. */
  tx: Db | null;
}

export interface JobDefinition<P = unknown> {
  /** Unique, stable (stored in rows): e.g. `deadlines.escalate`, `documents.render`. */
  name: string;
  run(ctx: JobContext<P>): Promise<void>;
  /** Recurring: once per this many ms across all processes. Absent or 0 = a one-off job (enqueued). */
  everyMs?: number;
  /** One-off jobs: runs before the job is parked (default 5). */
  maxAttempts?: number;
  /** One-off jobs: the first retry's delay; each further one doubles, up to `maxBackoffMs` (default 1 s, 1 h). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /**
   * One-off jobs: run inside a transaction that also deletes the job row, so the job's writes and its completion
   * commit together (a crash in between runs it again with none of its writes kept: effectively once).
   */
  transactional?: boolean;
}

export interface EnqueueOptions {
  /** Not before this instant (default: now). */
  runAt?: Date;
  /** Idempotency: while a job with this (name, key) is queued or running, another enqueue is a no-op. */
  key?: string;
  maxAttempts?: number;
}

export interface JobLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface JobRunnerOptions {
  /** How often the runner looks for due work besides the wake-ups on enqueue; 0 = never by itself (`runDue` only). */
  pollMs: number;
  /** One-off jobs run at once by this process. */
  concurrency?: number;
  /** How long a claim holds without renewal (a process that died frees its jobs after this). */
  leaseMs?: number;
  log: JobLog;
}

export interface RunCounts {
  /** Runs started (one-off and recurring). */
  started: number;
  succeeded: number;
  /** Failed and queued again. */
  retried: number;
  parked: number;
  /** Recurring runs that failed (they run again next interval). */
  failedRecurring: number;
}

/** The delay before retry `attempt + 1`: `base · 2^(attempt−1)`, capped. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

const errorText = (err: unknown): string =>
  (err instanceof Error ? (err.stack ?? err.message) : String(err)).slice(0, 4000);

export function createJobRunner(deps: { database: Database; clock: Clock }, opts: JobRunnerOptions) {
  const { database, clock } = deps;
  const db = database.db;
  const me = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const concurrency = opts.concurrency ?? 2;
  const leaseMs = opts.leaseMs ?? 60_000;
  const defs = new Map<string, JobDefinition<never>>();
  /** What this process is running: job ids and recurring names (their leases are renewed), and their promises. */
  const runningJobs = new Set<number>();
  const runningSchedules = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  let schedulesReady = false;
  let timer: NodeJS.Timeout | null = null;
  let renewTimer: NodeJS.Timeout | null = null;
  let unlisten: (() => Promise<void>) | null = null;
  let stopped = false;

  const recurring = () => [...defs.values()].filter((d) => (d.everyMs ?? 0) > 0);
  const oneOff = () => [...defs.values()].filter((d) => !((d.everyMs ?? 0) > 0)).map((d) => d.name);

  function track(p: Promise<void>) {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }

  async function runOneOff(job: ClaimedJob, now: Date, counts: RunCounts): Promise<void> {
    const def = defs.get(job.name)!;
    runningJobs.add(job.id);
    const ctx = { payload: job.payload as never, attempt: job.attempts, jobId: job.id, now };
    try {
      if (def.transactional) {
        await db.transaction(async (tx) => {
          await def.run({ ...ctx, tx });
          // Lease lost (another runner took the job over): roll our writes back rather than run it twice.
          if (!(await repo.complete(tx, job.id, me))) throw new Error(`job ${job.id}: lease lost`);
        });
      } else {
        await def.run({ ...ctx, tx: null });
        await repo.complete(db, job.id, me);
      }
      counts.succeeded += 1;
    } catch (err) {
      const failedAt = clock.now();
      const delay = backoffDelay(job.attempts, def.backoffMs ?? 1000, def.maxBackoffMs ?? 3_600_000);
      const state = await repo
        .fail(db, job.id, me, errorText(err), new Date(failedAt.getTime() + delay), failedAt)
        .catch((e: unknown) => {
          // The database is gone (closing): the lease lapses and another run picks the job up.
          opts.log.error({ err: e, job: job.name, jobId: job.id }, 'job failure could not be recorded');
          return null;
        });
      if (state === 'parked') {
        counts.parked += 1;
        opts.log.error({ err, job: job.name, jobId: job.id, attempts: job.attempts }, 'job parked');
      } else {
        counts.retried += 1;
        opts.log.warn({ err, job: job.name, jobId: job.id, attempt: job.attempts, delay }, 'job failed; retrying');
      }
    } finally {
      runningJobs.delete(job.id);
      // A slot is free: when the runner runs by itself, look for the next due job at once (not at the next poll).
      if (opts.pollMs > 0) kick();
    }
  }

  async function runRecurring(name: string, now: Date, counts: RunCounts): Promise<void> {
    const def = defs.get(name)!;
    runningSchedules.add(name);
    let error: string | null = null;
    try {
      await def.run({ payload: undefined as never, attempt: 1, jobId: null, now, tx: null });
      counts.succeeded += 1;
    } catch (err) {
      error = errorText(err);
      counts.failedRecurring += 1;
      opts.log.error({ err, job: name }, 'recurring job failed; it runs again next interval');
    } finally {
      await repo.finishSchedule(db, name, me, clock.now(), error).catch((err: unknown) => {
        opts.log.error({ err, job: name }, 'recurring job end could not be recorded');
      });
      runningSchedules.delete(name);
    }
  }

  /** Claim what is due and start it; with `wait`, resolve once those runs have ended. */
  async function tickOnce(now: Date, wait: boolean): Promise<RunCounts> {
    const counts: RunCounts = { started: 0, succeeded: 0, retried: 0, parked: 0, failedRecurring: 0 };
    const runs: Promise<void>[] = [];
    const rec = recurring();
    if (rec.length > 0) {
      if (!schedulesReady) {
        await repo.ensureSchedules(
          db,
          rec.map((d) => ({ name: d.name, intervalMs: d.everyMs! })),
          now,
        );
        schedulesReady = true;
      }
      const free = rec.map((d) => d.name).filter((n) => !runningSchedules.has(n));
      for (const name of await repo.claimSchedules(db, free, me, now, leaseMs)) {
        counts.started += 1;
        runs.push(runRecurring(name, now, counts));
      }
    }
    const claimed = await repo.claim(db, oneOff(), me, now, leaseMs, concurrency - runningJobs.size);
    for (const job of claimed) {
      counts.started += 1;
      runs.push(runOneOff(job, now, counts));
    }
    for (const r of runs) track(r);
    if (wait) await Promise.all(runs);
    return counts;
  }

  /**
   * One tick at a time per process: ticks run one after another. Wake-ups (enqueue NOTIFY, the poll, a freed slot)
   * that arrive while one is waiting to run are folded into it.
   */
  let chain: Promise<unknown> = Promise.resolve();
  let kickQueued = false;
  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const p = chain.then(fn);
    chain = p.catch(() => undefined);
    return p;
  }

  function kick(): void {
    if (stopped || kickQueued) return;
    kickQueued = true;
    serial(() => {
      kickQueued = false;
      return stopped ? Promise.resolve(null) : tickOnce(clock.now(), false);
    }).catch((err: unknown) => opts.log.error({ err }, 'job runner tick failed'));
  }

  return {
    /** Register a job (before `start`). */
    define<P>(def: JobDefinition<P>): void {
      if (defs.has(def.name)) throw new Error(`job ${def.name} is defined twice`);
      defs.set(def.name, def as JobDefinition<never>);
      if ((def.everyMs ?? 0) > 0) schedulesReady = false;
    },

    /**
     * Enqueue a one-off job in the caller's transaction (it exists only if that commits; runners are woken on
     * commit). Returns the job's id, or null when `key` matched a job already waiting.
     */
    async enqueue<P>(tx: Db, name: string, payload: P, o: EnqueueOptions = {}): Promise<number | null> {
      const def = defs.get(name);
      if (!def || (def.everyMs ?? 0) > 0) throw new Error(`no one-off job named ${name}`);
      const now = clock.now();
      return repo.insert(tx, {
        name,
        payload,
        runAt: o.runAt ?? now,
        maxAttempts: o.maxAttempts ?? def.maxAttempts ?? 5,
        key: o.key ?? null,
        now,
      });
    },

    /** Run what is due now and wait for it (tests, tools): the same claims as the timer's. */
    runDue(now?: Date): Promise<RunCounts> {
      return serial(() => tickOnce(now ?? clock.now(), true));
    },

    /** Start polling and listening for wake-ups (pollMs 0: neither; `runDue` only). */
    async start(): Promise<void> {
      stopped = false;
      if (opts.pollMs <= 0) return;
      unlisten = await database.listen(JOBS_CHANNEL, kick, kick);
      timer = setInterval(kick, opts.pollMs);
      timer.unref();
      renewTimer = setInterval(
        () => {
          if (runningJobs.size + runningSchedules.size === 0) return;
          const until = new Date(clock.now().getTime() + leaseMs);
          repo
            .renew(db, me, [...runningJobs], [...runningSchedules], until)
            .catch((err: unknown) => opts.log.error({ err }, 'job lease renewal failed'));
        },
        Math.max(1000, Math.floor(leaseMs / 3)),
      );
      renewTimer.unref();
      kick();
    },

    /** Stop claiming; wait for the runs under way (the database must outlive them). */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearInterval(timer);
      if (renewTimer) clearInterval(renewTimer);
      timer = renewTimer = null;
      await unlisten?.();
      unlisten = null;
      await chain;
      await Promise.allSettled([...inFlight]);
    },

    /** The dead letter: parked jobs, newest first. */
    parked(limit = 50, beforeId?: number): Promise<ParkedJob[]> {
      return repo.parked(db, limit, beforeId);
    },

    /** Queue a parked job again (after the cause was fixed), attempts reset. */
    requeue(id: number): Promise<boolean> {
      return repo.requeue(db, id, clock.now());
    },

    /** This runner's name in `locked_by` (host:pid:random). */
    id: me,
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
