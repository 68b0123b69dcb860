/**
 * The job runner (platform/jobs) on PGlite and on PostgreSQL, the figures of docs/adr/0001-job-runner.md: start-up
 * (runner start on a migrated database), pickup latency of one job enqueued on an idle runner (woken by the
 * enqueue's NOTIFY), 1,000 trivial jobs each enqueued in its own transaction (as a request would) and run by one
 * started runner (concurrency 2), and the runner's idle CPU over 10 s.
 *
 * Run alone: `node --import tsx bench/jobs.bench.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { systemClock } from '../packages/server/src/platform/clock.ts';
import { migrate, openDatabase, type Database } from '../packages/server/src/platform/db/index.ts';
import { createJobRunner } from '../packages/server/src/platform/jobs/index.ts';
import { findPgBin, startPgCluster } from '../packages/server/test/pg-cluster.ts';

type Figures = Record<string, number | string>;
const N = 1000;
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function benchDatabase(key: string, label: string, database: Database): Promise<Figures> {
  await migrate(database);
  let done = 0;
  let startedAt = 0;
  const runner = createJobRunner({ database, clock: systemClock }, { pollMs: 2000, concurrency: 2, log: quiet });
  runner.define({
    name: 'bench.trivial',
    run: async () => {
      startedAt = performance.now();
      done += 1;
    },
  });
  const t0 = performance.now();
  await runner.start();
  const startMs = performance.now() - t0;
  const pickups: number[] = [];
  for (let i = 0; i < 7; i++) {
    startedAt = 0;
    const s = performance.now();
    await database.db.transaction((tx) => runner.enqueue(tx, 'bench.trivial', { i }));
    while (startedAt === 0) await new Promise((r) => setTimeout(r, 1));
    pickups.push(startedAt - s);
    await new Promise((r) => setTimeout(r, 20));
  }
  done = 0;
  const s1 = performance.now();
  for (let i = 0; i < N; i++) await database.db.transaction((tx) => runner.enqueue(tx, 'bench.trivial', { i }));
  const enqueueMs = performance.now() - s1;
  while (done < N) await new Promise((r) => setTimeout(r, 5));
  const allMs = performance.now() - s1;
  // The runner alone: 1,000 jobs committed at once, then run.
  done = 0;
  const s2 = performance.now();
  await database.db.transaction(async (tx) => {
    for (let i = 0; i < N; i++) await runner.enqueue(tx, 'bench.trivial', { i });
  });
  const s3 = performance.now();
  while (done < N) await new Promise((r) => setTimeout(r, 5));
  const batchMs = performance.now() - s3;
  console.log(
    `  ${N} jobs enqueued in one transaction (${fmt(s3 - s2)} ms), run in ${fmt(batchMs)} ms (${fmt((N / batchMs) * 1000)} jobs/s)`,
  );
  await new Promise((r) => setTimeout(r, 500));
  const c0 = process.cpuUsage();
  await new Promise((r) => setTimeout(r, 10_000));
  const idle = process.cpuUsage(c0);
  await runner.stop();
  const median = [...pickups].sort((a, b) => a - b)[Math.floor(pickups.length / 2)]!;
  console.log(
    `${label}: runner start ${startMs.toFixed(1)} ms; pickup median ${median.toFixed(1)} ms (${pickups.map((p) => p.toFixed(1)).join(', ')})`,
  );
  console.log(
    `  ${N} jobs enqueued (one transaction each) in ${fmt(enqueueMs)} ms, all run after ${fmt(allMs)} ms ` +
      `(${fmt((N / allMs) * 1000)} jobs/s); idle CPU ${((idle.user + idle.system) / 1000).toFixed(0)} ms per 10 s`,
  );
  return {
    [`${key} start ms`]: Math.round(startMs * 10) / 10,
    [`${key} pickup median ms`]: Math.round(median * 10) / 10,
    [`${key} 1000 jobs ms`]: Math.round(allMs),
    [`${key} jobs/s`]: Math.round((N / allMs) * 1000),
    [`${key} run 1000 committed ms`]: Math.round(batchMs),
    [`${key} idle CPU ms/10 s`]: Math.round((idle.user + idle.system) / 1000),
  };
}

export async function run(): Promise<Figures> {
  const figures: Figures = {};
  const dir = mkdtempSync(join(tmpdir(), 'oe-bench-jobs-'));
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
    const database = await openDatabase({ url: await cluster.createDatabase('oe_bench_jobs') });
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
