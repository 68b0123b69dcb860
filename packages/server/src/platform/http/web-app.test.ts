import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, testServer, type TestServer } from '../../../test/harness.ts';
import { CACHE_HASHED, CACHE_REVALIDATE } from './web-app.ts';

/** A built web app as Vite leaves it: index.html, a hashed chunk with its precompressed copies, robots.txt. */
function fakeWebDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'oe-web-dist-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), `<!doctype html><title>OpenEnforce</title>${'<!-- pad -->'.repeat(200)}`);
  const chunk = Buffer.from(`export const x = ${JSON.stringify('a'.repeat(5000))};`);
  writeFileSync(join(dir, 'assets/app-Ab12Cd34.js'), chunk);
  writeFileSync(join(dir, 'assets/app-Ab12Cd34.js.br'), brotliCompressSync(chunk));
  writeFileSync(join(dir, 'assets/app-Ab12Cd34.js.gz'), gzipSync(chunk));
  writeFileSync(join(dir, 'robots.txt'), 'User-agent: *\nDisallow: /\n');
  return dir;
}

describe.each(DRIVERS)('the web app and compression on %s', (driver) => {
  let s: TestServer;
  let dist: string;
  beforeAll(async () => {
    dist = fakeWebDist();
    s = await testServer(driver, { WEB_DIST: dist });
  });
  afterAll(async () => {
    await s?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('sends a hashed asset precompressed as the client accepts it, cached for a year', async () => {
    const url = '/assets/app-Ab12Cd34.js';
    const br = await s.call({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe(CACHE_HASHED);
    expect(String(br.headers['content-type'])).toContain('javascript');
    expect(brotliDecompressSync(br.rawPayload).toString()).toContain('export const x');
    expect(br.rawPayload.length).toBeLessThan(500);

    const gz = await s.call({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['cache-control']).toBe(CACHE_HASHED);

    const plain = await s.call({ method: 'GET', url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toContain('export const x');
    expect(plain.headers['cache-control']).toBe(CACHE_HASHED);
  });

  it('revalidates index.html on every load, at / and at any client route', async () => {
    for (const url of ['/', '/report', '/field/123']) {
      const r = await s.call({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
      expect(r.statusCode, url).toBe(200);
      expect(String(r.headers['content-type']), url).toContain('text/html');
      expect(r.headers['cache-control'], url).toBe(CACHE_REVALIDATE);
    }
  });

  it('answers robots.txt as text, and a missing hashed asset with a 404 instead of the app', async () => {
    const robots = await s.call({ method: 'GET', url: '/robots.txt' });
    expect(robots.statusCode).toBe(200);
    expect(String(robots.headers['content-type'])).toContain('text/plain');
    expect(robots.body).toContain('User-agent');
    expect(robots.headers['cache-control']).toBe(CACHE_REVALIDATE);

    const missing = await s.call({ method: 'GET', url: '/assets/app-OldBuild.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });

  it('compresses API answers over 1 kB for a client that accepts it, and leaves small ones alone', async () => {
    const cookie = await s.login('admin');
    const url = '/api/org/people?limit=50';
    const br = await s.call({ method: 'GET', url, cookie, headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    const plain = await s.call({ method: 'GET', url, cookie });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual(plain.json());
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);

    const small = await s.call({ method: 'GET', url: '/api/health', headers: { 'accept-encoding': 'br' } });
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('never inflates a compressed request body', async () => {
    const body = gzipSync(JSON.stringify({ username: 'admin', password: 'Demo@2026' }));
    const r = await s.call({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: body,
    });
    expect(r.statusCode).toBeGreaterThanOrEqual(400);
    expect(r.statusCode).toBeLessThan(500);
  });
});
