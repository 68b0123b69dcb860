import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, ERRORS, type ErrorCode, type ErrorDetail } from '@openenforce/domain/errors';
import {
  eventReport,
  open311Created,
  open311ErrorList,
  open311Request,
  open311Service,
  open311ServiceDefinition,
  open311TokenLookup,
  PUBLIC_ID_PATTERN,
  type PublicationRule,
} from '@openenforce/domain/events';
import type { Db } from '../../platform/db/index.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { mediaResponse, PUBLIC, typed } from '../../platform/http/index.ts';
import { readFormFields } from '../../platform/http/files.ts';
import type { RegionDirectory } from '../../organization/index.ts';
import { hashToken, type EventsService } from '../events.service.ts';
import { publicationRule } from '../publication.ts';
import type { ApiKeyCache } from '../../platform/auth/api-key-cache.ts';
import { clientActor, clientByKey, type ApiClient } from '../../platform/auth/api-clients.ts';
import {
  formatOf,
  localeOf,
  objectToXml,
  open311Errors,
  presentRequest,
  presentService,
  toXml,
  type Format,
} from './open311.format.ts';
import { checkJurisdiction, isOpen311Date, locationOf, open311Instant } from './open311.input.ts';
import { open311Repository as repo } from './open311.repository.ts';

/*
 * Open311 GeoReport v2 under /open311/v2 (SPEC §3: citizens report through an Open311 app).
 *
 * - A service is an active event category; service_code = the category code.
 * - Only published events are served (OPEN311_PUBLISH_SOURCES / _CATEGORIES; by default the reports that came in
 *   through Open311 itself): a hotline caller or a grid worker did not publish their report.
 * - service_request_id is the event's public id (R + 12 characters, random: published requests cannot be counted
 *   or enumerated); the event number (SJ…) stays internal. Positions are coarsened to about 100 m, and phone and
 *   ID numbers in the words are masked (domain/privacy). Our richer statuses stay in /api/events; here open | closed.
 * - POST requests needs the api_key of an api_clients row of kind open311 (stored as SHA-256). It answers the
 *   public id (null when the county does not publish the category) and a token: the citizen follows, verifies and
 *   rates with it (/api/public/events/:token).
 * - The location is lat & long, or address_id (a region id), or address_string matched against the region
 *   directory's village and town names (open311.input.ts); an address it cannot place is accepted and waits at
 *   triage, flagged (events.location_unresolved), for the operator to place. media_url is kept (events.media_url),
 *   shown to operators and served back on the request. email has nowhere to go and is not stored.
 * - jurisdiction_id, where sent, must be ours (OPEN311_JURISDICTION_IDS, default the county's code and name): else 404.
 * - Statuses are the ones GeoReport v2 names: 400 (bad or missing field), 403 (api_key), 404 (unknown
 *   service_code, service_request_id, jurisdiction_id or path); 413/415/429/5xx keep their HTTP meaning.
 * - POST takes a form (urlencoded or multipart) or JSON; start_date/end_date take a date alone (China time) too.
 * - Every endpoint is PUBLIC (no session): reads are open, a POST brings its api_key.
 * - Every endpoint has a .json and an .xml variant; errors are [{code, description}] (description: 中文 / English).
 */

const tags = ['open311'];
const FORMATS: readonly Format[] = ['json', 'xml'];
const RULE_ID = /^[a-z0-9_]+$/;
const DAY = 86_400_000;
/** GeoReport v2: the default window is the last 90 days, a query may not span more, and at most 1000 results. */
const WINDOW_DAYS = 90;
const MAX_RESULTS = 1000;

