/**
 * Browser test of the catalog: sign in, search the catalog for 占道, open a matter, change it as a new version and
 * read the change in its history, resolve jurisdiction for a town (checked against the API), then open the public
 * portal without a session from the login page's link and search there. A plain node script on playwright-core
 * driving Debian's Chromium, like login-map.e2e.ts:
 *
 *   E2E_BASE_URL=http://localhost:3000 node --import tsx e2e/catalog.e2e.ts
 *
 * Needs the demo catalog (the server seeds it on first start; its synthetic matters include 占道经营). The last line
 * printed is `N passed, M failed`; the exit code is non-zero on failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { assert, BASE, runBrowserTests, SCREENSHOTS, type BrowserTest } from './support.ts';

const OVERALL_TIMEOUT_MS = 150_000;
const USERNAME = 'admin';
const PASSWORD = 'Demo@2026';
const TERM = '占道';

/** GET or POST from inside the page, with its session cookie. */
async function fetchJson<T>(page: Page, url: string, body?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ url, body }) => {
      const res = await fetch(url, {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
      });
      return { status: res.status, body: (await res.json()) as T };
    },
    { url, body },
  );
}

interface SearchPage {
  items: { id: string; name: string }[];
  total: number;
}

async function login(page: Page): Promise<void> {
  await page.goto(`${BASE}/login`);
  await page.waitForSelector('[data-testid=login-form]');
  await page.fill('#username', USERNAME);
  await page.fill('#password', PASSWORD);
  await page.click('[data-testid=login-form] button[type=submit]');
  await page.waitForSelector('[data-testid=side-menu]');
}

/** Searches the catalog page (console or portal) and waits for the table to show the answer for the term. */
async function search(page: Page, term: string): Promise<void> {
  await page.waitForSelector('[data-testid=catalog-table]');
  await page.fill('[data-testid=catalog-search] input', term);
  await page.press('[data-testid=catalog-search] input', 'Enter');
  await page.waitForFunction(
    (t) => {
      const rows = Array.from(document.querySelectorAll('[data-testid=catalog-table] tbody tr.oe-table-row'));
      return rows.length > 0 && rows.every((r) => r.textContent?.includes(t));
    },
    term,
    { timeout: 15_000 },
  );
}

