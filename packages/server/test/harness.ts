import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildServer, type Server } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { verifyAuditChain, type VerifyReport } from '../src/platform/audit/index.ts';
import { fixedClock } from '../src/platform/clock.ts';
import { openDatabase, type Database } from '../src/platform/db/index.ts';
import { DEMO_PASSWORD, TEST_APP_ROLE, TEST_AUDIT_ENV, TEST_NOW, type Driver } from './constants.ts';

export { DRIVERS, DEMO_PASSWORD, TEST_AUDIT_ENV, TEST_NOW, type Driver } from './constants.ts';

export interface TestServer extends Server {
  /** The server's own connection: on PostgreSQL as the app role, which owns nothing. */
  database: Database;
  /**
   * The same database as its owner (a superuser on the test cluster; PGlite has one user): for what a test does
   * behind the application's back — tampering with the audit log, say.
   */
  owner: Database;
  /** `npm run audit:verify` on this server's database, keys and checkpoints. */
  verifyAudit(): Promise<VerifyReport>;
  clock: ReturnType<typeof fixedClock>;
  /** Log in as a demo user and return the Cookie header value. */
  login(username: string, password?: string): Promise<string>;
  /** app.inject with an optional session cookie. */
  call(opts: InjectOptions & { cookie?: string }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/**
 * A fresh copy of the seeded demo county on the given driver (PGlite from the dump, PostgreSQL from the template),
 * connected as its owner.
 */
export async function testDatabase(driver: Driver): Promise<Database> {
  if (driver === 'pglite') {
    return openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
  }
  return openDatabase({ url: urlAs(await copyTemplate(), null), poolSize: 5 });
}

/** PostgreSQL: a fresh copy of the seeded template, as URLs for the server's role and for the owner. */
export async function templateCopyUrls(): Promise<{ app: string; owner: string }> {
  const name = await copyTemplate();
  return { app: urlAs(name, TEST_APP_ROLE), owner: urlAs(name, null) };
}

async function copyTemplate(): Promise<string> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: inject('pgServerUrl') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
  await admin.end();
  return name;
}

/** The URL of database `name` on the test server, as `role` (null: the server URL's own user, the owner). */
function urlAs(name: string, role: string | null): string {
  const u = new URL(inject('pgServerUrl'));
  u.pathname = `/${name}`;
  if (role) [u.username, u.password] = [role, role];
  return u.toString();
}

export interface TestServerOptions {
  /** Where the server's log lines go (JSON, one per line); set LOG_LEVEL in `env` to see them. */
  logStream?: NodeJS.WritableStream;
}

export async function testServer(
  driver: Driver,
  env: Record<string, string> = {},
  opts: TestServerOptions = {},
): Promise<TestServer> {
  if (driver === 'pglite') {
    const database = await testDatabase(driver);
    return serverOn(database, database, env, opts);
  }
  const name = await copyTemplate();
  return serverOn(
    await openDatabase({ url: urlAs(name, TEST_APP_ROLE), poolSize: 5 }),
    await openDatabase({ url: urlAs(name, null), poolSize: 2 }),
    env,
    opts,
  );
}

/**
 * Another server process on the same PostgreSQL database as `first` (its own pool, directory and listeners), as a
 * second node of a deployment would be.
 */
export async function secondNode(first: TestServer, env: Record<string, string> = {}): Promise<TestServer> {
  if (!first.database.url) throw new Error('a second node needs PostgreSQL');
  return serverOn(
    await openDatabase({ url: first.database.url, poolSize: 5 }),
    await openDatabase({ url: first.owner.url!, poolSize: 2 }),
    env,
  );
}

/** A server on a database the test opened itself (through a proxy, say), with the owner's connection beside it. */
export async function serverOn(
  database: Database,
  owner: Database,
  env: Record<string, string>,
  opts: TestServerOptions = {},
): Promise<TestServer> {
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
    // Likewise the outbox drain's timer: tests drain after their commits (as the app does) or by calling it.
    NOTIFY_DRAIN_INTERVAL_MS: '0',
    AUDIT_CHECKPOINT_INTERVAL_MS: '0',
    // Tests read the big screen and the map right after their writes: nothing shared between requests.
    DASHBOARD_SHARE_MS: '0',
    MAP_SHARE_MS: '0',
    // And the calendar-coverage check: tests call warnAdministrators themselves.
    CALENDAR_CHECK_INTERVAL_MS: '0',
    // Every answer of every test is held to its route's response schema: no undeclared field, no misfit.
    RESPONSE_CHECK: 'strict',
    ...TEST_AUDIT_ENV,
    ...env,
  });
  const server = await buildServer(config, database, clock, opts);
  const app: FastifyInstance = server.app;
  const call = (opts: InjectOptions & { cookie?: string }) => {
    const { cookie, ...rest } = opts;
    return app.inject({ ...rest, headers: { ...(rest.headers ?? {}), ...(cookie ? { cookie } : {}) } });
  };
  return {
    ...server,
    database,
    owner,
    clock,
    call,
    async verifyAudit() {
      return verifyAuditChain(database, {
        key: server.audit.keys.chain,
        checkpoints: { stored: await server.audit.store.list(), keys: server.audit.signing },
      });
    },
    async login(username, password = DEMO_PASSWORD) {
      const res = await call({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const c = res.cookies.find((x) => x.name === 'oe_session');
      return `oe_session=${c!.value}`;
    },
    async close() {
      await app.close();
      await database.close();
      if (owner !== database) await owner.close();
    },
  };
}
