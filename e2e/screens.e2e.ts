/**
 * Browser tests of the personas' pages (issue 13 §3.2–3.4, issue 9 §2):
 *
 *   1. every demo persona signs in and lands on a page that serves them (team leader: the board; supervisor: the
 *      read-only search; reviewer and department staff: their queues; operator, officer, grid worker as before), the
 *      menu offers the audit log only to holders of `audit.read`, and a page the user may not open offers home and
 *      sign-out;
 *   2. the supervisor reads the audit log: filters by subject, pages, runs the chain verification, in zh and en;
 *   3. the command centre's queue tiles equal /api/events/count, a queue pages past 100, the list exports to XLSX,
 *      the search finds an event by its number; the drawer's buttons are exactly the allowed actions of
 *      GET /api/events/:id/actions, for the operator and for the supervisor;
 *   4. the officer's tasks group by deadline and by status, each with a navigation link;
 *   5. the citizen follows a report at /t/<token> (a page, not JSON) and looks it up on the portal by number and
 *      the last 4 digits of the phone, at 360 px.
 *
 *   E2E_BASE_URL=http://localhost:3000 node --import tsx e2e/screens.e2e.ts
 */
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { assert, BASE, runBrowserTests, SCREENSHOTS, type BrowserTest } from './support.ts';

const OVERALL_TIMEOUT_MS = 180_000;
const PASSWORD = 'Demo@2026';
const PHONE = { width: 360, height: 740 };
const LANG_KEY = 'oe.lang';

const shot = (page: Page, name: string, fullPage = false) =>
  page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage });

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

