import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * One-off jobs (platform/jobs, docs/adr/0001-job-runner.md). A row is written by `enqueue` in the caller's
 * transaction, so a job exists only if the step that asked for it commits. A runner claims due rows with
 * `FOR UPDATE SKIP LOCKED` and marks them running under a lease (`locked_until`, renewed while the run lasts), so no
 * two runs of a job overlap across processes; a run that succeeds deletes its row; one that fails is queued again
 * with exponential backoff, and after `max_attempts` it is parked (the dead letter) and kept for a person to look at.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity().primaryKey(),
    name: text('name').notNull(),
    payload: jsonb('payload').notNull(),
    state: text('state', { enum: ['queued', 'running', 'parked'] })
      .notNull()
      .default('queued'),
    /** A caller's idempotency key: one queued or running job per (name, key). */
    key: text('key'),
    runAt: timestamp('run_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    lastError: text('last_error'),
    lockedBy: text('locked_by'),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    parkedAt: timestamp('parked_at', { withTimezone: true }),
  },
  (t) => [
    // The runners' claim: queued jobs by due time; running ones whose lease ran out (their process died).
    index('jobs_queued_idx')
      .on(t.runAt)
      .where(sql`state = 'queued'`),
    index('jobs_running_idx')
      .on(t.lockedUntil)
      .where(sql`state = 'running'`),
    index('jobs_parked_idx')
      .on(t.id)
      .where(sql`state = 'parked'`),
    uniqueIndex('jobs_key_idx')
      .on(t.name, t.key)
      .where(sql`key IS NOT NULL AND state <> 'parked'`),
  ],
);

/**
 * Recurring jobs: one row per name. A runner takes a run by moving `next_run_at` one interval on and taking the lease
 * in one UPDATE, so across all processes a recurring job runs once per interval and never twice at once.
 */
export const jobSchedules = pgTable('job_schedules', {
  name: text('name').primaryKey(),
  intervalMs: bigint('interval_ms', { mode: 'number' }).notNull(),
  nextRunAt: timestamp('next_run_at', { withTimezone: true }).notNull(),
  lockedBy: text('locked_by'),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  lastStartedAt: timestamp('last_started_at', { withTimezone: true }),
  lastFinishedAt: timestamp('last_finished_at', { withTimezone: true }),
  lastError: text('last_error'),
  /** Runs in a row that failed (0 after a success). */
  failures: integer('failures').notNull().default(0),
  runs: bigint('runs', { mode: 'number' }).notNull().default(0),
});

/**
 * Progress of a one-off job that reports it (a batch of documents, an export): the job's row is deleted when it ends,
 * so what a screen polls (`GET /api/jobs/:id`) is kept here, keyed by the job's id. Only the one who asked sees it.
 */
export const jobProgress = pgTable('job_progress', {
  jobId: bigint('job_id', { mode: 'number' }).primaryKey(),
  name: text('name').notNull(),
  requestedBy: uuid('requested_by'),
  state: text('state', { enum: ['queued', 'running', 'done', 'failed'] })
    .notNull()
    .default('queued'),
  total: integer('total').notNull(),
  done: integer('done').notNull().default(0),
  failed: integer('failed').notNull().default(0),
  /** Per item: what became of it (the job's own shape, e.g. `{ id, number }` or `{ id, error }`). */
  results: jsonb('results').notNull().default([]),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});
