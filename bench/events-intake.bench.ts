/**
 * Event intake over HTTP (SPEC §3): `POST /api/events` as a grid worker, at random points inside the county, with
 * everything a real report costs: locating the grid, the jurisdiction engine's proposal (matter and team), the
 * duplicate check against the open events, the event, its first timeline row, its audit record and the live-feed
 * NOTIFY, on PGlite and on PostgreSQL. The load comes from a child process: autocannon for the closed loop, a
 * constant-rate generator (OPEN_LOOP below) for the fixed rates.
 *
 * Three figures per database: the latency at a fixed 200 reports/s (p50, p99), the most the server takes (128
 * connections, closed loop: each sends its next report when answered; events/s) and the target rate offered open
 * loop (1,000/s on PostgreSQL, 400/s on PGlite: is it sustained, at what latency). Targets: ≥ 1,000/s on
 * PostgreSQL, ≥ 400/s on PGlite, p99 < 50 ms at 200/s. Intake comes from many independent phones, lines and
 * cameras, so throughput is measured with enough connections to keep a batch filling while the one before is
 * written (intake.batch.ts); with 32 connections the round trips, not the CPU, bound it (≈ 860/s on PostgreSQL).
 * CPU per event is shown for the server process (PGlite runs its engine in it), PostgreSQL's processes, the load
 * generator and the whole machine (2 cores shared by all of them, and by whatever else runs).
 *
 * The demo county is seeded with BENCH_DEMO_EVENTS events (default 20,000: a year's open ones are what the
 * duplicate check reads). BENCH_SECONDS sets each measurement's length, BENCH_CONNECTIONS the closed-loop
 * connections, BENCH_DRIVER=pglite|postgres one database only, BENCH_PG_TCP=1 loopback TCP instead of the Unix
 * socket, BENCH_PG_STATEMENTS=1 PostgreSQL's time by statement, BENCH_CPU_PROFILE=dir a CPU profile of the server
 * under each load, BENCH_CHANNELS_ONLY=1 only the per-channel figures, BENCH_PG_DURABLE=0 PostgreSQL with fsync off
 * only (by default its figures are printed twice: fsync off, and the default settings a county's install has).
 * Run alone: `node --import tsx bench/events-intake.bench.ts`.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type autocannon from 'autocannon';
import { EVENT_CATEGORIES } from '@openenforce/domain/events';
import { buildServer, type Server } from '../packages/server/src/app.ts';
import { loadConfig, type Config } from '../packages/server/src/config.ts';
import { DEMO_API_CLIENTS } from '../packages/server/src/demo/api-clients.ts';
import { DEMO_PASSWORD } from '../packages/server/src/demo/generate.ts';
import { seedDemo } from '../packages/server/src/demo/seed.ts';
import { createAuditWriter, loadAuditKeys } from '../packages/server/src/platform/audit/index.ts';
import { systemClock } from '../packages/server/src/platform/clock.ts';
import { migrate, openDatabase, type Database } from '../packages/server/src/platform/db/index.ts';
import { findPgBin, startPgCluster } from '../packages/server/test/pg-cluster.ts';

const execFileAsync = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const DEMO_EVENTS = process.env.BENCH_DEMO_EVENTS ?? '20000';
const MAX_CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 128);
const FIXED_RATE = 200;
/** The per-channel figures' closed-loop connections (the issue's probe used 10). */
const CHANNEL_CONNECTIONS = Number(process.env.BENCH_CHANNEL_CONNECTIONS ?? 10);
/** BENCH_CHANNELS_ONLY=1: only the per-channel figures (quicker, while working on one channel). */
const CHANNELS_ONLY = process.env.BENCH_CHANNELS_ONLY === '1';
/** The issue's intake targets, offered open loop (reports/s). */
const TARGET_RATE: Record<string, number> = { pglite: 400, postgres: 1000 };

type Figures = Record<string, number | string>;

