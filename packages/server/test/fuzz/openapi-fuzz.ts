/**
 * Malformed requests generated from the OpenAPI document (`app.swagger()`), for the fuzz test. Pure: a document, a
 * seeded random source and a pool of real values in; requests out. Each case breaks one thing — a field's type or
 * text, a number's range, the JSON syntax, the content type, a query or path parameter, the URL itself — on an
 * otherwise plausible request, so that it reaches past the first check of the route as far as it can.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** The parts of a JSON Schema (OpenAPI 3 dialect, as fastify-type-provider-zod writes it) that we read. */
export interface Schema {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: Json[];
  const?: Json;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}

interface Param {
  name: string;
  required: boolean;
  schema: Schema;
}

export interface Operation {
  method: string;
  /** Fastify's form: `/api/org/people/:id`. */
  path: string;
  pathParams: Param[];
  query: Param[];
  /** The JSON request body's schema, if the operation takes one. */
  body?: Schema;
  contentTypes: string[];
  /** Needs a session (OpenAPI `security` not empty). */
  secured: boolean;
  /** A response that never ends (text/event-stream): sent only where it is refused early. */
  stream: boolean;
  /** Answers JSON (or says nothing of its media type): worth reading for real values. */
  json: boolean;
}

export interface FuzzCase {
  op: Operation;
  kind: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** The URL itself is broken or may reach another route: the router answers before the route does. */
  reroutes: boolean;
}

/** mulberry32: small, fast and reproducible from one 32-bit seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

interface OpenApiDoc {
  paths: Record<string, Record<string, OpenApiOperation>>;
}
interface OpenApiOperation {
  parameters?: { in: string; name: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
  security?: unknown[];
}

export function operationsOf(doc: OpenApiDoc): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, o] of Object.entries(methods)) {
      const params = o.parameters ?? [];
      const of = (where: string) =>
        params
          .filter((p) => p.in === where)
          .map((p) => ({ name: p.name, required: !!p.required, schema: p.schema ?? {} }));
      const content = o.requestBody?.content ?? {};
      const produces = Object.values(o.responses ?? {}).flatMap((r) => Object.keys(r.content ?? {}));
      ops.push({
        method: method.toUpperCase(),
        path: path.replace(/\{([^}]+)\}/g, ':$1'),
        pathParams: of('path'),
        query: of('query'),
        ...(content['application/json']?.schema ? { body: content['application/json'].schema } : {}),
        contentTypes: Object.keys(content),
        secured: (o.security ?? []).length > 0,
        stream: produces.includes('text/event-stream'),
        json: produces.length === 0 || produces.includes('application/json'),
      });
    }
  }
  return ops;
}

/** Every string in a JSON value (ids, codes, dates, names), for values that match a schema's pattern. */
export function harvest(value: unknown, into: Set<string>, max = 5000): void {
  if (into.size >= max) return;
  if (typeof value === 'string') {
    if (value.length > 0 && value.length <= 80) into.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value.slice(0, 50)) harvest(v, into, max);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) harvest(v, into, max);
  }
}

const SAMPLE_STRINGS = [
  '331081',
  '331081001',
  '331081001001',
  'SJ20261122000042',
  '2026-11-22',
  '2026-11-22T02:00:00.000Z',
  '13800000000',
  '110101199003074578',
  'A1',
  'X-1',
  'abc',
  'json',
  'report',
  '测试',
];

/** Make plausible values for a schema, preferring real values from the pool where the schema has a pattern. */
export class Sampler {
  private readonly byPattern = new Map<string, string | null>();
  constructor(
    private readonly rand: Rand,
    private readonly pool: readonly string[],
  ) {}

