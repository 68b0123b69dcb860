import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../db/index.ts';

/** The SQL of the job runner (runner.ts). Times are parameters: the runner reads the injected clock. */

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const date = (v: string | Date | null): Date | null => (v === null ? null : new Date(v));

/** Wakes the runners of every process when a job is enqueued (delivered on commit, so only committed jobs wake). */
export const JOBS_CHANNEL = 'jobs_enqueued';

export interface ClaimedJob {
  id: number;
  name: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
}

export interface ParkedJob {
  id: number;
  name: string;
  payload: unknown;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  parkedAt: Date | null;
}

interface JobRow {
  id: string | number;
  name: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  created_at: string | Date;
  parked_at: string | Date | null;
}

export const jobsRepository = {
  /** Insert a job in the caller's transaction; false when a job with the same (name, key) is already waiting. */
  async insert(
    tx: Db,
    job: { name: string; payload: unknown; runAt: Date; maxAttempts: number; key: string | null; now: Date },
  ): Promise<number | null> {
    const r = await tx.execute(sql`
      INSERT INTO jobs (name, payload, key, run_at, max_attempts, created_at)
      VALUES (${job.name}, ${JSON.stringify(job.payload ?? null)}::jsonb, ${job.key}, ${ts(job.runAt)},
              ${job.maxAttempts}, ${ts(job.now)})
      ON CONFLICT (name, key) WHERE key IS NOT NULL AND state <> 'parked' DO NOTHING
      RETURNING id`);
    const id = rowsOf<{ id: string | number }>(r)[0]?.id;
    if (id === undefined) return null;
    await tx.execute(sql`SELECT pg_notify(${JOBS_CHANNEL}, ${job.name})`);
    return Number(id);
  },

  /**
   * Claim up to `limit` due jobs of the given names: queued and due, or running with a lapsed lease (the process that
   * ran it died). `FOR UPDATE SKIP LOCKED`: another runner's claim in progress is skipped, never waited for; the
   * UPDATE marks them running under this runner's lease in the same statement.
   */
  async claim(db: Db, names: readonly string[], me: string, now: Date, leaseMs: number, limit: number) {
    if (limit <= 0 || names.length === 0) return [];
    const r = await db.execute(sql`
      UPDATE jobs j
         SET state = 'running', locked_by = ${me}, locked_until = ${ts(new Date(now.getTime() + leaseMs))},
             attempts = j.attempts + 1
        FROM (SELECT id FROM jobs
               WHERE ((state = 'queued' AND run_at <= ${ts(now)}) OR (state = 'running' AND locked_until <= ${ts(now)}))
                 AND name = ANY(${sql.param(names)}::text[])
               ORDER BY run_at, id LIMIT ${limit}
               FOR UPDATE SKIP LOCKED) c
       WHERE j.id = c.id
      RETURNING j.id, j.name, j.payload, j.attempts, j.max_attempts`);
    return rowsOf<JobRow>(r).map((x): ClaimedJob => ({
      id: Number(x.id),
      name: x.name,
      payload: x.payload,
      attempts: x.attempts,
      maxAttempts: x.max_attempts,
    }));
  },

  /** A run succeeded: the row goes. False when this runner no longer holds the job (its lease was taken over). */
  async complete(db: Db, id: number, me: string): Promise<boolean> {
    const r = await db.execute(sql`DELETE FROM jobs WHERE id = ${id} AND locked_by = ${me} RETURNING id`);
    return rowsOf(r).length === 1;
  },

  /** A run failed: queued again at `retryAt`, or parked when it has used its attempts. Returns the new state. */
  async fail(db: Db, id: number, me: string, error: string, retryAt: Date, now: Date) {
    const r = await db.execute(sql`
      UPDATE jobs
         SET state = CASE WHEN attempts >= max_attempts THEN 'parked' ELSE 'queued' END,
             parked_at = CASE WHEN attempts >= max_attempts THEN ${ts(now)} END,
             run_at = ${ts(retryAt)}, last_error = ${error}, locked_by = NULL, locked_until = NULL
       WHERE id = ${id} AND locked_by = ${me}
      RETURNING state`);
    return rowsOf<{ state: 'queued' | 'parked' }>(r)[0]?.state ?? null;
  },

  /** Renew the lease of the jobs and schedules this runner is running. */
  async renew(db: Db, me: string, ids: readonly number[], names: readonly string[], until: Date) {
    if (ids.length > 0)
      await db.execute(sql`
        UPDATE jobs SET locked_until = ${ts(until)}
         WHERE id = ANY(${sql.param(ids)}::bigint[]) AND locked_by = ${me} AND state = 'running'`);
    if (names.length > 0)
      await db.execute(sql`
        UPDATE job_schedules SET locked_until = ${ts(until)}
         WHERE name = ANY(${sql.param(names)}::text[]) AND locked_by = ${me}`);
  },

  async parked(db: Db, limit: number, beforeId?: number): Promise<ParkedJob[]> {
    const r = await db.execute(sql`
      SELECT id, name, payload, attempts, max_attempts, last_error, created_at, parked_at FROM jobs
       WHERE state = 'parked' ${beforeId !== undefined ? sql`AND id < ${beforeId}` : sql``}
       ORDER BY id DESC LIMIT ${limit}`);
    return rowsOf<JobRow>(r).map((x) => ({
      id: Number(x.id),
      name: x.name,
      payload: x.payload,
      attempts: x.attempts,
      lastError: x.last_error,
      createdAt: date(x.created_at)!,
      parkedAt: date(x.parked_at),
    }));
  },

  /** Put a parked job back in the queue with its attempts reset; false when there is no such parked job. */
  async requeue(db: Db, id: number, now: Date): Promise<boolean> {
    const r = await db.execute(sql`
      UPDATE jobs SET state = 'queued', attempts = 0, run_at = ${ts(now)}, parked_at = NULL
       WHERE id = ${id} AND state = 'parked' RETURNING id`);
    return rowsOf(r).length === 1;
  },

  /** Make sure each recurring job has its row; a changed interval applies from the next run. */
  async ensureSchedules(db: Db, schedules: readonly { name: string; intervalMs: number }[], now: Date) {
    if (schedules.length === 0) return;
    await db.execute(sql`
      INSERT INTO job_schedules (name, interval_ms, next_run_at)
      SELECT s.name, s.interval_ms, ${ts(now)} + s.interval_ms * interval '1 millisecond'
        FROM json_to_recordset(${JSON.stringify(schedules.map((s) => ({ name: s.name, interval_ms: s.intervalMs })))}::json)
          AS s(name text, interval_ms bigint)
      ON CONFLICT (name) DO UPDATE
        SET interval_ms = EXCLUDED.interval_ms,
            next_run_at = least(job_schedules.next_run_at, EXCLUDED.next_run_at)`);
  },

  /**
   * Take this interval's run of each due recurring job: one UPDATE moves `next_run_at` an interval past now and takes
   * the lease, so exactly one process gets each run, and a run still under way (lease held) is not started again.
   */
  async claimSchedules(db: Db, names: readonly string[], me: string, now: Date, leaseMs: number): Promise<string[]> {
    if (names.length === 0) return [];
    const r = await db.execute(sql`
      UPDATE job_schedules
         SET next_run_at = ${ts(now)} + interval_ms * interval '1 millisecond', locked_by = ${me},
             locked_until = ${ts(new Date(now.getTime() + leaseMs))}, last_started_at = ${ts(now)}, runs = runs + 1
       WHERE name = ANY(${sql.param(names)}::text[]) AND next_run_at <= ${ts(now)}
         AND (locked_until IS NULL OR locked_until <= ${ts(now)})
      RETURNING name`);
    return rowsOf<{ name: string }>(r).map((x) => x.name);
  },

  async finishSchedule(db: Db, name: string, me: string, now: Date, error: string | null) {
    await db.execute(sql`
      UPDATE job_schedules
         SET locked_by = NULL, locked_until = NULL, last_finished_at = ${ts(now)}, last_error = ${error},
             failures = CASE WHEN ${error}::text IS NULL THEN 0 ELSE failures + 1 END
       WHERE name = ${name} AND locked_by = ${me}`);
  },
};