async function getJson<T>(page: Page, url: string): Promise<T> {
  return page.evaluate(async (u) => {
    const res = await fetch(u, { credentials: 'same-origin' });
    if (!res.ok) throw new Error(`${u}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }, url) as Promise<T>;
}

async function personaHomes(context: BrowserContext): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const homes: [string, string, string][] = [
    ['leader', '/team', 'team-board-page'],
    ['supervisor', '/events', 'event-search-page'],
    ['reviewer', '/work', 'work-review'],
    ['dept', '/work', 'work-referred'],
    ['operator', '/command', 'command-page'],
    ['officer', '/field', 'field-page'],
    ['gridworker', '/report', 'report-page'],
  ];
  for (const [user, path, testId] of homes) {
    await signIn(page, user);
    await page.waitForURL((u) => u.pathname === path);
    await page.waitForSelector(`[data-testid=${testId}]`);
    await shot(page, `screens-home-${user}.png`);
    if (['supervisor', 'operator', 'leader', 'reviewer', 'dept'].includes(user)) {
      const audit = await page.locator('[data-testid="menu-/audit"]').count();
      assert(
        audit > 0 === (user === 'supervisor'),
        `${user}: the audit log is in the menu only for audit.read (found ${audit})`,
      );
    }
  }
  // The leader's board: its figures are the board's own (tasks in hand), the drawer opens from a row.
  await signIn(page, 'leader');
  await page.waitForSelector('[data-testid=team-board-page]');
  const board = await getJson<{ tasks: unknown[]; overdue: number }>(page, '/api/events/team-board');
  const shown = await page.locator('[data-testid=board-tasks] .ant-statistic-content-value').innerText();
  assert(Number(shown.replace(/\D/g, '')) === board.tasks.length, `board shows ${shown}, API ${board.tasks.length}`);

  // A page the user may not open: 403 with home and sign-out (no dead end).
  await signIn(page, 'gridworker');
  await page.goto(`${BASE}/audit`);
  await page.waitForSelector('[data-testid=status-home]');
  await shot(page, 'screens-403.png');
  await page.click('[data-testid=status-home]');
  await page.waitForURL((u) => u.pathname === '/report');
  await page.goto(`${BASE}/audit`);
  await page.click('[data-testid=status-logout]');
  await page.waitForURL((u) => u.pathname === '/login');
  assert(errors.length === 0, `no page errors: ${errors.join('; ')}`);
}

async function auditReader(context: BrowserContext): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  await signIn(page, 'supervisor');
  await page.goto(`${BASE}/audit`);
  await page.waitForSelector('[data-testid=audit-table] .ant-table-row');
  // Verify the chain now: the status says intact.
  await page.click('[data-testid=audit-verify]');
  await page.waitForSelector('[data-testid=audit-verification][data-state=done]', { timeout: 60_000 });
  const ok = await page.getAttribute('[data-testid=audit-verification]', 'data-ok');
  assert(ok === 'true', `the demo chain verifies intact, got ok=${ok}`);
  // Paging (20 a page): the next page starts after the first page's last record.
  await page.click('[data-testid=audit-page-size]');
  await page.click('.ant-select-dropdown:visible .ant-select-item-option >> nth=0');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=audit-table] .ant-table-row').length === 20);
  const firstSeqs = await page.locator('[data-testid=audit-table] .ant-table-row td:nth-child(2)').allInnerTexts();
  await page.click('[data-testid=audit-next]');
  await page.waitForFunction((first) => {
    const cell = document.querySelector('[data-testid=audit-table] .ant-table-row td:nth-child(2)');
    return cell && cell.textContent !== first;
  }, firstSeqs[0]);
  const nextSeqs = await page.locator('[data-testid=audit-table] .ant-table-row td:nth-child(2)').allInnerTexts();
  assert(
    Number(nextSeqs[0]) < Number(firstSeqs[firstSeqs.length - 1]),
    `page 2 (${nextSeqs[0]}) continues page 1 (last ${firstSeqs[firstSeqs.length - 1]})`,
  );
  // Filter by subject: clicking a subject narrows the list to it.
  await page.locator('[data-testid=audit-subject]').first().click();
  await page.waitForFunction(() => {
    const rows = Array.from(document.querySelectorAll('[data-testid=audit-subject]')).map((e) => e.textContent);
    return rows.length > 0 && rows.every((t) => t === rows[0]);
  });
  const subject = await page.locator('[data-testid=audit-subject]').first().innerText();
  const [type, id] = subject.split(' · ').map((s) => s.trim());
  const api = await getJson<{ items: { entityType: string; entityId: string }[] }>(
    page,
    `/api/audit?entityType=${encodeURIComponent(type!)}&entityId=${encodeURIComponent(id!)}&limit=50`,
  );
  const rows = await page.locator('[data-testid=audit-subject]').count();
  assert(rows === api.items.length, `the subject filter shows ${rows} rows, the API ${api.items.length}`);
  await shot(page, 'screens-audit.png');
  // English.
  await page.evaluate((k) => localStorage.setItem(k, 'en'), LANG_KEY);
  await page.reload();
  await page.waitForSelector('[data-testid=audit-page]');
  const title = await page.locator('[data-testid=audit-page] h1').first().innerText();
  assert(title === 'Audit log', `the page is in English: ${title}`);
  await page.waitForSelector('[data-testid=audit-verify]:has-text("Verify now")');
}

async function commandLists(context: BrowserContext): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  await signIn(page, 'operator');
  await page.waitForSelector('[data-testid=command-page]');
  // The map without a tile key: a one-line hint, the cluster legend, no Leaflet attribution prefix.
  await page.waitForSelector('[data-testid=map-tile-hint]');
  await page.waitForSelector('[data-testid=legend-cluster-red]');
  assert((await page.locator('.leaflet-control-attribution a[href*="leafletjs"]').count()) === 0, 'no Leaflet prefix');
  // Each tile's figure equals the count of its list.
  for (const q of ['untriaged', 'to_dispatch', 'overdue']) {
    await page.waitForSelector(`[data-testid=queue-tab-${q}]:not([data-count=""])`);
    const shown = Number(await page.getAttribute(`[data-testid=queue-tab-${q}]`, 'data-count'));
    const api = await getJson<{ total: number }>(page, `/api/events/count?queue=${q}`);
    assert(shown === api.total, `${q}: tile ${shown}, /count ${api.total}`);
  }
  // The 'all' list over 90 days pages past 100.
  await page.click('[data-testid=filter-days] .ant-segmented-item:last-child');
  await page.click('[data-testid=queue-tab-all]');
  await page.waitForSelector('[data-testid=queue-tab-all]:not([data-count=""])');
  const all = Number(await page.getAttribute('[data-testid=queue-tab-all]', 'data-count'));
  assert(all > 100, `the demo year has more than 100 events in 90 days (${all})`);
  await page.waitForSelector('[data-testid=queue-list]');
  const firstPageRows = Number(await page.getAttribute('[data-testid=queue-list]', 'data-shown'));
  assert(firstPageRows < all, `the first page (${firstPageRows}) is not the whole queue (${all})`);
  let shownRows = firstPageRows;
  while (shownRows <= 100) {
    await page.click('[data-testid=queue-more]');
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid=queue-list]')?.getAttribute('data-shown')) > n,
      shownRows,
    );
    shownRows = Number(await page.getAttribute('[data-testid=queue-list]', 'data-shown'));
  }
  // Export: the list's XLSX comes with the session cookie.
  const href = await page.getAttribute('[data-testid=list-export]', 'href');
  const xlsx = await page.evaluate(async (u) => {
    const res = await fetch(u!, { credentials: 'same-origin' });
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { status: res.status, type: res.headers.get('content-type'), zip: bytes[0] === 0x50 && bytes[1] === 0x4b };
  }, href);
  assert(xlsx.status === 200 && xlsx.zip, `the export is an XLSX: ${JSON.stringify(xlsx)}`);

  // The drawer's buttons are exactly the actions the server allows.
  await page.locator('[data-testid=queue-tab-untriaged]').click();
  await page.locator('[data-testid=queue-row]').first().click();
  await checkDrawerButtons(page);
  await shot(page, 'screens-command-drawer.png');

  // Search by number.
  await page.goto(`${BASE}/events`);
  await page.waitForSelector('[data-testid=search-row]');
  const no = await page.locator('[data-testid=search-row]').nth(3).innerText();
  await page.fill('[data-testid=search-no] input, input[data-testid=search-no]', no);
  await page.click('[data-testid=search-submit]');
  await page.waitForFunction((n) => {
    const rows = Array.from(document.querySelectorAll('[data-testid=search-row]'));
    return rows.length === 1 && rows[0]!.textContent === n;
  }, no);
  await page.waitForSelector('[data-testid=list-total][data-total="1"]');
  await page.locator('[data-testid=search-row]').first().click();
  await checkDrawerButtons(page);

  // The supervisor reads: the same drawer, with exactly the supervisor's allowed steps.
  await signIn(page, 'supervisor');
  await page.waitForSelector('[data-testid=search-row]');
  await page.locator('[data-testid=search-row]').first().click();
  await checkDrawerButtons(page);
  await shot(page, 'screens-supervisor-drawer.png');

  // The big screen from the supervisor's menu: a named sans-serif font (no serif fallback in English).
  await page.evaluate((k) => localStorage.setItem(k, 'en'), LANG_KEY);
  await page.click('[data-testid="menu-/bigscreen"]');
  await page.waitForSelector('[data-testid=bs-towns] canvas');
  const font = await page.evaluate(() => getComputedStyle(document.querySelector('.oe-bs')!).fontFamily);
  assert(/sans-serif/.test(font), `the big screen names its font: ${font}`);
  await shot(page, 'screens-bigscreen-en.png');
  await page.evaluate((k) => localStorage.setItem(k, 'zh'), LANG_KEY);
}

async function checkDrawerButtons(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid=event-drawer] [data-testid=drawer-no]');
  const id = await page.evaluate(() => {
    const row = document.querySelector('.oe-queue-row.selected, [data-testid=search-row]');
    return row?.getAttribute('data-event-id') ?? null;
  });
  assert(id, 'the opened event has an id');
  const actions = await getJson<{ actions: { action: string; allowed: boolean }[] }>(page, `/api/events/${id}/actions`);
  const allowed = actions.actions
    .filter((a) => a.allowed)
    .map((a) => a.action)
    .sort();
  // Wait for the answer to render (the drawer shows nothing until it has the actions).
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid=drawer-actions] [data-testid^=action-]').length === n,
    allowed.length,
  );
  const shown = (
    await page
      .locator('[data-testid=drawer-actions] [data-testid^=action-]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('action-'.length)))
  ).sort();
  assert(
    JSON.stringify(shown) === JSON.stringify(allowed),
    `drawer buttons ${shown.join(',')} = allowed ${allowed.join(',')}`,
  );
  await page.keyboard.press('Escape');
}

async function pickedPlaceInWords(context: BrowserContext): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize(PHONE);
  await context.grantPermissions(['geolocation'], { origin: BASE });
  await context.setGeolocation({ latitude: 28.5065, longitude: 121.3802 });
  await signIn(page, 'gridworker');
  await page.waitForSelector('[data-testid=report-page]');
  await page.waitForSelector('[data-testid=place-name]');
  const place = await page.locator('[data-testid=place-name]').innerText();
  assert(place.split(' / ').length === 3 && !/\d+\.\d+/.test(place), `town / village / grid in words: ${place}`);
}

async function officerTasks(context: BrowserContext): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize(PHONE);
  // officer2 (a county squad) has tasks in the small demo year.
  await signIn(page, 'officer2');
  await page.waitForSelector('[data-testid=field-page]');
  await page.waitForSelector('[data-testid=task-card]');
  const cards = await page.locator('[data-testid=task-card]').count();
  const nav = await page.locator('[data-testid=task-navigate]').first().getAttribute('href');
  assert(nav?.startsWith('geo:'), `each task has a navigation link (${nav})`);
  await page.click('[data-testid=task-grouping] .ant-segmented-item:last-child');
  await page.waitForSelector('[data-testid^=task-group-]');
  const groups = await page.locator('[data-testid^=task-group-]').count();
  assert(groups >= 1, 'grouped by status');
  const after = await page.locator('[data-testid=task-card]').count();
  assert(after === cards, `grouping keeps every task (${after} / ${cards})`);
  await shot(page, 'screens-field-tasks.png');
}

async function citizenTracking(context: BrowserContext): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize(PHONE);
  await page.goto(`${BASE}/portal`);
  const phone = `139${String(Date.now()).slice(-8)}`;
  const created = await page.evaluate(async (p) => {
    const body = new URLSearchParams({
      api_key: 'demo-open311-key',
      service_code: 'exposed_garbage',
      lat: String(28.5065 + Math.random() * 0.01),
      long: String(121.3802 + Math.random() * 0.01),
      description: '路边垃圾堆放多日无人清理（e2e 跟踪）',
      phone: p,
    });
    const res = await fetch('/open311/v2/requests.json', { method: 'POST', body });
    return { status: res.status, body: (await res.json()) as { service_request_id: string; token: string }[] };
  }, phone);
  assert(created.status < 300, `Open311 accepted the report: ${JSON.stringify(created)}`);
  const { service_request_id: publicId, token } = created.body[0]!;

  await page.goto(`${BASE}/t/${token}`);
  await page.waitForSelector('[data-testid=track-view]');
  // The token's holder is the reporter: the page shows the event number (never the random Open311 public id), and
  // that number with the phone's last digits finds the report on the portal.
  const no = (await page.locator('[data-testid=track-no]').innerText()).trim();
  assert(/^SJ/.test(no) && no !== publicId, `the tracking page shows the event number: ${no}`);
  assert((await page.locator('[data-testid=track-verify]').count()) === 0, 'nothing to verify on a new report');
  const steps = await page.locator('[data-testid=track-steps] .ant-steps-item').count();
  assert(steps >= 1, 'the progress lists the report');
  await shot(page, 'screens-track.png', true);

  await page.goto(`${BASE}/t/not-a-real-token-0000000`);
  await page.waitForSelector('[data-testid=track-invalid]');

  await page.goto(`${BASE}/portal`);
  await page.click('[data-testid=portal-nav-track]');
  await page.waitForSelector('[data-testid=portal-track]');
  await page.fill('[data-testid=track-no-input]', no);
  await page.fill('[data-testid=track-phone-input]', '0000' === phone.slice(-4) ? '1111' : '0000');
  await page.click('[data-testid=track-submit]');
  await page.waitForSelector('[data-testid=track-not-found]');
  await page.fill('[data-testid=track-phone-input]', phone.slice(-4));
  await page.click('[data-testid=track-submit]');
  await page.waitForSelector('[data-testid=track-view]');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert(width <= PHONE.width + 1, `the portal fits 360 px (scroll width ${width})`);
  await shot(page, 'screens-portal-track.png', true);
}

const tests: BrowserTest[] = [
  {
    name: 'screens: every persona lands on their page; the audit log only for audit.read; 403 has a way out',
    run: personaHomes,
  },
  { name: 'screens: the supervisor reads the audit log (filter, pages, chain verification)', run: auditReader },
  {
    name: 'screens: command queues count and page past 100, export, search by number; drawer buttons = allowed actions',
    run: commandLists,
  },
  { name: 'screens: the officer groups tasks and has a navigation link', run: officerTasks },
  { name: 'screens: the grid worker sees the picked place as town / village / grid', run: pickedPlaceInWords },
  {
    name: 'screens: the citizen follows a report at /t/<token> and looks it up on the portal (360 px)',
    run: citizenTracking,
  },
];

process.exitCode = await runBrowserTests(tests, { timeoutMs: OVERALL_TIMEOUT_MS, failureShot: 'screens-failure.png' });