const localeQuery = z.object({
  locale: z.string().max(20).optional(),
  jurisdiction_id: z.string().max(100).optional(),
});
const fileParams = z.object({ file: z.string().regex(/^[A-Za-z0-9_-]{1,100}\.(json|xml)$/, 'id_dot_json_or_xml') });
const datetime = z.string().max(40).refine(isOpen311Date, 'iso_datetime_or_date');
const listQuery = localeQuery.extend({
  service_request_id: z.string().max(2000).optional(),
  service_code: z.string().max(1000).optional(),
  start_date: datetime.optional(),
  end_date: datetime.optional(),
  status: z
    .string()
    .regex(/^(open|closed)(,(open|closed))*$/, 'open_or_closed')
    .optional(),
});
/** Form fields arrive as text, JSON may carry numbers. */
const num = z.union([z.number(), z.string().trim().max(40)]);
const text = (max: number) => z.string().trim().max(max);
const postBody = z.object({
  api_key: text(200).optional(),
  jurisdiction_id: text(100).optional(),
  service_code: text(40).min(1, 'required'),
  lat: num.optional(),
  long: num.optional(),
  address_string: text(200).optional(),
  address_id: text(100).optional(),
  email: text(200).optional(),
  device_id: text(200).optional(),
  account_id: text(200).optional(),
  first_name: text(40).optional(),
  last_name: text(40).optional(),
  phone: text(40).optional(),
  description: text(2000).optional(),
  media_url: text(500).optional(),
});
type PostBody = z.infer<typeof postBody>;

const JSON_TYPE = 'application/json';
const XML_TYPE = 'application/xml';
/** GeoReport's answers: JSON with `items`, or the same fields as XML (text, written by open311.format.ts). */
const answer = (fmt: Format, description: string, items: z.ZodType) =>
  mediaResponse(description, fmt === 'json' ? { [JSON_TYPE]: items } : { [XML_TYPE]: z.string() });
/** GeoReport's own error list, whichever the format (the API's error shape is not used under /open311). */
const errors = (fmt: Format) => ({
  '4xx': answer(fmt, '错误 GeoReport errors [{code, description}]', open311ErrorList),
});
/** A route whose format comes from its `:file` parameter answers either. */
const eitherFormat = (description: string, json: z.ZodType) => ({
  200: mediaResponse(description, { [JSON_TYPE]: json, [XML_TYPE]: z.string() }),
  '4xx': mediaResponse('错误 GeoReport errors [{code, description}]', {
    [JSON_TYPE]: open311ErrorList,
    [XML_TYPE]: z.string(),
  }),
});

/** The id of a `:file` parameter ("SJ2026…42.json" → "SJ2026…42"). */
const idOf = (file: string) => file.slice(0, file.lastIndexOf('.'));

/** GeoReport v2 statuses: 403 for the api_key (our own API answers 401), 404 for what is not found, 400 otherwise. */
export function open311Status(code: ErrorCode): number {
  if (code === 'API_KEY_INVALID') return 403;
  if (code === 'NOT_FOUND' || code === 'ROUTE_NOT_FOUND' || code === 'EVENT_CATEGORY_UNKNOWN') return 404;
  const status = ERRORS[code].status;
  return status >= 400 && status < 500 && ![403, 404, 413, 415, 429].includes(status) ? 400 : status;
}

export function registerOpen311Routes(
  app: FastifyInstance,
  events: EventsService,
  deps: PlatformDeps,
  directory: RegionDirectory,
  apiKeys: ApiKeyCache<ApiClient>,
): void {
  const configured = deps.config.OPEN311_JURISDICTION_IDS.split(',')
    .map((j) => j.trim())
    .filter(Boolean);
  const jurisdictions = () => {
    const county = directory.county();
    return configured.length > 0 ? configured : county ? [county.id, county.name] : [];
  };
  app.register(
    async (child) => {
      // Open311 clients post forms; @fastify/formbody is not a dependency: a few lines do (last value wins).
      child.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      });
      child.setErrorHandler((err: FastifyError | DomainError, req, reply) => {
        const c = classify(err);
        if (!c) throw err; // unexpected: the application's handler logs it and answers INTERNAL
        const status = open311Status(c.code);
        return send(reply.status(status), formatOf(req.url), open311Errors(c.code, c.details, status), 'errors');
      });
      child.setNotFoundHandler((req, reply) =>
        send(
          reply.status(404),
          formatOf(req.url),
          [{ code: 404, description: '接口不存在 / No such endpoint' }],
          'errors',
        ),
      );
      routes(
        typed(child),
        events,
        deps.database.db,
        () => deps.clock.now(),
        directory,
        jurisdictions,
        publicationRule(deps.config),
        apiKeys,
      );
    },
    { prefix: '/open311/v2' },
  );
}

