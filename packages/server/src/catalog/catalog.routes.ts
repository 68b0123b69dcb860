import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import * as cat from '@openenforce/domain/catalog';
import { chinaToday } from '../platform/clock.ts';
import type { PlatformDeps } from '../platform/deps.ts';
import {
  actorOf,
  attachment,
  fileResponse,
  mediaResponse,
  PUBLIC,
  readUpload,
  requirePermission,
  typed,
  XLSX_TYPE,
} from '../platform/http/index.ts';
import { parseTable } from '../platform/spreadsheet/index.ts';
import { exportCatalog, importCatalog } from './catalog-transfer.ts';
import type { CatalogService } from './catalog.service.ts';

const tags = ['catalog'];
const idParams = z.object({ id: z.uuid() });
const page = cat.matterPage;

/** Routes are thin: validate (zod) → authorize → one use case → present. */
export function registerCatalogRoutes(app: FastifyInstance, catalog: CatalogService, deps: PlatformDeps): void {
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
    {
      schema: {
        tags,
        summary: '新增事项 Create a matter (version 1)',
        body: cat.matterCreate,
        response: { 201: cat.matterVersionFields },
      },
    },
    async (req, reply) => {
      requirePermission(req, 'catalog.write');
      return reply.status(201).send(await catalog.createMatter(req.body, actorOf(req)));
    },
  );

  r.get(
    '/api/catalog/matters/:id',
    {
      schema: {
        tags,
        summary: '事项（按日期）Matter as of a date',
        params: idParams,
        querystring: cat.asOfQuery,
        response: { 200: cat.matterResponse },
      },
    },
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
        response: { 201: cat.matterVersionFields },
      },
    },
    async (req, reply) => {
      requirePermission(req, 'catalog.write');
      return reply.status(201).send(await catalog.updateMatter(req.params.id, req.body, actorOf(req)));
    },
  );

  r.get(
    '/api/catalog/matters/:id/history',
    {
      schema: {
        tags,
        summary: '版本历史 History with field differences',
        params: idParams,
        response: { 200: cat.matterHistory },
      },
    },
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
        response: { 200: cat.jurisdictionResponse },
      },
    },
    async (req) => {
      requirePermission(req, 'catalog.read');
      return catalog.jurisdiction(req.params.id, req.body, req.body.date);
    },
  );

  r.post(
    '/api/catalog/matters/:id/discretion',
    {
      schema: {
        tags,
        summary: '裁量基准 Recommend (and check) a fine',
        params: idParams,
        body: cat.discretionQuery,
        response: { 200: cat.discretionResponse },
      },
    },
    async (req) => {
      requirePermission(req, 'catalog.read');
      const { date, party, facts, proposedFen } = req.body;
      return catalog.recommend(req.params.id, date, party, facts, proposedFen);
    },
  );

  r.post(
    '/api/catalog/town-powers/withdrawals',
    {
      schema: {
        tags,
        summary: '收回乡镇赋权 Withdraw a town power (dated versions)',
        body: cat.townPowerWithdrawal,
        response: { 201: cat.withdrawalResult },
      },
    },
    async (req, reply) => {
      requirePermission(req, 'catalog.write');
      const { townId, matterIds, effectiveFrom, announcement } = req.body;
      const versions = await catalog.withdrawTownPower(townId, matterIds, effectiveFrom, announcement, actorOf(req));
      return reply.status(201).send({ versions: versions.map((v) => ({ matterId: v.matterId, version: v.version })) });
    },
  );

  r.get(
    '/api/catalog/lists',
    {
      schema: {
        tags,
        summary: '首违不罚等清单 Published lists',
        querystring: cat.asOfQuery,
        response: { 200: cat.catalogLists },
      },
    },
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
        response: { 201: cat.listVersion },
      },
    },
    async (req, reply) => {
      requirePermission(req, 'catalog.write');
      return reply.status(201).send(await catalog.publishList(req.params.kind, req.body, actorOf(req)));
    },
  );

  r.get(
    '/api/catalog/coverage',
    {
      schema: { tags, summary: '覆盖率 Coverage figures', querystring: cat.asOfQuery, response: { 200: cat.coverage } },
    },
    async (req) => {
      requirePermission(req, 'catalog.read');
      return catalog.coverage(req.query.asOf);
    },
  );

  r.post(
    '/api/catalog/import',
    {
      schema: {
        tags,
        summary: '导入事项目录 Import matters (XLSX/CSV)',
        description:
          'multipart/form-data with one field `file`, in the county layout (序号, 事项代码, 事项名称, 法律依据, 划转范围, ' +
          '具体职责边界, 划出部门 — those seven alone will do: the domain is read from 划出部门, else `defaultDomain`; ' +
          'our further columns are optional) or with catalog-sample.csv columns. Any error → 422 IMPORT_INVALID by row and column, ' +
          'nothing written. With `Accept: application/x-ndjson` the answer streams progress lines ' +
          '{phase, done, total} and ends with {phase:"done", imported} (or {phase:"failed", error}).',
        consumes: ['multipart/form-data'],
        querystring: cat.catalogImportQuery,
        response: {
          200: mediaResponse('导入结果，或进度流 The result, or a progress stream (NDJSON)', {
            'application/json': cat.catalogImportResult,
            'application/x-ndjson': z.string(),
          }),
        },
      },
    },
    async (req, reply) => {
      requirePermission(req, 'catalog.write');
      const { bytes, filename } = await readUpload(req);
      // A county catalog runs to about 5,000 items (Wenling: 5,113): room for twice that in one file.
      const table = await parseTable(bytes, filename, { maxRows: 10_000 });
      const q = req.query;
      const options = {
        dryRun: q.dryRun === 'true',
        effectiveFrom: q.effectiveFrom,
        announcement: q.announcement,
        published: q.published !== 'false',
        defaultDomain: q.defaultDomain,
      };
      if (!String(req.headers.accept ?? '').includes('application/x-ndjson')) {
        return { imported: await importCatalog(deps, table, options, actorOf(req)), dryRun: options.dryRun };
      }
      // Progress as a stream, once the file has validated (until then, errors are ordinary 4xx answers).
      let streaming = false;
      const line = (o: object) => reply.raw.write(`${JSON.stringify(o)}\n`);
      try {
        const imported = await importCatalog(deps, table, options, actorOf(req), (p) => {
          if (!streaming) {
            streaming = true;
            reply.hijack();
            reply.raw.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'x-request-id': req.id });
          }
          line(p);
        });
        line({ phase: 'done', imported, dryRun: options.dryRun });
        reply.raw.end();
      } catch (err) {
        if (!streaming) throw err;
        req.log.error({ err }, 'catalog import failed after validation');
        line({
          phase: 'failed',
          error: {
            code: 'INTERNAL',
            message: { zh: '导入失败，未写入任何数据', en: 'The import failed: nothing was written' },
          },
        });
        reply.raw.end();
      }
    },
  );

  r.get(
    '/api/catalog/export',
    {
      schema: {
        tags,
        summary: '导出事项目录 Export the catalog as in force on a date',
        querystring: cat.catalogExportQuery,
        response: { 200: fileResponse([XLSX_TYPE, 'text/csv'], '事项目录 The catalog (XLSX or CSV)') },
      },
    },
    async (req, reply) => {
      requirePermission(req, 'catalog.read');
      const asOf = req.query.asOf ?? chinaToday(deps.clock);
      const bytes = await exportCatalog(deps, asOf, req.query.format);
      const name = { zh: `执法事项目录-${asOf}.${req.query.format}`, ascii: `catalog-${asOf}.${req.query.format}` };
      return reply
        .header('content-type', req.query.format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE)
        .header('content-disposition', attachment(name))
        .send(bytes);
    },
  );

  // ── Public catalog (portal, no login): published matters only ─────────────
  r.get(
    '/api/public/catalog/matters',
    {
      config: PUBLIC,
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
    {
      config: PUBLIC,
      schema: {
        tags: ['public'],
        summary: '公开事项 Public matter page',
        params: idParams,
        response: { 200: cat.publicMatterResponse },
      },
    },
    async (req) => catalog.getPublicMatter(req.params.id),
  );
  r.get(
    '/api/public/catalog/lists',
    {
      config: PUBLIC,
      schema: { tags: ['public'], summary: '公开清单 Public lists', response: { 200: cat.catalogLists } },
    },
    async () => ({ lists: await catalog.lists(undefined, true) }),
  );
}