/** autocannon in a child process (closed loop); each request takes the next prepared body (random point, category). */
const CANNON = `import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
const o = JSON.parse(readFileSync(process.argv[1], 'utf8'));
let i = 0;
// "__SEQ__" in a body becomes a number unique to the run (a hotline ticket number: each delivery a new ticket).
const body = () => { const b = o.bodies[i % o.bodies.length]; i += 1; return b.replace('__SEQ__', o.seqPrefix + '-' + i); };
const r = await autocannon({
  url: o.url, connections: o.connections, duration: o.duration, overallRate: o.overallRate,
  requests: [{ method: 'POST', headers: o.headers, setupRequest: (req) => ({ ...req, body: body() }) }],
});
const cpu = process.cpuUsage();
process.stdout.write(JSON.stringify({ ...r, cannonCpuUs: cpu.user + cpu.system }));`;

/**
 * An open-loop load at a constant rate (as wrk2 does): request n leaves at start + n / rate whether or not earlier
 * ones were answered, over up to `connections` keep-alive sockets, and its latency counts from then (a queue for a
 * socket included). autocannon's `overallRate` instead gives each connection its own timer, all started together,
 * so its "rate" arrives as bursts of one request per connection at once — a load no crowd of phones produces.
 */
const OPEN_LOOP = `import http from 'node:http';
import { readFileSync } from 'node:fs';
const o = JSON.parse(readFileSync(process.argv[1], 'utf8'));
const u = new URL(o.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
const total = Math.round(o.duration * o.overallRate);
const lat = [];
let ok = 0, bad = 0, sent = 0, open = 0, i = 0;
const start = performance.now();
await new Promise((done) => {
  const finish = () => { if (sent === total && open === 0) done(); };
  const send = () => {
    sent += 1; open += 1;
    const body = o.bodies[i % o.bodies.length].replace('__SEQ__', o.seqPrefix + '-' + i); i += 1;
    const t0 = performance.now();
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', agent,
      headers: { ...o.headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => { lat.push(performance.now() - t0); res.statusCode < 300 ? ok++ : bad++; open -= 1; finish(); });
    });
    req.on('error', () => { bad++; open -= 1; finish(); });
    req.end(body);
  };
  const tick = () => {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * o.overallRate));
    while (sent < due) send();
    if (sent < total) setTimeout(tick, 1);
  };
  tick();
});
lat.sort((a, b) => a - b);
const q = (p) => Math.round((lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? 0) * 10) / 10;
const cpu = process.cpuUsage();
agent.destroy();
process.stdout.write(JSON.stringify({ requests: { average: ok / o.duration, total: ok + bad },
  latency: { p50: q(0.5), p99: q(0.99) }, non2xx: bad, errors: 0, timeouts: 0, cannonCpuUs: cpu.user + cpu.system }));`;

interface Load {
  connections: number;
  duration: number;
  /** A constant rate, open loop (OPEN_LOOP); without it, closed loop (each connection sends when answered). */
  overallRate?: number;
}

let runs = 0;

