import type { FastifyInstance } from 'fastify';
import { health, publicConfig, readiness } from '@openenforce/domain/common';
import { DomainError } from '@openenforce/domain/errors';
import type { PlatformDeps } from '../deps.ts';
import { PUBLIC } from './access.ts';
import { typed } from './app.ts';

const tags = ['platform'];

export function registerPlatformRoutes(app: FastifyInstance, deps: PlatformDeps): void {
  const r = typed(app);
  /** Liveness: the process answers. */
  r.get('/api/health', { config: PUBLIC, schema: { tags, response: { 200: health } } }, async () => ({
    status: 'ok' as const,
  }));
  /** Readiness: the database answers. */
  r.get(
    '/api/ready',
    {
      config: PUBLIC,
      schema: {
        tags,
        response: { 200: readiness },
      },
    },
    async () => {
      try {
        await deps.database.query('SELECT 1');
      } catch {
        throw new DomainError('NOT_READY', [{ path: 'database', rule: 'reachable' }]);
      }
      return { status: 'ready' as const, database: deps.database.driver };
    },
  );
  /** Settings the web app needs before login (no secrets). */
  r.get(
    '/api/config/public',
    {
      config: PUBLIC,
      schema: {
        tags,
        response: { 200: publicConfig },
      },
    },
    async () => ({
      mapTileUrl: deps.config.MAP_TILE_URL ?? null,
      mapTileAttribution: deps.config.MAP_TILE_ATTRIBUTION ?? null,
    }),
  );
}
