import { appendFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '@openenforce/domain/errors';
import { DRIVERS, testServer, type Driver, type TestServer } from './harness.ts';
import {
  casesFor,
  describeCase,
  frameworkCases,
  harvest,
  operationsOf,
  rng,
  Sampler,
  type FuzzCase,
  type Operation,
} from './fuzz/openapi-fuzz.ts';

/*
 * Malformed requests for every operation of the OpenAPI document, anonymous and as the county administrator: no
 * answer may be a 5xx, and every 4xx has the error shape {code, message: {zh, en}, details: [{path, rule}]} (Open311
 * answers in its own standard shape, [{code, description}]). An anonymous request to an operation that needs a session
 * is answered 401 whatever its body. The cases are drawn from a seeded random source: a failure prints the seed and
 * the request; `FUZZ_SEED=<n> npx vitest run packages/server/test/fuzz.test.ts` replays it, other seeds explore.
 * `FUZZ_PER_OPERATION=<n>` sends more (50 ≈ 10,000 requests per driver); `FUZZ_TRACE=<file>` logs every request and
 * its answer (status, milliseconds).
 */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261122);
/** Cases per operation and identity (PostgreSQL runs fewer: the same routes, the other driver's errors). */
const PER_OPERATION: Record<Driver, number> = process.env['FUZZ_PER_OPERATION']
  ? { pglite: Number(process.env['FUZZ_PER_OPERATION']), postgres: Number(process.env['FUZZ_PER_OPERATION']) }
  : { pglite: 12, postgres: 5 };
/** Signed-in cases an operation may accept before the rest of its cases go to the anonymous caller only. */
const MAX_ACCEPTED = 1;

interface Failure {
  who: string;
  request: string;
  status: number;
  problem: string;
  body: string;
}

describe.each(DRIVERS)('fuzz on %s: malformed requests from the OpenAPI document', (driver) => {
  let s: TestServer;
  let admin: string;

  beforeAll(async () => {
    s = await testServer(driver);
    admin = await s.login('admin');
  });
  afterAll(() => s?.close());

  it(`answers every one with a 4xx in the error shape, never a 5xx (seed ${SEED})`, async () => {
    const doc = s.app.swagger() as Parameters<typeof operationsOf>[0];
    const ops = operationsOf(doc);
    expect(ops.length).toBeGreaterThan(50);
    const pool = await realValues(ops);
    const rand = rng(SEED);
    const sampler = new Sampler(rand, pool);
    const failures: Failure[] = [];
    let sent = 0;

    for (const op of ops) {
      const cases = [...casesFor(op, rand, sampler, PER_OPERATION[driver]), ...frameworkCases(op).slice(0, 2)];
      let accepted = 0;
      for (const c of cases) {
        for (const who of ['anonymous', 'admin'] as const) {
          // A live stream that is let through never ends; a logout ends the session the other cases use. Cases an
          // operation accepts (unknown query parameters are ignored, say) are valid requests, not malformed ones:
          // after a few, the rest go only to the anonymous caller (an export of the whole catalog takes a second).
          if (who === 'admin' && (op.stream || op.path === '/api/auth/logout' || accepted >= MAX_ACCEPTED)) continue;
          const res = await send(c, who === 'admin' ? admin : undefined);
          sent++;
          const problem = problemOf(c, res, who);
          if (problem) {
            failures.push({
              who,
              request: describeCase(c),
              status: res.statusCode,
              problem,
              body: res.body.slice(0, 300),
            });
          }
          if (who === 'admin' && res.statusCode < 300) accepted++;
          // A case valid enough to end the admin's session (none should be: logout is skipped, a password change
          // needs the current one) would turn every later case anonymous: sign in again.
          if (who === 'admin' && res.statusCode === 401 && res.json<{ code: string }>().code === 'AUTH_REQUIRED')
            admin = await s.login('admin');
        }
      }
    }
    for (const c of frameworkCases(ops[0]!)) {
      const res = await send(c, admin);
      sent++;
      const problem = problemOf(c, res, 'admin');
      if (problem)
        failures.push({ who: 'admin', request: describeCase(c), status: res.statusCode, problem, body: res.body });
    }

    const report = failures
      .slice(0, 25)
      .map((f) => `${f.status} ${f.problem} as ${f.who}: ${f.request}\n    → ${f.body}`)
      .join('\n');
    expect(
      failures.length,
      `${failures.length} of ${sent} malformed requests failed (FUZZ_SEED=${SEED}, ${driver}):\n${report}`,
    ).toBe(0);
    expect(sent).toBeGreaterThan(1000);
  }, 600_000);

  async function send(c: FuzzCase, cookie: string | undefined): Promise<LightMyRequestResponse> {
    const t0 = performance.now();
    if (process.env['FUZZ_TRACE'])
      appendFileSync(process.env['FUZZ_TRACE'], `${driver} > ${describeCase(c).slice(0, 200)}\n`);
    const res = await s.call({
      method: c.method as 'GET',
      url: c.url,
      headers: c.headers,
      ...(c.payload !== undefined ? { payload: c.payload } : {}),
      ...(cookie ? { cookie } : {}),
    });
    if (process.env['FUZZ_TRACE'])
      appendFileSync(
        process.env['FUZZ_TRACE'],
        `${driver} < ${res.statusCode} ${(performance.now() - t0).toFixed(1)} ms\n`,
      );
    return res;
  }

  /** Real ids, codes and numbers from every list the administrator can read, so that cases reach past lookups. */
  async function realValues(ops: Operation[]): Promise<string[]> {
    const pool = new Set<string>();
    for (const op of ops) {
      if (op.method !== 'GET' || !op.json || op.pathParams.length > 0 || op.query.some((p) => p.required)) continue;
      const res = await s.call({ method: 'GET', url: op.path, cookie: admin });
      if (res.statusCode === 200 && String(res.headers['content-type'] ?? '').includes('json'))
        harvest(res.json(), pool);
    }
    return [...pool];
  }
});

