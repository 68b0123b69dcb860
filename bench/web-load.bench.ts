/**
 * What a phone downloads: the bytes transferred (headers and compressed bodies, as Chromium's network stack counts
 * them) for the first load of /login, /portal, /report (the grid worker) and /field (an officer), each with an empty
 * cache in a fresh browser, signed in as the persona who opens it (bench/web/first-load.ts). Issue 13 §3.6: a phone's
 * first load (/portal, /report, /field) stays under 300 kB; e2e/phones.e2e.ts holds it there. Also printed: requests,
 * the JavaScript share, and the bytes once decoded.
 *
 * Starts its own server (fresh embedded database, a small demo year) on the built web app (rebuilt when stale).
 * Run alone with `npm run bench -- web-load`; BENCH_VERBOSE=1 lists every resource.
 */
import { startTestServer } from '../scripts/test-server.mjs';
import { buildWebIfStale } from '../scripts/web-build.mjs';
import { measure } from './web/first-load.ts';
import { PAGES } from './web/pages.ts';

type Figures = Record<string, number | string>;

const kB = (bytes: number): string => (bytes / 1000).toFixed(1);

export async function run(): Promise<Figures> {
  buildWebIfStale('bench');
  const server = await startTestServer({ demoEvents: 500, stdio: 'ignore' });
  const figures: Figures = {};
  try {
    console.log('page     transferred kB   requests   script kB   fetch/xhr kB   decoded kB');
    for (const page of PAGES) {
      const load = await measure(server.base, page);
      const script = load.byType.get('Script') ?? 0;
      const api = (load.byType.get('Fetch') ?? 0) + (load.byType.get('XHR') ?? 0);
      console.log(
        `${page.name.padEnd(8)} ${kB(load.transferred).padStart(14)} ${String(load.requests).padStart(10)} ` +
          `${kB(script).padStart(11)} ${kB(api).padStart(14)} ${kB(load.decoded).padStart(12)}`,
      );
      if (process.env.BENCH_VERBOSE)
        for (const [url, bytes] of load.resources.sort((a, b) => b[1] - a[1]))
          console.log(`           ${kB(bytes).padStart(8)}  ${url}`);
      figures[`${page.name} kB`] = Number(kB(load.transferred));
      figures[`${page.name} requests`] = load.requests;
    }
  } finally {
    await server.stop();
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