async function catalogSearchMatterHistoryJurisdictionPortal(context: BrowserContext): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await login(page);

  // The catalog, from the side menu; the ranked search for a two-character Chinese term.
  await page.click('[data-testid=side-menu] >> text=事项目录');
  await page.waitForURL(/\/catalog$/);
  await search(page, TERM);
  const api = await fetchJson<SearchPage>(page, `/api/catalog/matters?q=${encodeURIComponent(TERM)}&limit=20`);
  assert(api.status === 200 && api.body.total > 0, `the demo catalog should have matters for ${TERM}`);
  const rows = await page.locator('[data-testid=catalog-table] tbody tr.oe-table-row').count();
  assert(rows === api.body.items.length, `table rows ${rows}, API page ${api.body.items.length}`);
  const total = (await page.textContent('[data-testid=catalog-total]')) ?? '';
  assert(total.includes(api.body.total.toLocaleString()), `total "${total}" should show ${api.body.total}`);
  const first = api.body.items[0]!;
  const firstLink = page.locator('[data-testid=catalog-table] tbody tr.oe-table-row a').first();
  assert((await firstLink.textContent())?.trim() === first.name, 'the first row should be the best-ranked matter');
  console.log(`  ${api.body.total} matters for ${TERM}; opening ${first.name}`);

  // The matter page.
  await firstLink.click();
  await page.waitForURL(new RegExp(`/catalog/${first.id}`));
  await page.waitForSelector('[data-testid=matter-details]');
  assert((await page.textContent('[data-testid=matter-name]'))?.includes(TERM), 'the matter name shows');
  assert(await page.isVisible('[data-testid=legal-basis]'), 'the legal basis shows');
  assert(await page.isVisible('[data-testid=town-powers-table]'), 'the town powers show');

  // Change it as a new version (the administrator may), then read the change in the history.
  const before = await fetchJson<{ latest: { version: number; sourceDepartment: string } }>(
    page,
    `/api/catalog/matters/${first.id}`,
  );
  const department = `${before.body.latest.sourceDepartment}（e2e）`;
  await page.click('[data-testid=edit-matter]');
  await page.waitForSelector('[data-testid=matter-form]');
  await page.fill('[data-testid=field-sourceDepartment]', department);
  await page.fill('[data-testid=field-announcement]', '温政发〔2026〕99号（e2e）');
  await page.click('[data-testid=matter-form-submit]');
  await page.waitForSelector('[data-testid=matter-form]', { state: 'detached' });
  const next = before.body.latest.version + 1;
  await page.waitForFunction(
    (v) => document.querySelector('[data-testid=matter-version]')?.textContent?.includes(`第 ${v} 版`),
    next,
  );
  await page.click('[data-testid=tab-history]');
  await page.waitForSelector(`[data-testid=history-changes-${next}]`);
  const change = page.locator(`[data-testid=history-changes-${next}] tbody tr.ant-table-row`);
  assert((await change.count()) === 1, 'the new version changed one field');
  const changeText = (await change.textContent()) ?? '';
  assert(changeText.includes('划出部门') && changeText.includes(department), `history row: "${changeText}"`);
  const versions = await page.locator('[data-testid^=history-version-]').count();
  assert(versions === next, `the timeline should list ${next} versions, got ${versions}`);

  // Jurisdiction in an empowered town today, compared with the API's answer.
  const towns = await fetchJson<{ items: { id: string; name: string; townMode: string }[] }>(
    page,
    '/api/org/regions?level=town&limit=50',
  );
  const town = towns.body.items.find((t) => t.townMode === 'empowered') ?? towns.body.items[0]!;
  await page.click('[data-testid=tab-jurisdiction]');
  await page.waitForSelector('[data-testid=jurisdiction-panel]');
  await page.click('[data-testid=jurisdiction-town]');
  await page.locator('.ant-select-item-option').filter({ hasText: town.name }).first().click();
  await page.waitForSelector('[data-testid=jurisdiction-result]');
  const date = await page.inputValue('[data-testid=jurisdiction-date] input, input[data-testid=jurisdiction-date]');
  const expected = await fetchJson<{
    result: { ok: boolean; ruleId: string; explanation?: { zh: string }; reason?: { zh: string } };
  }>(page, `/api/catalog/matters/${first.id}/jurisdiction`, { townId: town.id, date });
  const shown = {
    rule: await page.getAttribute('[data-testid=jurisdiction-result]', 'data-rule'),
    text: (await page.textContent('[data-testid=jurisdiction-explanation]'))?.trim(),
  };
  const r = expected.body.result;
  assert(shown.rule === r.ruleId, `rule: panel ${shown.rule}, API ${r.ruleId}`);
  assert(shown.text === (r.ok ? r.explanation?.zh : r.reason?.zh), `explanation: "${shown.text}"`);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'catalog.png'), fullPage: true });
  console.log(`  ${town.name} on ${date}: ${r.ruleId}`);
  assert(pageErrors.length === 0, `page errors: ${pageErrors.join('; ')}`);

  // The public portal: no session, reached from the login page, only public endpoints.
  await context.clearCookies();
  const p = await context.newPage();
  const privateCalls: string[] = [];
  p.on('request', (req) => {
    const u = new URL(req.url());
    if (u.pathname.startsWith('/api/') && !u.pathname.startsWith('/api/public/')) privateCalls.push(u.pathname);
  });
  p.on('pageerror', (e) => pageErrors.push(e.message));
  const askedWho = p.waitForResponse((res) => res.url().endsWith('/api/auth/me'));
  await p.goto(`${BASE}/login`);
  await p.waitForSelector('[data-testid=login-form]');
  assert((await askedWho).status() === 401, 'the cookies were cleared: nobody is signed in');
  privateCalls.length = 0; // the login page asks who is signed in; the portal must not ask anything private
  await p.click('[data-testid=portal-link]');
  await p.waitForURL(/\/portal$/);
  await p.waitForSelector('[data-testid=portal]');
  assert(!(await p.isVisible('[data-testid=side-menu]')), 'the portal has no side menu');
  await search(p, TERM);
  const pub = await fetchJson<SearchPage>(p, `/api/public/catalog/matters?q=${encodeURIComponent(TERM)}&limit=20`);
  assert(pub.status === 200 && pub.body.total > 0, 'the public search answers without a session');
  const pubTotal = (await p.textContent('[data-testid=catalog-total]')) ?? '';
  assert(pubTotal.includes(pub.body.total.toLocaleString()), `portal total "${pubTotal}", API ${pub.body.total}`);
  await p.locator('[data-testid=catalog-table] tbody tr.oe-table-row a').first().click();
  await p.waitForSelector('[data-testid=portal-matter]');
  assert(await p.isVisible('[data-testid=legal-basis]'), 'the portal matter shows its legal basis');
  assert(await p.isVisible('[data-testid=portal-responsible]'), 'the portal matter shows the responsible body');
  await p.click('[data-testid=lang-switch] >> text=EN');
  await p.waitForFunction(() => document.querySelector('[data-testid=portal-nav]')?.textContent?.includes('Lists'));
  await p.screenshot({ path: path.join(SCREENSHOTS, 'catalog-portal.png'), fullPage: true });
  // A direct visit (a fresh page load) of the portal asks nothing private either.
  await p.goto(`${BASE}/portal/lists`);
  await p.waitForSelector('[data-testid=portal-list-first_violation_waiver] .ant-table-row');
  assert(privateCalls.length === 0, `the portal called login-only endpoints: ${privateCalls.join(', ')}`);
  assert(pageErrors.length === 0, `page errors: ${pageErrors.join('; ')}`);
}

const tests: BrowserTest[] = [
  {
    name: 'catalog search 占道 → matter → new version in history → jurisdiction → public portal',
    run: catalogSearchMatterHistoryJurisdictionPortal,
  },
];

process.exitCode = await runBrowserTests(tests, { timeoutMs: OVERALL_TIMEOUT_MS, failureShot: 'catalog-failure.png' });
