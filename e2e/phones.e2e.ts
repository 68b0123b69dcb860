/**
 * Browser tests of what a phone gets (issue 13 §3.4, §3.6):
 * - the first load of /portal, /report (the grid worker) and /field (an officer) is at most 300 kB transferred,
 *   measured as `npm run bench -- web-load` measures it (bench/web/first-load.ts: a fresh browser, an empty cache);
 * - the public portal works at 360 px: no sideways scrolling, the header's pages, language switch and staff sign-in
 *   behind one menu button, the catalog's rows as cards, no axe violation with the menu closed or open;
 * - maps without a tile key (§3.5): a hint on configuring tiles, the picked place named under the pin, grid names
 *   once zoomed in.
 *
 *   E2E_BASE_URL=http://localhost:3000 node --import tsx e2e/phones.e2e.ts
 */
import type { BrowserContext, Page } from 'playwright-core';
import { measure } from '../bench/web/first-load.ts';
import { PAGES } from '../bench/web/pages.ts';
import { axeViolations, describeViolations } from './axe.ts';
import { assert, BASE, runBrowserTests, type BrowserTest } from './support.ts';

const OVERALL_TIMEOUT_MS = 150_000;
/** Issue 13 §3.6: a phone's first load, compressed, headers included. */
const FIRST_LOAD_BUDGET_BYTES = 300_000;
const PHONE_PAGES = ['portal', 'report', 'field'];

async function firstLoadWithinBudget(): Promise<void> {
  const over: string[] = [];
  for (const page of PAGES.filter((p) => PHONE_PAGES.includes(p.name))) {
    const load = await measure(BASE, page);
    const kB = (load.transferred / 1000).toFixed(1);
    console.log(`  ${page.path}: ${kB} kB in ${load.requests} requests`);
    if (load.transferred > FIRST_LOAD_BUDGET_BYTES) {
      const heaviest = load.resources
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([url, bytes]) => `${url} ${(bytes / 1000).toFixed(1)} kB`);
      over.push(`${page.path}: ${kB} kB (heaviest: ${heaviest.join(', ')})`);
    }
  }
  assert(over.length === 0, `first load over ${FIRST_LOAD_BUDGET_BYTES / 1000} kB:\n${over.join('\n')}`);
}

async function noViolations(page: Page, where: string): Promise<void> {
  const v = await axeViolations(page);
  assert(v.length === 0, `accessibility violations:\n${describeViolations(where, v)}`);
}

async function noSidewaysScroll(page: Page, where: string): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert(width <= 360, `${where}: the page is ${width} px wide at a 360 px viewport (sideways scrolling)`);
}

async function portalAt360(context: BrowserContext): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`${BASE}/portal`);
  const row = page.locator('[data-testid=catalog-table] tr.oe-table-row').first();
  await row.waitFor();
  await noSidewaysScroll(page, '/portal');

  // The catalog's rows are cards: the column headers out of sight, each value named by its column.
  const card = await row.evaluate((tr) => ({
    display: getComputedStyle(tr).display,
    label: getComputedStyle(tr.querySelector('td')!, '::before').content,
    headerHeight: tr.closest('table')!.querySelector('thead')!.getBoundingClientRect().height,
  }));
  assert(card.display === 'block', `a catalog row should be a card at 360 px, display is ${card.display}`);
  assert(card.label === '"#"', `a card's first value should be named by its column, got ${card.label}`);
  assert(card.headerHeight <= 1, `the table's header row should be out of sight, ${card.headerHeight} px high`);

  // The header: one menu button; the pages, language switch and sign-in hidden until it is pressed.
  const button = page.locator('[data-testid=portal-menu-button]');
  assert(await button.isVisible(), 'the portal header should show a menu button at 360 px');
  assert((await button.getAttribute('aria-expanded')) === 'false', 'the menu should start closed');
  assert(!(await page.locator('[data-testid=portal-nav]').isVisible()), 'the pages should fold into the menu');
  await noViolations(page, '/portal (360 px, menu closed)');

  await button.click();
  assert((await button.getAttribute('aria-expanded')) === 'true', 'the menu button should say the menu is open');
  await page.locator('[data-testid=portal-nav]').waitFor({ state: 'visible' });
  assert(await page.locator('[data-testid=lang-switch]').isVisible(), 'the open menu should hold the language switch');
  await noViolations(page, '/portal (360 px, menu open)');
  await noSidewaysScroll(page, '/portal (menu open)');

  // The language switch works from the menu; choosing a page closes the menu.
  await page.locator('[data-testid=lang-switch] button[lang=en]').click();
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Catalog');
  await page.locator('[data-testid=portal-nav] a[href="/portal/lists"]').click();
  await page.waitForURL((u) => u.pathname === '/portal/lists');
  await page.locator('[data-testid=portal-nav]').waitFor({ state: 'hidden' });
  assert((await button.getAttribute('aria-expanded')) === 'false', 'choosing a page should close the menu');

  // A wide screen shows the pages in the header and no menu button.
  await page.setViewportSize({ width: 1280, height: 800 });
  assert(await page.locator('[data-testid=portal-nav]').isVisible(), 'a wide screen should show the pages');
  assert(!(await button.isVisible()), 'a wide screen should not show the menu button');
}

