/**
 * Penalty cases (issue 10 §14) on PGlite and on PostgreSQL 15:
 * - case steps per second over HTTP (`POST /api/cases/:id/steps/file` by the town officer, 10 in flight), each a
 *   whole stepper transaction: lock, version, domain decision, facts, clocks, timeline row, audit record;
 * - latency at a fixed 50 steps/s (p50, p99; target p99 < 50 ms);
 * - recomputing every clock of 10,000 open cases (`recomputeCaseClocks`; target < 1 s);
 * - the case list's p95 over 100,000 cases (town officer and county leader, with filters; target < 100 ms; PostgreSQL).
 * The demo county and its catalog are seeded (no events); cases for the steps are opened through the service, the 10,000 and 100,000
 * are copied set-based from one opened case (generate_series), with a running clock each.
 *
 * PostgreSQL: BENCH_DATABASE_URL (a fresh database is created on it), else a throwaway PostgreSQL 15 cluster, else
 * "skipped". BENCH_CASE_STEPS (default 1,500) and BENCH_CASE_LIST (default 100,000) change the sizes.
 * Run alone: `node --import tsx bench/cases.bench.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { buildServer, type Server } from '../packages/server/src/app.ts';
import { recomputeCaseClocks } from '../packages/server/src/cases/index.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { DEMO_PASSWORD } from '../packages/server/src/demo/generate.ts';
import { seedDemo } from '../packages/server/src/demo/seed.ts';
import { createAuditWriter, loadAuditKeys } from '../packages/server/src/platform/audit/index.ts';
import { fixedClock } from '../packages/server/src/platform/clock.ts';
import { migrate, openDatabase, type Database } from '../packages/server/src/platform/db/index.ts';
import { createDatabaseOn, findPgBin, startPgCluster, type PgCluster } from '../packages/server/test/pg-cluster.ts';

type Figures = Record<string, number | string>;
const STEPS = Number(process.env.BENCH_CASE_STEPS ?? 1_500);
const LIST = Number(process.env.BENCH_CASE_LIST ?? 100_000);
const RECOMPUTE = 10_000;
const NOW = '2026-11-22T02:00:00.000Z';
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Open `n` leads in 泽国镇 through the service (each its own transaction, as an officer's opening). */
async function openLeads(server: Server, n: number): Promise<string[]> {
  const db = server.deps.database.db;
  const [officer] = await server.deps.database.query<{ id: string; scope_town_id: string }>(
    `SELECT id, scope_town_id FROM users WHERE username = 'officer'`,
  );
  const [matter] = await server.deps.database.query<{ id: string }>(
    `SELECT matter_id AS id FROM matter_versions WHERE data->>'name' = '对随意倾倒、抛撒、堆放或者焚烧生活垃圾的行政处罚' LIMIT 1`,
  );
  const ids: string[] = [];
  const now = new Date(NOW);
  for (let i = 0; i < n; i++) {
    const row = await db.transaction((tx) =>
      server.services.cases.openFromEvent(
        tx,
        {
          source: 'direct',
          matterId: matter!.id,
          townId: officer!.scope_town_id,
          act: {
            date: '2026-11-20',
            endDate: null,
            discoveredOn: '2026-11-21',
            place: '泽国镇',
            harmToLifeHealthSafetyFinance: false,
          },
          party: {
            kind: 'citizen',
            name: `基准当事人${i}`,
            idNumber: null,
            address: null,
            priorViolations: 0,
            electronicServiceConsent: false,
          },
          summary: `基准测试案件 ${i}`,
          flags: [],
        },
        { audit: { id: officer!.id, role: 'officer', clientIp: null, requestId: null }, name: '基准' },
        now,
      ),
    );
    ids.push(row.id);
  }
  return ids;
}

const fileStep = (base: string, cookie: string, id: string) =>
  fetch(`${base}/api/cases/${id}/steps/file`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ version: 1, reason: '符合立案条件' }),
  });

/** Steps as fast as 10 clients take them: steps/s and the latency spread. */
async function throughput(base: string, cookie: string, ids: string[]) {
  let next = 0;
  let failed = 0;
  const times: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        const s = performance.now();
        const res = await fileStep(base, cookie, id);
        await res.arrayBuffer();
        times.push(performance.now() - s);
        if (res.status !== 200) failed++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { rps: ids.length / seconds, p50: pct(times, 50), p99: pct(times, 99), failed };
}

