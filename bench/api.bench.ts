/**
 * HTTP throughput of the real server beside a bare Fastify route on the same run (issue requirement 11):
 * authenticated, data-scoped `GET /api/org/people?limit=50` on PGlite and on PostgreSQL, measured with autocannon.
 *
 * The load generator (autocannon's API) runs in a child process, so the server keeps its event loop and its CPU
 * figure to itself, as it would behind real clients. The bare route is measured the same way, right before each
 * database's figures (machine load drifts during a run), and every figure is also given as a ratio to it.
 * Beside the list, two routes split the cost: /api/health (the full plugin stack, no SQL) and /api/auth/me (the
 * per-request session lookup alone); the list adds its page query and a team-name query.
 *
 * PostgreSQL: BENCH_DATABASE_URL (a fresh database is created on it and dropped afterwards), else a throwaway
 * PostgreSQL 15 cluster from the installed binaries, else "skipped". BENCH_SECONDS sets each measurement's length.
 * Run alone with `node --import tsx bench/api.bench.ts`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type autocannon from 'autocannon';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildServer } from '../packages/server/src/app.ts';
import { loadConfig, type Config } from '../packages/server/src/config.ts';
import { DEMO_PASSWORD } from '../packages/server/src/demo/generate.ts';
import { seedDemoCounty } from '../packages/server/src/demo/seed.ts';
import { createAuditWriter, loadAuditKeys } from '../packages/server/src/platform/audit/index.ts';
import { systemClock } from '../packages/server/src/platform/clock.ts';
import { migrate, openDatabase, type Database } from '../packages/server/src/platform/db/index.ts';
import { createDatabaseOn, findPgBin, startPgCluster, type PgCluster } from '../packages/server/test/pg-cluster.ts';

const execFileAsync = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_SECONDS = 1;
const CONNECTIONS = 10;
const LIST_PATH = '/api/org/people?limit=50';

type Figures = Record<string, number | string>;

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  bytesPerRequest: number;
  /** Server-process CPU time per request, µs (PGlite's queries run in this process too, PostgreSQL's do not). */
  cpuPerRequest: number;
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/**
 * autocannon's own API, run in a child process: the load generator gets its own process, as a real client would,
 * and this process's CPU time (process.cpuUsage) is then the server's alone: PGlite, Drizzle, Fastify, zod.
 */
const CANNON = `import autocannon from 'autocannon';
const r = await autocannon(JSON.parse(process.argv[1]));
process.stdout.write(JSON.stringify(r));`;

