import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCounty } from '../../demo/seed.ts';
import { DRIVERS, testServer, type TestServer } from '../../../test/harness.ts';

describe.each(DRIVERS)('bad input on %s: a 4xx in the error shape, never a 500, never a partial write', (driver) => {
  let s: TestServer;
  let admin: string;
  let zeguo: string;
  const count = async (table: string) =>
    Number((await s.database.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

  beforeAll(async () => {
    s = await testServer(driver);
    admin = await s.login('admin');
    const towns = (await s.call({ method: 'GET', url: '/api/org/regions?level=town&limit=50', cookie: admin })).json()
      .items;
    zeguo = towns.find((t: { name: string }) => t.name === '泽国镇').id;
  });
  afterAll(() => s?.close());

  const expectShape = (body: unknown) =>
    expect(body).toMatchObject({
      code: expect.any(String),
      message: { zh: expect.any(String), en: expect.any(String) },
      details: expect.any(Array),
    });

  it('malformed JSON', async () => {
    const res = await s.call({
      method: 'POST',
      url: '/api/org/people',
      cookie: admin,
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "张三",',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('MALFORMED_JSON');
  });

  it('wrong types name the field and the rule', async () => {
    const res = await s.call({
      method: 'POST',
      url: '/api/org/people',
      cookie: admin,
      payload: { employeeNo: 12, name: '张三', role: 'officer', isAuxiliary: 'yes' },
    });
    expect(res.statusCode).toBe(400);
    expectShape(res.json());
    const paths = res.json().details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.employeeNo', 'body.isAuxiliary']));
  });

  it('unknown fields are refused, not ignored', async () => {
    const res = await s.call({
      method: 'POST',
      url: '/api/org/agencies',
      cookie: admin,
      payload: { code: 'X1', name: '某局', kind: 'department', mayActInOwnName: true, isAdmin: true },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0]).toMatchObject({ path: 'body', rule: expect.stringContaining('unrecognized_keys') });
  });

  it('a rule id names what a field broke (phone, ID checksum)', async () => {
    const res = await s.call({
      method: 'POST',
      url: '/api/org/people',
      cookie: admin,
      payload: { employeeNo: 'B1', name: '张三', role: 'officer', phone: '12345', idNumber: '331081199001011234' },
    });
    expect(res.json().details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'body.phone', rule: 'mobile_phone' }),
        expect.objectContaining({ path: 'body.idNumber', rule: 'id_number_checksum' }),
      ]),
    );
  });

  it('oversize bodies', async () => {
    const res = await s.call({
      method: 'POST',
      url: '/api/org/agencies',
      cookie: admin,
      payload: {
        code: 'BIG',
        name: '某',
        kind: 'department',
        mayActInOwnName: true,
        domains: Array(200_000).fill('城市管理'),
      },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('BODY_TOO_LARGE');
  });

  it('path traversal and non-ids in paths', async () => {
    for (const url of [
      '/api/org/people/..%2F..%2Fetc%2Fpasswd',
      '/api/org/people/1%20OR%201=1',
      '/api/org/regions/..%2F..',
    ]) {
      const res = await s.call({ method: 'GET', url, cookie: admin });
      expect(res.statusCode).toBe(400);
      expectShape(res.json());
    }
    const res = await s.call({ method: 'GET', url: '/../../etc/passwd' });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('root:');
  });

  it('SQL and HTML meta-characters in search strings are just text', async () => {
    for (const q of [
      "' OR 1=1 --",
      '"; DROP TABLE people; --',
      '<script>alert(1)</script>',
      '%',
      '_',
      '\\',
      '李%',
      '😀',
    ]) {
      const res = await s.call({ method: 'GET', url: `/api/org/people?q=${encodeURIComponent(q)}`, cookie: admin });
      expect(res.statusCode, q).toBe(200);
      expect(res.json().items, q).toEqual([]);
    }
    expect(await count('people')).toBeGreaterThan(300);
    const ok = await s.call({ method: 'GET', url: `/api/org/people?q=${encodeURIComponent('王')}`, cookie: admin });
    expect(ok.json().items.length).toBeGreaterThan(0);
  });

  it('control characters and overlong search strings are refused', async () => {
    expect(
      (await s.call({ method: 'GET', url: `/api/org/people?q=${encodeURIComponent('a\u0000b')}`, cookie: admin }))
        .statusCode,
    ).toBe(400);
    expect(
      (await s.call({ method: 'GET', url: `/api/org/people?q=${'长'.repeat(101)}`, cookie: admin })).statusCode,
    ).toBe(400);
    expect((await s.call({ method: 'GET', url: '/api/org/people?limit=100000', cookie: admin })).statusCode).toBe(400);
  });

  it('Unicode edge cases in Chinese names', async () => {
    const create = (employeeNo: string, name: string) =>
      s.call({
        method: 'POST',
        url: '/api/org/people',
        cookie: admin,
        payload: { employeeNo, name, role: 'officer', townId: zeguo },
      });
    const rare = await create('U1', '𠮷野家'); // a supplementary-plane character (4 bytes in UTF-8)
    expect(rare.statusCode).toBe(201);
    expect(rare.json().name).toBe('𠮷野家');
    const found = await s.call({ method: 'GET', url: `/api/org/people?q=${encodeURIComponent('𠮷')}`, cookie: admin });
    expect(found.json().items.map((p: { name: string }) => p.name)).toEqual(['𠮷野家']);
    const decomposed = await create('U2', 'Zoe\u0308 李'); // NFD input is stored NFC
    expect(decomposed.json().name).toBe('Zoë 李');
    for (const [no, bad] of [
      ['U3', '张\u200b三'],
      ['U4', '\u202e三张'],
      ['U5', '   '],
      ['U6', '李'.repeat(61)],
    ] as const) {
      const res = await create(no, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().details[0].path).toBe('body.name');
    }
  });

  it('a failing write leaves nothing behind (unknown reference)', async () => {
    const before = [await count('people'), await count('audit_log')];
    const res = await s.call({
      method: 'POST',
      url: '/api/org/people',
      cookie: admin,
      payload: { employeeNo: 'R1', name: '钱七', role: 'officer', teamId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('REFERENCE_INVALID');
    expect([await count('people'), await count('audit_log')]).toEqual(before);
  });

  it('a duplicate code is a 409, not a 500', async () => {
    const body = { code: 'DUP-1', name: '重复机关', kind: 'department', mayActInOwnName: true };
    expect((await s.call({ method: 'POST', url: '/api/org/agencies', cookie: admin, payload: body })).statusCode).toBe(
      201,
    );
    const again = await s.call({ method: 'POST', url: '/api/org/agencies', cookie: admin, payload: body });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'CONFLICT_DUPLICATE',
      details: [{ path: 'body.code', rule: 'unique' }],
    });
  });

  it('concurrent edits never silently overwrite each other', async () => {
    const person = (
      await s.call({ method: 'GET', url: `/api/org/people?townId=${zeguo}&limit=1`, cookie: admin })
    ).json().items[0];
    const edit = (phone: string) =>
      s.call({
        method: 'PATCH',
        url: `/api/org/people/${person.id}`,
        cookie: admin,
        payload: { version: person.version, phone },
      });
    const results = await Promise.all([edit('13800000001'), edit('13800000002')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.statusCode === 409)!;
    expect(loser.json()).toMatchObject({ code: 'CONFLICT_STALE_VERSION', details: [{ path: 'body.version' }] });
    const now = (await s.call({ method: 'GET', url: `/api/org/people/${person.id}`, cookie: admin })).json();
    expect(now.version).toBe(person.version + 1);
    expect(now.teamId).toBe(person.teamId); // a PATCH of one field leaves the others alone
  });

  it('unknown routes and methods', async () => {
    const res = await s.call({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('ROUTE_NOT_FOUND');
  });

  it('a second start does not seed again', async () => {
    const before = await count('people');
    expect(await seedDemoCounty(s.deps)).toBeNull();
    expect(await count('people')).toBe(before);
  });
});