  value(s: Schema, depth = 0): Json {
    if (s.const !== undefined) return s.const;
    if (s.enum && s.enum.length > 0) return pick(this.rand, s.enum);
    const alt = s.anyOf ?? s.oneOf;
    if (alt && alt.length > 0) {
      const options = alt.filter((x) => x.type !== 'null');
      return this.value(options.length > 0 ? pick(this.rand, options) : alt[0]!, depth);
    }
    if (s.allOf && s.allOf.length > 0) return this.value(Object.assign({}, ...s.allOf) as Schema, depth);
    const type = Array.isArray(s.type) ? (s.type.find((t) => t !== 'null') ?? 'null') : s.type;
    switch (type) {
      case 'string':
        return this.string(s);
      case 'integer':
      case 'number': {
        const lo =
          typeof s.minimum === 'number'
            ? s.minimum
            : typeof s.exclusiveMinimum === 'number'
              ? s.exclusiveMinimum + 1
              : 1;
        const hi = typeof s.maximum === 'number' ? s.maximum : lo + 10;
        return Math.min(hi, lo + Math.floor(this.rand() * 3));
      }
      case 'boolean':
        return this.rand() < 0.5;
      case 'array': {
        if (depth > 4 || !s.items) return [];
        const n = Math.max(s.minItems ?? 0, 1);
        return Array.from({ length: n }, () => this.value(s.items!, depth + 1));
      }
      case 'null':
        return null;
      case 'object':
      default: {
        if (!s.properties) return type === 'object' ? {} : '测试';
        const out: Record<string, Json> = {};
        const required = new Set(s.required ?? []);
        for (const [k, v] of Object.entries(s.properties)) {
          if (depth > 4 && !required.has(k)) continue;
          if (required.has(k) || this.rand() < 0.5) out[k] = this.value(v, depth + 1);
        }
        return out;
      }
    }
  }

  private string(s: Schema): string {
    const candidates: string[] = [];
    switch (s.format) {
      case 'uuid':
        candidates.push('00000000-0000-4000-8000-000000000000');
        break;
      case 'date':
        candidates.push('2026-11-22');
        break;
      case 'date-time':
        candidates.push('2026-11-22T02:00:00.000Z');
        break;
      case 'email':
        candidates.push('a@example.com');
        break;
      case 'uri':
        candidates.push('https://example.com/a');
        break;
    }
    if (s.pattern) {
      const found = this.matching(s.pattern);
      if (found !== null) return found;
    }
    if (candidates.length > 0) return candidates[0]!;
    const min = s.minLength ?? 1;
    const text = '测试文本';
    return text.repeat(Math.ceil(min / text.length)).slice(0, Math.max(min, Math.min(s.maxLength ?? 4, 4)));
  }

  /** A pool value (or a sample) that the pattern accepts; pool values first, picked at random among the matches. */
  private matching(pattern: string): string | null {
    let re: RegExp;
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      try {
        re = new RegExp(pattern);
      } catch {
        return null;
      }
    }
    const matches = [...this.pool, ...SAMPLE_STRINGS].filter((v) => re.test(v));
    if (matches.length === 0) {
      if (!this.byPattern.has(pattern)) this.byPattern.set(pattern, null);
      return null;
    }
    return pick(this.rand, matches.slice(0, 50));
  }
}

/** Values that a JSON field must not crash on: wrong types, NUL, lone surrogates, extreme numbers, long text. */
const BAD_JSON: readonly Json[] = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  '',
  ' ',
  'x'.repeat(20_000),
  '长'.repeat(5_000),
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31) - 1,
  2 ** 63,
  -1,
  0,
  2 ** 53 + 2,
  1e308,
  -1e308,
  0.5,
  true,
  null,
  [],
  {},
  [null],
  { a: '\u0000' },
  ['\ud800'],
  '2026-02-30',
  '9999-12-31T99:99:99Z',
  '0000-01-01',
  '-1',
  '1e999',
  "' OR 1=1 --",
  '\u202e',
  '__proto__',
];

/** Raw (already URL-encoded) query and path values. */
const BAD_URL_VALUES: readonly string[] = [
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%FF',
  '%C0%AF',
  '-1',
  '0',
  '2147483648',
  '-2147483649',
  '9223372036854775808',
  '9007199254740993',
  '1e999',
  'NaN',
  'Infinity',
  '',
  '%20',
  'x'.repeat(3000),
  '%27%20OR%201%3D1--',
  '%E2%80%AE',
  '%5B%5D',
  'true',
  '2026-02-30',
  '9999-99-99',
  '%F0%9F%98%80',
  'AAAA',
  '_-_-',
  'MTIz',
  'LTE',
  'AA%00',
];

/** Encoded in the router's way, these break the URL itself (bad percent-encoding, over-long parameters). */
const BROKEN_URL_VALUES: readonly string[] = ['%', '%zz', '%E0%A4%A', 'x'.repeat(200)];

/** Invalid JSON texts; a body's numbers may also be written beyond what JavaScript can hold. */
const BAD_JSON_TEXT: readonly string[] = [
  '{',
  '{"a":',
  '[',
  'nul',
  '\u0000',
  '{"a":1}}',
  "{'a':1}",
  '{"a":"\\ud800"',
  '\ufeff{}',
  '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
];

