import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/index.ts';
import { jobProgress } from './jobs.schema.ts';

/*
 * Progress of a one-off job that reports it: created with the job (in the enqueuing transaction), counted on as the
 * job works through its items, read by the one who asked (`GET /api/jobs/:id`). The job row itself is deleted when
 * the job ends; this row stays as its result.
 */

export const jobProgressView = z.object({
  id: z.number().int(),
  name: z.string(),
  state: z.enum(['queued', 'running', 'done', 'failed']),
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  results: z.array(z.unknown()),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type JobProgressView = z.infer<typeof jobProgressView>;

export async function startProgress(
  tx: Db,
  p: { jobId: number; name: string; total: number; requestedBy: string | null },
  now: Date,
): Promise<void> {
  await tx.insert(jobProgress).values({ ...p, createdAt: now, updatedAt: now });
}

/** One item finished: counted, its result appended; the last one ends the job. */
export async function stepProgress(db: Db, jobId: number, ok: boolean, result: unknown, now: Date): Promise<void> {
  const item = JSON.stringify([result]);
  await db
    .update(jobProgress)
    .set({
      state: sql`CASE WHEN ${jobProgress.done} + ${jobProgress.failed} + 1 >= ${jobProgress.total} THEN 'done' ELSE 'running' END`,
      done: ok ? sql`${jobProgress.done} + 1` : jobProgress.done,
      failed: ok ? jobProgress.failed : sql`${jobProgress.failed} + 1`,
      results: sql`${jobProgress.results} || ${item}::jsonb`,
      updatedAt: now,
      finishedAt: sql`CASE WHEN ${jobProgress.done} + ${jobProgress.failed} + 1 >= ${jobProgress.total} THEN ${now.toISOString()}::timestamptz ELSE NULL END`,
    })
    .where(eq(jobProgress.jobId, jobId));
}

/** The progress of a job, for the one who asked for it only (anyone else: none). */
export async function readProgress(db: Db, jobId: number, requestedBy: string | null): Promise<JobProgressView | null> {
  const row = (await db.select().from(jobProgress).where(eq(jobProgress.jobId, jobId)))[0];
  if (!row || row.requestedBy !== requestedBy) return null;
  return {
    id: row.jobId,
    name: row.name,
    state: row.state,
    total: row.total,
    done: row.done,
    failed: row.failed,
    results: row.results as unknown[],
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
