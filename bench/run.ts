/**
 * `npm run bench`: run every `bench/*.bench.ts` in turn (each exports `run()`, which prints its own figures and
 * returns them), then print one summary table. `npm run bench -- api` runs only the files whose name contains "api";
 * several words select every file matching any of them; options go after them (`npm run bench -- soak --minutes 2`,
 * see support.ts). A benchmark measures and prints; it asserts nothing.
 */
import { readdirSync } from 'node:fs';
import { arch, cpus, freemem, loadavg, platform, release, totalmem } from 'node:os';
import { basename, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchFilters } from './support.ts';

type Figures = Record<string, number | string>;
interface Bench {
  run(): Promise<Figures>;
}

const here = dirname(fileURLToPath(import.meta.url));
const filters = benchFilters(process.argv.slice(2));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();

const gib = (bytes: number): string => `${(bytes / 2 ** 30).toFixed(1)} GiB`;
const cpu = cpus();
const rule = '─'.repeat(100);
console.log(rule);
console.log('OpenEnforce benchmarks');
console.log(`date     ${new Date().toISOString()}`);
console.log(`node     ${process.version} (V8 ${process.versions.v8}), ${platform()} ${release()} ${arch()}`);
console.log(`cpus     ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown'}`);
console.log(`memory   ${gib(totalmem())} total, ${gib(freemem())} free`);
// Other processes on the machine share the cores: the load average says how far to trust absolute figures.
console.log(
  `load     ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (1, 5, 15 min)`,
);
console.log(
  `selected ${files.length > 0 ? files.join(', ') : 'none'}${filters.length ? ` (filter: ${filters.join(' ')})` : ''}`,
);
console.log(rule);

const results: { file: string; seconds: number; figures: Figures; error?: string }[] = [];
for (const file of files) {
  console.log(`\n▶ ${file}`);
  const started = performance.now();
  try {
    const bench = (await import(pathToFileURL(`${here}/${file}`).href)) as Bench;
    const figures = await bench.run();
    results.push({ file, seconds: (performance.now() - started) / 1000, figures });
  } catch (e) {
    // A broken benchmark is reported and the others still run; the exit code says something went wrong.
    const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
    console.log(`✗ ${file} failed: ${error}`);
    results.push({ file, seconds: (performance.now() - started) / 1000, figures: {}, error: error.split('\n')[0] });
    process.exitCode = 1;
  }
}

const show = (v: number | string): string =>
  typeof v === 'number' ? (Number.isInteger(v) ? v.toLocaleString('en-US') : String(v)) : v;
const rows = results.flatMap((r) => [
  ...Object.entries(r.figures).map(([name, value]) => [basename(r.file, '.bench.ts'), name, show(value)]),
  ...(r.error ? [[basename(r.file, '.bench.ts'), 'FAILED', r.error]] : []),
]);
const width = (i: number): number => Math.max(...rows.map((row) => row[i]!.length), 5);
console.log(`\n${rule}\nSummary`);
console.log(`${'bench'.padEnd(width(0))}  ${'figure'.padEnd(width(1))}  value`);
for (const [bench, name, value] of rows)
  console.log(`${bench!.padEnd(width(0))}  ${name!.padEnd(width(1))}  ${value!.padStart(12)}`);
const total = results.reduce((s, r) => s + r.seconds, 0);
console.log(`${rule}\n${results.length} benchmark(s) in ${total.toFixed(1)} s`);

// Every benchmark closes what it opened (PGlite above all); if one did not, say so rather than hang.
setTimeout(() => {
  console.log('warning: a benchmark left open handles (server, database, timer); exiting anyway');
  process.exit(process.exitCode ?? 0);
}, 5000).unref();