function routes(
  r: ReturnType<typeof typed>,
  events: EventsService,
  db: Db,
  now: () => Date,
  directory: RegionDirectory,
  jurisdictions: () => string[],
  rule: PublicationRule,
  apiKeys: ApiKeyCache<ApiClient>,
) {
  const categories = (code: string) => events.category(code);
  const ours = (id: string | undefined, path: string) => checkJurisdiction(id, jurisdictions(), path);

  for (const fmt of FORMATS) {
    r.get(
      `/services.${fmt}`,
      {
        config: PUBLIC,
        schema: {
          tags,
          summary: `服务列表 Service list (${fmt}): one service per active event category`,
          querystring: localeQuery,
          response: { 200: answer(fmt, '服务列表 Services', z.array(open311Service)), ...errors(fmt) },
        },
      },
      async (req, reply) => {
        ours(req.query.jurisdiction_id, 'query.jurisdiction_id');
        const l = localeOf(req.query, req.headers['accept-language']);
        return send(
          reply,
          fmt,
          events.categories().map((c) => presentService(c, l)),
          'services',
        );
      },
    );

    r.get(
      `/requests.${fmt}`,
      {
        config: PUBLIC,
        schema: {
          tags,
          summary: `查询服务请求 Service requests (${fmt}): last 90 days by default, at most 1000`,
          querystring: listQuery,
          response: { 200: answer(fmt, '服务请求 Service requests', z.array(open311Request)), ...errors(fmt) },
        },
      },
      async (req, reply) => {
        const q = req.query;
        ours(q.jurisdiction_id, 'query.jurisdiction_id');
        const l = localeOf(q, req.headers['accept-language']);
        const rows = await repo.list(db, rule, listFilter(q, events, now()));
        return send(
          reply,
          fmt,
          rows.map((row) => presentRequest(row, categories, l)),
          'requests',
        );
      },
    );

    r.post(
      `/requests.${fmt}`,
      {
        config: PUBLIC,
        schema: {
          tags,
          summary: `提交服务请求 Submit a service request (${fmt}; form or JSON; api_key required)`,
          consumes: ['application/x-www-form-urlencoded', 'multipart/form-data', 'application/json'],
          body: postBody,
          response: {
            201: answer(fmt, '已受理 Received: the number and the token', z.array(open311Created)),
            ...errors(fmt),
          },
        },
        // The key is checked before the fields: an unknown client learns nothing about the rest.
        preValidation: async (req) => {
          // A form posted as multipart/form-data: its text fields are the body (a file part is not kept).
          if (req.isMultipart()) (req as { body: unknown }).body = await readFormFields(req);
          const body = (req.body ?? {}) as { api_key?: unknown };
          const key = typeof body.api_key === 'string' ? body.api_key : (req.query as { api_key?: string }).api_key;
          req.open311Client = await clientByKey(db, key, 'open311', 'body.api_key', {
            keys: apiKeys,
            now: now().getTime(),
          });
        },
      },
      async (req, reply) => {
        const client = req.open311Client!;
        ours(
          req.body.jurisdiction_id ?? (req.query as { jurisdiction_id?: string }).jurisdiction_id,
          'body.jurisdiction_id',
        );
        const { report, mediaUrl, unresolved } = toReport(req.body, events, directory);
        const out = await events.report(report, {
          source: 'open311',
          actor: clientActor(client, req),
          userId: null,
          citizenToken: true,
          mediaUrl,
          locationUnresolved: unresolved,
        });
        const id = out.event.publicId;
        const item = {
          service_request_id: id,
          token: out.token,
          service_notice:
            (id
              ? `已受理，请求编号 ${id}；可凭 token 查询进度、核查与评价 / ` +
                `Received as ${id}; use the token to follow, verify and rate it`
              : '已受理；可凭 token 查询进度、核查与评价 / Received; use the token to follow, verify and rate it') +
            (unresolved
              ? '。地址未能定位，待指挥中心确定位置 / The address could not be placed: the command centre will place it'
              : ''),
          account_id: null,
        };
        return send(reply.status(201), fmt, [item], 'requests');
      },
    );
  }

  r.get(
    '/services/:file',
    {
      config: PUBLIC,
      schema: {
        tags,
        summary: '服务定义 Service definition (code.json | code.xml)',
        params: fileParams,
        querystring: localeQuery,
        response: eitherFormat('服务定义 Service definition', open311ServiceDefinition),
      },
    },
    async (req, reply) => {
      ours(req.query.jurisdiction_id, 'query.jurisdiction_id');
      const fmt = formatOf(req.params.file);
      const code = idOf(req.params.file);
      if (!events.category(code))
        throw new DomainError('NOT_FOUND', [{ path: 'params.service_code', rule: 'service_code_exists' }]);
      const definition = { service_code: code, attributes: [] };
      if (fmt === 'xml')
        return reply.type('application/xml; charset=utf-8').send(objectToXml('service_definition', definition));
      return definition;
    },
  );

  r.get(
    '/requests/:file',
    {
      config: PUBLIC,
      schema: {
        tags,
        summary: '服务请求 One service request (number.json | number.xml)',
        params: fileParams,
        querystring: localeQuery,
        response: eitherFormat('服务请求 The service request', z.array(open311Request)),
      },
    },
    async (req, reply) => {
      ours(req.query.jurisdiction_id, 'query.jurisdiction_id');
      const row = await repo.byPublicId(db, rule, idOf(req.params.file));
      if (!row) throw new DomainError('NOT_FOUND', [{ path: 'params.service_request_id', rule: 'request_exists' }]);
      const l = localeOf(req.query, req.headers['accept-language']);
      return send(reply, formatOf(req.params.file), [presentRequest(row, categories, l)], 'requests');
    },
  );

  r.get(
    '/tokens/:file',
    {
      config: PUBLIC,
      schema: {
        tags,
        summary: '由 token 查编号 Service request id from a token',
        params: fileParams,
        response: eitherFormat('编号 The service request id', z.array(open311TokenLookup)),
      },
    },
    async (req, reply) => {
      const token = idOf(req.params.file);
      const row = await repo.publicIdByTokenHash(db, rule, hashToken(token));
      if (!row) throw new DomainError('NOT_FOUND', [{ path: 'params.token', rule: 'token_exists' }]);
      return send(reply, formatOf(req.params.file), [{ service_request_id: row.publicId, token }], 'requests');
    },
  );
}