async function cannon(url: string, headers: Record<string, string>, duration: number): Promise<autocannon.Result> {
  const options = JSON.stringify({ url, headers, connections: CONNECTIONS, duration });
  const { stdout } = await execFileAsync(process.execPath, ['--input-type=module', '-e', CANNON, options], {
    cwd: ROOT, // where node_modules/autocannon resolves
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as autocannon.Result;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * autocannon stops at the deadline with requests still in flight: the server finishes them after the client has
 * gone. Let them drain before the next figure (or before the database is closed under them).
 */
const SETTLE_MS = 300;

async function measure(url: string, headers: Record<string, string> = {}): Promise<Measured> {
  const cpu0 = process.cpuUsage();
  const r = await cannon(url, headers, SECONDS);
  await pause(SETTLE_MS); // the stragglers' CPU belongs to this figure
  const cpu = process.cpuUsage(cpu0);
  return {
    cpuPerRequest: r.requests.total > 0 ? (cpu.user + cpu.system) / r.requests.total : 0,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    bytesPerRequest: r.requests.total > 0 ? r.throughput.total / r.requests.total : 0,
  };
}

function report(label: string, m: Measured, bare?: number): void {
  const ratio = bare
    ? `  = ${((m.rps / bare) * 100).toFixed(1)} % of bare Fastify (1 : ${(bare / m.rps).toFixed(1)})`
    : '';
  console.log(
    `  ${label.padEnd(46)} ${fmt(m.rps).padStart(7)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms  ` +
      `CPU ${fmt(m.cpuPerRequest)} µs/req  ` +
      `non-2xx ${m.non2xx}  errors ${m.errors}  ${fmt(m.bytesPerRequest)} B/resp${ratio}`,
  );
  if (m.non2xx > 0 || m.errors > 0) {
    console.log(`  WARNING: ${label}: ${m.non2xx} non-2xx responses and ${m.errors} errors: the figure is not valid`);
  }
}

function portOf(app: FastifyInstance): number {
  return (app.server.address() as { port: number }).port;
}

/** The baseline: Fastify 5 with one route returning a small JSON and nothing else (no plugins, no logger). */
interface BareRoute {
  measure(): Promise<Measured>;
  close(): Promise<void>;
}

async function startBareFastify(): Promise<BareRoute> {
  const app = Fastify({ logger: false });
  app.get('/hello', async () => ({ hello: 'world' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${portOf(app)}/hello`;
  try {
    await cannon(url, {}, WARMUP_SECONDS);
  } catch (e) {
    await app.close();
    throw e;
  }
  return { measure: () => measure(url), close: () => app.close() };
}

interface Login {
  cookie: string;
  townId: string | null;
  townName: string | null;
}

/** Log in through the API, as the web app does, and keep the session cookie. */
async function login(base: string, username: string): Promise<Login> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: HTTP ${res.status} ${await res.text()}`);
  const session = res.headers.getSetCookie().find((c) => c.startsWith('oe_session='));
  if (!session) throw new Error(`login ${username}: no oe_session cookie`);
  const { user } = (await res.json()) as { user: { scopeTownId: string | null; scopeTownName: string | null } };
  return { cookie: session.split(';')[0]!, townId: user.scopeTownId, townName: user.scopeTownName };
}

/** One request before the load: the list answers 200, and a town user's page holds only rows of that town. */
async function checkScope(base: string, username: string, who: Login): Promise<string> {
  const res = await fetch(`${base}${LIST_PATH}`, { headers: { cookie: who.cookie } });
  if (res.status !== 200) throw new Error(`GET ${LIST_PATH}: HTTP ${res.status} ${await res.text()}`);
  const page = (await res.json()) as { items: { townId: string | null }[]; nextCursor: string | null };
  const outside = who.townId ? page.items.filter((p) => p.townId !== who.townId).length : 0;
  if (outside > 0) console.log(`  WARNING: ${username}'s page holds ${outside} people outside ${who.townName ?? '?'}`);
  const towns = new Set(page.items.map((p) => p.townId)).size;
  return (
    `${username} [${who.townName ?? 'county'}] ${page.items.length} people on page 1 from ${towns} town(s)` +
    `${page.nextCursor ? ', more pages' : ', last page'}${who.townId ? (outside ? '' : ', all in scope') : ''}`
  );
}

/** Seed, serve and load one database; the caller opens and disposes of it. */
async function benchDatabase(name: string, key: string, database: Database, bareRoute: BareRoute): Promise<Figures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'oe-bench-files-'));
  const config: Config = loadConfig({ LOG_LEVEL: 'warn', SEED_DEMO: 'false', DEMO_MODE: 'true', DATA_DIR: dataDir });
  const t0 = performance.now();
  await migrate(database);
  await seedDemoCounty({
    database,
    config,
    clock: systemClock,
    audit: createAuditWriter({ hash: config.AUDIT_HASH, keys: loadAuditKeys(config, { create: true }) }),
  });
  const seedMs = performance.now() - t0;
  const [{ v: version } = { v: '?' }] = await database.query<{ v: string }>(
    "SELECT split_part(current_setting('server_version'), ' ', 1) AS v",
  );
  const [{ n: peopleRows } = { n: 0 }] = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM people');
  const { app } = await buildServer(config, database);
  const figures: Figures = {};
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${portOf(app)}`;
    console.log(`${name}, server ${version}: migrated and seeded in ${fmt(seedMs)} ms (${fmt(peopleRows)} people)`);

    const town = await login(base, 'officer');
    const county = await login(base, 'admin');
    console.log(`  scope: ${await checkScope(base, 'officer', town)}; ${await checkScope(base, 'admin', county)}`);

    // The baseline is measured next to each database's figures, so that both see the same machine load.
    const bareNow = await bareRoute.measure();
    report('bare Fastify GET /hello (baseline)', bareNow);
    const bare = bareNow.rps;
    await cannon(`${base}${LIST_PATH}`, { cookie: town.cookie }, WARMUP_SECONDS); // JIT, plans, pool connections
    // Decomposition: the stack without a query, the session lookup alone, then the list (session + 2 queries).
    const health = await measure(`${base}/api/health`);
    report('GET /api/health (no auth, no SQL)', health, bare);
    const me = await measure(`${base}/api/auth/me`, { cookie: town.cookie });
    report('GET /api/auth/me (session lookup)', me, bare);
    const scoped = await measure(`${base}${LIST_PATH}`, { cookie: town.cookie });
    report(`GET ${LIST_PATH} as officer (town)`, scoped, bare);
    const wide = await measure(`${base}${LIST_PATH}`, { cookie: county.cookie });
    report(`GET ${LIST_PATH} as admin (county)`, wide, bare);

    for (const [variant, m] of [
      ['bare fastify', bareNow],
      ['health', health],
      ['auth/me', me],
      ['people town', scoped],
      ['people county', wide],
    ] as const) {
      figures[`${key} ${variant} req/s`] = Math.round(m.rps);
      figures[`${key} ${variant} p99 ms`] = m.p99;
      figures[`${key} ${variant} CPU µs/req`] = Math.round(m.cpuPerRequest);
    }
    figures[`${key} people town p50 ms`] = scoped.p50;
    figures[`${key} non-2xx + errors`] = [health, me, scoped, wide].reduce((n, m) => n + m.non2xx + m.errors, 0);
    figures[`${key} people town / bare`] = Number((scoped.rps / bare).toFixed(4));
    figures[`${key} people county / bare`] = Number((wide.rps / bare).toFixed(4));
  } finally {
    await pause(1000); // the last figure's stragglers, before the database closes under them
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return figures;
}

async function benchPglite(bare: BareRoute): Promise<Figures> {
  // A data directory on disk, as the embedded default (DATA_DIR/pglite), not memory://.
  const dir = mkdtempSync(join(tmpdir(), 'oe-bench-pglite-'));
  const t0 = performance.now();
  const database = await openDatabase({ dataDir: dir }); // a new data dir: PGlite runs initdb first
  const openMs = performance.now() - t0;
  try {
    const name = `PGlite (embedded, new data dir opened in ${fmt(openMs)} ms)`;
    return { ...(await benchDatabase(name, 'pglite', database, bare)), 'pglite open new dir ms': Math.round(openMs) };
  } finally {
    await database.close(); // PGlite must be closed, or the process never exits.
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchPostgres(bare: BareRoute): Promise<Figures> {
  const external = process.env.BENCH_DATABASE_URL;
  if (!external && !findPgBin()) {
    console.log('PostgreSQL: skipped: no PostgreSQL (install postgresql-15, or set BENCH_DATABASE_URL)');
    return { 'postgres people town req/s': 'skipped' };
  }
  let cluster: PgCluster | null = null;
  if (!external) {
    try {
      cluster = await startPgCluster();
    } catch (e) {
      console.log(`PostgreSQL: skipped: the throwaway cluster did not start (${(e as Error).message.split('\n')[0]})`);
      return { 'postgres people town req/s': 'skipped' };
    }
  }
  const server = external ?? cluster!.url;
  const dbName = `oe_bench_${process.pid}`;
  try {
    const url = await createDatabaseOn(server, dbName);
    const database = await openDatabase({ url });
    const where = external ? 'BENCH_DATABASE_URL' : 'throwaway cluster';
    try {
      return await benchDatabase(`PostgreSQL (${where}, pool of 10)`, 'postgres', database, bare);
    } finally {
      await database.close();
    }
  } finally {
    if (cluster) await cluster.stop();
    else await dropDatabase(server, dbName);
  }
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)}`);
  } finally {
    await c.end();
  }
}

export async function run(): Promise<Figures> {
  console.log(
    `autocannon (in a child process): ${CONNECTIONS} connections, ${SECONDS} s per figure after a ${WARMUP_SECONDS} s warm-up per server`,
  );
  const bare = await startBareFastify();
  try {
    return { ...(await benchPglite(bare)), ...(await benchPostgres(bare)) };
  } finally {
    await bare.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
