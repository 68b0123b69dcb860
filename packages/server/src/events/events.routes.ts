import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError } from '@openenforce/domain/errors';
import * as ev from '@openenforce/domain/events';
import { eventInScope } from '@openenforce/domain/organization';
import type { RegionDirectory } from '../organization/index.ts';
import { chinaDate } from '@openenforce/domain/common';
import { maySeePersonalData } from '@openenforce/domain/privacy';
import {
  actorOf,
  attachment,
  fileResponse,
  requirePermission,
  requireUser,
  typed,
  uploadPart,
  XLSX_TYPE,
} from '../platform/http/index.ts';
import { xlsxInWorker } from '../platform/spreadsheet/index.ts';
import { eventsSheet, EXPORT_MAX_ROWS } from './events.export.ts';
import type { EventSource } from '@openenforce/domain/events';
import type { SessionUser } from '../platform/auth/auth.service.ts';
import type { EventRow } from './events.repository.ts';
import type { EventsService } from './events.service.ts';
import type { StepResult } from '../platform/workflow/index.ts';
import { eventsNamedIn, presentDetail, presentSummary } from './events.present.ts';
import type { PhotoStore } from './photos.ts';

const tags = ['events'];
const idParams = z.object({ id: z.uuid() });

/** The channel of a signed-in report follows from who reports (SPEC §3 sources). */
const SOURCE_BY_ROLE: Record<string, EventSource> = {
  grid_worker: 'grid_worker',
  officer: 'patrol',
  team_leader: 'patrol',
  auxiliary: 'patrol',
  department_staff: 'department',
  command_operator: 'hotline',
  admin: 'hotline',
};