declare module 'fastify' {
  interface FastifyRequest {
    open311Client?: Awaited<ReturnType<typeof clientByKey>>;
  }
}

const XML_NAMES = {
  services: ['services', 'service'],
  requests: ['service_requests', 'request'],
  errors: ['errors', 'error'],
} as const;

function send(reply: FastifyReply, fmt: Format, items: object[], kind: keyof typeof XML_NAMES) {
  if (fmt === 'json') return reply.type('application/json; charset=utf-8').send(items);
  const [root, item] = XML_NAMES[kind];
  return reply.type('application/xml; charset=utf-8').send(toXml(root, item, items));
}

/** The filters of GET requests (GeoReport v2): ids ignore the rest; otherwise a window of at most 90 days. */
function listFilter(q: z.infer<typeof listQuery>, events: EventsService, now: Date) {
  if (q.service_request_id) {
    const publicIds = q.service_request_id
      .split(',')
      .map((s) => s.trim())
      .filter((s) => PUBLIC_ID_PATTERN.test(s))
      .slice(0, MAX_RESULTS);
    return { publicIds, from: new Date(0), to: now, limit: MAX_RESULTS };
  }
  const codes = q.service_code
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (codes?.some((c) => !events.category(c)))
    throw new DomainError('EVENT_CATEGORY_UNKNOWN', [{ path: 'query.service_code', rule: 'service_code_exists' }]);
  const start = q.start_date ? open311Instant(q.start_date, 'start') : undefined;
  const to = q.end_date
    ? open311Instant(q.end_date, 'end')
    : start
      ? new Date(start.getTime() + WINDOW_DAYS * DAY)
      : now;
  const from = start ?? new Date(to.getTime() - WINDOW_DAYS * DAY);
  if (to.getTime() - from.getTime() > WINDOW_DAYS * DAY)
    throw new DomainError('VALIDATION_FAILED', [{ path: 'query.end_date', rule: 'date_range_max_90_days' }]);
  if (to < from) throw new DomainError('VALIDATION_FAILED', [{ path: 'query.end_date', rule: 'after_start_date' }]);
  const status = q.status ? ([...new Set(q.status.split(','))] as ('open' | 'closed')[]) : undefined;
  return { codes, from, to, status, limit: MAX_RESULTS };
}

