import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DomainError } from '@openenforce/domain/errors';
import { publicEventView, rateBody, STATUS_LABELS, type EventStatus } from '@openenforce/domain/events';
import type { RegionDirectory } from '../../organization/index.ts';
import { actorOf, createRateLimiter, PUBLIC, typed } from '../../platform/http/index.ts';
import type { EventRow } from '../events.repository.ts';
import { eventNo, type EventsService } from '../events.service.ts';

/*
 * The citizen's follow-up without a login (SPEC §3 "verified by the reporter … rated"): the token that Open311 or
 * the hotline handed out opens the event's status and public timeline, and lets the citizen verify and rate.
 * No personal data (no names, phones, descriptions or addresses) and no internal routing (teams, returns,
 * arbitrations, urging, reasons) is shown.
 */

const tags = ['public'];
const tokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'token_format') });
const trackBody = z.strictObject({
  /** The full event number as given to the reporter (SJ + 8-digit date + sequence). */
  no: z
    .string()
    .trim()
    .regex(/^[Ss][Jj]\d{14,20}$/, 'event_no'),
  phoneLast4: z
    .string()
    .trim()
    .regex(/^\d{4}$/, 'phone_last4'),
});
const citizenVerifyBody = z.strictObject({
  passed: z.boolean(),
  note: z.string().trim().max(1000).optional(),
});

/** Steps a citizen sees, with their names; the rest (return, arbitrate, urge) is internal. */
const PUBLIC_STEPS: Record<string, { zh: string; en: string }> = {
  report: { zh: '上报', en: 'Reported' },
  triage: { zh: '受理', en: 'Accepted for handling' },
  dispatch: { zh: '派遣', en: 'Dispatched' },
  accept: { zh: '签收', en: 'Taken on' },
  handle: { zh: '处置', en: 'Handled' },
  recheck: { zh: '整改复查', en: 'Rectification checked' },
  verify: { zh: '核查', en: 'Verified' },
  rate: { zh: '评价', en: 'Rated' },
  merge: { zh: '合并办理', en: 'Merged with an earlier report' },
  dismiss: { zh: '不予受理', en: 'Not taken up' },
};

export function registerPublicEventRoutes(app: FastifyInstance, events: EventsService, directory: RegionDirectory) {
  const r = typed(app);

  async function view(token: string) {
    const row = await events.byToken(token);
    if (!row) throw new DomainError('NOT_FOUND', [{ path: 'params.token', rule: 'token_exists' }]);
    return present(row, true);
  }

  /** What the citizen sees; verify and rate only with the token (the lookup by number and phone only reads). */
  async function present(row: EventRow, withToken: boolean) {
    const [steps, master] = await Promise.all([
      events.timeline(row.id),
      row.masterId ? events.get(row.masterId, { kind: 'county' }) : Promise.resolve(undefined),
    ]);
    // A merged report follows its master's status.
    const status = (master ? master.status : row.status) as EventStatus;
    const c = events.category(row.category);
    const may = events.citizenMay(row);
    return {
      no: eventNo(row),
      category: { code: row.category, zh: c?.zh ?? row.category, en: c?.en ?? row.category },
      townName: row.townId ? directory.townName(row.townId) : null,
      status,
      statusLabel: STATUS_LABELS[status],
      reportedAt: row.reportedAt.toISOString(),
      deadline: (master ?? row).deadline?.toISOString() ?? null,
      closedAt: (master ?? row).closedAt?.toISOString() ?? null,
      rating: row.rating,
      mergedInto: master ? { no: eventNo(master), status: master.status } : null,
      /** What the citizen may do now with this token. */
      mayVerify: withToken && may.verify,
      mayRate: withToken && may.rate,
      timeline: steps
        .filter((s) => PUBLIC_STEPS[s.action])
        .map((s) => ({
          at: s.at.toISOString(),
          action: s.action,
          label: PUBLIC_STEPS[s.action]!,
          status: s.toStatus as EventStatus,
        })),
    };
  }

  r.get(
    '/api/public/events/:token',
    {
      config: PUBLIC,
      schema: {
        tags,
        summary: '凭 token 查询事件进度 Follow an event by its citizen token',
        params: tokenParams,
        response: { 200: publicEventView },
      },
    },
    async (req) => view(req.params.token),
  );

  // 10 lookups per address per 10 minutes: a person checks their report; guessing 4 digits of 10,000 cannot.
  const lookups = createRateLimiter({ max: 10, windowMs: 10 * 60_000 });

  r.post(
    '/api/public/track',
    {
      config: PUBLIC,
      schema: {
        tags,
        summary: '查询我的上报 Track my report by its number and the last 4 digits of the phone given with it',
        description:
          'Read-only (verify and rate need the link sent with the report). An unknown number, a wrong phone and a ' +
          'report given without a phone all answer the same 404; 10 lookups per client address per 10 minutes, then 429.',
        body: trackBody,
        response: { 200: publicEventView },
      },
    },
    async (req, reply) => {
      try {
        lookups.hit(req.ip);
      } catch (err) {
        const wait = err instanceof DomainError ? err.details[0]?.rule : undefined;
        if (wait) reply.header('retry-after', wait.slice('retry_after:'.length));
        throw err;
      }
      const row = await events.byNoAndPhone(req.body.no, req.body.phoneLast4);
      if (!row) throw new DomainError('NOT_FOUND', [{ path: 'body', rule: 'no_and_phone_match' }]);
      return present(row, false);
    },
  );

  const byToken = async (token: string) => {
    const row = await events.byToken(token);
    if (!row) throw new DomainError('NOT_FOUND', [{ path: 'params.token', rule: 'token_exists' }]);
    return row;
  };

  r.post(
    '/api/public/events/:token/verify',
    {
      config: PUBLIC,
      schema: {
        tags,
        summary: '群众核查 Verify by token (passed → closed; not passed → reopened)',
        params: tokenParams,
        body: citizenVerifyBody,
        response: { 200: publicEventView },
      },
    },
    async (req) => {
      const row = await byToken(req.params.token);
      await events.verify(row.id, { user: null, actor: actorOf(req) }, { version: null, ...req.body });
      return view(req.params.token);
    },
  );

  r.post(
    '/api/public/events/:token/rate',
    {
      config: PUBLIC,
      schema: {
        tags,
        summary: '群众评价 Rate by token (1–5)',
        params: tokenParams,
        body: rateBody,
        response: { 200: publicEventView },
      },
    },
    async (req) => {
      const row = await byToken(req.params.token);
      await events.rate(row.id, { user: null, actor: actorOf(req) }, req.body);
      return view(req.params.token);
    },
  );
}
