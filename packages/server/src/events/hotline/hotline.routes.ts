import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { channelReportResult, eventReport, hotlineImportResult } from '@openenforce/domain/events';
import type { RegionDirectory } from '../../organization/index.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import {
  actorOf,
  attachment,
  fileResponse,
  PUBLIC,
  readUpload,
  requirePermission,
  typed,
  XLSX_TYPE,
} from '../../platform/http/index.ts';
import { parseTable } from '../../platform/spreadsheet/index.ts';
import { eventNo, type EventsService } from '../events.service.ts';
import type { ApiKeyCache } from '../../platform/auth/api-key-cache.ts';
import { clientActor, clientByKey, type ApiClient } from '../../platform/auth/api-clients.ts';
import { HOTLINE_MAX_ROWS, importHotline } from './hotline-import.ts';
import { buildHotlineTemplate, HOTLINE_TEMPLATE_NAME } from './hotline-template.ts';

const tags = ['events'];

const importQuery = z.object({ dryRun: z.enum(['true', 'false', '1', '0']).optional() });

/** A ticket pushed by the 12345 system: a report with its ticket number (工单号) as the idempotency key. */
export const hotlineTicket = eventReport.omit({ photoIds: true, duplicateOf: true }).extend({
  externalId: z.string().trim().min(1).max(80),
});

/**
 * The 12345 hotline channel (SPEC §3): a work-order file imported by the command centre (all or nothing), its
 * template, and the API the hotline system pushes single tickets to (X-Api-Key of an api_clients row of kind
 * hotline; idempotent by ticket number). Both hand out a citizen token for follow-up by SMS.
 */
export function registerHotlineRoutes(
  app: FastifyInstance,
  events: EventsService,
  directory: RegionDirectory,
  deps: PlatformDeps,
  apiKeys: ApiKeyCache<ApiClient>,
): void {
  const r = typed(app);

  r.post(
    '/api/events/hotline/import',
    {
      schema: {
        tags,
        summary: '导入12345工单 Import 12345 hotline tickets (XLSX/CSV, all or nothing)',
        description:
          `multipart/form-data with one field \`file\` (.xlsx or .csv, UTF-8 or GBK; at most ${HOTLINE_MAX_ROWS} rows). ` +
          'Columns 工单号, 来电时间, 诉求类别, 诉求内容, 地址, 经度, 纬度, 来电人, 联系电话, 紧急程度. Any error → 422 ' +
          'IMPORT_INVALID with details by row and column and nothing written. `dryRun=true` validates only.',
        consumes: ['multipart/form-data'],
        querystring: importQuery,
        response: { 200: hotlineImportResult },
      },
    },
    async (req) => {
      const user = requirePermission(req, 'event.command');
      const dryRun = req.query.dryRun === 'true' || req.query.dryRun === '1';
      const upload = await readUpload(req);
      const table = await parseTable(upload.bytes, upload.filename, { maxRows: HOTLINE_MAX_ROWS });
      return importHotline(deps, events, directory, { table, scope: user.scope, actor: actorOf(req), dryRun });
    },
  );

  r.get(
    '/api/events/hotline/template.xlsx',
    {
      schema: {
        tags,
        summary: '12345工单导入模板 Hotline import template',
        response: { 200: fileResponse([XLSX_TYPE], '导入模板 XLSX template') },
      },
    },
    async (req, reply) => {
      requirePermission(req, 'event.command');
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachment(HOTLINE_TEMPLATE_NAME))
        .send(await buildHotlineTemplate(events.categories()));
    },
  );

  r.post(
    '/api/hotline/tickets',
    {
      config: PUBLIC, // its own credential: X-Api-Key
      schema: {
        tags,
        summary: '12345工单推送 Hotline ticket (X-Api-Key; idempotent by externalId = ticket number)',
        description:
          '201 with the new event and the citizen token; 200 with the same event (token null) on redelivery.',
        body: hotlineTicket,
        response: { 201: channelReportResult, 200: channelReportResult },
      },
      // The key first: an unknown caller learns nothing about the body's rules.
      preValidation: async (req) => {
        const key = req.headers['x-api-key'];
        req.hotlineClient = await clientByKey(
          deps.database.db,
          typeof key === 'string' ? key : undefined,
          'hotline',
          'headers.x-api-key',
          { keys: apiKeys, now: deps.clock.now().getTime() },
        );
      },
    },
    async (req, reply) => {
      const out = await events.report(
        { ...req.body, photoIds: [] },
        { source: 'hotline', actor: clientActor(req.hotlineClient!, req), userId: null, citizenToken: true },
      );
      return reply.status(out.replay ? 200 : 201).send({
        id: out.event.id,
        no: eventNo(out.event),
        status: out.event.status,
        replay: out.replay,
        token: out.token,
      });
    },
  );
}

declare module 'fastify' {
  interface FastifyRequest {
    hotlineClient?: Awaited<ReturnType<typeof clientByKey>>;
  }
}
