/**
 * Browser test: names edited by users reach the maps as text (issue 13 §1.5). An administrator renames a town and
 * one of its grids to markup that would run script if a map library set it as HTML; the region map (/map), the
 * command centre (/command) and the grid worker's report page (/report) must show the name literally, create no
 * element from it and open no dialog. The names are restored afterwards.
 *
 *   E2E_BASE_URL=http://localhost:3000 node --import tsx e2e/map-names.e2e.ts
 */
import type { BrowserContext, Page } from 'playwright-core';
import { assert, BASE, runBrowserTests, type BrowserTest } from './support.ts';

const OVERALL_TIMEOUT_MS = 90_000;
const PASSWORD = 'Demo@2026';
const TOWN_NAME = '<img src=x data-xss=town onerror=alert(1)>镇';
const GRID_NAME = '<img src=x data-xss=grid onerror=alert(2)>网格';

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${BASE}/login`);
  await page.evaluate(() => fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' }));
  await page.goto(`${BASE}/login`);
  await page.waitForSelector('[data-testid=login-form]');
  await page.fill('#username', username);
  await page.fill('#password', PASSWORD);
  await page.click('[data-testid=login-form] button[type=submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** Rename a region through the API (the page's session); returns its previous name. */
async function rename(page: Page, id: string, name: string): Promise<string> {
  return page.evaluate(
    async ({ id, name }) => {
      const cur = (await (await fetch(`/api/org/regions/${id}`, { credentials: 'same-origin' })).json()) as {
        name: string;
        version: number;
      };
      const res = await fetch(`/api/org/regions/${id}`, {
        method: 'PATCH',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ version: cur.version, name }),
      });
      if (!res.ok) throw new Error(`rename ${id}: ${res.status} ${await res.text()}`);
      return cur.name;
    },
    { id, name },
  );
}

/** The page shows `name` literally in a map label, and no element was made from it. */
async function showsAsText(page: Page, where: string, name: string): Promise<void> {
  await page.waitForFunction(
    (n) => Array.from(document.querySelectorAll('.leaflet-tooltip')).some((t) => t.textContent?.includes(n)),
    name,
    { timeout: 20_000 },
  );
  const injected = await page.locator('[data-xss]').count();
  assert(injected === 0, `${where}: ${injected} element(s) were made from a name`);
}

async function namesAreText(context: BrowserContext): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signIn(page, 'admin');
  // A town no other browser test looks up by name, and one of its grids.
  const { townId, gridId } = await page.evaluate(async () => {
    const towns = (await (await fetch('/api/org/regions?level=town&limit=50')).json()) as {
      items: { id: string; name: string }[];
    };
    const town = towns.items.filter((t) => t.name !== '泽国镇' && t.name !== '太平街道').at(-1)!;
    const grids = (await (await fetch(`/api/org/map/grids?townId=${town.id}`)).json()) as {
      features: { id: string }[];
    };
    return { townId: town.id, gridId: grids.features[0]!.id };
  });
  const oldTown = await rename(page, townId, TOWN_NAME);
  const oldGrid = await rename(page, gridId, GRID_NAME);
  try {
    // The region map: town labels are permanent; grid tooltips open on hover (all opened here at once).
    await page.goto(`${BASE}/map`);
    await page.waitForFunction(() => !!(window as unknown as { __oeMap?: unknown }).__oeMap);
    await showsAsText(page, '/map (town label)', TOWN_NAME);
    await page.waitForSelector(`path.oe-grid[data-grid-id="${gridId}"]`);
    await page.evaluate(() => {
      type Layer = { getTooltip?: () => unknown; openTooltip?: () => void };
      const map = (window as unknown as { __oeMap: { eachLayer(fn: (l: Layer) => void): void } }).__oeMap;
      map.eachLayer((l) => {
        if (l.getTooltip?.()) l.openTooltip?.();
      });
    });
    await showsAsText(page, '/map (grid tooltip)', GRID_NAME);
    await page.goto(`${BASE}/command`);
    await page.waitForSelector('[data-testid=event-map]');
    await showsAsText(page, '/command', TOWN_NAME);
    await signIn(page, 'gridworker');
    await page.goto(`${BASE}/report`);
    // The pick map opens on request (no location prompt on load).
    await page.click('[data-testid=toggle-pick-map]');
    await page.waitForSelector('[data-testid=pick-map]');
    await showsAsText(page, '/report', TOWN_NAME);
    assert(dialogs.length === 0, `dialogs opened: ${dialogs.join('; ')}`);
  } finally {
    await signIn(page, 'admin');
    await rename(page, gridId, oldGrid);
    await rename(page, townId, oldTown);
  }
}

const tests: BrowserTest[] = [{ name: 'names on maps are text (town and grid named as markup)', run: namesAreText }];

process.exitCode = await runBrowserTests(tests, {
  timeoutMs: OVERALL_TIMEOUT_MS,
  failureShot: 'map-names-failure.png',
});
