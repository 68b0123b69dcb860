/**
 * The demo year's memory (issue 13 §5): `npm start` on a fresh data directory (PGlite, DEMO_EVENTS events, default
 * 100,000), run as its own process exactly as a county's first start runs it; its resident set size is sampled from
 * /proc every 250 ms until the log says the year is complete. Prints the peak RSS before the server listens (the first
 * month), the peak during the background fill, the kernel's own high-water mark (VmHWM) and the times. Target: the
 * whole fill under 400 MB RSS. BENCH_DEMO_EVENTS sets the count; `--postgres` (a throwaway cluster) or
 * BENCH_DATABASE_URL (an empty database) runs it on PostgreSQL instead.
 * Run alone: `node --import tsx bench/demo-fill.bench.ts`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findPgBin, startPgCluster } from '../packages/server/test/pg-cluster.ts';
import { memoryOf } from './support.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EVENTS = process.env.BENCH_DEMO_EVENTS ?? '100000';
type Figures = Record<string, number | string>;

export async function run(): Promise<Figures> {
  // `--postgres`: a throwaway PostgreSQL 15 cluster instead of the embedded PGlite (whose engine, in the server's own
  // process, holds a few hundred MB of the RSS by itself).
  const cluster = process.argv.includes('--postgres') && findPgBin() ? await startPgCluster() : undefined;
  const url = process.env.BENCH_DATABASE_URL ?? (cluster ? await cluster.createDatabase('oe_bench_demo') : '');
  try {
    return await fill(url);
  } finally {
    await cluster?.stop();
  }
}

async function fill(url: string): Promise<Figures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'oe-bench-demo-'));
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    DEMO_EVENTS: EVENTS,
    LOG_LEVEL: 'warn',
    DATABASE_URL: url,
  };
  if (!env.DATABASE_URL) delete (env as Record<string, string | undefined>).DATABASE_URL;
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'packages/server/src/main.ts')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let listeningAt = 0;
  let completeAt = 0;
  let startPeak = 0;
  let fillPeak = 0;
  let hwm = 0;
  let output = '';
  const sample = () => {
    const m = memoryOf(child.pid!);
    hwm = Math.max(hwm, m.hwm);
    if (listeningAt === 0) startPeak = Math.max(startPeak, m.rss);
    else fillPeak = Math.max(fillPeak, m.rss);
  };
  const timer = setInterval(sample, 250);
  const done = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => {
      const text = b.toString();
      output += text;
      if (!listeningAt && text.includes('OpenEnforce 综合行政执法平台')) {
        listeningAt = performance.now();
        console.log(
          `  listening after ${((listeningAt - started) / 1000).toFixed(1)} s, RSS peak so far ${startPeak.toFixed(0)} MB`,
        );
      }
      for (const m of text.matchAll(/demo events ([\d,]+) \/ ([\d,]+)/g)) {
        const now = memoryOf(child.pid!);
        console.log(`  ${m[1]!.padStart(7)} / ${m[2]} events  RSS ${now.rss.toFixed(0)} MB`);
      }
      if (text.includes('the year is complete')) {
        completeAt = performance.now();
        sample();
        resolve();
      }
    });
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    child.on('exit', (code) =>
      reject(new Error(`the server exited (${code}) before the year was complete:\n${output}`)),
    );
  });
  try {
    await done;
  } finally {
    clearInterval(timer);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
  const fillS = (completeAt - listeningAt) / 1000;
  console.log(
    `${url ? 'PostgreSQL' : 'PGlite'}: demo year of ${Number(EVENTS).toLocaleString('en-US')} events: listening after ` +
      `${((listeningAt - started) / 1000).toFixed(1)} s (RSS peak ${startPeak.toFixed(0)} MB), the rest in the ` +
      `background in ${fillS.toFixed(1)} s (RSS peak ${fillPeak.toFixed(0)} MB); VmHWM ${hwm.toFixed(0)} MB` +
      `${hwm >= 400 ? '  ✗ over 400 MB' : ''}`,
  );
  return {
    'RSS peak before listening MB': Math.round(startPeak),
    'RSS peak during background fill MB': Math.round(fillPeak),
    'VmHWM MB': Math.round(hwm),
    'background fill s': Number(fillS.toFixed(1)),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