const CODES = new Set(Object.keys(ERRORS));

function problemOf(c: FuzzCase, res: LightMyRequestResponse, who: 'anonymous' | 'admin'): string | null {
  if (res.statusCode >= 500) return '5xx';
  if (who === 'anonymous' && c.op.secured && !c.reroutes && res.statusCode !== 401) return 'not 401 for anonymous';
  if (res.statusCode < 400) return null;
  if (c.url.startsWith('/open311/') && open311Shape(res)) return null;
  let body: unknown;
  try {
    body = res.json();
  } catch {
    return 'error body is not JSON';
  }
  const b = body as { code?: unknown; message?: { zh?: unknown; en?: unknown }; details?: unknown };
  if (typeof b.code !== 'string' || !CODES.has(b.code)) return 'error code not in the catalogue';
  if (typeof b.message?.zh !== 'string' || typeof b.message.en !== 'string') return 'error message not {zh, en}';
  if (!Array.isArray(b.details)) return 'error details not an array';
  for (const d of b.details as { path?: unknown; rule?: unknown }[]) {
    if (typeof d.path !== 'string' || typeof d.rule !== 'string') return 'error detail not {path, rule}';
  }
  if (ERRORS[b.code as keyof typeof ERRORS].status !== res.statusCode && !OTHER_STATUS.has(res.statusCode))
    return `status ${res.statusCode} is not ${b.code}'s`;
  return null;
}

/** Statuses a catalogue code may be answered with besides its own (a framework 4xx mapped to VALIDATION_FAILED). */
const OTHER_STATUS = new Set<number>([]);

/** GeoReport v2 errors: [{code, description}] in JSON, <errors><error>… in XML. */
function open311Shape(res: LightMyRequestResponse): boolean {
  if (String(res.headers['content-type'] ?? '').includes('xml')) return res.body.includes('<errors>');
  try {
    const b = res.json() as { code?: unknown; description?: unknown }[];
    return (
      Array.isArray(b) &&
      b.length > 0 &&
      b.every((e) => typeof e.code === 'number' && typeof e.description === 'string')
    );
  } catch {
    return false;
  }
}
