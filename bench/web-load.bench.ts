/**
 * What a phone downloads: the bytes transferred (headers and compressed bodies, as Chromium's network stack counts
 * them) for the first load of /login, /portal, /report (the grid worker) and /field (an officer), each with an empty
 * cache in a fresh browser, signed in as the persona who opens it. Issue 13 §3.6: the grid worker's first load should
 * stay under 300 kB. Also printed: requests, the JavaScript share, and the bytes once decoded.
 *
 * Starts its own server (fresh embedded database, a small demo year) on the built web app (rebuilt when stale).
 * Run alone with `npm run bench -- web-load`; BENCH_VERBOSE=1 lists every resource.
 */
import { chromium, type CDPSession } from 'playwright-core';
import { startTestServer } from '../scripts/test-server.mjs';
import { buildWebIfStale } from '../scripts/web-build.mjs';
import { CHROMIUM, CHROMIUM_FLAGS, PAGES, sessionCookie, type MeasuredPage } from './web/pages.ts';

type Figures = Record<string, number | string>;

/** The page has settled (after its h1) when nothing has finished loading for this long (the live stream never finishes). */
const QUIET_MS = 1500;
const MAX_WAIT_MS = 30_000;

interface Load {
  transferred: number;
  decoded: number;
  requests: number;
  byType: Map<string, number>;
  /** Each resource: URL path and transferred bytes (printed with BENCH_VERBOSE=1). */
  resources: [string, number][];
}

function track(cdp: CDPSession): { load: Load; lastFinished: () => number } {
  const load: Load = { transferred: 0, decoded: 0, requests: 0, byType: new Map(), resources: [] };
  const types = new Map<string, string>();
  const urls = new Map<string, string>();
  let last = Date.now();
  cdp.on('Network.requestWillBeSent', (e) => {
    load.requests++;
    types.set(e.requestId, e.type ?? 'Other');
    urls.set(e.requestId, new URL(e.request.url).pathname);
  });
  cdp.on('Network.dataReceived', (e) => {
    load.decoded += e.dataLength;
  });
  cdp.on('Network.loadingFinished', (e) => {
    load.transferred += e.encodedDataLength;
    const type = types.get(e.requestId) ?? 'Other';
    load.byType.set(type, (load.byType.get(type) ?? 0) + e.encodedDataLength);
    load.resources.push([urls.get(e.requestId) ?? '?', e.encodedDataLength]);
    last = Date.now();
  });
  return { load, lastFinished: () => last };
}

async function measure(base: string, page: MeasuredPage): Promise<Load> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  try {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 }, locale: 'zh-CN' });
    if (page.user) {
      const [name, value] = (await sessionCookie(base, page.user)).split('=') as [string, string];
      await context.addCookies([{ name, value, url: base }]);
    }
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const { load, lastFinished } = track(cdp);
    await tab.goto(`${base}${page.path}`, { waitUntil: 'load' });
    // Every page renders one h1 once its lazy chunks and first reads are in: wait for it before the quiet period,
    // or a slow CPU (the script still running after `load`) would end the count before those chunks are asked for.
    await tab.waitForSelector('h1', { timeout: MAX_WAIT_MS });
    const started = Date.now();
    while (Date.now() - lastFinished() < QUIET_MS && Date.now() - started < MAX_WAIT_MS)
      await new Promise((r) => setTimeout(r, 200));
    return load;
  } finally {
    await browser.close();
  }
}

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