/** Routes are thin: validate (zod) → authorize → one use case → present. */
export function registerEventRoutes(
  app: FastifyInstance,
  events: EventsService,
  photos: PhotoStore,
  directory: RegionDirectory,
): void {
  const r = typed(app);
  const ctx = (req: FastifyRequest) => ({ user: requireUser(req), actor: actorOf(req) });
  const summary = async (row: EventRow) => {
    const names = await events.teamNames([row.teamId]);
    return presentSummary(row, directory, row.teamId ? (names.get(row.teamId) ?? null) : null);
  };

  r.get(
    '/api/events/categories',
    {
      schema: {
        tags,
        summary: '事件类别 Event categories (with deadlines and duplicate windows)',
        response: { 200: z.array(ev.categoryInfo) },
      },
    },
    async (req) => {
      requirePermission(req, 'event.read');
      return events.categories();
    },
  );

  r.patch(
    '/api/events/categories/:code',
    {
      schema: {
        tags,
        summary: '修改事件类别（期限、重复判定范围、对应事项）Change a category',
        params: z.object({ code: ev.categoryCode }),
        body: ev.categoryPatch,
        response: { 200: ev.categoryInfo },
      },
    },
    async (req) => {
      requirePermission(req, 'catalog.write');
      return events.updateCategory(req.params.code, req.body, actorOf(req));
    },
  );

  r.get(
    '/api/events/duplicates',
    {
      schema: {
        tags,
        summary: '疑似重复 Open events near a point (before submit)',
        querystring: ev.duplicateQuery,
        response: { 200: z.array(ev.duplicateOffer) },
      },
    },
    async (req) => {
      const user = requirePermission(req, 'event.report');
      return events.duplicates(req.query.category, req.query.lng, req.query.lat, user.scope);
    },
  );

  r.post(
    '/api/events/photos',
    {
      schema: {
        tags,
        summary: '上传照片 Upload a photo (multipart: file; kind=report|before|after)',
        querystring: z.object({ kind: z.enum(['report', 'before', 'after']).default('report') }),
        response: { 201: ev.photoUpload },
      },
    },
    async (req, reply) => {
      requirePermission(req, 'event.report');
      const upload = await uploadPart(req);
      return reply.status(201).send(await photos.save(upload, req.query.kind, actorOf(req)));
    },
  );

  r.get(
    '/api/events/photos/:id',
    {
      schema: {
        tags,
        summary: '照片 A photo',
        params: idParams,
        response: { 200: fileResponse(['image/jpeg', 'image/png', 'image/webp'], '照片 The photo') },
      },
    },
    async (req, reply) => {
      const user = requirePermission(req, 'event.read');
      const found = await events.photo(req.params.id);
      const visible =
        found && (found.photo.eventId ? eventInScope(user.scope, found) : found.photo.uploadedBy === user.id);
      if (!visible) throw new DomainError('NOT_FOUND', [{ path: 'params.id', rule: 'photo_exists' }]);
      const bytes = await photos.read(found.photo.storageKey);
      reply
        .header('Content-Type', found.photo.mime)
        .header('Content-Length', found.photo.bytes)
        .header('Cache-Control', 'private, max-age=86400');
      return reply.send(bytes);
    },
  );

  r.post(
    '/api/events',
    {
      schema: {
        tags,
        summary: '上报事件 Report an event (grid worker, patrol, referral, hotline)',
        body: ev.eventReport,
        response: { 201: ev.reportResult, 200: ev.reportResult },
      },
    },
    async (req, reply) => {
      const user = requirePermission(req, 'event.report');
      const source = SOURCE_BY_ROLE[user.role];
      if (!source) throw new DomainError('FORBIDDEN', [{ path: 'permission', rule: 'event.report' }]);
      const out = await events.report(req.body, {
        source,
        actor: actorOf(req),
        userId: user.id,
        actorName: user.displayName,
        citizenToken: source === 'hotline',
        scope: user.scope,
      });
      return reply.status(out.replay ? 200 : 201).send({
        event: await summary(out.event),
        duplicates: out.duplicates.map((d) => ({ id: d.id, distanceM: d.distanceM })),
        replay: out.replay,
        token: out.token,
      });
    },
  );

  /** A reader of the lists; searching by the reporter's phone is reading personal data (`pii.read`). */
  const listReader = (req: FastifyRequest, q: ev.EventFilterQuery) => {
    const user = requirePermission(req, 'event.read');
    if (q.phone && !maySeePersonalData(user.permissions))
      throw new DomainError('FORBIDDEN', [{ path: 'query.phone', rule: 'pii.read' }]);
    return user;
  };

  r.get(
    '/api/events',
    {
      schema: {
        tags,
        summary: '事件列表与队列 Events and queues (search by number, text in description or address, reporter phone)',
        querystring: ev.eventListQuery,
        response: { 200: ev.eventPage },
      },
    },
    async (req) => {
      const user = listReader(req, req.query);
      const page = await events.list(user.scope, req.query, { teamId: user.scopeTeamId, id: user.id });
      return {
        items: page.items.map((i) => presentSummary(i.e, directory, i.teamName)),
        nextCursor: page.nextCursor,
      };
    },
  );

  r.get(
    '/api/events/count',
    {
      schema: {
        tags,
        summary: '事件计数 How many events a list selects (the same filters as the list)',
        querystring: ev.eventFilterQuery,
        response: { 200: ev.eventCount },
      },
    },
    async (req) => {
      const user = listReader(req, req.query);
      return { total: await events.count(user.scope, req.query, { teamId: user.scopeTeamId, id: user.id }) };
    },
  );

  r.get(
    '/api/events/export.xlsx',
    {
      schema: {
        tags,
        summary: "导出 Excel Export a list as XLSX (the list's filters; personal data masked without pii.read)",
        querystring: ev.eventFilterQuery,
        response: { 200: fileResponse([XLSX_TYPE], '事件列表 The list (XLSX)') },
      },
    },
    async (req, reply) => {
      const user = listReader(req, req.query);
      const out = await events.exportList(
        user.scope,
        req.query,
        { teamId: user.scopeTeamId, id: user.id },
        EXPORT_MAX_ROWS,
      );
      const sheet = eventsSheet(out.items, {
        directory,
        categoryName: (code) => events.category(code)?.zh ?? code,
        personalData: maySeePersonalData(user.permissions),
        truncated: out.truncated,
      });
      const bytes = await xlsxInWorker(sheet);
      const day = chinaDate(new Date());
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachment({ zh: `事件列表-${day}.xlsx`, ascii: `events-${day}.xlsx` }))
        .header('x-export-rows', String(out.items.length))
        .header('x-export-truncated', String(out.truncated))
        .send(Buffer.from(bytes));
    },
  );

  r.get(
    '/api/events/team-board',
    {
      schema: {
        tags,
        summary: "队伍看板 The team leader's board: members and the open tasks each has in hand",
        response: { 200: ev.teamBoard },
      },
    },
    async (req) => {
      const user = requirePermission(req, 'event.handle');
      if (!user.scopeTeamId) throw new DomainError('FORBIDDEN', [{ path: 'user.scopeTeamId', rule: 'team_member' }]);
      const board = await events.teamBoard(user.scopeTeamId);
      return { ...board, tasks: board.tasks.map((t) => presentSummary(t.e, directory, t.teamName)) };
    },
  );

  r.get(
    '/api/events/:id',
    {
      schema: {
        tags,
        summary: '事件详情与全过程 Event with its whole timeline',
        params: idParams,
        response: { 200: ev.eventDetail },
      },
    },
    async (req) => detail(req.params.id, requirePermission(req, 'event.read')),
  );

  async function detail(id: string, user: SessionUser) {
    const row = await events.get(id, user.scope);
    if (!row) throw new DomainError('NOT_FOUND', [{ path: 'params.id', rule: 'event_exists' }]);
    // Other events are named only when the reader's scope holds them: a master, a suggested master or a duplicate
    // in another town (or another agency's domain) is "another report", without its number or status.
    const [timeline, photoRows, merged, master] = await Promise.all([
      events.timeline(id),
      events.photos(id),
      events.mergedInto(id, user.scope),
      row.masterId ? events.get(row.masterId, user.scope) : Promise.resolve(undefined),
    ]);
    const visible = await events.visibleIds(
      [row.suggestedMasterId, ...timeline.flatMap((s) => eventsNamedIn(s.detail))],
      user.scope,
    );
    const teamNames = await events.teamNames([row.teamId, ...row.assistingTeamIds, ...timeline.map((s) => s.teamId)]);
    return presentDetail(row, {
      directory,
      user,
      teamNames,
      timeline,
      photos: photoRows,
      merged,
      master: master ?? null,
      visible,
    });
  }

  r.get(
    '/api/events/:id/actions',
    {
      schema: {
        tags,
        summary: '可执行的操作 What may I do here (each step: allowed, or the rules that refuse it)',
        params: idParams,
        response: { 200: ev.eventActions },
      },
    },
    async (req) => {
      const user = requirePermission(req, 'event.read');
      const out = await events.actions(req.params.id, user);
      return {
        version: out.version,
        status: out.state,
        actions: out.actions.map((a) => ({
          action: a.action,
          allowed: a.allowed,
          reasons: a.reasons.map((x) => ({ rule: x.rule, message: { zh: x.zh, en: x.en } })),
        })),
      };
    },
  );

  const stepRoute = <S extends z.ZodType>(
    action: ev.EventAction,
    zh: string,
    body: S,
    run: (id: string, c: ReturnType<typeof ctx>, body: z.infer<S>) => Promise<StepResult<EventRow>>,
  ) =>
    r.post(
      `/api/events/:id/${action}`,
      { schema: { tags, summary: `${zh} ${action}`, params: idParams, body, response: { 200: ev.eventSummary } } },
      async (req, reply) => {
        const c = ctx(req);
        // Authorize first: a role that may never take this step hears so before scope or version are looked at.
        events.assertPermitted(c.user, action);
        const out = await run(req.params.id, c, req.body as z.infer<S>);
        // A repeated delivery of a client step (same clientStepId) wrote nothing: say so.
        if (out.replayed) reply.header('idempotent-replayed', 'true');
        return summary(out.row);
      },
    );

  stepRoute('triage', '受理分拨', ev.triageBody, (id, c, b) => events.triage(id, c, b));
  stepRoute('dispatch', '派遣', ev.dispatchBody, (id, c, b) => events.dispatch(id, c, b));
  stepRoute('accept', '签收', ev.versionBody, (id, c, b) => events.accept(id, c, b));
  stepRoute('return', '退回', ev.reasonBody, (id, c, b) => events.return(id, c, b));
  stepRoute('arbitrate', '仲裁', ev.arbitrateBody, (id, c, b) => events.arbitrate(id, c, b));
  stepRoute('handle', '处置', ev.handleBody, (id, c, b) => events.handle(id, c, b));
  stepRoute('recheck', '整改复查', ev.recheckBody, (id, c, b) => events.recheck(id, c, b));
  stepRoute('verify', '核查', ev.verifyBody, (id, c, b) => events.verify(id, c, b));
  stepRoute('rate', '评价', ev.rateBody, (id, c, b) => events.rate(id, c, b));
  stepRoute('merge', '合并', ev.mergeBody, (id, c, b) => events.merge(id, c, b));
  stepRoute('dismiss', '不予受理', ev.reasonBody, (id, c, b) => events.dismiss(id, c, b));
  stepRoute('urge', '催办', ev.urgeBody, (id, c, b) => events.urge(id, c, b));
  stepRoute('assist', '协办', ev.assistBody, (id, c, b) => events.assist(id, c, b));
}
