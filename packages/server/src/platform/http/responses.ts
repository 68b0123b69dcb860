import type { FastifyInstance, FastifySchema, FastifySerializerCompiler, RouteOptions } from 'fastify';
import { z } from 'zod';
import { apiError } from '@openenforce/domain/errors';

/*
 * Response contracts (ARCHITECTURE.md: a route declares request AND response schemas). The zod schemas of
 * `schema.response` — by status, the answer's JSON, or per media type for files and streams — document every answer in
 * /api/docs and are what the web imports as types. Here they are also how an answer is written:
 *
 * - the answer is parsed with its status's schema and what the schema does not declare is dropped (nothing a
 *   presenter adds by mistake leaks: a password hash, a row's internal columns);
 * - `RESPONSE_CHECK=strict` (tests, e2e) fails the request when the answer does not fit or has a field the schema
 *   would drop, so a contract cannot fall behind its presenter; `lenient` (production) logs the mismatch and sends
 *   the answer unparsed rather than failing the user's request.
 */

export type ResponseCheck = 'lenient' | 'strict';

/** Where the answer has fields the schema does not declare (`items.3.hash`): what parsing would drop. */
export function droppedFields(input: unknown, output: unknown, path = ''): string[] {
  if (input === null || typeof input !== 'object' || output === null || typeof output !== 'object') return [];
  if (input instanceof Date || Buffer.isBuffer(input)) return [];
  const at = (k: string | number) => (path ? `${path}.${k}` : String(k));
  if (Array.isArray(input)) {
    if (!Array.isArray(output)) return [];
    return input.flatMap((v, i) => droppedFields(v, output[i], at(i)));
  }
  const out = output as Record<string, unknown>;
  const dropped: string[] = [];
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined) continue;
    if (!Object.hasOwn(out, k)) dropped.push(at(k));
    else dropped.push(...droppedFields(v, out[k], at(k)));
  }
  return dropped;
}

/**
 * An answer that breaks its contract under `RESPONSE_CHECK=strict` (tests): answered 500 with this text in its one
 * detail, so that the failing test says which route and which fields.
 */
export class ResponseContractError extends Error {
  constructor(method: string, url: string, problem: string) {
    super(`${method} ${url}: the answer breaks its response schema: ${problem}`);
    this.name = 'ResponseContractError';
  }
}

/** The answer-writing compiler: one per (route, status, media type), from the route's zod schema. */
export function responseSerializer(
  check: ResponseCheck,
  log: (o: object, msg: string) => void,
): FastifySerializerCompiler<z.ZodType> {
  return ({ schema, method, url }) => {
    return (data: unknown) => {
      const parsed = schema.safeParse(data);
      if (parsed.success) {
        if (check === 'strict') {
          const dropped = droppedFields(data, parsed.data);
          if (dropped.length > 0) {
            throw new ResponseContractError(method, url, `undeclared fields ${dropped.slice(0, 10).join(', ')}`);
          }
        }
        return JSON.stringify(parsed.data);
      }
      if (check === 'strict') {
        const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
        throw new ResponseContractError(method, url, issues.join('; '));
      }
      // A contract behind its presenter must not cost the user the answer: logged, sent as it is.
      log(
        {
          route: `${method} ${url}`,
          issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')} ${i.code}`),
        },
        'response does not fit its schema',
      );
      return JSON.stringify(data);
    };
  };
}

/** A response that is a file or a stream: its media types, documented as bytes (OpenAPI `format: binary`). */
export function fileResponse(mediaTypes: readonly string[], description: string) {
  // The handler sends a Buffer or a stream (never serialised); the document says `string, format: binary`.
  const bytes = z
    .custom<Buffer | string | NodeJS.ReadableStream>(() => true)
    .meta({ type: 'string', format: 'binary' } as never);
  return {
    description,
    content: Object.fromEntries(mediaTypes.map((m) => [m, { schema: bytes }])),
  };
}

/** A response that is one of several media types, each with its schema (JSON, or text such as XML or NDJSON). */
export function mediaResponse(description: string, content: Record<string, z.ZodType>) {
  return {
    description,
    content: Object.fromEntries(Object.entries(content).map(([m, schema]) => [m, { schema }])),
  };
}

/** 204: the answer has no body. */
export const noContent = z.undefined().meta({ description: 'No content' });

type Responses = Record<string, unknown>;

/**
 * Every route answers failures in the error shape: a route that declares no 4xx / 5xx schema gets `apiError` for
 * them (Open311 declares its own, GeoReport's). Routes the OpenAPI document hides (its own pages) are left alone.
 */
export function declareErrorResponses(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const schema = route.schema as (FastifySchema & { hide?: boolean; response?: Responses }) | undefined;
    if (!schema || schema.hide) return;
    const response: Responses = { ...(schema.response ?? {}) };
    const has = (prefix: string) => Object.keys(response).some((k) => k.toLowerCase().startsWith(prefix));
    if (!has('4')) response['4xx'] = apiError;
    if (!has('5')) response['5xx'] = apiError;
    route.schema = { ...schema, response };
  });
}

/** A response entry given per media type (`{content: {type: {schema}}}`) rather than as one zod schema. */
function isContent(x: unknown): x is { description?: string; content: Record<string, { schema: z.ZodType }> } {
  return typeof x === 'object' && x !== null && !(x instanceof z.ZodType) && 'content' in x;
}

/**
 * The OpenAPI transform for responses given per media type: fastify-type-provider-zod converts zod schemas only, so
 * each media type's zod schema is converted by the same transform and put back under its media type.
 */
export function withMediaResponses<I extends { schema: unknown; url: string }, O extends { schema?: unknown }>(
  transform: (input: I) => O,
) {
  return (input: I): O => {
    const schema = input.schema as { response?: Responses } | undefined;
    const response = schema?.response;
    if (!response || !Object.values(response).some(isContent)) return transform(input);
    const plain: Responses = {};
    const byMedia: Record<string, { description?: string; content: Record<string, { schema: z.ZodType }> }> = {};
    for (const [status, r] of Object.entries(response)) {
      if (isContent(r)) byMedia[status] = r;
      else plain[status] = r;
    }
    const out = transform({ ...input, schema: { ...schema, response: plain } });
    const converted = { ...((out.schema as { response?: Responses }).response ?? {}) };
    for (const [status, r] of Object.entries(byMedia)) {
      const content: Record<string, { schema: unknown }> = {};
      for (const [media, { schema: zod }] of Object.entries(r.content)) {
        const one = transform({ ...input, schema: { response: { x: zod } } });
        content[media] = { schema: (one.schema as { response: Responses }).response['x'] };
      }
      converted[status] = { description: r.description ?? 'Default Response', content };
    }
    return { ...out, schema: { ...(out.schema as object), response: converted } };
  };
}
