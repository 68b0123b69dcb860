/**
 * What every browser test shares: the base URL, Debian's Chromium launched with flags that keep it off the (closed)
 * network, an overall time limit, a screenshot on failure, and the closing line `N passed, M failed`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';

export const BASE = (process.env.E2E_BASE_URL ?? 'http://localhost:3000').replace(/\/$/, '');
export const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export class AssertionError extends Error {}
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}

export interface BrowserTest {
  name: string;
  run: (context: BrowserContext) => Promise<void>;
}

/** Run tests one by one, each in a fresh browser profile; returns the process exit code. */
export async function runBrowserTests(
  tests: readonly BrowserTest[],
  o: { timeoutMs: number; failureShot: string },
): Promise<number> {
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk`);
    return 1;
  }
  let passed = 0;
  let failed = 0;
  // E2E_GREP=text runs only the tests whose name contains it (while working on one of them).
  const grep = process.env.E2E_GREP;
  for (const test of grep ? tests.filter((t) => t.name.includes(grep)) : tests) {
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oe-e2e-chromium-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
    });
    context.setDefaultTimeout(15_000);
    // tsx (esbuild keepNames) wraps named functions in __name(); functions passed to page.evaluate run in the page.
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        test.run(context),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${o.timeoutMs / 1000} s`)), o.timeoutMs);
        }),
      ]);
      passed++;
      console.log(`✓ ${test.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (err) {
      failed++;
      console.log(`✗ ${test.name}\n  ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      const page = context.pages()[0];
      if (page) {
        fs.mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: path.join(SCREENSHOTS, o.failureShot) }).catch(() => undefined);
      }
    } finally {
      clearTimeout(timer);
      await context.close().catch(() => undefined);
      fs.rmSync(userDataDir, { recursive: true, force: true });
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}
