/**
 * The escalation job (SPEC §3 "urging and escalation when deadlines near or pass") over 100,000 open events on
 * PGlite and on PostgreSQL. The events are inserted set-based (generate_series) with deadlines spread so that at
 * the moment of the run a quarter is overdue (→ red), a quarter within the warning window (→ yellow) and half not
 * yet due. Figures: the run that escalates those 50,000 (batches of 500: lock, update, timeline rows,
 * notifications with their outbox rows, audit records, NOTIFY, then the outbox drained to a no-op adapter), then an
 * idle run over the same table (what every process pays every EVENT_ESCALATION_INTERVAL_MS). A listener on the feed
 * channel counts the messages, as a server with open streams would receive them.
 *
 * BENCH_ESCALATION_EVENTS changes the 100,000. Run alone: `node --import tsx bench/escalation.bench.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../packages/server/src/config.ts';
import { createEscalationJob } from '../packages/server/src/events/index.ts';
import { createAuditWriter, ephemeralAuditKeys } from '../packages/server/src/platform/audit/index.ts';
import { fixedClock } from '../packages/server/src/platform/clock.ts';
import { migrate, openDatabase, type Database } from '../packages/server/src/platform/db/index.ts';
import { createNotifier, LIVE_CHANNEL, type NotifyLog } from '../packages/server/src/platform/notifications/index.ts';
import { findPgBin, startPgCluster } from '../packages/server/test/pg-cluster.ts';

type Figures = Record<string, number | string>;
const N = Number(process.env.BENCH_ESCALATION_EVENTS ?? 100_000);
const NOW = new Date('2026-11-22T02:00:00.000Z');
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const quiet: NotifyLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * N running events in 20 towns and 40 teams. Event i's deadline: i < N/4 → past (red); i < N/2 → within the last
 * quarter of its 24 h (yellow); else a day or more ahead.
 */
async function insertOpenEvents(database: Database): Promise<number> {
  const t0 = performance.now();
  for (let from = 1; from <= N; from += 50_000) {
    const to = Math.min(N, from + 49_999);
    await database.query(
      `INSERT INTO events (source, category, description, urgency, lng, lat, town_id, team_id, status, reported_at,
         dispatched_at, deadline, warn_at, created_at, updated_at)
       SELECT 'grid_worker', 'exposed_garbage', '基准测试事件 ' || i, 'normal', 121.3 + (i % 1000) * 0.0002,
              28.3 + (i % 997) * 0.0002, '3310810' || lpad((i % 20)::text, 2, '0'),
              ('00000000-0000-4000-8000-' || lpad((i % 40)::text, 12, '0'))::uuid,
              (ARRAY['dispatched','accepted','returned','rectifying'])[1 + i % 4], d - interval '1 day',
              d - interval '24 hours', d, d - interval '6 hours', d - interval '1 day', d - interval '1 day'
         FROM (SELECT i, CASE WHEN i <= $3 / 4 THEN $1::timestamptz - (i % 600) * interval '1 minute'
                              WHEN i <= $3 / 2 THEN $1::timestamptz + (i % 300) * interval '1 minute'
                              ELSE $1::timestamptz + interval '1 day' + (i % 1440) * interval '1 minute' END AS d
                 FROM generate_series($2::int, $4::int) i) s`,
      [NOW.toISOString(), from, N, to],
    );
  }
  // Their deadline clocks, as a dispatch starts them: the escalation job claims from `deadlines`.
  await database.query(
    `INSERT INTO deadlines (subject_type, subject_id, town_id, kind, rule_id, clock_type, period, started_at, due_at,
       warn_at, level, updated_at)
     SELECT 'event', id::text, town_id, 'dispatch', 'EVT-SLA', 'hours', 24, dispatched_at, deadline, warn_at,
            escalation, updated_at
       FROM events`,
  );
  await database.query('ANALYZE events');
  await database.query('ANALYZE deadlines');
  return performance.now() - t0;
}

async function benchDatabase(key: string, label: string, database: Database): Promise<Figures> {
  const config = loadConfig({ LOG_LEVEL: 'silent', SEED_DEMO: 'false' });
  await migrate(database);
  const insertMs = await insertOpenEvents(database);
  let feed = 0;
  const unlisten = await database.listen(LIVE_CHANNEL, () => void (feed += 1));
  let delivered = 0;
  const clock = fixedClock(NOW.toISOString());
  const notifier = createNotifier(
    database,
    clock,
    [{ channel: 'count', send: async () => void (delivered += 1) }],
    quiet,
  );
  const deps = {
    database,
    config,
    clock,
    audit: createAuditWriter({ hash: 'sha256', keys: ephemeralAuditKeys() }),
  };
  const job = createEscalationJob(deps, notifier, quiet);
  try {
    const cpu0 = process.cpuUsage();
    const busy = await job.runEscalation(NOW);
    const cpu = process.cpuUsage(cpu0);
    const idle = await job.runEscalation(NOW);
    const idle2 = await job.runEscalation(NOW);
    await new Promise((r) => setTimeout(r, 500)); // the last NOTIFYs reach the listener
    const n = busy.red + busy.yellow;
    console.log(`${label}: ${fmt(N)} open events inserted in ${fmt(insertMs)} ms`);
    console.log(
      `  escalation run: ${fmt(busy.red)} red + ${fmt(busy.yellow)} yellow in ${fmt(busy.ms)} ms ` +
        `(${fmt((n / busy.ms) * 1000)} events/s, ${busy.batches} batches, ${fmt((cpu.user + cpu.system) / Math.max(1, n))} µs server CPU/event)`,
    );
    console.log(
      `  notified ${fmt(busy.notified)}, delivered ${fmt(delivered)}, feed messages received ${fmt(feed)}; ` +
        `idle run over the same ${fmt(N)}: ${idle.ms} ms, again ${idle2.ms} ms`,
    );
    if (n !== N / 2 || delivered !== n) console.log(`  WARNING: expected ${N / 2} escalations and deliveries`);
    return {
      [`${key} escalated`]: n,
      [`${key} run ms`]: busy.ms,
      [`${key} events/s`]: Math.round((n / busy.ms) * 1000),
      [`${key} server CPU µs/event`]: Math.round((cpu.user + cpu.system) / Math.max(1, n)),
      [`${key} idle run ms`]: Math.min(idle.ms, idle2.ms),
    };
  } finally {
    await unlisten();
  }
}

export async function run(): Promise<Figures> {
  const figures: Figures = {};
  const dir = mkdtempSync(join(tmpdir(), 'oe-bench-esc-'));
  const lite = await openDatabase({ dataDir: dir });
  try {
    Object.assign(figures, await benchDatabase('pglite', 'PGlite (data dir on disk)', lite));
  } finally {
    await lite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (!findPgBin()) {
    console.log('PostgreSQL: skipped (no PostgreSQL binaries)');
    return figures;
  }
  const cluster = await startPgCluster();
  try {
    const database = await openDatabase({ url: await cluster.createDatabase('oe_bench_escalation') });
    try {
      Object.assign(figures, await benchDatabase('postgres', 'PostgreSQL (throwaway cluster)', database));
    } finally {
      await database.close();
    }
  } finally {
    await cluster.stop();
  }
  return figures;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
