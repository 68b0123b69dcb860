/**
 * Soak (issue 13 §5): two server processes on one PostgreSQL 15 (default settings: fsync on), `--minutes` minutes
 * (default 10) at `--rate` requests/s (default 200) of a realistic mix, open loop and round robin over the two
 * processes (bench/soak-load.ts): reports from every channel (the grid worker's app, the 12345 hotline, Open311),
 * steps (triage, dispatch), lists (the untriaged queue, a town's list, an event), the map, the big screen, the
 * session check — and the live stream held open by `--streams` screens per process. Prints per minute the p50 / p99
 * of every request, the failures, the live messages received and each process's RSS; at the end, each process's RSS
 * growth after the first minute. Targets: p99 < 100 ms, RSS growth < 10 % after the first minute.
 *
 * The demo county is seeded first with `--events` demo events (default 20,000). Options go after the name:
 * `npm run bench -- soak --minutes 2`. BENCH_DATABASE_URL: an existing server instead of a throwaway cluster.
 * Run alone: `node --import tsx bench/soak.bench.ts --minutes 2`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EVENT_CATEGORIES } from '@openenforce/domain/events';
import pg from 'pg';
import { loadConfig } from '../packages/server/src/config.ts';
import { DEMO_API_CLIENTS } from '../packages/server/src/demo/api-clients.ts';
import { DEMO_PASSWORD } from '../packages/server/src/demo/generate.ts';
import { seedDemo } from '../packages/server/src/demo/seed.ts';
import { RegionDirectory } from '../packages/server/src/organization/index.ts';
import { createAuditWriter, loadAuditKeys } from '../packages/server/src/platform/audit/index.ts';
import { systemClock } from '../packages/server/src/platform/clock.ts';
import { migrate, openDatabase } from '../packages/server/src/platform/db/index.ts';
import { createDatabaseOn, findPgBin, startPgCluster, type PgCluster } from '../packages/server/test/pg-cluster.ts';
import { benchOption, memoryOf } from './support.ts';
import type { MinuteFigures, SoakLoadOptions } from './soak-load.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MINUTES = Number(benchOption('minutes') ?? 10);
const RATE = Number(benchOption('rate') ?? 200);
const STREAMS = Number(benchOption('streams') ?? 10);
const DEMO_EVENTS = benchOption('events') ?? '20000';
const PROCESSES = 2;
type Figures = Record<string, number | string>;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** One server process as `npm start` runs it (no seeding: the bench seeded the database), listening on `port`. */
async function startServer(url: string, dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'packages/server/src/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: url,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      DEMO_MODE: 'true',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => {
      output += b.toString();
      if (output.includes('OpenEnforce 综合行政执法平台')) resolve();
    });
    child.stderr!.on('data', (b: Buffer) => {
      output += b.toString();
      process.stderr.write(`  [server :${port}] ${b.toString()}`);
    });
    child.once('exit', (code) => reject(new Error(`server :${port} exited (${code}):\n${output}`)));
  });
  return child;
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: HTTP ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .find((c) => c.startsWith('oe_session='))!
    .split(';')[0]!;
}

/** Random points inside the county (rejection sampling in the towns' bounding box against the grid index). */
async function randomReports(url: string, n: number): Promise<SoakLoadOptions['reports']> {
  const database = await openDatabase({ url, poolSize: 1 });
  try {
    const directory = new RegionDirectory();
    await directory.load(database.db);
    const [box] = await database.query<{ x0: number; x1: number; y0: number; y1: number }>(
      `SELECT min((p->>0)::float8) x0, max((p->>0)::float8) x1, min((p->>1)::float8) y0, max((p->>1)::float8) y1
         FROM regions, jsonb_array_elements(boundary->'coordinates'->0) p WHERE level = 'town'`,
    );
    const codes = EVENT_CATEGORIES.map((c) => c.code);
    const out: SoakLoadOptions['reports'] = [];
    while (out.length < n) {
      const lng = box!.x0 + Math.random() * (box!.x1 - box!.x0);
      const lat = box!.y0 + Math.random() * (box!.y1 - box!.y0);
      if (!directory.locate(lng, lat)) continue;
      out.push({ category: codes[out.length % codes.length]!, description: `浸泡测试上报 ${out.length}`, lng, lat });
    }
    return out;
  } finally {
    await database.close();
  }
}

const mb = (n: number) => `${Math.round(n)} MB`;