const CJK = /[\u3400-\u9fff]/;

/**
 * An Open311 request as our report: located by lat/long, address_id or address_string (or, unresolved, queued for
 * the operator to place); the media URL is kept in its own field, shown to operators.
 */
function toReport(b: PostBody, events: EventsService, directory: RegionDirectory) {
  const category = events.category(b.service_code);
  if (!category)
    throw new DomainError('EVENT_CATEGORY_UNKNOWN', [{ path: 'body.service_code', rule: 'service_code_exists' }]);
  const number = (v: string | number | undefined) => (v === undefined || v === '' ? undefined : Number(v));
  const given = { lat: number(b.lat), long: number(b.long) };
  const badNumber: ErrorDetail[] = [];
  if (given.lat !== undefined && !Number.isFinite(given.lat)) badNumber.push({ path: 'body.lat', rule: 'number' });
  if (given.long !== undefined && !Number.isFinite(given.long)) badNumber.push({ path: 'body.long', rule: 'number' });
  if (badNumber.length > 0) throw new DomainError('VALIDATION_FAILED', badNumber);
  const place = locationOf(
    {
      ...given,
      ...(b.address_string ? { address_string: b.address_string } : {}),
      ...(b.address_id ? { address_id: b.address_id } : {}),
    },
    directory,
  );
  const lat = place.lat;
  const lng = place.lng;
  const details: ErrorDetail[] = [];
  let media: string | undefined;
  if (b.media_url) {
    const u = URL.canParse(b.media_url) ? new URL(b.media_url) : null;
    if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:'))
      details.push({ path: 'body.media_url', rule: 'http_url' });
    else media = u.toString();
  }
  if (details.length > 0) throw new DomainError('VALIDATION_FAILED', details);
  const name = [b.last_name, b.first_name].filter(Boolean);
  const reporterName =
    name.length === 0 ? undefined : CJK.test(name.join('')) ? name.join('') : name.reverse().join(' ');
  const description = [
    b.description || category.zh,
    place.placedBy ? `（${place.placedBy.zh} / ${place.placedBy.en}）` : '',
  ]
    .filter(Boolean)
    .join('\n');
  const parsed = eventReport.safeParse({
    category: category.code,
    description,
    lng,
    lat,
    // An address_id that placed nothing is kept as the address: the operator sees what the client sent.
    address: b.address_string || (place.unresolved && b.address_id ? `address_id: ${b.address_id}` : undefined),
    reporterName,
    reporterPhone: b.phone || undefined,
  });
  if (!parsed.success)
    throw new DomainError(
      'VALIDATION_FAILED',
      parsed.error.issues.map((i) => ({
        path: `body.${String(i.path[0] ?? '')}`,
        rule: RULE_ID.test(i.message) ? i.message : i.code,
      })),
    );
  return { report: parsed.data, mediaUrl: media ?? null, unresolved: place.unresolved };
}

/** The failures this plugin answers itself in the Open311 shape; anything else goes to the application's handler. */
function classify(err: FastifyError | DomainError): { code: ErrorCode; details: ErrorDetail[] } | null {
  if (err instanceof DomainError) return { code: err.code, details: err.details };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as FastifyError).validationContext ?? 'body';
    return {
      code: 'VALIDATION_FAILED',
      details: err.validation.map((v) => ({
        path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        rule: /received undefined/.test(v.message ?? '')
          ? 'required'
          : v.message && RULE_ID.test(v.message)
            ? v.message
            : v.keyword,
      })),
    };
  }
  switch ((err as FastifyError).code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'MALFORMED_JSON', details: [{ path: 'body', rule: 'json_syntax' }] };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'BODY_TOO_LARGE', details: [{ path: 'body', rule: 'max_size' }] };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { code: 'UNSUPPORTED_MEDIA_TYPE', details: [{ path: 'content-type', rule: 'form_or_json' }] };
  }
  return null;
}
