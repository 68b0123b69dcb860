import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import {
  DomainError,
  ERRORS,
  errorBody,
  hasRuleWords,
  zodIssueWords,
  type ErrorCode,
  type ErrorDetail,
  type ZodIssueLike,
} from '@openenforce/domain/errors';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { ResponseContractError } from './responses.ts';
import { isHashedAsset } from './web-app.ts';

/** Rules written as snake_case ids in our schemas (e.g. `mobile_phone`) are passed through as they are. */
const RULE_ID = /^[a-z0-9_]+$/;

/**
 * Rule ids answered without words of their own and missing from the rule catalogue (they are answered with the id as
 * their words). The tests fail on any (test/setup.ts): every rule the server emits has its zh/en words.
 */
export const rulesWithoutWords = new Set<string>();

/**
 * The one place where failures become HTTP (ARCHITECTURE.md rule 6). Every response that is not 2xx has the shape
 * {code, message: {zh, en}, details: [{path, rule, message}]} — each detail's words its own or the rule catalogue's
 * (`errorBody`); unexpected errors are logged and answered as INTERNAL.
 */
export function installErrorHandling(app: FastifyInstance, spaFallback: boolean): void {
  app.setErrorHandler(answerError);
  app.setNotFoundHandler((req, reply) => {
    // The web app routes on the client: an unknown GET outside the API gets its index.html — but not a missing
    // hashed asset (an old page asking for a chunk of an older build must fail, not parse HTML as a script).
    if (
      spaFallback &&
      req.method === 'GET' &&
      !req.url.startsWith('/api') &&
      !req.url.startsWith('/open311') &&
      !isHashedAsset(req.url)
    ) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply
      .status(404)
      .send({ ...errorBody('ROUTE_NOT_FOUND', [{ path: 'url', rule: 'unknown_route' }]), requestId: req.id });
  });
}

/** Seconds a client should wait before retrying while the database cannot be reached. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * Any failure as the one error shape. Also Fastify's `frameworkErrors` (a URL the router cannot read, an over-long
 * path parameter), which fail before there is a route and so never reach the route's error handler.
 */
export function answerError(err: FastifyError | DomainError, req: FastifyRequest, reply: FastifyReply) {
  const { code, details, status } = classify(err);
  if (code === 'DATABASE_UNAVAILABLE') {
    // An outage is not a bug: one line without the stack, and the client is told when to try again.
    req.log.warn({ cause: rootMessage(err) }, 'database unavailable');
    reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
  } else if (status >= 500) req.log.error({ err }, 'unhandled error');
  noteRulesWithoutWords(details);
  return reply.status(status).send({ ...errorBody(code, details), requestId: req.id });
}

/**
 * Fastify's `clientErrorHandler`: a request Node's HTTP parser refuses (headers or URL beyond the 16 KB limit, a
 * malformed request line) never becomes a request. Answered on the socket in the error shape, then closed.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has no one to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;
  const [code, rule]: [ErrorCode, string] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? ['HEADERS_TOO_LARGE', 'max_header_size']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? ['REQUEST_TIMEOUT', 'timeout']
        : ['VALIDATION_FAILED', 'http_syntax'];
  const status = ERRORS[code].status;
  const body = JSON.stringify(errorBody(code, [{ path: 'request', rule }]));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function noteRulesWithoutWords(details: readonly ErrorDetail[]): void {
  for (const d of details) if (!d.message && !hasRuleWords(d.rule)) rulesWithoutWords.add(d.rule);
}

/** The driver's own words: Drizzle's wrapper repeats the statement and its parameters, which may be personal data. */
function rootMessage(err: unknown): string {
  let e = err as { message?: unknown; cause?: unknown };
  for (let i = 0; i < 5 && e.cause && typeof e.cause === 'object'; i++) e = e.cause as typeof e;
  return typeof e.message === 'string' ? e.message : 'unknown';
}

