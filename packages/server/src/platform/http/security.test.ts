import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, testServer, type TestServer } from '../../../test/harness.ts';
import { tileSource } from './security.ts';

describe.each(DRIVERS)('browser security on %s', (driver) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer(driver);
  });
  afterAll(() => s?.close());

  it('sends CSP without inline script, frame-ancestors none, a Referrer-Policy, and no HSTS over plain HTTP', async () => {
    for (const url of ['/api/health', '/api/no-such-route']) {
      const r = await s.call({ method: 'GET', url });
      const csp = String(r.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('refuses a cross-origin POST that carries the session cookie, and keeps the session', async () => {
    const cookie = await s.login('operator');
    const forged = await s.call({
      method: 'POST',
      url: '/api/auth/logout',
      cookie,
      headers: { origin: 'https://evil.example' },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json()).toMatchObject({ code: 'ORIGIN_REFUSED', details: [{ path: 'headers.origin' }] });
    const byReferer = await s.call({
      method: 'POST',
      url: '/api/org/agencies',
      cookie,
      headers: { referer: 'https://evil.example/page' },
      payload: { code: 'AG-CSRF', name: '跨站', kind: 'department', mayActInOwnName: true },
    });
    expect(byReferer.statusCode).toBe(403);
    const fetchMeta = await s.call({
      method: 'POST',
      url: '/api/auth/logout',
      cookie,
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(fetchMeta.statusCode).toBe(403);
    expect((await s.call({ method: 'GET', url: '/api/auth/me', cookie })).statusCode).toBe(200);
    // The same origin (the Host the browser addressed, default port written or not) passes.
    const same = await s.call({
      method: 'POST',
      url: '/api/auth/logout',
      cookie,
      headers: { origin: 'http://localhost', host: 'localhost:80' },
    });
    expect(same.statusCode).toBe(204);
  });

  it('checks the Origin of a login form too (login CSRF), but not of machine channels without the cookie', async () => {
    const login = await s.call({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { username: 'operator', password: 'Demo@2026' },
    });
    expect(login.statusCode).toBe(403);
    const open311 = await s.call({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { origin: 'https://a-citizen-app.example' },
      payload: { api_key: 'demo-open311-key', service_code: 'noise', lat: 28.38, long: 121.37 },
    });
    expect(open311.statusCode).not.toBe(403);
  });

  it('keeps a plain client X-Request-Id and replaces a long or odd one', async () => {
    const idOf = async (id: string) =>
      (await s.call({ method: 'GET', url: '/api/no-such-route', headers: { 'x-request-id': id } })).json()
        .requestId as string;
    expect(await idOf('proxy-1234.abc')).toBe('proxy-1234.abc');
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    expect(await idOf('x'.repeat(5000))).toMatch(uuid);
    expect(await idOf('forged" level=fatal msg="x')).toMatch(uuid);
  });
});

describe.each(DRIVERS)('behind HTTPS and a trusted proxy on %s', (driver) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer(driver, {
      COOKIE_SECURE: 'true',
      TRUST_PROXY: '10.0.0.5',
      ALLOWED_ORIGINS: 'https://portal.county.example',
    });
  });
  afterAll(() => s?.close());

  it('sends HSTS and upgrade-insecure-requests', async () => {
    const r = await s.call({ method: 'GET', url: '/api/health' });
    expect(r.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(String(r.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
  });

  it('believes X-Forwarded-For only from the configured proxy', async () => {
    let n = 0;
    const fail = (remoteAddress: string, xff: string) =>
      s.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: `nobody${n++}`, password: 'x' },
        remoteAddress,
        headers: { 'x-forwarded-for': xff },
      });
    // Through the proxy: each client address is its own; 21 failures from one client are throttled.
    for (let i = 0; i < 20; i++) expect((await fail('10.0.0.5', '198.51.100.1')).statusCode).toBe(401);
    expect((await fail('10.0.0.5', '198.51.100.1')).statusCode).toBe(429);
    expect((await fail('10.0.0.5', '198.51.100.2')).statusCode).toBe(401);
    const audit = await s.database.query<{ client_ip: string }>(
      `SELECT DISTINCT client_ip FROM audit_log WHERE action = 'auth.login_failed' ORDER BY client_ip`,
    );
    expect(audit.map((a) => a.client_ip)).toEqual(['198.51.100.1', '198.51.100.2']);
  });

  it('accepts a configured origin and the proxied host over HTTPS', async () => {
    const cookie = await s.login('operator');
    const portal = await s.call({
      method: 'POST',
      url: '/api/auth/logout',
      cookie,
      headers: { origin: 'https://portal.county.example' },
    });
    expect(portal.statusCode).toBe(204);
    const again = await s.login('operator');
    const proxied = await s.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      remoteAddress: '10.0.0.5',
      headers: {
        cookie: again,
        origin: 'https://enforce.county.example',
        'x-forwarded-host': 'enforce.county.example',
      },
    });
    expect(proxied.statusCode).toBe(204);
  });
});

describe('map tile sources for the CSP', () => {
  it('turns a subdomain placeholder into a wildcard', () => {
    expect(tileSource('https://t{s}.tianditu.gov.cn/vec_w/wmts?tk=KEY')).toBe('https://*.tianditu.gov.cn');
    expect(tileSource('https://tiles.example.org/{z}/{x}/{y}.png')).toBe('https://tiles.example.org');
    expect(tileSource('https://a.{s}.example.org/{z}.png')).toBe('https:');
    expect(tileSource(undefined)).toBeNull();
  });
});