export async function run(): Promise<Figures> {
  let cluster: PgCluster | undefined;
  let serverUrl = process.env.BENCH_DATABASE_URL;
  if (!serverUrl) {
    if (!findPgBin()) {
      console.log('PostgreSQL not installed and BENCH_DATABASE_URL unset: skipped');
      return { soak: 'skipped' };
    }
    cluster = await startPgCluster([], { durable: true });
    serverUrl = cluster.url;
  }
  const name = `oe_bench_soak_${process.pid}`;
  const url = await createDatabaseOn(serverUrl, name);
  const dataDir = mkdtempSync(join(tmpdir(), 'oe-bench-soak-'));
  const servers: ChildProcess[] = [];
  const figures: Figures = {};
  try {
    const t0 = performance.now();
    const config = loadConfig({ LOG_LEVEL: 'warn', DATA_DIR: dataDir, DEMO_EVENTS });
    const database = await openDatabase({ url, poolSize: 2 });
    try {
      await migrate(database);
      await seedDemo({
        database,
        config,
        clock: systemClock,
        audit: createAuditWriter({ hash: config.AUDIT_HASH, keys: loadAuditKeys(config, { create: true }) }),
      });
    } finally {
      await database.close();
    }
    console.log(
      `PostgreSQL (${cluster ? 'throwaway cluster, default settings: fsync on' : 'BENCH_DATABASE_URL'}): ` +
        `migrated and seeded ${Number(DEMO_EVENTS).toLocaleString('en-US')} demo events in ` +
        `${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
    const ports: number[] = [];
    for (let k = 0; k < PROCESSES; k++) {
      ports.push(await freePort());
      servers.push(await startServer(url, dataDir, ports[k]!));
    }
    const bases = ports.map((p) => `http://127.0.0.1:${p}`);
    const options: SoakLoadOptions = {
      bases,
      rate: RATE,
      seconds: MINUTES * 60,
      cookies: {
        gridworker: await login(bases[0]!, 'gridworker'),
        operator: await login(bases[0]!, 'operator'),
        officer: await login(bases[1]!, 'officer'),
      },
      hotlineKey: DEMO_API_CLIENTS.hotline.key,
      open311Key: DEMO_API_CLIENTS.open311.key,
      reports: await randomReports(url, 2_000),
      streams: STREAMS,
    };
    const file = join(dataDir, 'soak.json');
    writeFileSync(file, JSON.stringify(options));
    console.log(
      `${PROCESSES} server processes (pids ${servers.map((s) => s.pid).join(', ')}), ${RATE} requests/s open loop for ` +
        `${MINUTES} min, ${STREAMS} live streams per process; load ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
    );
    console.log(
      `${'min'.padStart(3)}  ${'requests'.padStart(8)}  ${'p50 ms'.padStart(7)}  ${'p99 ms'.padStart(7)}  ` +
        `${'max ms'.padStart(7)}  failed  live msgs  ${servers.map((_, k) => `RSS #${k + 1}`.padStart(9)).join('  ')}  load`,
    );
    const load = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/soak-load.ts'), file], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const minutes: (MinuteFigures & { rss: number[] })[] = [];
    for await (const text of createInterface({ input: load.stdout! })) {
      const m = JSON.parse(text) as MinuteFigures;
      const rss = servers.map((s) => memoryOf(s.pid!).rss);
      minutes.push({ ...m, rss });
      const failed = Object.values(m.failed).reduce((s, n) => s + n, 0);
      console.log(
        `${String(m.minute).padStart(3)}  ${m.requests.toLocaleString('en-US').padStart(8)}  ` +
          `${String(m.p50).padStart(7)}  ${String(m.p99).padStart(7)}  ${String(m.max).padStart(7)}  ` +
          `${String(failed).padStart(6)}  ${String(m.streamMessages).padStart(9)}  ` +
          `${rss.map((r) => mb(r).padStart(9)).join('  ')}  ${loadavg()[0]!.toFixed(1)}` +
          (failed
            ? `  (${Object.entries(m.failed)
                .map(([k, n]) => `${k} ${n}`)
                .join(', ')})`
            : ''),
      );
    }
    await new Promise((r) => (load.exitCode === null ? load.once('exit', r) : r(null)));
    if (minutes.length === 0) throw new Error('the load generator reported nothing');

    // By kind, over the whole run (each minute's p99 weighted by its count: a summary, not a quantile).
    const kinds = new Map<string, { n: number; p99: number }>();
    for (const m of minutes)
      for (const [k, v] of Object.entries(m.kinds)) {
        const acc = kinds.get(k) ?? { n: 0, p99: 0 };
        kinds.set(k, { n: acc.n + v.n, p99: Math.max(acc.p99, v.p99) });
      }
    console.log('by kind (requests, worst minute p99):');
    for (const [k, v] of [...kinds].sort((a, b) => b[1].n - a[1].n))
      console.log(`  ${k.padEnd(20)} ${v.n.toLocaleString('en-US').padStart(8)}  p99 ${v.p99} ms`);

    const first = minutes[0]!;
    const last = minutes[minutes.length - 1]!;
    const worstP99 = Math.max(...minutes.map((m) => m.p99));
    const failed = minutes.reduce((s, m) => s + Object.values(m.failed).reduce((a, n) => a + n, 0), 0);
    const requests = minutes.reduce((s, m) => s + m.requests, 0);
    console.log(
      `worst minute p99 ${worstP99} ms${worstP99 >= 100 ? '  ✗ over 100 ms' : ''}; ${failed} of ` +
        `${requests.toLocaleString('en-US')} requests failed`,
    );
    figures['minutes'] = minutes.length;
    figures['requests'] = requests;
    figures['failed'] = failed;
    figures['worst minute p99 ms'] = worstP99;
    figures['last minute p50 ms'] = last.p50;
    figures['last minute p99 ms'] = last.p99;
    servers.forEach((_, k) => {
      const growth = ((last.rss[k]! - first.rss[k]!) / first.rss[k]!) * 100;
      console.log(
        `process #${k + 1}: RSS ${mb(first.rss[k]!)} after the first minute, ${mb(last.rss[k]!)} at the end ` +
          `(${growth >= 0 ? '+' : ''}${growth.toFixed(1)} %)${growth >= 10 ? '  ✗ over 10 %' : ''}`,
      );
      figures[`process #${k + 1} RSS minute 1 MB`] = Math.round(first.rss[k]!);
      figures[`process #${k + 1} RSS end MB`] = Math.round(last.rss[k]!);
      figures[`process #${k + 1} RSS growth %`] = Number(growth.toFixed(1));
    });
  } finally {
    for (const s of servers) {
      const exited = new Promise((r) => (s.exitCode === null && s.signalCode === null ? s.once('exit', r) : r(null)));
      s.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
    if (cluster) await cluster.stop();
    else {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)}`);
      await admin.end();
    }
  }
  return figures;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