/** Steps at a fixed rate (one every 1000/rate ms, open loop): the latency each one sees. */
async function fixedRate(base: string, cookie: string, ids: string[], rate: number) {
  const times: number[] = [];
  let failed = 0;
  const t0 = performance.now();
  await Promise.all(
    ids.map(async (id, i) => {
      const wait = t0 + (i * 1000) / rate - performance.now();
      if (wait > 0) await pause(wait);
      const s = performance.now();
      const res = await fileStep(base, cookie, id);
      await res.arrayBuffer();
      times.push(performance.now() - s);
      if (res.status !== 200) failed++;
    }),
  );
  return { p50: pct(times, 50), p99: pct(times, 99), failed };
}

/**
 * `n` more cases copied from case `template`, set-based: spread over the county's towns, states, parties and a year
 * of opening days, each with a running clock (half of them due before now).
 */
async function copyCases(database: Database, template: string, n: number, tag: string): Promise<number> {
  const t0 = performance.now();
  const towns = (await database.query<{ id: string }>(`SELECT id FROM regions WHERE level = 'town' ORDER BY id`)).map(
    (r) => r.id,
  );
  for (let from = 1; from <= n; from += 50_000) {
    const to = Math.min(n, from + 49_999);
    await database.query(
      `INSERT INTO cases (number, year, seq, agency_id, subject_name, team_id, town_id, domain, procedure, status,
         matter_id, matter_name, matter_version, jurisdiction, applicable, act_date, party_kind, party_name, source,
         summary, facts, opened_at, created_at, updated_at)
       SELECT $2 || i, 2026, 1000000 * $5::int + i, t.agency_id, t.subject_name, t.team_id,
              ($3::text[])[1 + i % array_length($3::text[], 1)], t.domain, t.procedure,
              (ARRAY['lead','filing_pending','investigating','investigated','notified','deliberating','decided',
                     'executing','closed','archived'])[1 + i % 10],
              t.matter_id, t.matter_name, t.matter_version, t.jurisdiction, t.applicable, t.act_date, t.party_kind,
              '当事人' || (i % 9973), 'direct', '基准案件 ' || i || ' ' || t.summary, t.facts,
              $4::timestamptz - (i % 365) * interval '1 day' - (i % 1440) * interval '1 minute', t.created_at,
              t.updated_at
         FROM cases t, generate_series($6::int, $7::int) i WHERE t.id = $1`,
      [template, `${tag}-`, towns, NOW, tag === 'R' ? 1 : 2, from, to],
    );
  }
  await database.query(
    `INSERT INTO deadlines (subject_type, subject_id, town_id, kind, rule_id, clock_type, period, started_at, due_at,
       warn_at, level, updated_at)
     SELECT 'case', id::text, town_id, 'decision', 'APL-60', 'calendar_days', 90, opened_at,
            opened_at + interval '90 days', opened_at + interval '72 days', 'none', opened_at
       FROM cases WHERE number LIKE $1`,
    [`${tag}-%`],
  );
  await database.query('ANALYZE cases');
  await database.query('ANALYZE deadlines');
  return performance.now() - t0;
}

