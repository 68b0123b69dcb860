import { createServer, type Server as NetServer, type Socket, connect } from 'node:net';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { serverOn, testDatabase, testServer, type TestServer } from '../../../test/harness.ts';
import { isDatabaseUnavailable, openDatabase } from '../db/index.ts';

/*
 * A database outage is not the request's fault and not a bug: 503 DATABASE_UNAVAILABLE with Retry-After, in the error
 * shape, and the service answers again once the database is back. PostgreSQL is cut off through a TCP proxy, so
 * the driver meets a real refused and a real dropped connection; PGlite is closed under the running server.
 */

const expectUnavailable = (res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }) => {
  expect(res.statusCode).toBe(503);
  expect(res.headers['retry-after']).toMatch(/^\d+$/);
  expect(res.json()).toMatchObject({
    code: 'DATABASE_UNAVAILABLE',
    message: { zh: expect.any(String), en: expect.any(String) },
    details: [],
  });
};

const login = { method: 'POST' as const, url: '/api/auth/login', payload: { username: 'admin', password: 'x' } };

/** A TCP proxy in front of PostgreSQL that can refuse new connections and drop the open ones. */
class Proxy {
  private server: NetServer | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;
  constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, this.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => (s === client ? upstream : client).destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  /** Stop listening (new connections are refused) and drop every open connection. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

describe('database outage on postgres', () => {
  let s: TestServer | undefined;
  let proxy: Proxy | undefined;
  afterAll(async () => {
    await proxy?.cut();
    await s?.close();
  });

  it('refused and dropped connections are 503 with Retry-After; the service recovers', async () => {
    const direct = await testDatabase('postgres');
    const target = new URL(direct.url!);
    await direct.close();
    proxy = new Proxy(target.hostname, Number(target.port));
    await proxy.start();
    const viaProxy = new URL(target);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const proxied = await openDatabase({ url: viaProxy.toString(), poolSize: 3, log: () => undefined });
    s = await serverOn(proxied, proxied, {});
    const admin = await s.login('admin');
    const people = { method: 'GET' as const, url: '/api/org/people?limit=1', cookie: admin };
    expect((await s.call(people)).statusCode).toBe(200);

    await proxy.cut();
    expectUnavailable(await s.call(people));
    expectUnavailable(await s.call(login));
    // Readiness says so in its own words.
    expect((await s.call({ method: 'GET', url: '/api/ready' })).json().code).toBe('NOT_READY');

    await proxy.start(); // the same port
    expect((await s.call(people)).statusCode).toBe(200);
  });

  it('a connection dropped in the middle of a statement is recognised as an outage', async () => {
    const direct = await testDatabase('postgres');
    const target = new URL(direct.url!);
    await direct.close();
    const cutter = new Proxy(target.hostname, Number(target.port));
    await cutter.start();
    const url = new URL(target);
    url.host = `127.0.0.1:${cutter.port}`;
    const client = new pg.Client({ connectionString: url.toString() });
    client.on('error', () => undefined);
    await client.connect();
    const query = client.query('SELECT pg_sleep(5)').catch((err: unknown) => err);
    await new Promise((r) => setTimeout(r, 100));
    await cutter.cut();
    const err = await query;
    expect(err).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(err)).toBe(true);
    // A statement that fails for its own reasons is not an outage.
    const broken = await testDatabase('postgres');
    const syntax = await broken.query('SELEC 1').catch((e: unknown) => e);
    await broken.close();
    expect(isDatabaseUnavailable(syntax)).toBe(false);
  });
});

describe('database outage on pglite', () => {
  it('a closed embedded database is 503 with Retry-After', async () => {
    const s = await testServer('pglite');
    const admin = await s.login('admin');
    await s.database.close();
    expectUnavailable(await s.call({ method: 'GET', url: '/api/org/people?limit=1', cookie: admin }));
    expectUnavailable(await s.call(login));
    // Its listeners cannot unsubscribe from a closed database: closing the app reports that, and nothing else.
    await s.app.close().catch((err: unknown) => expect(isDatabaseUnavailable(err)).toBe(true));
  });
});
