/**
 * Lighthouse (mobile: a Moto G Power's screen, simulated slow 4G and a 4× slower CPU — its defaults) on /login,
 * /portal, /report (the grid worker) and /field (an officer): the performance and accessibility scores, with the
 * figures that make up performance (FCP, LCP, TBT, CLS) and the transferred bytes. Issue 13 §3.8 asks for
 * performance ≥ 90 and accessibility ≥ 95.
 *
 * Lighthouse drives Debian's Chromium through chrome-launcher (CHROMIUM_PATH, headless, no network: only this
 * machine's server is loaded). Signed-in pages get the session cookie as an extra header. Starts its own server
 * (fresh embedded database, a small demo year) on the built web app. Run alone with `npm run bench -- lighthouse`.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { startTestServer } from '../scripts/test-server.mjs';
import { buildWebIfStale } from '../scripts/web-build.mjs';
import { CHROMIUM, CHROMIUM_FLAGS, PAGES, sessionCookie } from './web/pages.ts';

type Figures = Record<string, number | string>;

const score = (s: number | null | undefined): number => Math.round((s ?? 0) * 100);

export async function run(): Promise<Figures> {
  buildWebIfStale('bench');
  const server = await startTestServer({ demoEvents: 500, stdio: 'ignore' });
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_FLAGS });
  const figures: Figures = {};
  try {
    console.log('page     performance  accessibility   FCP s   LCP s   TBT ms     CLS   transferred kB');
    for (const page of PAGES) {
      const extraHeaders = page.user ? { Cookie: await sessionCookie(server.base, page.user) } : undefined;
      const result = await lighthouse(`${server.base}${page.path}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
        ...(extraHeaders ? { extraHeaders } : {}),
      });
      if (!result) throw new Error(`lighthouse returned nothing for ${page.path}`);
      const { categories, audits } = result.lhr;
      const perf = score(categories.performance?.score);
      const a11y = score(categories.accessibility?.score);
      const num = (id: string): number => audits[id]?.numericValue ?? NaN;
      console.log(
        `${page.name.padEnd(8)} ${String(perf).padStart(11)} ${String(a11y).padStart(14)} ` +
          `${(num('first-contentful-paint') / 1000).toFixed(1).padStart(7)} ` +
          `${(num('largest-contentful-paint') / 1000).toFixed(1).padStart(7)} ` +
          `${Math.round(num('total-blocking-time')).toString().padStart(8)} ` +
          `${num('cumulative-layout-shift').toFixed(3).padStart(7)} ` +
          `${(num('total-byte-weight') / 1000).toFixed(1).padStart(16)}`,
      );
      const failing = Object.values(audits)
        .filter((a) => result.lhr.categories.accessibility?.auditRefs.some((r) => r.id === a.id && r.weight > 0))
        .filter((a) => a.score !== null && a.score < 1)
        .map((a) => a.id);
      if (failing.length > 0) console.log(`         accessibility audits failing: ${failing.join(', ')}`);
      figures[`${page.name} performance`] = perf;
      figures[`${page.name} accessibility`] = a11y;
    }
  } finally {
    chrome.kill();
    await server.stop();
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
