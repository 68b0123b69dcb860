import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, secondNode, testServer, type TestServer } from '../../../test/harness.ts';

describe.each(DRIVERS)('auth on %s', (driver) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer(driver);
  });
  afterAll(() => s?.close());

  it('logs in with an httpOnly SameSite cookie and answers /me', async () => {
    const res = await s.call({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'officer', password: 'Demo@2026' },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'oe_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    const me = await s.call({ method: 'GET', url: '/api/auth/me', cookie: `oe_session=${cookie.value}` });
    expect(me.json().user).toMatchObject({ username: 'officer', role: 'officer', scopeTownName: '泽国镇' });
  });

  it('refuses a wrong password with the error shape, in zh and en', async () => {
    const res = await s.call({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'reviewer', password: 'nope' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({
      code: 'AUTH_INVALID_CREDENTIALS',
      message: { zh: '用户名或密码错误', en: expect.any(String) },
      details: [],
    });
  });

  const attempt = (username: string, password: string, remoteAddress: string, headers: Record<string, string> = {}) =>
    s.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress, headers });

  it('20 wrong logins against admin from one address do not stop admin at another address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await attempt('admin', `wrong${i}`, '10.20.0.1')).statusCode);
    // Five free failures, then the attacker's address waits (429), never a lock on the account (423 before).
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
    expect((await attempt('admin', 'Demo@2026', '10.20.0.2')).statusCode).toBe(200);
    // At the attacker's address the right password waits too (the delay is per account and address).
    expect((await attempt('admin', 'Demo@2026', '10.20.0.1')).statusCode).toBe(429);
  });

  it('delays grow 1, 2, 4 … seconds after the free failures, and end by themselves', async () => {
    const from = '10.20.1.1';
    for (let i = 0; i < 5; i++) expect((await attempt('dept', `wrong${i}`, from)).statusCode).toBe(401);
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const held = await attempt('dept', 'Demo@2026', from);
      expect(held.statusCode).toBe(429);
      expect(held.json()).toMatchObject({
        code: 'AUTH_THROTTLED',
        details: [{ rule: expect.stringMatching(/^retry_after:\d+$/) }],
      });
      const wait = Number(held.headers['retry-after']);
      waits.push(wait);
      s.clock.advance(wait * 1000);
      expect((await attempt('dept', `again${i}`, from)).statusCode).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4, 8]);
    s.clock.advance(16_000);
    expect((await attempt('dept', 'Demo@2026', from)).statusCode).toBe(200);
  });

  it('rotating X-Forwarded-For does not bypass throttling (no proxy is trusted by default)', async () => {
    let last = 0;
    for (let i = 0; i < 25; i++) {
      const r = await attempt(`ghost${i}`, 'x', '10.9.8.7', { 'x-forwarded-for': `203.0.113.${i}` });
      last = r.statusCode;
    }
    expect(last).toBe(429);
    expect((await attempt('ghost', 'x', '10.9.8.8')).statusCode).toBe(401);
  });

  it('answers an unknown user exactly as a wrong password: status, body, headers, throttling, audit', async () => {
    const answer = async (username: string, from: string) => {
      const r = await attempt(username, 'not-the-password', from);
      const { requestId: _, ...body } = r.json();
      const headers = Object.keys(r.headers)
        .filter((h) => !['date', 'content-length'].includes(h))
        .sort()
        .map((h) => `${h}: ${h === 'retry-after' ? r.headers[h] : typeof r.headers[h]}`);
      return { status: r.statusCode, body, headers };
    };
    for (let i = 0; i < 7; i++) {
      expect(await answer('supervisor', '10.20.2.1')).toEqual(await answer('no-such-person', '10.20.2.2'));
    }
    const audit = await s.database.query<{ action: string; after: { reason: string } }>(
      `SELECT action, after FROM audit_log WHERE client_ip IN ('10.20.2.1', '10.20.2.2') ORDER BY seq`,
    );
    expect(audit.map((a) => a.action)).toEqual(Array(10).fill('auth.login_failed'));
  });

  it('logs out: the cookie no longer works', async () => {
    const cookie = await s.login('supervisor');
    expect((await s.call({ method: 'POST', url: '/api/auth/logout', cookie })).statusCode).toBe(204);
    const me = await s.call({ method: 'GET', url: '/api/auth/me', cookie });
    expect(me.statusCode).toBe(401);
    expect(me.json().code).toBe('AUTH_REQUIRED');
  });

  it('expires idle sessions and sessions past their maximum age', async () => {
    const cookie = await s.login('leader');
    s.clock.advance(119 * 60_000);
    expect((await s.call({ method: 'GET', url: '/api/auth/me', cookie })).statusCode).toBe(200);
    s.clock.advance(121 * 60_000);
    expect((await s.call({ method: 'GET', url: '/api/auth/me', cookie })).statusCode).toBe(401);

    const busy = await s.login('leader');
    for (let h = 0; h < 12; h++) {
      s.clock.advance(60 * 60_000);
      const r = await s.call({ method: 'GET', url: '/api/auth/me', cookie: busy });
      expect(r.statusCode).toBe(h < 11 ? 200 : 401);
    }
  });

  it('changes the password: the old one stops working, other sessions end, this one stays', async () => {
    const a = await s.login('auxiliary');
    const b = await s.login('auxiliary');
    const weak = await s.call({
      method: 'POST',
      url: '/api/auth/password',
      cookie: a,
      payload: { currentPassword: 'Demo@2026', newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({
      code: 'AUTH_PASSWORD_POLICY',
      details: [
        { path: 'body.newPassword', rule: 'password_too_short', message: { zh: '密码至少 10 个字符' } },
        { path: 'body.newPassword', rule: 'password_one_kind' },
      ],
    });
    const refused = async (newPassword: string, currentPassword = 'Demo@2026') => {
      const r = await s.call({
        method: 'POST',
        url: '/api/auth/password',
        cookie: a,
        payload: { currentPassword, newPassword },
      });
      expect(r.statusCode).toBe(400);
      return r.json().details.map((d: { rule: string }) => d.rule);
    };
    expect(await refused('Auxiliary-2026')).toEqual(['password_contains_username']);
    expect(await refused('1qaz2wsx3edc')).toEqual(['password_common']);
    expect(await refused('Same-as-before-1', 'Same-as-before-1')).toEqual(['password_same_as_current']);
    const wrong = await s.call({
      method: 'POST',
      url: '/api/auth/password',
      cookie: a,
      payload: { currentPassword: 'nope', newPassword: 'Better2026pass' },
    });
    expect(wrong.json().code).toBe('AUTH_WRONG_PASSWORD');
    const ok = await s.call({
      method: 'POST',
      url: '/api/auth/password',
      cookie: a,
      payload: { currentPassword: 'Demo@2026', newPassword: 'Better2026pass' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await s.call({ method: 'GET', url: '/api/auth/me', cookie: a })).statusCode).toBe(200);
    expect((await s.call({ method: 'GET', url: '/api/auth/me', cookie: b })).statusCode).toBe(401);
    await expect(s.login('auxiliary')).rejects.toThrow(/401/);
    await expect(s.login('auxiliary', 'Better2026pass')).resolves.toMatch(/^oe_session=/);
  });

  it('stores argon2id hashes, never the password', async () => {
    const rows = await s.database.query<{ password_hash: string }>(
      `SELECT password_hash FROM users WHERE username = 'admin'`,
    );
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$/);
  });
});

describe('sessions across two server processes', () => {
  it('a logout on one node ends the session on the other at once', async () => {
    const a = await testServer('postgres');
    const b = await secondNode(a);
    try {
      const cookie = await a.login('operator');
      expect((await b.call({ method: 'GET', url: '/api/auth/me', cookie })).statusCode).toBe(200); // now cached on b
      expect((await a.call({ method: 'POST', url: '/api/auth/logout', cookie })).statusCode).toBe(204);
      await expect
        .poll(async () => (await b.call({ method: 'GET', url: '/api/auth/me', cookie })).statusCode, { timeout: 5000 })
        .toBe(401);
    } finally {
      await b.close();
      await a.close();
    }
  });
});