async function cannon(url: string, headers: Record<string, string>, bodies: string[], load: Load) {
  // The bodies are too many for a command line: the options go through a file.
  const dir = mkdtempSync(join(tmpdir(), 'oe-bench-cannon-'));
  const file = join(dir, 'options.json');
  writeFileSync(file, JSON.stringify({ url, headers, bodies, seqPrefix: `${process.pid}-${++runs}`, ...load }));
  try {
    const script = load.overallRate ? OPEN_LOOP : CANNON;
    const { stdout } = await execFileAsync(process.execPath, ['--input-type=module', '-e', script, file], {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
    });
    return JSON.parse(stdout) as autocannon.Result & { cannonCpuUs: number };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * BENCH_CPU_PROFILE=dir: a V8 CPU profile of the server process during one load (not the seeding), written as
 * dir/<database>-<load>.cpuprofile (open it in Chrome DevTools or speedscope).
 */
async function startProfile() {
  const dir = process.env.BENCH_CPU_PROFILE;
  if (!dir) return null;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop(name: string) {
      const { profile } = await session.post('Profiler.stop');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
      session.disconnect();
      console.log(`  CPU profile: ${join(dir, `${name}.cpuprofile`)}`);
    },
  };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const machineCpu = () => cpus().reduce((t, c) => t + c.times.user + c.times.sys + c.times.irq + c.times.nice, 0);
const TICK_US = 1_000_000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim() || 100);

/** CPU (µs) of a process and its children, from /proc: PostgreSQL's postmaster and its backends. */
function treeCpuUs(rootPid: number | undefined): number {
  if (rootPid === undefined) return 0;
  let ticks = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // Fields after the command (which may hold spaces) start at state: ppid is the 2nd, utime/stime the 12th/13th,
    // cutime/cstime (children waited for) the 14th/15th.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // The root's own and its reaped children's (a backend that exited meanwhile), and each live child's.
    if (Number(name) === rootPid) ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    else if (Number(f[1]) === rootPid) ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks * TICK_US;
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  bad: number;
  cpuUs: number;
  /** PostgreSQL's processes (null on PGlite, whose engine runs in the server process). */
  pgCpuUs: number | null;
  /** The load generator's own. */
  cannonCpuUs: number;
  machineCpuUs: number;
  total: number;
}

async function measure(url: string, headers: Record<string, string>, bodies: string[], load: Load, pgPid?: number) {
  const cpu0 = process.cpuUsage();
  const m0 = machineCpu();
  const pg0 = treeCpuUs(pgPid);
  const r = await cannon(url, headers, bodies, load);
  await pause(300);
  const cpu = process.cpuUsage(cpu0);
  const n = Math.max(1, r.requests.total);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    bad: r.non2xx + r.errors + r.timeouts,
    cpuUs: (cpu.user + cpu.system) / n,
    pgCpuUs: pgPid === undefined ? null : (treeCpuUs(pgPid) - pg0) / n,
    cannonCpuUs: r.cannonCpuUs / n,
    // Every process on the machine (server, PostgreSQL, autocannon, others): ms of all cores → µs per request.
    machineCpuUs: ((machineCpu() - m0) * 1000) / n,
    total: r.requests.total,
  } satisfies Measured;
}

function line(label: string, m: Measured) {
  console.log(
    `  ${label.padEnd(40)} ${fmt(m.rps).padStart(6)} events/s  p50 ${m.p50} ms  p99 ${m.p99} ms  ` +
      `(${fmt(m.total)} reports, ${m.bad} failed)\n` +
      `  ${''.padEnd(40)} CPU µs/event: server ${fmt(m.cpuUs)}` +
      (m.pgCpuUs === null ? '' : `  PostgreSQL ${fmt(m.pgCpuUs)}`) +
      `  autocannon ${fmt(m.cannonCpuUs)}  whole machine ${fmt(m.machineCpuUs)}`,
  );
  if (m.bad > 0) console.log(`  WARNING: ${label}: ${m.bad} failed requests: the figure is not valid`);
}

/** What PostgreSQL spent its time on, per stored event (pg_stat_statements, since the reset before the loads). */
async function printStatements(database: Database, stored: number) {
  const rows = await database.query<{ q: string; calls: number; ms: number; rows: number }>(
    `SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 110) q, calls::int, total_exec_time ms, rows::int
       FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 15`,
  );
  console.log(`  PostgreSQL statements (execution time per stored event, calls per stored event):`);
  for (const r of rows)
    console.log(
      `    ${((r.ms * 1000) / stored).toFixed(0).padStart(5)} µs  ${(r.calls / stored).toFixed(2).padStart(5)}×  ${r.q}`,
    );
}

