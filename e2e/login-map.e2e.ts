/**
 * Browser test: sign in, open the map, click a grid and check the location panel against /api/org/locate, switch
 * the language. A plain node script on playwright-core driving Debian's Chromium (no browser download):
 *
 *   E2E_BASE_URL=http://localhost:3000 node --import tsx e2e/login-map.e2e.ts
 *
 * `npm run test:e2e` (scripts/e2e.mjs) starts a fresh server and runs every e2e/*.e2e.ts. The last line printed is
 * `N passed, M failed`; the exit code is non-zero on failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { assert, BASE, runBrowserTests, SCREENSHOTS, type BrowserTest } from './support.ts';

const OVERALL_TIMEOUT_MS = 60_000;
const USERNAME = 'admin';
const PASSWORD = 'Demo@2026';

/** What the test reads from the page: the Leaflet map the web app exposes as window.__oeMap (see MapPage.tsx). */
interface ExposedMap {
  getCenter(): { lat: number; lng: number };
  getContainer(): HTMLElement;
  latLngToContainerPoint(latlng: [number, number]): { x: number; y: number };
}
declare global {
  interface Window {
    __oeMap?: ExposedMap;
  }
}

async function login(page: Page): Promise<void> {
  await page.goto(`${BASE}/`);
  await page.waitForSelector('[data-testid=login-form]');
  assert(page.url().endsWith('/login'), `an anonymous visit should land on /login, got ${page.url()}`);
  await page.fill('#username', USERNAME);
  await page.fill('#password', PASSWORD);
  await page.click('[data-testid=login-form] button[type=submit]');
  await page.waitForSelector('[data-testid=side-menu]');
  const header = await page.textContent('[data-testid=header-user]');
  assert(header?.includes('系统管理员'), `header should show the admin role label, got "${header}"`);
}

/** A point well inside the grid nearest to the map centre, and where it is on the screen. */
async function pickGridPoint(page: Page) {
  return page.evaluate(async () => {
    type Ring = [number, number][];
    type Geometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
    type Grid = { geometry: Geometry; properties: { id: string; name: string } };
    const map = window.__oeMap;
    if (!map) throw new Error('window.__oeMap is not set');
    const res = await fetch('/api/org/map/grids', { credentials: 'same-origin' });
    const fc = (await res.json()) as { features: Grid[] };
    const inside = (pt: [number, number], ring: Ring) => {
      let c = false;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]!;
        const [xj, yj] = ring[j]!;
        if (yi > pt[1] !== yj > pt[1] && pt[0] < ((xj - xi) * (pt[1] - yi)) / (yj - yi) + xi) c = !c;
      }
      return c;
    };
    const center = map.getCenter();
    let best: { id: string; name: string; lng: number; lat: number; d: number } | null = null;
    for (const f of fc.features) {
      const ring = f.geometry.type === 'Polygon' ? f.geometry.coordinates[0]! : f.geometry.coordinates[0]![0]!;
      const pts = ring.slice(0, -1);
      const lng = pts.reduce((s, p) => s + p[0], 0) / pts.length;
      const lat = pts.reduce((s, p) => s + p[1], 0) / pts.length;
      if (!inside([lng, lat], ring)) continue;
      const d = (lng - center.lng) ** 2 + (lat - center.lat) ** 2;
      if (!best || d < best.d) best = { id: f.properties.id, name: f.properties.name, lng, lat, d };
    }
    if (!best) throw new Error('no grid with an interior centroid');
    const p = map.latLngToContainerPoint([best.lat, best.lng]);
    const rect = map.getContainer().getBoundingClientRect();
    return { ...best, x: rect.left + p.x, y: rect.top + p.y, gridCount: fc.features.length };
  });
}

async function loginMapLocateLanguage(context: BrowserContext): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  await login(page);

  // The map page, from the side menu.
  await page.click('[data-testid=side-menu] >> text=区域地图');
  await page.waitForURL(/\/map$/);
  await page.waitForSelector('[data-testid=org-map] path.oe-grid[data-grid-id]', { timeout: 20_000 });
  await page.waitForFunction(() => !!window.__oeMap);
  const drawn = await page.locator('[data-testid=org-map] path.oe-grid').count();
  assert(drawn > 0, 'grid polygons should be drawn');
  assert(await page.isVisible('[data-testid=map-legend]'), 'the legend should be visible');

  // Click inside a grid; the panel shows what /api/org/locate says about the clicked point.
  const target = await pickGridPoint(page);
  assert(drawn === target.gridCount, `every grid should be drawn (${drawn} of ${target.gridCount})`);
  await page.mouse.click(target.x, target.y);
  await page.waitForSelector('[data-testid=locate-panel][data-status=done]', { timeout: 10_000 });
  const panel = page.locator('[data-testid=locate-panel]');
  const shown = {
    lng: Number(await panel.getAttribute('data-lng')),
    lat: Number(await panel.getAttribute('data-lat')),
    town: (await page.textContent('[data-testid=locate-town]'))?.trim(),
    grid: (await page.textContent('[data-testid=locate-grid]'))?.trim(),
  };
  const expected = await page.evaluate(async ({ lng, lat }) => {
    const r = await fetch(`/api/org/locate?lng=${lng}&lat=${lat}`, { credentials: 'same-origin' });
    return (await r.json()) as { grid: { id: string; name: string }; town: { name: string } };
  }, shown);
  assert(!!shown.town && shown.town === expected.town.name, `town: panel "${shown.town}", API "${expected.town.name}"`);
  assert(!!shown.grid && shown.grid === expected.grid.name, `grid: panel "${shown.grid}", API "${expected.grid.name}"`);
  assert(expected.grid.id === target.id, `clicked grid ${target.id} (${target.name}), located ${expected.grid.id}`);
  const selected = await page.locator(`path.oe-grid[data-grid-id="${target.id}"]`).getAttribute('fill');
  assert(selected !== null, 'the clicked grid should be highlighted');
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'map.png') });
  console.log(`  located ${shown.town} / ${shown.grid} at ${shown.lng.toFixed(5)}, ${shown.lat.toFixed(5)}`);

  // Language: the switch in the header turns the menu into English and is remembered.
  const menu = page.locator('[data-testid=side-menu]');
  assert((await menu.textContent())?.includes('区域地图'), 'the menu starts in Chinese');
  await page.click('[data-testid=lang-switch] >> text=EN');
  await page.waitForFunction(() => document.querySelector('[data-testid=side-menu]')?.textContent?.includes('Map'));
  const menuText = (await menu.textContent()) ?? '';
  assert(menuText.includes('Organization') && !menuText.includes('区域地图'), `menu in English: "${menuText}"`);
  const stored = await page.evaluate(() => localStorage.getItem('oe.lang'));
  assert(stored === 'en', `oe.lang should be "en", got ${stored}`);
  assert((await page.textContent('[data-testid=locate-panel]'))?.includes('Coordinates'), 'panel labels in English');

  assert(pageErrors.length === 0, `page errors: ${pageErrors.join('; ')}`);
}

const tests: BrowserTest[] = [{ name: 'login → map → locate a grid → English', run: loginMapLocateLanguage }];

process.exitCode = await runBrowserTests(tests, {
  timeoutMs: OVERALL_TIMEOUT_MS,
  failureShot: 'login-map-failure.png',
});
