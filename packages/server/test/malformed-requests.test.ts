import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, testServer, type TestServer } from './harness.ts';

/*
 * The malformed requests an outside review answered with 500 (issue 13 §2), each named: a 4xx in the error shape
 * {code, message: {zh, en}, details: [{path, rule}]} that names the field and the rule, and nothing written.
 * The fuzz test (fuzz.test.ts) looks for the ones nobody has named yet.
 */
describe.each(DRIVERS)('malformed requests on %s', (driver) => {
  let s: TestServer;
  let admin: string;
  const count = async (table: string) =>
    Number((await s.database.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

  beforeAll(async () => {
    s = await testServer(driver);
    admin = await s.login('admin');
  });
  afterAll(() => s?.close());

  const expectError = (
    res: { statusCode: number; json(): unknown; body: string },
    status: number,
    detail?: { path: string; rule: string },
  ) => {
    expect(res.statusCode, res.body).toBe(status);
    const body = res.json() as { details: unknown[] };
    expect(body).toMatchObject({
      code: expect.any(String),
      message: { zh: expect.any(String), en: expect.any(String) },
      details: expect.any(Array),
    });
    if (detail) expect(body.details).toContainEqual(expect.objectContaining(detail));
  };

  describe('the text rule: no U+0000, no lone surrogate, in any field', () => {
    it('login, anonymous', async () => {
      for (const [payload, path, rule] of [
        [{ username: 'admin\u0000', password: 'x' }, 'body.username', 'no_nul_character'],
        [{ username: 'admin', password: '\u0000' }, 'body.password', 'no_nul_character'],
        [{ username: '\ud800admin', password: 'x' }, 'body.username', 'well_formed_unicode'],
        [{ username: 'admin', password: 'x\udfff' }, 'body.password', 'well_formed_unicode'],
      ] as const) {
        const res = await s.call({ method: 'POST', url: '/api/auth/login', payload });
        expectError(res, 400, { path, rule });
        const detail = (res.json() as { details: { message?: unknown }[] }).details[0]!;
        expect(detail.message).toEqual(
          rule === 'no_nul_character'
            ? { zh: expect.stringContaining('空字符'), en: expect.stringContaining('U+0000') }
            : { zh: expect.stringContaining('代理项'), en: expect.stringContaining('surrogate') },
        );
      }
    });

    it('nested fields and free-form keys, signed in; nothing is written', async () => {
      const before = [await count('agencies'), await count('audit_log')];
      const base = { code: 'TXT-1', name: '某局', kind: 'department', mayActInOwnName: true };
      for (const [payload, path] of [
        [{ ...base, domains: ['城市管理', '市容\u0000环境'] }, 'body.domains.1'],
        [{ ...base, name: '某\ud83d局' }, 'body.name'],
        [{ ...base, ['x\u0000']: 1 }, 'body'],
      ] as const) {
        const res = await s.call({ method: 'POST', url: '/api/org/agencies', cookie: admin, payload });
        expectError(res, 400, { path, rule: expect.any(String) as unknown as string });
      }
      expect([await count('agencies'), await count('audit_log')]).toEqual(before);
    });

    it('query strings: the public catalog with domain=%00', async () => {
      const res = await s.call({ method: 'GET', url: '/api/public/catalog/matters?domain=%00' });
      expectError(res, 400, { path: 'query.domain', rule: 'no_nul_character' });
    });

    it('a supplementary-plane character (a surrogate pair) is text like any other', async () => {
      const res = await s.call({ method: 'GET', url: `/api/org/people?q=${encodeURIComponent('𠮷')}`, cookie: admin });
      expect(res.statusCode).toBe(200);
    });
  });

  describe('forged paging cursors are a 400 on query.cursor, never a SQL error', () => {
    const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
    it('organisation lists (keys: codes and numbers as text)', async () => {
      for (const url of ['/api/org/people', '/api/org/regions', '/api/org/teams', '/api/org/agencies']) {
        for (const cursor of [b64('\u0000'), b64('a\u0000b'), '!!', 'AB=', '_w', 'x'.repeat(201)]) {
          const res = await s.call({
            method: 'GET',
            url: `${url}?cursor=${encodeURIComponent(cursor)}`,
            cookie: admin,
          });
          expectError(res, 400, { path: 'query.cursor', rule: expect.any(String) as unknown as string });
        }
      }
    });

    it('the event list (key: a bigint sequence)', async () => {
      for (const cursor of [b64('abc'), b64('1e3'), b64('99999999999999999999'), b64('\u0000'), b64('-')]) {
        const res = await s.call({ method: 'GET', url: `/api/events?cursor=${cursor}`, cookie: admin });
        expectError(res, 400, { path: 'query.cursor', rule: 'cursor' });
      }
    });

    it('notifications', async () => {
      const res = await s.call({ method: 'GET', url: `/api/notifications?cursor=${b64('x')}`, cookie: admin });
      expectError(res, 400, { path: 'query.cursor', rule: 'cursor' });
    });

    it('a cursor the server wrote still pages', async () => {
      const first = (await s.call({ method: 'GET', url: '/api/org/people?limit=2', cookie: admin })).json();
      const next = await s.call({
        method: 'GET',
        url: `/api/org/people?limit=2&cursor=${first.nextCursor}`,
        cookie: admin,
      });
      expect(next.statusCode).toBe(200);
      expect(next.json().items[0].employeeNo > first.items[1].employeeNo).toBe(true);
      const events = (await s.call({ method: 'GET', url: '/api/events?limit=2', cookie: admin })).json();
      const more = await s.call({
        method: 'GET',
        url: `/api/events?limit=2&cursor=${events.nextCursor}`,
        cookie: admin,
      });
      expect(more.statusCode).toBe(200);
      expect(more.json().items).toHaveLength(2);
    });
  });

  describe('integers are bounded by their column (int4)', () => {
    it('a version above 2^31−1', async () => {
      const person = (await s.call({ method: 'GET', url: '/api/org/people?limit=1', cookie: admin })).json().items[0];
      const patch = await s.call({
        method: 'PATCH',
        url: `/api/org/people/${person.id}`,
        cookie: admin,
        payload: { version: 2 ** 31, phone: '13800000009' },
      });
      expectError(patch, 400, { path: 'body.version', rule: expect.any(String) as unknown as string });
      const event = (await s.call({ method: 'GET', url: '/api/events?limit=1', cookie: admin })).json().items[0];
      const triage = await s.call({
        method: 'POST',
        url: `/api/events/${event.id}/triage`,
        cookie: admin,
        payload: { version: 2 ** 31 },
      });
      expectError(triage, 400, { path: 'body.version', rule: expect.any(String) as unknown as string });
    });
  });

  describe('uploads', () => {
    const url = '/api/org/import/people?dryRun=true';
    const part = (filename: string) =>
      Buffer.from(
        `--b0undary\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
          'Content-Type: text/csv\r\n\r\n工号,姓名\r\n1,张三\r\n--b0undary--\r\n',
      );

    it('multipart without a boundary', async () => {
      for (const type of [
        'multipart/form-data',
        'multipart/form-data; boundary=',
        `multipart/form-data; boundary=${'x'.repeat(300)}`,
      ]) {
        const res = await s.call({
          method: 'POST',
          url,
          cookie: admin,
          headers: { 'content-type': type },
          payload: part('a.csv'),
        });
        expectError(res, 400, { path: 'headers.content-type', rule: 'multipart_boundary' });
      }
    });

    it('a truncated multipart body', async () => {
      const res = await s.call({
        method: 'POST',
        url,
        cookie: admin,
        headers: { 'content-type': 'multipart/form-data; boundary=b0undary' },
        payload: part('a.csv').subarray(0, 60),
      });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    });

    it('a NUL in the file name', async () => {
      const res = await s.call({
        method: 'POST',
        url,
        cookie: admin,
        headers: { 'content-type': 'multipart/form-data; boundary=b0undary' },
        payload: part('a\u0000.csv'),
      });
      expectError(res, 400, { path: 'body.file.filename', rule: 'no_nul_character' });
    });
  });

  describe("the framework's own errors are in the error shape", () => {
    it('bad percent-encoding in the path', async () => {
      for (const url of ['/api/org/people/%E0%A4%A', '/api/org/people/%', '/api/org/people/%zz']) {
        expectError(await s.call({ method: 'GET', url, cookie: admin }), 400, {
          path: 'url',
          rule: 'percent_encoding',
        });
      }
    });

    it('a path parameter too long for the router: 414', async () => {
      const res = await s.call({ method: 'GET', url: `/api/org/people/${'a'.repeat(200)}`, cookie: admin });
      expectError(res, 414, { path: 'url', rule: 'max_param_length' });
      expect(res.json().code).toBe('URI_TOO_LONG');
    });

    it("requests Node's HTTP parser refuses, over a real socket", async () => {
      await s.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = s.app.server.address() as AddressInfo;
      const raw = (request: string) =>
        new Promise<string>((resolve, reject) => {
          const socket = connect(port, '127.0.0.1', () => socket.write(request));
          let answer = '';
          socket.on('data', (d) => (answer += d.toString()));
          socket.on('end', () => resolve(answer));
          socket.on('error', reject);
        });
      const shape = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as unknown;
      const long = await raw(`GET /api/health?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(long).toMatch(/^HTTP\/1\.1 431 /);
      expect(shape(long)).toMatchObject({ code: 'HEADERS_TOO_LARGE', message: { zh: expect.any(String) } });
      const garbage = await raw('NOT A REQUEST\r\n\r\n');
      expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
      expect(shape(garbage)).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ path: 'request', rule: 'http_syntax' }],
      });
    });

    it('a content type nobody parses', async () => {
      for (const type of ['text/plain', 'application/xml', ';;;', 'application/json;;;']) {
        const res = await s.call({
          method: 'POST',
          url: '/api/auth/login',
          headers: { 'content-type': type },
          payload: '{"username":"a","password":"b"}',
        });
        expect(res.statusCode, type).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, type).toBeLessThan(500);
        expectError(res, res.statusCode);
      }
    });
  });

  describe('a route that needs a session answers 401 before it reads the body', () => {
    it('anonymous malformed requests to protected routes', async () => {
      for (const [payload, type] of [
        ['{"name": "张三",', 'application/json'],
        ['{"name":"\\u0000"}', 'application/json'],
        ['x', 'text/plain'],
        ['x', 'multipart/form-data'],
      ]) {
        const res = await s.call({
          method: 'POST',
          url: '/api/org/people',
          headers: { 'content-type': type! },
          payload,
        });
        expectError(res, 401);
        expect(res.json().code).toBe('AUTH_REQUIRED');
      }
      const res = await s.call({ method: 'GET', url: '/api/events?limit=100000&cursor=%00' });
      expect(res.statusCode).toBe(401);
    });

    it('public routes are still public, and the OpenAPI document says which need a session', async () => {
      expect((await s.call({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      expect((await s.call({ method: 'GET', url: '/api/public/catalog/lists' })).statusCode).toBe(200);
      expect((await s.call({ method: 'GET', url: '/open311/v2/services.json' })).statusCode).toBe(200);
      expect((await s.call({ method: 'GET', url: '/api/docs/json' })).statusCode).toBe(200);
      expect((await s.call({ method: 'GET', url: '/api/nope' })).statusCode).toBe(404);
      const paths = (s.app.swagger() as { paths: Record<string, Record<string, { security?: unknown[] }>> }).paths;
      expect(paths['/api/auth/login']!['post']!.security).toEqual([]);
      expect(paths['/api/org/people']!['post']!.security).toEqual([{ session: [] }]);
      expect(paths['/api/hotline/tickets']!['post']!.security).toEqual([]);
    });
  });
});