/** Random points inside the county (rejection sampling in the towns' bounding box against the grid index). */
async function randomBodies(server: Server, database: Database, n: number): Promise<string[]> {
  const [box] = await database.query<{ x0: number; x1: number; y0: number; y1: number }>(
    `SELECT min((p->>0)::float8) x0, max((p->>0)::float8) x1, min((p->>1)::float8) y0, max((p->>1)::float8) y1
       FROM regions, jsonb_array_elements(boundary->'coordinates'->0) p WHERE level = 'town'`,
  );
  const codes = EVENT_CATEGORIES.map((c) => c.code);
  const out: string[] = [];
  let seed = 42;
  const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  while (out.length < n) {
    const lng = box!.x0 + rand() * (box!.x1 - box!.x0);
    const lat = box!.y0 + rand() * (box!.y1 - box!.y0);
    if (!server.services.directory.locate(lng, lat)) continue;
    const category = codes[Math.floor(rand() * codes.length)]!;
    out.push(JSON.stringify({ category, description: `基准测试上报 ${out.length}`, lng, lat }));
  }
  return out;
}

/**
 * Every channel at the same closed-loop load (CHANNEL_CONNECTIONS): the grid worker's app (a session cookie), the
 * 12345 hotline's push (X-Api-Key, a new ticket number each) and Open311 (api_key in the body), the same random
 * points and categories, each stored with everything a report costs. Issue 13 §6.1: every channel reaches the
 * grid worker's figure.
 */
async function benchChannels(
  key: string,
  base: string,
  session: Record<string, string>,
  bodies: string[],
  figures: Figures,
  pgPid?: number,
  /** BENCH_PG_STATEMENTS=1 on PostgreSQL: statements per stored event (pg_stat_statements). */
  database?: Database,
): Promise<Figures> {
  const reports = bodies.map(
    (b) => JSON.parse(b) as { category: string; description: string; lng: number; lat: number },
  );
  const channels: [string, string, Record<string, string>, string[]][] = [
    ['grid worker', `${base}/api/events`, session, bodies],
    [
      'hotline',
      `${base}/api/hotline/tickets`,
      { 'content-type': 'application/json', 'x-api-key': DEMO_API_CLIENTS.hotline.key },
      reports.map((r) => JSON.stringify({ ...r, externalId: 'BENCH-__SEQ__', reporterPhone: '13800000000' })),
    ],
    [
      'open311',
      `${base}/open311/v2/requests.json`,
      { 'content-type': 'application/json' },
      reports.map((r) =>
        JSON.stringify({
          api_key: DEMO_API_CLIENTS.open311.key,
          service_code: r.category,
          lat: r.lat,
          long: r.lng,
          description: r.description,
        }),
      ),
    ],
  ];
  console.log(`  per channel, closed loop at ${CHANNEL_CONNECTIONS} connections:`);
  for (const [name, url, headers, list] of channels) {
    const one = await fetch(url, { method: 'POST', headers, body: list[0]!.replace('__SEQ__', `check-${key}`) });
    if (one.status !== 201) throw new Error(`${name}: HTTP ${one.status} ${await one.text()}`);
    await cannon(url, headers, list, { connections: CHANNEL_CONNECTIONS, duration: 2 }); // its own warm-up
    await pause(500);
    if (database) await database.query('SELECT pg_stat_statements_reset()');
    const [before] = database ? await database.query<{ n: number }>('SELECT count(*)::int AS n FROM events') : [];
    const m = await measure(url, headers, list, { connections: CHANNEL_CONNECTIONS, duration: SECONDS }, pgPid);
    line(`${name} (${CHANNEL_CONNECTIONS} connections)`, m);
    if (database) {
      // Statements per stored event, this load's only (the reset above); this query and the count are not counted.
      await pause(300);
      const [after] = await database.query<{ n: number; calls: number }>(
        `SELECT (SELECT count(*)::int FROM events) AS n,
                (SELECT sum(calls)::int FROM pg_stat_statements
                  WHERE query NOT LIKE '%pg_stat_statements%' AND query NOT LIKE 'SELECT count(*)::int AS n FROM events%') AS calls`,
      );
      const perEvent = after!.calls / Math.max(1, after!.n - before!.n);
      console.log(`  ${''.padEnd(40)} PostgreSQL statements per stored event: ${perEvent.toFixed(2)}`);
      figures[`${key} ${name} statements/event`] = Number(perEvent.toFixed(2));
    }
    figures[`${key} ${name} @${CHANNEL_CONNECTIONS} conn. events/s`] = Math.round(m.rps);
    figures[`${key} ${name} @${CHANNEL_CONNECTIONS} conn. p99 ms`] = m.p99;
    figures[`${key} ${name} failed`] = m.bad;
    await pause(500);
  }
  return figures;
}

