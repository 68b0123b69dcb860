import type { Actor } from '../audit/index.ts';
import type { PlatformDeps } from '../deps.ts';
import { startProgress, stepProgress, type JobDefinition, type JobRunner } from '../jobs/index.ts';
import type { DocumentService } from './documents.service.ts';

/*
 * Batch rendering as a job (platform/jobs): many documents (e.g. the day's 送达回证) issued in the background, each
 * in its own transaction and rendered in a worker thread, with progress the caller polls at `GET /api/jobs/:id`.
 * A draft is issued (numbered, rendered, stored); an issued one is left as it is and reported with its number. One
 * attempt only: a second run would report the first run's documents as already issued.
 */

export const DOCUMENTS_BATCH_JOB = 'documents.batch';

interface BatchPayload {
  documentIds: string[];
  actor: Actor;
}

export function documentBatchJob(deps: PlatformDeps, service: DocumentService): JobDefinition<BatchPayload> {
  const db = deps.database.db;
  return {
    name: DOCUMENTS_BATCH_JOB,
    maxAttempts: 1,
    async run({ payload, jobId }) {
      for (const id of payload.documentIds) {
        try {
          const row = await service.get(id);
          if (row.state === 'draft') {
            const r = await service.issue(id, payload.actor);
            await stepProgress(db, jobId!, true, { id, number: r.number }, deps.clock.now());
          } else await stepProgress(db, jobId!, true, { id, number: row.number, already: true }, deps.clock.now());
        } catch (err) {
          const code = (err as { code?: string }).code ?? 'INTERNAL';
          await stepProgress(db, jobId!, false, { id, error: code }, deps.clock.now());
        }
      }
    },
  };
}

/** Queue a batch and its progress row in one transaction; the job's id is the progress id. */
export async function enqueueBatch(deps: PlatformDeps, jobs: JobRunner, documentIds: string[], actor: Actor) {
  const ids = [...new Set(documentIds)];
  return deps.database.db.transaction(async (tx) => {
    const jobId = (await jobs.enqueue(tx, DOCUMENTS_BATCH_JOB, { documentIds: ids, actor }))!;
    await startProgress(
      tx,
      { jobId, name: DOCUMENTS_BATCH_JOB, total: ids.length, requestedBy: actor.id },
      deps.clock.now(),
    );
    await deps.audit.append(
      tx,
      actor,
      { action: 'document.batch', entityType: 'job', entityId: String(jobId), after: { count: ids.length } },
      deps.clock.now(),
    );
    return { jobId };
  });
}
