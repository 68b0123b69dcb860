/**
 * Browser test: the administrators' user accounts screen and the browser security headers.
 *
 * 1. The admin creates an account on /admin/users; its temporary password is shown once.
 * 2. The new user signs in with it and must change it first (the console stays closed until then); a weak password
 *    is refused by the shared password rule, a good one opens the console.
 * 3. The admin disables the account with the keyboard only; its session ends.
 * 4. With the Content-Security-Policy in force (no inline script), the console pages, the big screen, the portal and
 *    the API docs run without a single CSP violation or page error.
 *
 *   E2E_BASE_URL=http://localhost:3000 node --import tsx e2e/accounts.e2e.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { assert, BASE, runBrowserTests, SCREENSHOTS, type BrowserTest } from './support.ts';

const OVERALL_TIMEOUT_MS = 150_000;
const USERNAME = `e2e.clerk${Date.now() % 100_000}`;
const NEW_PASSWORD = 'Harbour-lamp-2026';

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${BASE}/login`);
  // Leave any earlier session first: the login page sends a signed-in user on at once.
  await page.evaluate(() => fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' }));
  await page.goto(`${BASE}/login`);
  await page.waitForSelector('[data-testid=login-form]');
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('[data-testid=login-form] button[type=submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, name) });
}

async function usersScreen(context: BrowserContext): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // Every CSP violation in any page of this profile, reported by the browser itself.
  await context.addInitScript({
    content: `window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__cspViolations.push(location.pathname + ': ' + e.violatedDirective + ' ' + e.blockedURI));`,
  });
  const violations = async () => (await page.evaluate(() => window.__cspViolations ?? [])) as string[];

  // 1. The admin creates an account from the side menu.
  await signIn(page, 'admin', 'Demo@2026');
  await page.click('[data-testid=side-menu] >> text=用户账号');
  await page.waitForURL(/\/admin\/users$/);
  await page.waitForSelector('[data-testid=page-users] [data-testid=list-table] tbody tr.ant-table-row');
  await page.click('[data-testid=create]');
  await page.waitForSelector('[data-testid=user-form]');
  await page.fill('[data-testid=user-form] #username', USERNAME);
  await page.fill('[data-testid=user-form] #displayName', '测试坐席');
  await page.click('[data-testid=user-form] #role');
  await page.click('.ant-select-dropdown:visible .ant-select-item-option >> text=指挥中心坐席');
  await page.waitForSelector('.ant-select-dropdown', { state: 'hidden' });
  await page.click('.ant-modal-footer .ant-btn-primary');
  const shown = page.locator('[data-testid=temporary-password]');
  await shown.waitFor();
  const temporary = ((await shown.textContent()) ?? '').trim();
  assert(/^[A-Za-z2-9]{5}-[A-Za-z2-9]{5}-[A-Za-z2-9]{5}$/.test(temporary), `temporary password: "${temporary}"`);
  await shot(page, 'accounts-temporary-password.png');
  await page.click('[data-testid=temporary-password-close]');
  await page.fill('[data-testid=list-search] input', USERNAME);
  await page.press('[data-testid=list-search] input', 'Enter');
  const row = page.locator('[data-testid=list-table] tbody tr.ant-table-row', { hasText: USERNAME });
  await row.waitFor();
  assert((await row.textContent())?.includes('待修改临时密码'), 'the new account must change its temporary password');

  // 2. The new user signs in: the change form, and nothing else, until the password is changed.
  await signIn(page, USERNAME, temporary);
  await page.waitForSelector('[data-testid=force-password-change]');
  assert(!(await page.isVisible('[data-testid=side-menu]')), 'no console before the password is changed');
  const blocked = await page.evaluate(async () => (await fetch('/api/events', { credentials: 'same-origin' })).json());
  assert(blocked.code === 'AUTH_PASSWORD_CHANGE_REQUIRED', `the API refuses meanwhile: ${JSON.stringify(blocked)}`);
  await page.fill('[data-testid=password-current]', temporary);
  await page.fill('[data-testid=password-new]', 'short');
  await page.fill('[data-testid=password-confirm]', 'short');
  await page.click('[data-testid=password-submit]');
  await page.waitForSelector(
    '[data-testid=force-password-change] .ant-form-item-explain-error >> text=密码至少 10 个字符',
  );
  await shot(page, 'accounts-force-change.png');
  await page.fill('[data-testid=password-new]', NEW_PASSWORD);
  await page.fill('[data-testid=password-confirm]', NEW_PASSWORD);
  await page.click('[data-testid=password-submit]');
  await page.waitForSelector('[data-testid=side-menu]');
  await page.waitForURL(/\/command$/);
  const menu = (await page.textContent('[data-testid=side-menu]')) ?? '';
  assert(!menu.includes('用户账号'), 'a command operator has no user-accounts entry');

  // 3. The admin disables the account with the keyboard: focus the row's button, Enter, Enter on the confirmation.
  const clerkCookie = (await context.cookies()).find((c) => c.name === 'oe_session')!;
  const clerkMe = () =>
    fetch(`${BASE}/api/auth/me`, { headers: { cookie: `oe_session=${clerkCookie.value}` } }).then((r) => r.status);
  assert((await clerkMe()) === 200, 'the clerk is signed in');
  await context.clearCookies(); // the clerk's session stays open on the server
  await signIn(page, 'admin', 'Demo@2026');
  await page.goto(`${BASE}/admin/users`);
  await page.fill('[data-testid=list-search] input', USERNAME);
  await page.press('[data-testid=list-search] input', 'Enter');
  await row.waitFor();
  assert(!(await row.textContent())?.includes('待修改临时密码'), 'the temporary password was changed');
  await page.focus(`[data-testid="user-disable-${USERNAME}"]`);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.ant-modal-confirm');
  await page.keyboard.press('Enter');
  await page.waitForSelector(`[data-testid="user-enable-${USERNAME}"]`);
  assert((await row.textContent())?.includes('已停用'), 'the row shows the account disabled');
  const login = await page.evaluate(
    async ([u, p]) =>
      (
        await fetch('/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: u, password: p }),
        })
      ).json(),
    [USERNAME, NEW_PASSWORD],
  );
  assert(login.code === 'AUTH_DISABLED', `a disabled account cannot log in: ${JSON.stringify(login)}`);
  assert((await clerkMe()) === 401, 'disabling ended the clerk’s open session at once');
  await shot(page, 'accounts-list.png');

  // 4. Under the CSP: the console pages, the big screen, the portal and the API docs work, with no violation.
  for (const [url, ready] of [
    ['/map', '[data-testid=org-map] path.oe-grid'],
    ['/command', '[data-testid=queue-row]'],
    ['/catalog', '[data-testid=catalog-table] tbody tr.oe-table-row'],
    ['/bigscreen', '[data-testid=bigscreen][data-ready=true]'],
    ['/portal', '[data-testid=portal-nav]'],
    ['/api/docs', '.swagger-ui .info'],
  ] as const) {
    await page.goto(`${BASE}${url}`);
    await page.waitForSelector(ready, { timeout: 20_000 });
    const found = await violations();
    assert(found.length === 0, `CSP violations on ${url}: ${found.join('; ')}`);
  }
  const headers = (await page.goto(`${BASE}/`))!.headers();
  assert(headers['content-security-policy']?.includes("script-src 'self'"), 'the app is served with the CSP');
  assert(pageErrors.length === 0, `page errors: ${pageErrors.join('; ')}`);
}

const tests: BrowserTest[] = [
  {
    name: 'admin creates an account → first login changes the password → disable by keyboard; no CSP violation',
    run: usersScreen,
  },
];

process.exitCode = await runBrowserTests(tests, {
  timeoutMs: OVERALL_TIMEOUT_MS,
  failureShot: 'accounts-failure.png',
});