async function benchDatabase(key: string, label: string, database: Database, pgPid?: number): Promise<Figures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'oe-bench-files-'));
  const env = {
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    // The demo accounts sign in with their initial password (outside DEMO_MODE they must change it first).
    DEMO_MODE: 'true',
    DATA_DIR: dataDir,
    DEMO_EVENTS,
    EVENT_ESCALATION_INTERVAL_MS: '0',
  };
  const config: Config = loadConfig(env);
  const t0 = performance.now();
  await migrate(database);
  const seeded = await seedDemo({
    database,
    config,
    clock: systemClock,
    audit: createAuditWriter({ hash: config.AUDIT_HASH, keys: loadAuditKeys(config, { create: true }) }),
  });
  console.log(`${label}: migrated and seeded in ${fmt(performance.now() - t0)} ms (${fmt(seeded.events)} demo events)`);
  const server = await buildServer(config, database);
  const figures: Figures = {};
  try {
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(server.app.server.address() as { port: number }).port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'gridworker', password: DEMO_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`login: HTTP ${login.status}`);
    const cookie = login.headers
      .getSetCookie()
      .find((c) => c.startsWith('oe_session='))!
      .split(';')[0]!;
    const headers = { cookie, 'content-type': 'application/json' };
    const bodies = await randomBodies(server, database, 5_000);
    const url = `${base}/api/events`;
    // One report checked by hand: routed, located, answered 201.
    const one = await fetch(url, { method: 'POST', headers, body: bodies[0] });
    const oneBody = (await one.json()) as { event?: { townName: string; status: string } };
    if (one.status !== 201) throw new Error(`POST /api/events: HTTP ${one.status} ${JSON.stringify(oneBody)}`);
    const [before] = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
    const statements = key.startsWith('postgres') && process.env.BENCH_PG_STATEMENTS === '1';
    const counted = statements ? database : undefined;
    if (statements) {
      await database.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      await database.query('SELECT pg_stat_statements_reset()');
    }

    // Warm-up: the JIT (our code and PGlite's WebAssembly engine tier up under load), plans, caches, pool.
    await cannon(url, headers, bodies, { connections: 32, duration: 4 });
    await pause(1000);
    if (CHANNELS_ONLY) return await benchChannels(key, base, headers, bodies, figures, pgPid, counted);
    // The fixed rate first, on the seeded county: after the heavy loads, autovacuum works through their tens of
    // thousands of new rows and its bursts would land in the latency figure.
    let profile = await startProfile();
    const fixed = await measure(
      url,
      headers,
      bodies,
      { connections: 10, duration: SECONDS, overallRate: FIXED_RATE },
      pgPid,
    );
    await profile?.stop(`${key}-${FIXED_RATE}`);
    line(`fixed ${FIXED_RATE} reports/s (10 connections)`, fixed);
    await pause(500);
    profile = await startProfile();
    const max = await measure(url, headers, bodies, { connections: MAX_CONNECTIONS, duration: SECONDS }, pgPid);
    await profile?.stop(`${key}-max`);
    line(`max throughput (${MAX_CONNECTIONS} connections)`, max);
    await pause(500);
    const target = TARGET_RATE[key.split(' ')[0]!]!;
    // Open loop: enough sockets that the rate never waits for one (a report in flight holds its socket).
    const openConnections = Math.max(MAX_CONNECTIONS, target / 4);
    profile = await startProfile();
    const sustained = await measure(
      url,
      headers,
      bodies,
      { connections: openConnections, duration: SECONDS, overallRate: target },
      pgPid,
    );
    await profile?.stop(`${key}-${target}`);
    line(`offered ${fmt(target)}/s (open loop, ${openConnections} conn.)`, sustained);
    const [after] = await database.query<{ n: number; audit: number }>(
      `SELECT count(*)::int AS n, (SELECT count(*)::int FROM audit_log WHERE action = 'event.report') AS audit FROM events`,
    );
    console.log(
      `  stored ${fmt(after!.n - before!.n)} events during the load; ${fmt(after!.audit)} event.report audit records`,
    );

    if (statements) await printStatements(database, after!.n - before!.n);

    figures[`${key} max events/s`] = Math.round(max.rps);
    figures[`${key} max p99 ms`] = max.p99;
    figures[`${key} max server CPU µs/event`] = Math.round(max.cpuUs);
    figures[`${key} max machine CPU µs/event`] = Math.round(max.machineCpuUs);
    figures[`${key} @${target}/s events/s`] = Math.round(sustained.rps);
    figures[`${key} @${target}/s p99 ms`] = sustained.p99;
    figures[`${key} @200/s p50 ms`] = fixed.p50;
    figures[`${key} @200/s p99 ms`] = fixed.p99;
    figures[`${key} @200/s server CPU µs/event`] = Math.round(fixed.cpuUs);
    figures[`${key} failed`] = max.bad + sustained.bad + fixed.bad;
    await pause(500);
    await benchChannels(key, base, headers, bodies, figures, pgPid, counted);
  } finally {
    await pause(1000);
    await server.app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return figures;
}