const BAD_CONTENT_TYPES: readonly string[] = [
  'text/plain',
  'application/xml',
  'application/json; charset=latin1',
  'multipart/form-data',
  'multipart/form-data; boundary=',
  'application/x-www-form-urlencoded',
  ';;;',
  'application/json;;;',
  '*/*',
  'application/octet-stream',
];

const JSON_TYPE = 'application/json';

/** Every node of a JSON value, by path; the root is []. */
function pathsOf(v: Json, at: string[] = [], out: string[][] = []): string[][] {
  out.push(at);
  if (at.length > 6) return out;
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...at, String(i)], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) pathsOf(x, [...at, k], out);
  return out;
}

function setAt(root: Json, path: string[], value: Json): Json {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string, Json>;
  let node: Record<string, Json> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, Json>;
  node[path[path.length - 1]!] = value;
  return copy;
}

function multipart(filename: string, content: string | Buffer, field = 'file'): { type: string; body: Buffer } {
  const boundary = '----oefuzzboundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { type: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat([head, Buffer.from(content), tail]) };
}

/**
 * `n` malformed requests for one operation. Each keeps the rest of the request plausible (sampled from the
 * schema) and breaks one thing.
 */
export function casesFor(op: Operation, rand: Rand, sampler: Sampler, n: number): FuzzCase[] {
  const takesBody = op.method !== 'GET' && op.method !== 'DELETE';
  const kinds: string[] = ['url-broken'];
  if (op.query.length > 0) kinds.push('query-bad', 'query-bad', 'query-missing', 'query-repeat');
  kinds.push('query-extra');
  if (op.pathParams.length > 0) kinds.push('path-bad', 'path-bad');
  if (takesBody) {
    kinds.push('content-type', 'json-syntax', 'json-top', 'multipart-no-boundary', 'multipart-nul-filename');
    if (op.body) kinds.push('field', 'field', 'field', 'field', 'missing', 'extra', 'json-huge-number');
  }
  const out: FuzzCase[] = [];
  for (let i = 0; i < n; i++) out.push(oneCase(op, pick(rand, kinds), rand, sampler));
  return out;
}