const PASSWORD = 'Demo@2026';

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${BASE}/login`);
  await page.evaluate(() => fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' }));
  await page.goto(`${BASE}/login`);
  await page.fill('#username', username);
  await page.fill('#password', PASSWORD);
  await page.click('[data-testid=login-form] button[type=submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

interface ExposedMap {
  latLngToContainerPoint(latlng: [number, number]): { x: number; y: number };
  setView(center: [number, number], zoom: number, options?: { animate: boolean }): void;
}
type MapWindow = { __oeMap?: ExposedMap; __oePickMap?: ExposedMap };

/** A point in 泽国镇 (the grid worker's town). */
const IN_ZEGUO: [number, number] = [28.5075, 121.3812];

async function mapsWithoutTiles(context: BrowserContext): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, 'gridworker');
  await page.goto(`${BASE}/report`);
  await page.click('[data-testid=toggle-pick-map]');
  await page.waitForFunction(() => !!(window as unknown as MapWindow).__oePickMap);
  // The default install has no tiles: one line says how to configure them, and no attribution (Leaflet's) is shown.
  const hint = (await page.textContent('[data-testid=pick-map] [data-testid=map-tile-hint]')) ?? '';
  assert(hint.includes('MAP_TILE_URL'), `the map should say how to configure tiles, got "${hint}"`);
  assert((await page.locator('.leaflet-control-attribution').count()) === 0, 'no attribution without tiles');

  // A tap on the map: the place is named (town / village / grid), at the pin and in the location card.
  await page.evaluate(
    (at) => (window as unknown as MapWindow).__oePickMap!.setView(at, 14, { animate: false }),
    IN_ZEGUO,
  );
  const box = (await page.locator('[data-testid=pick-map] .leaflet-container').boundingBox())!;
  const pt = await page.evaluate(
    (at) => (window as unknown as MapWindow).__oePickMap!.latLngToContainerPoint(at),
    IN_ZEGUO,
  );
  await page.mouse.click(box.x + pt.x, box.y + pt.y);
  await page.waitForFunction(
    () => document.querySelector('[data-testid=place-name]')?.textContent?.startsWith('泽国镇 / '),
    undefined,
    { timeout: 15_000 },
  );
  const place = (await page.textContent('[data-testid=place-name]'))!;
  assert(place.split(' / ').length === 3, `the place should be town / village / grid, got "${place}"`);
  await page.waitForSelector('.leaflet-tooltip.oe-pin-place');
  const atPin = await page.textContent('.leaflet-tooltip.oe-pin-place');
  assert(atPin === place, `the pin should name the place "${place}", got "${atPin}"`);

  // The region map: grid names appear as labels once zoomed in, and not at the county's zoom.
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, 'admin');
  await page.goto(`${BASE}/map`);
  await page.waitForFunction(() => !!(window as unknown as MapWindow).__oeMap);
  await page.waitForSelector('path.oe-grid');
  assert((await page.locator('.oe-grid-label').count()) === 0, 'no grid labels at the county zoom');
  await page.evaluate((at) => (window as unknown as MapWindow).__oeMap!.setView(at, 15, { animate: false }), IN_ZEGUO);
  await page.waitForSelector('.leaflet-tooltip.oe-grid-label', { timeout: 10_000 });
}

const tests: BrowserTest[] = [
  { name: 'first load of /portal, /report and /field ≤ 300 kB', run: firstLoadWithinBudget },
  { name: 'the portal at 360 px: menu, language switch, rows as cards, axe-clean', run: portalAt360 },
  { name: 'maps without tiles: the hint, the place under the pin, grid names when zoomed in', run: mapsWithoutTiles },
];

process.exitCode = await runBrowserTests(tests, { timeoutMs: OVERALL_TIMEOUT_MS, failureShot: 'phones-failure.png' });
