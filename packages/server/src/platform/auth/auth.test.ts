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

  it('locks an account after 5 failures, even for the right password, until the lock expires', async () => {
    for (let i = 0; i < 4; i++) {
      const r = await s.call({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'dept', password: `wrong${i}` },
      });
      expect(r.statusCode).toBe(401);
    }
    const fifth = await s.call({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'dept', password: 'wrong5' },
    });
    expect(fifth.statusCode).toBe(423);
    const right = await s.call({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'dept', password: 'Demo@2026' },
    });
    expect(right.json().code).toBe('AUTH_LOCKED');
    s.clock.advance(16 * 60_000);
    const later = await s.call({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'dept', password: 'Demo@2026' },
    });
    expect(later.statusCode).toBe(200);
  });

  it('throttles one client address after many failures across accounts', async () => {
    const from = { remoteAddress: '10.9.8.7' };
    let last = 0;
    for (let i = 0; i < 21; i++) {
      const r = await s.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: `ghost${i}`, password: 'x' },
        ...from,
      });
      last = r.statusCode;
    }
    expect(last).toBe(429);
    const other = await s.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'ghost', password: 'x' },
      remoteAddress: '10.9.8.8',
    });
    expect(other.statusCode).toBe(401);
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
    expect(weak.json().details[0]).toMatchObject({ path: 'body.newPassword' });
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
