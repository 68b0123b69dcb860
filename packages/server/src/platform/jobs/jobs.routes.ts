import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DomainError } from '@openenforce/domain/errors';
import type { Db } from '../db/index.ts';
import { actorOf, typed } from '../http/index.ts';
import { jobProgressView, readProgress } from './progress.ts';

/** `GET /api/jobs/:id`: the progress of a background job, for the user who started it. */
export function registerJobRoutes(app: FastifyInstance, db: Db): void {
  typed(app).get(
    '/api/jobs/:id',
    {
      schema: {
        tags: ['jobs'],
        summary: '任务进度 Progress of a background job you started',
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: jobProgressView },
      },
    },
    async (req) => {
      const p = await readProgress(db, req.params.id, actorOf(req).id);
      if (!p) throw new DomainError('JOB_NOT_FOUND', [{ path: 'id', rule: 'exists' }]);
      return p;
    },
  );
}