function classify(err: FastifyError | DomainError): { code: ErrorCode; details: ErrorDetail[]; status: number } {
  if (err instanceof DomainError) return { code: err.code, details: err.details, status: ERRORS[err.code].status };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = partName((err as FastifyError).validationContext ?? 'body');
    const details = err.validation.map((v) => {
      const issue = (v.params as { issue?: ZodIssueLike } | undefined)?.issue;
      const ownRule = !!v.message && RULE_ID.test(v.message);
      return {
        path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        rule: ownRule ? v.message! : `${v.keyword}: ${v.message ?? ''}`,
        // Zod's own codes are worded with the bound they name (至少 2 个字符); our rule ids by the catalogue.
        ...(ownRule ? {} : { message: zodIssueWords(issue ?? { code: v.keyword, message: v.message ?? '' }) }),
      };
    });
    return { code: 'VALIDATION_FAILED', details, status: 400 };
  }
  const fe = err as FastifyError;
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'MALFORMED_JSON', details: [{ path: 'body', rule: 'json_syntax' }], status: 400 };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
      return { code: 'BODY_TOO_LARGE', details: [{ path: 'body', rule: 'max_size' }], status: 413 };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return { code: 'UNSUPPORTED_MEDIA_TYPE', details: [{ path: 'content-type', rule: 'unsupported' }], status: 415 };
    case 'FST_ERR_VALIDATION':
      return { code: 'VALIDATION_FAILED', details: [{ path: 'request', rule: 'request_invalid' }], status: 400 };
    case 'FST_ERR_BAD_URL':
      return { code: 'VALIDATION_FAILED', details: [{ path: 'url', rule: 'percent_encoding' }], status: 400 };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { code: 'URI_TOO_LONG', details: [{ path: 'url', rule: 'max_param_length' }], status: 414 };
  }
  if (isDatabaseUnavailable(err)) return { code: 'DATABASE_UNAVAILABLE', details: [], status: 503 };
  // Only thrown under RESPONSE_CHECK=strict (the tests): the test that hit it reads which contract broke.
  if (err instanceof ResponseContractError) {
    const words = { zh: err.message, en: err.message };
    return {
      code: 'INTERNAL',
      details: [{ path: 'response', rule: 'response_contract', message: words }],
      status: 500,
    };
  }
  if (fe.statusCode === 429) return { code: 'RATE_LIMITED', details: [], status: 429 };
  if (fe.statusCode === 413)
    return { code: 'BODY_TOO_LARGE', details: [{ path: 'body', rule: 'max_size' }], status: 413 };
  if (fe.statusCode === 415)
    return { code: 'UNSUPPORTED_MEDIA_TYPE', details: [{ path: 'content-type', rule: 'unsupported' }], status: 415 };
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return {
      code: 'VALIDATION_FAILED',
      details: [{ path: 'request', rule: fe.code ? `bad_request:${fe.code}` : 'bad_request' }],
      status: fe.statusCode,
    };
  }
  // Constraint violations that no service check caught are still the client's fault, and the transaction wrote
  // nothing. Drizzle wraps the driver's error: the SQLSTATE is on the cause.
  const db = ((err as { cause?: unknown }).cause ?? err) as { code?: string; constraint?: string };
  const constraint = db.constraint ?? 'constraint';
  if (db.code === '23505')
    return { code: 'CONFLICT_DUPLICATE', details: [{ path: fieldOf(constraint), rule: 'unique' }], status: 409 };
  if (db.code === '23503')
    return { code: 'REFERENCE_INVALID', details: [{ path: constraint, rule: 'exists' }], status: 422 };
  return { code: 'INTERNAL', details: [], status: 500 };
}

/** Paths name the request part as our own errors do: `query.limit`, not Fastify's `querystring.limit`. */
export function partName(httpPart: string): string {
  return httpPart === 'querystring' ? 'query' : httpPart;
}

/**
 * The request field behind a unique constraint, so that the client can put the message on the right input:
 * Drizzle names them `<table>_<column>_unique` (agencies_code_unique → body.code, people_employee_no_unique →
 * body.employeeNo); a primary key (`regions_pkey`) is the `id`.
 */
function fieldOf(constraint: string): string {
  if (constraint.endsWith('_pkey')) return 'body.id';
  const m = /^[a-z]+_([a-z_]+)_unique$/.exec(constraint);
  if (!m) return constraint;
  return `body.${m[1]!.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())}`;
}
