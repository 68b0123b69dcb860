import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildServer, type Server } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { fixedClock } from '../src/platform/clock.ts';
import { openDatabase, type Database } from '../src/platform/db/index.ts';
import { DEMO_PASSWORD, TEST_NOW, type Driver } from './constants.ts';

export { DRIVERS, DEMO_PASSWORD, TEST_NOW, type Driver } from './constants.ts';

export interface TestServer extends Server {
  database: Database;
  clock: ReturnType<typeof fixedClock>;
  /** Log in as a demo user and return the Cookie header value. */
  login(username: string, password?: string): Promise<string>;
  /** app.inject with an optional session cookie. */
  call(opts: InjectOptions & { cookie?: string }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** A fresh copy of the seeded demo county on the given driver (PGlite from the dump, PostgreSQL from the template). */
export async function testDatabase(driver: Driver): Promise<Database> {
  if (driver === 'pglite') {
    return openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
  }
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: inject('pgServerUrl') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
  await admin.end();
  const u = new URL(inject('pgServerUrl'));
  u.pathname = `/${name}`;
  return openDatabase({ url: u.toString(), poolSize: 5 });
}

export async function testServer(driver: Driver, env: Record<string, string> = {}): Promise<TestServer> {
  return serverOn(await testDatabase(driver), env);
}

/**
 * Another server process on the same PostgreSQL database as `first` (its own pool, directory and listeners), as a
 * second node of a deployment would be.
 */
export async function secondNode(first: TestServer, env: Record<string, string> = {}): Promise<TestServer> {
  if (!first.database.url) throw new Error('a second node needs PostgreSQL');
  return serverOn(await openDatabase({ url: first.database.url, poolSize: 5 }), env);
}

/** A server on a database the test opened itself (through a proxy, say). */
export async function serverOn(database: Database, env: Record<string, string> = {}): Promise<TestServer> {
  const clock = fixedClock(TEST_NOW);
  // Files (evidence photos) go to a directory of their own per server, never into the checkout.
  const dataDir = env['DATA_DIR'] ?? mkdtempSync(join(tmpdir(), 'oe-test-'));
  // The escalation job runs only when a test calls it: a timer firing mid-test would write notifications and audit
  // records the test did not ask for.
  const config: Config = loadConfig({
    LOG_LEVEL: 'silent',
    WEB_DIST: '/nonexistent',
    DATA_DIR: dataDir,
    EVENT_ESCALATION_INTERVAL_MS: '0',
    ...env,
  });
  const server = await buildServer(config, database, clock);
  const app: FastifyInstance = server.app;
  const call = (opts: InjectOptions & { cookie?: string }) => {
    const { cookie, ...rest } = opts;
    return app.inject({ ...rest, headers: { ...(rest.headers ?? {}), ...(cookie ? { cookie } : {}) } });
  };
  return {
    ...server,
    database,
    clock,
    call,
    async login(username, password = DEMO_PASSWORD) {
      const res = await call({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const c = res.cookies.find((x) => x.name === 'oe_session');
      return `oe_session=${c!.value}`;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