async function benchPglite(): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'oe-bench-pglite-'));
  const database = await openDatabase({ dataDir: dir });
  try {
    return await benchDatabase('pglite', 'PGlite (embedded, data dir on disk)', database);
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `durable`: PostgreSQL's default settings (fsync, synchronous commit, full page writes), what a county's install
 * gives; otherwise the test cluster's fsync off, which measures the server rather than the disk. Both are printed.
 */
async function benchPostgres(durable: boolean): Promise<Figures> {
  const key = durable ? 'postgres fsync on' : 'postgres';
  if (!findPgBin()) {
    console.log('PostgreSQL: skipped (no PostgreSQL binaries)');
    return { [`${key} max events/s`]: 'skipped' };
  }
  // BENCH_PG_STATEMENTS=1: print the statements PostgreSQL spent its time on during the loads (pg_stat_statements).
  const statements = process.env.BENCH_PG_STATEMENTS === '1';
  const cluster = await startPgCluster(statements ? ['shared_preload_libraries=pg_stat_statements'] : [], {
    durable,
  });
  try {
    const tcpUrl = await cluster.createDatabase('oe_bench_intake');
    // The server and PostgreSQL share this machine, as on a county's single host: the Unix-domain socket, unless
    // BENCH_PG_TCP=1 asks for loopback TCP (what a database on another host costs the server, minus the network).
    const tcp = process.env.BENCH_PG_TCP === '1';
    const url = tcp ? tcpUrl : cluster.socketUrl.replace(/\/postgres$/, '/oe_bench_intake');
    const database = await openDatabase({ url });
    try {
      const via = tcp ? 'loopback TCP' : 'Unix socket';
      const settings = durable ? 'default settings: fsync on' : 'fsync off';
      return await benchDatabase(
        key,
        `PostgreSQL (throwaway cluster, ${settings}, pool of 10, ${via})`,
        database,
        cluster.pid(),
      );
    } finally {
      await database.close();
    }
  } finally {
    await cluster.stop();
  }
}

export async function run(): Promise<Figures> {
  console.log(`autocannon (child process), ${SECONDS} s per figure; demo events ${DEMO_EVENTS}`);
  const only = process.env.BENCH_DRIVER;
  return {
    ...(only === 'postgres' ? {} : await benchPglite()),
    ...(only === 'pglite' ? {} : await benchPostgres(false)),
    ...(only === 'pglite' || process.env.BENCH_PG_DURABLE === '0' ? {} : await benchPostgres(true)),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