async function benchDatabase(label: string, key: string, database: Database, list: boolean): Promise<Figures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'oe-bench-cases-'));
  const config = loadConfig({
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    DEMO_MODE: 'true',
    DEMO_EVENTS: '0',
    DATA_DIR: dataDir,
    EVENT_ESCALATION_INTERVAL_MS: '0',
  });
  const clock = fixedClock(NOW);
  const t0 = performance.now();
  await migrate(database);
  await seedDemo({
    database,
    config,
    clock,
    audit: createAuditWriter({ hash: config.AUDIT_HASH, keys: loadAuditKeys(config, { create: true }) }),
  });
  console.log(`${label}: migrated and seeded in ${fmt(performance.now() - t0)} ms`);
  const server = await buildServer(config, database, clock);
  const figures: Figures = {};
  try {
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const address = server.app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const officer = await login(base, 'officer');
    const t1 = performance.now();
    const leads = await openLeads(server, STEPS + 500 + 50);
    console.log(`  opened ${fmt(leads.length)} cases through the service in ${fmt(performance.now() - t1)} ms`);
    await throughput(base, officer, leads.slice(0, 50)); // warm-up: JIT, plans, pool
    const t = await throughput(base, officer, leads.slice(50, 50 + STEPS));
    console.log(
      `  steps over HTTP (10 in flight): ${fmt(t.rps)} steps/s, p50 ${t.p50.toFixed(1)} ms, p99 ${t.p99.toFixed(1)} ms, ${t.failed} failed`,
    );
    const f = await fixedRate(base, officer, leads.slice(50 + STEPS), 50);
    console.log(
      `  at a fixed 50 steps/s: p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms (target < 50), ${f.failed} failed`,
    );
    figures[`${key} case steps/s`] = Math.round(t.rps);
    figures[`${key} case step p99 ms at 50/s`] = Number(f.p99.toFixed(1));
    figures[`${key} case step p50 ms at 50/s`] = Number(f.p50.toFixed(1));

    const copyMs = await copyCases(database, leads[0]!, RECOMPUTE, 'R');
    console.log(`  copied ${fmt(RECOMPUTE)} open cases with a clock each in ${fmt(copyMs)} ms`);
    const calendar = server.services.calendar.calendar;
    await recomputeCaseClocks(database.db, calendar, 0.2, new Date(NOW)); // warm-up
    const r = await recomputeCaseClocks(database.db, calendar, 0.2, new Date(NOW));
    console.log(
      `  recomputed ${fmt(r.clocks)} clocks of ${fmt(r.cases)} cases in ${fmt(r.ms)} ms (target < 1,000), ${fmt(r.moved)} moved`,
    );
    figures[`${key} recompute clocks ms`] = Math.round(r.ms);
    figures[`${key} recompute clocks`] = r.clocks;

    if (list) {
      const listMs = await copyCases(database, leads[0]!, LIST, 'L');
      const [{ n } = { n: 0 }] = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
      console.log(`  ${fmt(n)} cases in all (${fmt(LIST)} copied in ${fmt(listMs)} ms)`);
      const leader = await login(base, 'leader');
      const urls: [string, string, string][] = [
        ['officer', officer, '/api/cases?limit=50'],
        ['leader', leader, '/api/cases?limit=50'],
        ['leader', leader, '/api/cases?status=investigating&limit=50'],
        ['leader', leader, `/api/cases?party=${encodeURIComponent('当事人12')}&limit=50`],
        ['leader', leader, '/api/cases?colour=red&limit=50'],
        ['leader', leader, '/api/cases?queue=approve&limit=50'],
        ['leader', leader, `/api/cases?q=${encodeURIComponent('基准案件 4711')}&limit=50`],
      ];
      const all: number[] = [];
      for (const [who, cookie, url] of urls) {
        const times: number[] = [];
        for (let i = 0; i < 60; i++) {
          const s = performance.now();
          const res = await fetch(`${base}${url}`, { headers: { cookie } });
          await res.arrayBuffer();
          if (i >= 10) times.push(performance.now() - s);
          if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
        }
        all.push(...times);
        console.log(`  GET ${url} as ${who}: p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms`);
      }
      figures[`${key} case list p95 ms (${fmt(LIST)})`] = Number(pct(all, 95).toFixed(1));
      console.log(`  case list p95 over every query: ${pct(all, 95).toFixed(1)} ms (target < 100)`);
    }
  } finally {
    await pause(500);
    await server.app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return figures;
}

async function benchPglite(): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'oe-bench-pglite-'));
  const database = await openDatabase({ dataDir: dir });
  try {
    return await benchDatabase('PGlite (embedded)', 'pglite', database, false);
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchPostgres(): Promise<Figures> {
  const external = process.env.BENCH_DATABASE_URL;
  if (!external && !findPgBin()) {
    console.log('PostgreSQL: skipped (install postgresql-15, or set BENCH_DATABASE_URL)');
    return { 'postgres case steps/s': 'skipped' };
  }
  let cluster: PgCluster | null = null;
  if (!external) cluster = await startPgCluster();
  const serverUrl = external ?? cluster!.url;
  const name = `oe_bench_cases_${process.pid}`;
  try {
    const database = await openDatabase({ url: await createDatabaseOn(serverUrl, name), poolSize: 10 });
    try {
      return await benchDatabase(
        `PostgreSQL (${external ? 'BENCH_DATABASE_URL' : 'throwaway cluster'})`,
        'postgres',
        database,
        true,
      );
    } finally {
      await database.close();
    }
  } finally {
    if (cluster) await cluster.stop();
    else {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)}`);
      await c.end();
    }
  }
}

export async function run(): Promise<Figures> {
  return { ...(await benchPglite()), ...(await benchPostgres()) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
