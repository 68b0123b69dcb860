/**
 * A page's first load as a phone gets it: a fresh browser, an empty cache, signed in as the page's persona; the bytes
 * transferred (headers and compressed bodies, as Chromium's network stack counts them) until the page has rendered
 * its h1 and gone quiet. Used by the web-load benchmark (prints it) and the phone e2e test (holds it under a budget).
 */
import { chromium, type CDPSession } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS, sessionCookie, type MeasuredPage } from './pages.ts';

/** The page has settled (after its h1) when nothing has finished loading for this long (the live stream never finishes). */
const QUIET_MS = 1500;
const MAX_WAIT_MS = 30_000;

export interface Load {
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

export async function measure(base: string, page: MeasuredPage): Promise<Load> {
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
