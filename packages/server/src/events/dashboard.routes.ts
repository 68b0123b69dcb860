import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isoDate } from '@openenforce/domain/common';
import { DomainError } from '@openenforce/domain/errors';
import {
  dashboard as dashboardContract,
  EVENT_STATUSES,
  eventMap,
  mapQuery,
  shirking,
} from '@openenforce/domain/events';
import { requirePermission, typed } from '../platform/http/index.ts';
import type { PlatformDeps } from '../platform/deps.ts';
import type { RegionDirectory } from '../organization/index.ts';
import { createDashboardService } from './dashboard.ts';

const shirkingQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() });
const STATUSES = new Set<string>(EVENT_STATUSES);

/** The big screen, the 推诿 figures and the map points. Thin: validate → permission (event.read) and scope → query. */
export function registerDashboardRoutes(app: FastifyInstance, deps: PlatformDeps, directory: RegionDirectory): void {
  const r = typed(app);
  const dashboard = createDashboardService(deps, directory);

  r.get(
    '/api/command/dashboard',
    {
      schema: {
        tags: ['command'],
        summary: '大屏数据 Big-screen figures (today, 30 days, by town, trend, hours)',
        response: { 200: dashboardContract },
      },
    },
    async (req) => dashboard.dashboard(requirePermission(req, 'event.read').scope),
  );

  r.get(
    '/api/command/shirking',
    {
      schema: {
        tags: ['command'],
        summary: '推诿统计 Unjustified returns per team (China days, both included; default the last 30 days)',
        querystring: shirkingQuery,
        response: { 200: shirking },
      },
    },
    async (req) => {
      const user = requirePermission(req, 'event.read');
      const { from, to } = req.query;
      if (from && to && from > to)
        throw new DomainError('VALIDATION_FAILED', [{ path: 'query.from', rule: 'from_not_after_to' }]);
      return dashboard.shirking(user.scope, from, to);
    },
  );

  r.get(
    '/api/events/map',
    {
      schema: {
        tags: ['events'],
        summary: '事件地图 Event points for the clustered map (newest first, at most 20,000)',
        description:
          'Columns, not objects: `id`, `lng`, `lat` (to 1e-5°) and the indexes `status`, `category`, `escalation` ' +
          'into the lists `statuses`, `categories`, `escalations`; point i is the i-th entry of each.',
        querystring: mapQuery,
        response: { 200: eventMap },
      },
    },
    async (req) => {
      const user = requirePermission(req, 'event.read');
      const q = req.query;
      const unknown = q.status?.split(',').find((s) => !STATUSES.has(s));
      if (unknown) throw new DomainError('VALIDATION_FAILED', [{ path: 'query.status', rule: 'event_status' }]);
      if (q.bbox) {
        const [w, s, e, n] = q.bbox.split(',').map(Number) as [number, number, number, number];
        if (!(w < e && s < n)) throw new DomainError('VALIDATION_FAILED', [{ path: 'query.bbox', rule: 'bbox_order' }]);
      }
      return dashboard.mapEncoded(user.scope, q);
    },
  );
}
