import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, testServer, type TestServer } from '../../../test/harness.ts';

/**
 * Outside demo mode the published demo password must be changed at the first login: until then the API answers
 * 403 AUTH_PASSWORD_CHANGE_REQUIRED for everything but me, logout and the password change.
 */
describe.each(DRIVERS)('first login outside demo mode on %s', (driver) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer(driver, { DEMO_MODE: 'false' });
  });
  afterAll(() => s?.close());

  it('a demo account must change its password before anything else', async () => {
    const login = await s.call({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'officer', password: 'Demo@2026' },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().user.mustChangePassword).toBe(true);
    const cookie = `oe_session=${login.cookies.find((c) => c.name === 'oe_session')!.value}`;

    for (const url of ['/api/org/people', '/api/org/teams', '/api/notifications', '/api/catalog/matters']) {
      const r = await s.call({ method: 'GET', url, cookie });
      expect({ url, status: r.statusCode, code: r.json().code }).toEqual({
        url,
        status: 403,
        code: 'AUTH_PASSWORD_CHANGE_REQUIRED',
      });
    }
    const write = await s.call({
      method: 'POST',
      url: '/api/org/agencies',
      cookie,
      payload: { code: 'AG-FIRST', name: '首次登录前', kind: 'department', mayActInOwnName: true },
    });
    expect(write.statusCode).toBe(403);
    // Public pages and the user's own identity still answer.
    expect((await s.call({ method: 'GET', url: '/api/health', cookie })).statusCode).toBe(200);
    expect((await s.call({ method: 'GET', url: '/api/auth/me', cookie })).json().user.mustChangePassword).toBe(true);

    const changed = await s.call({
      method: 'POST',
      url: '/api/auth/password',
      cookie,
      payload: { currentPassword: 'Demo@2026', newPassword: 'Zeguo-patrol-2026' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await s.call({ method: 'GET', url: '/api/auth/me', cookie })).json().user.mustChangePassword).toBe(false);
    expect((await s.call({ method: 'GET', url: '/api/org/people', cookie })).statusCode).toBe(200);
    // The next login is an ordinary one.
    const again = await s.call({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'officer', password: 'Zeguo-patrol-2026' },
    });
    expect(again.json().user.mustChangePassword).toBe(false);
  });

  it('logout works while the change is pending', async () => {
    const cookie = await s.login('reviewer');
    expect((await s.call({ method: 'POST', url: '/api/auth/logout', cookie })).statusCode).toBe(204);
  });
});

describe.each(DRIVERS)('demo mode on %s (the default with the demo county)', (driver) => {
  it('demo accounts keep their published password', async () => {
    const s = await testServer(driver);
    try {
      const cookie = await s.login('officer');
      expect((await s.call({ method: 'GET', url: '/api/auth/me', cookie })).json().user.mustChangePassword).toBe(false);
      expect((await s.call({ method: 'GET', url: '/api/org/people', cookie })).statusCode).toBe(200);
    } finally {
      await s.close();
    }
  });
});
