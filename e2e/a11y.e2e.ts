/**
 * Accessibility in the browser (issue 13 §3.8: GB/T 37668, WCAG 2.1 AA in substance): every page each persona opens,
 * and the dialogs, drawers and tabs on them, checked with axe-core (e2e/axe.ts) at the WCAG 2.1 A/AA tags plus the
 * landmark and heading rules; any violation fails. The phone pages are checked at 360×740, the big screen at
 * 1920×1080, the console at 1440×900. The last test walks a grid worker's report with the keyboard only.
 *
 *   E2E_BASE_URL=http://localhost:3000 node --import tsx e2e/a11y.e2e.ts
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describeViolations, axeViolations } from './axe.ts';
import { openCaseByApi, uscc } from './cases-support.ts';
import { assert, AssertionError, BASE, runBrowserTests, type BrowserTest } from './support.ts';

const OVERALL_TIMEOUT_MS = 150_000;
const PASSWORD = 'Demo@2026';
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1440, height: 900 };
const WALL = { width: 1920, height: 1080 };

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

/**
 * A task in the officer's queue, made through the API from inside the page (same origin, the page's cookies): the
 * grid worker reports in 泽国镇, the operator triages (the proposal: the town's team) and dispatches.
 */
async function dispatchedTask(page: Page, description: string): Promise<string> {
  await page.goto(`${BASE}/login`);
  return page.evaluate(
    async ({ description, password }) => {
      const call = async (url: string, body: object) => {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          credentials: 'same-origin',
        });
        const text = await res.text();
        if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${text}`);
        return text ? JSON.parse(text) : null;
      };
      await call('/api/auth/login', { username: 'gridworker', password });
      const lng = 121.3802 + Math.random() * 0.004;
      const lat = 28.5065 + Math.random() * 0.004;
      const { event } = await call('/api/events', { category: 'exposed_garbage', description, lng, lat });
      await call('/api/auth/logout', {});
      await call('/api/auth/login', { username: 'operator', password });
      const triaged = await call(`/api/events/${event.id}/triage`, { version: event.version });
      await call(`/api/events/${event.id}/dispatch`, { version: triaged.version });
      await call('/api/auth/logout', {});
      return event.id as string;
    },
    { description, password: PASSWORD },
  );
}

/** Wait for the page's own element, then for every spinner and skeleton to go. */
async function ready(page: Page, selector: string): Promise<void> {
  await page.waitForSelector(selector, { timeout: 20_000 });
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active'), undefined, {
    timeout: 15_000,
  });
}

/** Collects the violations of every checked state; the test fails at the end with all of them. */
class Audit {
  readonly found: string[] = [];
  checked = 0;
  /** The tab's title of each path seen (WCAG 2.4.2: each page has its own title). */
  private readonly titles = new Map<string, string>();
  constructor(private readonly page: Page) {}
  async check(where: string, include?: string): Promise<void> {
    const v = await axeViolations(this.page, include);
    this.checked++;
    this.titles.set(new URL(this.page.url()).pathname, await this.page.title());
    if (v.length === 0) return;
    // Printed at once (a later timeout would lose them), summed up at the end.
    console.log(describeViolations(where, v));
    this.found.push(`${where}: ${v.map((x) => x.id).join(', ')}`);
  }
  async open(path: string, readySelector: string, where = path): Promise<void> {
    await this.page.goto(`${BASE}${path}`);
    await ready(this.page, readySelector);
    await this.check(where);
  }
  done(persona: string): void {
    console.log(`  ${persona}: ${this.checked} page states checked`);
    const byTitle = new Map<string, string[]>();
    for (const [path, title] of this.titles) byTitle.set(title, [...(byTitle.get(title) ?? []), path]);
    for (const [title, paths] of byTitle)
      if (paths.length > 1) this.found.push(`${paths.join(', ')}: the same title "${title}"`);
    assert(this.found.length === 0, `accessibility violations (${persona}):\n${this.found.join('\n')}`);
  }
}

function pageOf(context: BrowserContext): Promise<Page> {
  return context.pages()[0] ? Promise.resolve(context.pages()[0]!) : context.newPage();
}

/** Anonymous: the login page (console and phone widths) and the citizens' portal. */
async function anonymousPages(context: BrowserContext): Promise<void> {
  const page = await pageOf(context);
  const audit = new Audit(page);
  await audit.open('/login', '[data-testid=login-form]');
  await page.setViewportSize(PHONE);
  await audit.open('/login', '[data-testid=login-form]', '/login (phone)');
  await page.setViewportSize(DESKTOP);
  await audit.open('/portal', '[data-testid=portal-catalog] .oe-table-row');
  await page.locator('[data-testid=catalog-table] tbody tr.oe-table-row a').first().click();
  await ready(page, '[data-testid=portal-matter]');
  await audit.check('/portal/matters/:id');
  await audit.open('/portal/lists', '[data-testid=portal-lists] .ant-table-row');
  await page.setViewportSize(PHONE);
  await audit.open('/portal', '[data-testid=portal-catalog] .oe-table-row', '/portal (phone)');
  audit.done('anonymous');
}

/** The grid worker on the phone: the report form, the pick map, "my reports" with a card opened. */
async function gridWorkerPages(context: BrowserContext): Promise<void> {
  const page = await pageOf(context);
  await page.setViewportSize(PHONE);
  const audit = new Audit(page);
  await signIn(page, 'gridworker');
  await ready(page, '[data-testid=report-category]:not([disabled])');
  await audit.check('/report');
  await page.click('[data-testid=toggle-pick-map]');
  await ready(page, '[data-testid=report-page] .leaflet-container');
  await audit.check('/report (pick map)', '[data-testid=report-location]');
  await page.click('[data-testid=tab-mine]');
  await ready(page, '[data-testid=my-report]');
  await audit.check('/report mine');
  await page.locator('[data-testid=my-report-toggle]').first().click();
  await ready(page, '[data-testid=my-report] [data-testid=event-timeline]');
  await audit.check('/report mine (card opened)');
  audit.done('gridworker');
}

/** The town officer on the phone: the task list and one task. */
async function officerPages(context: BrowserContext): Promise<void> {
  const page = await pageOf(context);
  await page.setViewportSize(PHONE);
  const audit = new Audit(page);
  const id = await dispatchedTask(page, `路边暴露垃圾（a11y e2e ${Date.now() % 100000}）`);
  await signIn(page, 'officer');
  await ready(page, `[data-testid=task-card][data-event-id="${id}"]`);
  await audit.check('/field');
  await page.click(`[data-testid=task-card][data-event-id="${id}"]`);
  await ready(page, '[data-testid=task]');
  await audit.check('/field/:id');
  audit.done('officer');
}

/** The command operator: the command centre with an event drawer and a step dialog, the map, the big screen. */
async function operatorPages(context: BrowserContext): Promise<void> {
  const page = await pageOf(context);
  await page.setViewportSize(DESKTOP);
  const audit = new Audit(page);
  await signIn(page, 'operator');
  await ready(page, '[data-testid=queue-row]');
  await audit.check('/command');
  // The queue by keyboard: from the queue tiles, Tab reaches the first row and Enter opens its drawer.
  await page.focus('[data-testid=queue-tabs] button:last-child');
  await tabTo(page, '[data-testid=queue-row]', 2);
  await page.keyboard.press('Enter');
  await ready(page, '[data-testid=event-drawer] [data-testid=drawer-no]');
  await audit.check('/command (event drawer)', '.ant-drawer-open .ant-drawer-section');
  await page.click('[data-testid=action-triage]');
  await ready(page, '.ant-modal #step-submit');
  await audit.check('/command (triage dialog)', '.ant-modal');
  await page.keyboard.press('Escape');
  await audit.open('/map', '[data-testid=org-map] path.oe-grid');
  await page.setViewportSize(WALL);
  await audit.open('/bigscreen', '[data-testid=bigscreen][data-ready=true]');
  audit.done('operator');
}

/** The administrator: the catalog, a matter with its tabs and its edit drawer. */
async function catalogPages(context: BrowserContext): Promise<void> {
  const page = await pageOf(context);
  await page.setViewportSize(DESKTOP);
  const audit = new Audit(page);
  await signIn(page, 'admin');
  await audit.open('/catalog', '[data-testid=catalog-table] tbody tr.oe-table-row');
  await page.locator('[data-testid=catalog-table] tbody tr.oe-table-row a').first().click();
  await ready(page, '[data-testid=matter-details]');
  await audit.check('/catalog/:id');
  for (const tab of ['discretion', 'jurisdiction', 'history']) {
    await page.click(`[data-testid=tab-${tab}]`);
    await page.waitForTimeout(200);
    await ready(page, '[data-testid=page-matter]');
    await audit.check(`/catalog/:id (${tab})`, '[role=tabpanel][aria-hidden=false]');
  }
  await page.click('[data-testid=edit-matter]');
  await ready(page, '[data-testid=matter-form]');
  await audit.check('/catalog/:id (edit drawer)', '.ant-drawer-open .ant-drawer-section');
  await audit.open('/catalog/lists', '[data-testid=page-catalog-lists]');
  await audit.open('/catalog/coverage', '[data-testid=page-catalog-coverage] canvas');
  await audit.open('/catalog/withdrawals', '[data-testid=page-catalog-withdrawals]');
  await audit.open('/catalog/import', '[data-testid=page-catalog-import]');
  audit.done('admin: catalog');
}

/** The administrator: organisation, accounts, and the not-found page. */
async function adminPages(context: BrowserContext): Promise<void> {
  const page = await pageOf(context);
  await page.setViewportSize(DESKTOP);
  const audit = new Audit(page);
  await signIn(page, 'admin');
  await audit.open('/org/regions', '[data-testid=page-regions]');
  await audit.open('/org/agencies', '[data-testid=page-agencies] .ant-table-row');
  await audit.open('/org/teams', '[data-testid=page-teams] .ant-table-row');
  await audit.open('/org/people', '[data-testid=page-people] .ant-table-row');
  await audit.open('/org/certificates', '[data-testid=page-certificates]');
  await audit.open('/org/import/people', 'main');
  await audit.open('/admin/users', '[data-testid=page-users] .ant-table-row');
  await page.click('[data-testid=create]');
  await ready(page, '[data-testid=user-form]');
  await audit.check('/admin/users (new account dialog)', '.ant-modal');
  await page.keyboard.press('Escape');
  await audit.open('/no-such-page', '.ant-result');
  audit.done('admin: organisation and accounts');
}

/** The other personas' homes: the team leader, auxiliary, reviewer, department staff, supervisor. */
async function otherHomes(context: BrowserContext): Promise<void> {
  const page = await pageOf(context);
  await page.setViewportSize(DESKTOP);
  const audit = new Audit(page);
  for (const user of ['leader', 'auxiliary', 'reviewer', 'dept', 'supervisor']) {
    await signIn(page, user);
    // The home redirect: / → the persona's first page (a page root's test id ends in -page or starts with page-).
    await page.waitForURL((u) => u.pathname !== '/');
    await ready(page, '[data-testid$="-page"], [data-testid^="page-"], .ant-result');
    await audit.check(`${user} home ${new URL(page.url()).pathname}`);
  }
  audit.done('other personas');
}

/**
 * The penalty-case screens: the list (with its queues), the open-a-case dialog, a case's page with its blocked steps
 * unfolded and a step's form, as the officer at 1440×900; the officer's cases and the decision on the spot at 360×740.
 */
async function casePages(context: BrowserContext): Promise<void> {
  const page = await pageOf(context);
  await page.setViewportSize(DESKTOP);
  const audit = new Audit(page);
  await signIn(page, 'officer');
  const c = await openCaseByApi(page, {
    summary: `无障碍检查案件 ${Date.now() % 100000}`,
    partyName: '无障碍检查有限公司',
    uscc: uscc(Date.now() % 100000),
  });
  await audit.open('/cases', '[data-testid=case-row]');
  await page.click('[data-testid=case-open]');
  await ready(page, '[data-testid=open-case-form]');
  await audit.check('/cases (open-a-case dialog)', '.ant-modal');
  await page.keyboard.press('Escape');
  await audit.open(`/cases/${c.id}`, '[data-testid=case-action-file]', '/cases/:id');
  await page.click('[data-testid=case-action-decide_on_spot]');
  await ready(page, '[data-testid=step-form-decide_on_spot]');
  await audit.check('/cases/:id (decision on the spot form)', '.ant-modal');
  await page.keyboard.press('Escape');
  await page.setViewportSize(PHONE);
  await audit.open('/field/cases', '[data-testid=field-case-row]');
  await audit.open(`/field/cases/${c.id}`, '[data-testid=decide-on-spot]', '/field/cases/:id');
  audit.done('officer: cases');
}

/**
 * Presses Tab until the focused element matches `selector` (and contains `text`, when given); fails when `max`
 * presses never reach it.
 */
async function tabTo(page: Page, selector: string, max = 40, text = ''): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const reached = await page.evaluate(
      ([sel, t]) => !!document.activeElement?.matches(sel) && !!document.activeElement.textContent?.includes(t),
      [selector, text] as const,
    );
    if (reached) return;
  }
  const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 160));
  throw new AssertionError(`Tab did not reach ${selector} in ${max} presses (focus on ${at})`);
}

/** A canvas-drawn JPEG, so that the preview decodes. */
async function jpeg(page: Page): Promise<Buffer> {
  const data = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 120;
    canvas.height = 90;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#2f6fb0';
    g.fillRect(0, 0, 120, 90);
    return canvas.toDataURL('image/jpeg', 0.8).split(',')[1]!;
  });
  return Buffer.from(data, 'base64');
}

/**
 * The grid worker's report with the keyboard only, on the phone: sign in, add a photo (Enter opens the file chooser),
 * take the device's location, choose a category with the arrow keys, describe, mark it urgent, submit (confirming a
 * possible duplicate), then open "my reports" and unfold the new report's card. No click and no `fill`.
 */
async function keyboardReport(context: BrowserContext): Promise<void> {
  const page = await pageOf(context);
  await page.setViewportSize(PHONE);
  await context.grantPermissions(['geolocation'], { origin: BASE });
  await context.setGeolocation({
    latitude: 28.5065 + Math.random() * 0.004,
    longitude: 121.3802 + Math.random() * 0.004,
  });
  const audit = new Audit(page);

  await page.goto(`${BASE}/login`);
  await page.waitForSelector('[data-testid=login-form]');
  await tabTo(page, '#username');
  await page.keyboard.type('gridworker');
  await tabTo(page, '#password', 1);
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/report$/);
  await ready(page, '[data-testid=report-category]:not([disabled])');

  // The photo: the visually hidden file input takes the focus (on a focused file input the browser's own Enter opens
  // the chooser). The files are then set on that input: Chromium's 'filechooser' event after a key press proved
  // unreliable on a loaded machine, and what this walk checks is that the keyboard reaches the control.
  await tabTo(page, '[data-testid=photo-input-report]');
  await page.setInputFiles('[data-testid=photo-input-report]', {
    name: 'scene.jpg',
    mimeType: 'image/jpeg',
    buffer: await jpeg(page),
  });
  await page.waitForSelector('[data-testid=photos-report][data-uploaded="1"]');

  await tabTo(page, '[data-testid=locate-me]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=report-location]')?.getAttribute('data-lng'));

  // The category: the browser's own select, moved with the arrow keys.
  await tabTo(page, '#report-category');
  await page.keyboard.press('ArrowDown');
  const category = await page.inputValue('#report-category');
  assert(category !== '', 'ArrowDown on the category select chooses a category');

  await tabTo(page, '#report-description');
  await page.keyboard.type(`键盘上报测试（a11y e2e ${Date.now() % 100000}）`);
  await tabTo(page, '#report-urgent');
  await page.keyboard.press('Space');
  assert((await page.getAttribute('#report-urgent', 'aria-checked')) === 'true', 'Space turns the urgent switch on');
  await audit.check('/report (filled in by keyboard)');

  await tabTo(page, '[data-testid=report-submit]');
  await page.keyboard.press('Enter');
  const confirm = page.locator('[data-testid=report-confirm]');
  const done = page.locator('[data-testid=report-done]');
  await Promise.race([confirm.waitFor(), done.waitFor()]);
  if (await confirm.isVisible()) {
    // The confirmation takes the focus; its buttons follow in Tab order.
    assert(
      await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'report-confirm'),
      'the duplicate confirmation takes the focus',
    );
    await audit.check('/report (duplicate confirmation)');
    await tabTo(page, '[data-testid=report-confirm-ok]', 3);
    await page.keyboard.press('Enter');
  }
  await done.waitFor();
  const no = ((await page.textContent('[data-testid=report-done-no]')) ?? '').trim();
  assert(/^SJ\d{14}$/.test(no), `the report gets an event number, got "${no}"`);
  await audit.check('/report (reported)');

  await tabTo(page, '[data-testid=goto-mine]');
  await page.keyboard.press('Enter');
  const card = page.locator('[data-testid=my-report]', { hasText: no });
  await card.waitFor();
  await tabTo(page, '[data-testid=my-report-toggle]', 40, no);
  await page.keyboard.press('Enter');
  await card.locator('[data-testid=event-timeline]').waitFor();
  assert(
    (await card.locator('[data-testid=my-report-toggle]').getAttribute('aria-expanded')) === 'true',
    'Enter unfolds the card',
  );
  await audit.check('/report mine (unfolded by keyboard)');
  audit.done('gridworker, keyboard only');
}

const tests: BrowserTest[] = [
  { name: 'a11y: login and the citizens’ portal', run: anonymousPages },
  { name: 'a11y: grid worker’s phone pages', run: gridWorkerPages },
  { name: 'a11y: officer’s phone pages', run: officerPages },
  { name: 'a11y: command centre, map, big screen', run: operatorPages },
  { name: 'a11y: catalog', run: catalogPages },
  { name: 'a11y: organisation, accounts', run: adminPages },
  { name: 'a11y: the other personas’ home pages', run: otherHomes },
  { name: 'a11y: penalty cases (console and phone)', run: casePages },
  { name: 'a11y: a grid worker reports with the keyboard only', run: keyboardReport },
];

process.exitCode = await runBrowserTests(tests, { timeoutMs: OVERALL_TIMEOUT_MS, failureShot: 'a11y-failure.png' });
