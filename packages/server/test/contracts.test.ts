import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentText, OPENAPI_SNAPSHOT } from '../src/openapi.ts';
import { DRIVERS, testServer, type TestServer } from './harness.ts';

/*
 * The API's contracts: every operation of the OpenAPI document declares what it answers on success (a schema per
 * status and media type, or 204 without a body) — so a new route cannot skip its response schema — and the document
 * equals its committed snapshot (packages/server/openapi.json; `npm run openapi` refreshes it after a deliberate
 * change, and the diff shows in review what the API's clients will see).
 */

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
}

/** Operations without a success answer that names its schema: `GET /api/x (200 without a schema)`. */
function operationsWithoutResponseSchema(doc: Document): string[] {
  const missing: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const success = Object.entries(op.responses ?? {}).filter(([status]) => /^[23]/.test(status));
      const described = success.filter(
        ([status, r]) =>
          status === '204' ||
          (r.content !== undefined &&
            Object.values(r.content).every((m) => m.schema !== undefined && JSON.stringify(m.schema) !== '{}')),
      );
      if (described.length === 0 || described.length < success.length) {
        missing.push(`${method.toUpperCase()} ${path} (${success.map(([s]) => s).join(', ') || 'no 2xx'})`);
      }
    }
  }
  return missing;
}

describe('operationsWithoutResponseSchema', () => {
  it('names an operation whose success answer has no schema, and passes one that has', () => {
    const doc: Document = {
      paths: {
        '/a': { get: { responses: { '200': { content: { 'application/json': { schema: { type: 'object' } } } } } } },
        '/b': { post: { responses: { '200': { content: { 'application/json': { schema: {} } } } } } },
        '/c': { get: { responses: { '4XX': { content: { 'application/json': { schema: { type: 'object' } } } } } } },
        '/d': { delete: { responses: { '204': {} } } },
      },
    };
    expect(operationsWithoutResponseSchema(doc)).toEqual(['POST /b (200)', 'GET /c (no 2xx)']);
  });
});

describe.each(DRIVERS)('the API contracts on %s', (driver) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer(driver);
  });
  afterAll(() => s?.close());

  it('declares a response schema for every operation', () => {
    const doc = s.app.swagger() as unknown as Document;
    expect(Object.keys(doc.paths).length).toBeGreaterThan(50);
    expect(operationsWithoutResponseSchema(doc)).toEqual([]);
  });

  it('matches the committed OpenAPI snapshot (run `npm run openapi` after a deliberate change)', () => {
    const live = documentText(s.app.swagger());
    const snapshot = readFileSync(OPENAPI_SNAPSHOT, 'utf8');
    // Compared as text, with a short message: the whole document would drown the report.
    if (live !== snapshot) {
      const a = live.split('\n');
      const b = snapshot.split('\n');
      const at = a.findIndex((line, i) => line !== b[i]);
      expect.fail(
        `packages/server/openapi.json is stale: it differs from line ${at + 1} ` +
          `(live: ${JSON.stringify(a[at])}, snapshot: ${JSON.stringify(b[at])}). Run \`npm run openapi\`.`,
      );
    }
  });
});