function oneCase(op: Operation, kind: string, rand: Rand, sampler: Sampler): FuzzCase {
  const params: Record<string, string> = {};
  for (const p of op.pathParams) params[p.name] = encodeURIComponent(String(sampler.value(p.schema)));
  const query: [string, string][] = [];
  for (const p of op.query) {
    if (p.required || rand() < 0.3) query.push([p.name, encodeURIComponent(String(sampler.value(p.schema)))]);
  }
  let body: Json | undefined = op.body ? sampler.value(op.body) : undefined;
  let payload: string | Buffer | undefined;
  let contentType: string | undefined = op.body ? JSON_TYPE : undefined;
  let reroutes = false;
  let suffix = '';

  switch (kind) {
    case 'url-broken':
      suffix = pick(rand, BROKEN_URL_VALUES);
      reroutes = true;
      if (op.pathParams.length > 0 && rand() < 0.7) {
        params[pick(rand, op.pathParams).name] = suffix;
        suffix = '';
      } else if (rand() < 0.5) {
        query.push(['q', suffix]);
        suffix = '';
        reroutes = false; // a broken query is the route's to refuse
      }
      break;
    case 'query-bad': {
      const p = pick(rand, op.query);
      const i = query.findIndex(([k]) => k === p.name);
      const v = pick(rand, BAD_URL_VALUES);
      if (i >= 0) query[i] = [p.name, v];
      else query.push([p.name, v]);
      break;
    }
    case 'query-missing': {
      const required = op.query.filter((p) => p.required);
      const drop = required.length > 0 ? pick(rand, required).name : undefined;
      for (let i = query.length - 1; i >= 0; i--) if (query[i]![0] === drop) query.splice(i, 1);
      break;
    }
    case 'query-repeat': {
      const p = pick(rand, op.query);
      query.push([p.name, encodeURIComponent(String(sampler.value(p.schema)))], [p.name, pick(rand, BAD_URL_VALUES)]);
      break;
    }
    case 'query-extra':
      query.push([pick(rand, ['zzz', '__proto__', 'constructor', 'a[b]', '%00']), pick(rand, BAD_URL_VALUES)]);
      break;
    case 'path-bad':
      params[pick(rand, op.pathParams).name] = pick(rand, BAD_URL_VALUES);
      reroutes = true; // '' or a value like 'map' may name another route
      break;
    case 'field': {
      const paths = pathsOf(body ?? {}).filter((p) => p.length > 0);
      const bad = pick(rand, BAD_JSON);
      body = paths.length > 0 ? setAt(body ?? {}, pick(rand, paths), bad) : { zzz: bad };
      break;
    }
    case 'missing': {
      const required = op.body?.required ?? [];
      if (body && typeof body === 'object' && !Array.isArray(body) && required.length > 0) {
        const { [pick(rand, required)]: _, ...rest } = body;
        body = rest;
      }
      break;
    }
    case 'extra':
      if (body && typeof body === 'object' && !Array.isArray(body)) body = { ...body, zzz_extra: pick(rand, BAD_JSON) };
      break;
    case 'json-huge-number': {
      const text = JSON.stringify(body ?? {});
      const numbers = [...text.matchAll(/:(-?\d+(?:\.\d+)?)/g)];
      const huge = pick(rand, ['1e400', '-1e400', '123456789012345678901234567890', '2147483648', '-0', '1E+2']);
      payload =
        numbers.length > 0
          ? (() => {
              const m = pick(rand, numbers);
              return text.slice(0, m.index + 1) + huge + text.slice(m.index + m[0].length);
            })()
          : `{"zzz":${huge}}`;
      contentType = JSON_TYPE;
      break;
    }
    case 'json-syntax':
      payload = pick(rand, BAD_JSON_TEXT);
      contentType = JSON_TYPE;
      break;
    case 'json-top':
      payload = pick(rand, ['null', '[]', '"text"', '1', 'true', '[{}]', '""']);
      contentType = JSON_TYPE;
      break;
    case 'content-type':
      payload = body === undefined ? 'a=1' : JSON.stringify(body);
      contentType = pick(rand, BAD_CONTENT_TYPES);
      break;
    case 'multipart-no-boundary': {
      const m = multipart('a.xlsx', 'x');
      payload = m.body;
      contentType = pick(rand, ['multipart/form-data', 'multipart/form-data; boundary=', 'multipart/form-data; x=1']);
      break;
    }
    case 'multipart-nul-filename': {
      const m = multipart(pick(rand, ['a\u0000.xlsx', '\u0000', 'a\ud800.csv', '../../etc/passwd', '']), 'x');
      payload = m.body;
      contentType = m.type;
      break;
    }
  }

  if (payload === undefined && body !== undefined) payload = JSON.stringify(body);
  const path = op.path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => params[name] ?? '');
  const qs = query.map(([k, v]) => `${k}=${v}`).join('&');
  const url = `${path}${suffix}${qs ? `?${qs}` : ''}`;
  const headers: Record<string, string> = {};
  if (contentType !== undefined && payload !== undefined) headers['content-type'] = contentType;
  return { op, kind, method: op.method, url, headers, ...(payload !== undefined ? { payload } : {}), reroutes };
}

/** The requests that break the framework rather than one route: URLs, methods, headers. */
export function frameworkCases(op: Operation): FuzzCase[] {
  const base = op.path.replace(/:([A-Za-z0-9_]+)/g, 'x');
  const mk = (kind: string, url: string, headers: Record<string, string> = {}, payload?: string): FuzzCase => ({
    op,
    kind,
    method: op.method,
    url,
    headers,
    ...(payload !== undefined ? { payload } : {}),
    reroutes: true,
  });
  return [
    mk('url-percent', `${base}%`),
    mk('url-percent', `${base}/%E0%A4%A`),
    mk('url-long', `${base}?q=${'a'.repeat(70_000)}`),
    mk('url-long-param', `/api/${'a'.repeat(5_000)}`),
    mk('url-nul', `${base}%00`),
    mk('url-double-slash', `/${base}`),
  ];
}

export function describeCase(c: FuzzCase): string {
  const payload =
    c.payload === undefined
      ? ''
      : ` payload=${JSON.stringify(typeof c.payload === 'string' ? c.payload : c.payload.toString('latin1')).slice(0, 400)}`;
  const url = c.url.length > 300 ? `${c.url.slice(0, 300)}…(${c.url.length} chars)` : c.url;
  return `[${c.kind}] ${c.method} ${url} headers=${JSON.stringify(c.headers)}${payload}`;
}
