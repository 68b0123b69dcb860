import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import * as cat from '@openenforce/domain/catalog';
import { actorOf, requirePermission, typed } from '../platform/http/index.ts';
import type { CatalogService } from './catalog.service.ts';

const tags = ['catalog'];
const idParams = z.object({ id: z.uuid() });
const page = z.object({
  items: z.array(cat.matterSummary),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});

/** Routes are thin: validate (zod) → authorize → one use case → present. */
export function registerCatalogRoutes(app: FastifyInstance, catalog: CatalogService): void {
  const r = typed(app);

  const search = async (q: z.infer<typeof cat.matterSearchQuery>, publishedOnly: boolean) => {
    const offset = Number(q.cursor ?? 0);
    const { items, total } = await catalog.search({ ...q, publishedOnly, offset, limit: q.limit });
    return { items, total, nextCursor: offset + items.length < total ? String(offset + items.length) : null };
  };

  r.get(
    '/api/catalog/matters',
    {
      schema: {
        tags,
        summary: '事项目录检索 Search the catalog',
        querystring: cat.matterSearchQuery,
        response: { 200: page },
      },
    },
    async (req) => {
      requirePermission(req, 'catalog.read');
      return search(req.query, false);
    },
  );

  r.post(
    '/api/catalog/matters',
    { schema: { tags, summary: '新增事项 Create a matter (version 1)', body: cat.matterCreate } },
    async (req, reply) => {
      requirePermission(req, 'catalog.write');
      return reply.status(201).send(await catalog.createMatter(req.body, actorOf(req)));
    },
  );

  r.get(
    '/api/catalog/matters/:id',
    { schema: { tags, summary: '事项（按日期）Matter as of a date', params: idParams, querystring: cat.asOfQuery } },
    async (req) => {
      requirePermission(req, 'catalog.read');
      return catalog.getMatter(req.params.id, req.query.asOf);
    },
  );

  r.post(
    '/api/catalog/matters/:id/versions',
    {
      schema: {
        tags,
        summary: '事项变更（新版本）Change a matter: a new version',
        params: idParams,
        body: cat.matterUpdate,
      },
    },
    async (req, reply) => {
      requirePermission(req, 'catalog.write');
      return reply.status(201).send(await catalog.updateMatter(req.params.id, req.body, actorOf(req)));
    },
  );

  r.get(
    '/api/catalog/matters/:id/history',
    { schema: { tags, summary: '版本历史 History with field differences', params: idParams } },
    async (req) => {
      requirePermission(req, 'catalog.read');
      return { versions: await catalog.history(req.params.id) };
    },
  );

  r.post(
    '/api/catalog/matters/:id/jurisdiction',
    {
      schema: {
        tags,
        summary: '管辖判定 Who acts, in whose name, and why',
        params: idParams,
        body: cat.jurisdictionQuery,
      },
    },
    async (req) => {
      requirePermission(req, 'catalog.read');
      return catalog.jurisdiction(req.params.id, req.body, req.body.date);
    },
  );

  r.post(
    '/api/catalog/matters/:id/discretion',
    { schema: { tags, summary: '裁量基准 Recommend (and check) a fine', params: idParams, body: cat.discretionQuery } },
    async (req) => {
      requirePermission(req, 'catalog.read');
      const { date, party, facts, proposedFen } = req.body;
      return catalog.recommend(req.params.id, date, party, facts, proposedFen);
    },
  );

  r.post(
    '/api/catalog/town-powers/withdrawals',
    { schema: { tags, summary: '收回乡镇赋权 Withdraw a town power (dated versions)', body: cat.townPowerWithdrawal } },
    async (req, reply) => {
      requirePermission(req, 'catalog.write');
      const { townId, matterIds, effectiveFrom, announcement } = req.body;
      const versions = await catalog.withdrawTownPower(townId, matterIds, effectiveFrom, announcement, actorOf(req));
      return reply.status(201).send({ versions: versions.length });
    },
  );

  r.get(
    '/api/catalog/lists',
    { schema: { tags, summary: '首违不罚等清单 Published lists', querystring: cat.asOfQuery } },
    async (req) => {
      requirePermission(req, 'catalog.read');
      return { lists: await catalog.lists(req.query.asOf) };
    },
  );

  r.post(
    '/api/catalog/lists/:kind/versions',
    {
      schema: {
        tags,
        summary: '发布清单新版本 Publish a list version',
        params: z.object({ kind: z.enum(cat.LIST_KINDS) }),
        body: cat.listVersionCreate,
      },
    },
    async (req, reply) => {
      requirePermission(req, 'catalog.write');
      return reply.status(201).send(await catalog.publishList(req.params.kind, req.body, actorOf(req)));
    },
  );

  r.get(
    '/api/catalog/coverage',
    { schema: { tags, summary: '覆盖率 Coverage figures', querystring: cat.asOfQuery } },
    async (req) => {
      requirePermission(req, 'catalog.read');
      return catalog.coverage(req.query.asOf);
    },
  );

  // ── Public catalog (portal, no login): published matters only ─────────────
  r.get(
    '/api/public/catalog/matters',
    {
      schema: {
        tags: ['public'],
        summary: '公开事项目录 Public catalog',
        querystring: cat.matterSearchQuery,
        response: { 200: page },
      },
    },
    async (req) => search(req.query, true),
  );
  r.get(
    '/api/public/catalog/matters/:id',
    { schema: { tags: ['public'], summary: '公开事项 Public matter page', params: idParams } },
    async (req) => catalog.getMatter(req.params.id, undefined, true),
  );
  r.get('/api/public/catalog/lists', { schema: { tags: ['public'], summary: '公开清单 Public lists' } }, async () => ({
    lists: await catalog.lists(undefined, true),
  }));
}
