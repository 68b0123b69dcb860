/**
 * Browser tests of the penalty-case screens (issue 10 §11):
 *
 *   1. the officer opens a case in the console (an invalid unified social credit code is refused on its field by the
 *      domain's check, before any request), lands on the case, sees the next steps with each blocked one's rule, and
 *      proposes filing through the step's form; a stale version is answered with the reload prompt;
 *   2. the leader finds it in "to approve" on the home board, approves the filing from the case page;
 *   3. the list filters by keyword and status, the queue tabs carry counts, and the export downloads an XLSX of the
 *      same selection;
 *   4. on the phone (360×740) the officer opens /field/cases (its own chunk, not loaded by /field), and the APL-51
 *      check of the decision on the spot refuses a fine above the simple-procedure limit in the browser.
 *
 *   E2E_BASE_URL=http://localhost:3000 node --import tsx e2e/cases.e2e.ts
 */
import type { BrowserContext, Page } from 'playwright-core';
import { GARBAGE_MATTER, openCaseByApi, signIn, townLeader, uscc } from './cases-support.ts';
import { assert, BASE, runBrowserTests, type BrowserTest } from './support.ts';

const OVERALL_TIMEOUT_MS = 180_000;
const PHONE = { width: 360, height: 740 };

const pageOf = async (context: BrowserContext) => context.pages()[0] ?? (await context.newPage());

async function getJson<T>(page: Page, url: string): Promise<T> {
  return page.evaluate(async (u) => {
    const res = await fetch(u, { credentials: 'same-origin' });
    if (!res.ok) throw new Error(`${u}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }, url) as Promise<T>;
}

/** Picks an option of an antd Select by typing into it. */
async function choose(page: Page, selector: string, text: string): Promise<void> {
  await page.click(selector);
  await page.keyboard.type(text);
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first();
  await option.waitFor();
  await option.click();
}

async function caseStatus(page: Page): Promise<string | null> {
  return page.getAttribute('[data-testid=case-header] [data-testid=case-status]', 'data-status');
}

const stamp = () => `${Date.now() % 1_000_000}`;

type ActionsView = { actions: { action: string; allowed: boolean; reasons: { rule: string; zh: string }[] }[] };

/**
 * The next-steps buttons are exactly the allowed actions of GET /api/cases/:id/actions; returns the blocked ones the
 * panel lists (refused by a rule other than the stage or the role), each with its first rule.
 */
async function sameButtons(page: Page, id: string) {
  const view = await getJson<ActionsView>(page, `/api/cases/${id}/actions`);
  const allowed = view.actions.filter((a) => a.allowed).map((a) => a.action);
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid^=case-action-]').length === n,
    allowed.length,
  );
  const buttons = await page.$$eval('[data-testid^=case-action-]', (els) =>
    els.map((e) => e.getAttribute('data-testid')!.replace('case-action-', '')),
  );
  assert(JSON.stringify(buttons.sort()) === JSON.stringify([...allowed].sort()), `buttons ${buttons} = ${allowed}`);
  return view.actions
    .filter(
      (a) => !a.allowed && a.reasons.length && !a.reasons.some((r) => ['CASE-STATUS', 'CASE-ROLE'].includes(r.rule)),
    )
    .map((a) => ({ action: a.action, rule: a.reasons[0]!.rule, zh: a.reasons[0]!.zh }));
}

async function officerAndLeader(context: BrowserContext): Promise<void> {
  const page = await pageOf(context);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const summary = `浏览器测试案件 ${stamp()}`;
  await signIn(page, 'officer');
  await page.goto(`${BASE}/cases`);
  await page.waitForSelector('[data-testid=case-list-page]');
  await page.click('[data-testid=case-open]');
  await page.waitForSelector('[data-testid=open-case-form]');
  await choose(page, '[data-testid=open-matter]', GARBAGE_MATTER.slice(0, 12));
  await choose(page, '#townId', '泽国');
  await page.fill('[data-testid=open-place]', '泽国镇浏览器路 8 号');
  await page.fill('[data-testid=open-party-name]', `浏览器测试餐饮有限公司${stamp()}`);
  await page.fill('[data-testid=open-summary]', summary);
  // A code with a wrong check character: refused on its field by the domain's checkParty, nothing sent.
  const good = uscc(Number(stamp()));
  const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
  await page.fill('[data-testid=open-party-id]', bad);
  await page.click('#open-submit');
  await page.waitForSelector('.ant-form-item-explain-error:has-text("GB 32100")');
  assert(new URL(page.url()).pathname === '/cases', 'an invalid code opens nothing');
  await page.fill('[data-testid=open-party-id]', good);
  await page.click('#open-submit');
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  const id = new URL(page.url()).pathname.split('/').pop()!;
  await page.waitForSelector('[data-testid=case-header]');
  assert((await caseStatus(page)) === 'lead', 'a new case is a lead');
  assert(
    ((await page.textContent('[data-testid=case-jurisdiction]')) ?? '').length > 3,
    'the header explains the jurisdiction',
  );

  // Next steps: the allowed ones are buttons, as the API says.
  await page.waitForSelector('[data-testid=case-action-file]');
  await sameButtons(page, id);

  // The step's form: the reason, sent with the version read.
  await page.click('[data-testid=case-action-file]');
  await page.waitForSelector('[data-testid=step-form-file]');
  await page.fill('[data-testid=step-field-reason]', '违法事实基本清楚，符合立案条件');
  await page.click('#step-submit');
  await page.waitForSelector('[data-testid=case-header] [data-testid=case-status][data-status=filing_pending]');
  await page.waitForSelector('[data-testid=timeline-step][data-action=file]');

  // The county leader: the home board's "to approve" queue lists the case; on its page each blocked step names the
  // rule that blocks it (the county bureau's leader does not lead the town team that handles it: CASE-TEAM).
  await signIn(page, 'leader');
  await page.waitForSelector(`[data-testid=home-cases-approve] [data-case-id="${id}"]`);
  await page.click(`[data-testid=home-cases-approve] [data-case-id="${id}"]`);
  await page.waitForSelector('[data-testid=case-next-steps]');
  const blocked = await sameButtons(page, id);
  if (blocked.length > 0) {
    const panel = page.locator('[data-testid=case-next-steps] .ant-collapse-header');
    if ((await panel.getAttribute('aria-expanded')) !== 'true') await panel.click();
    const first = blocked[0]!;
    const shown = page.locator(`[data-testid=case-blocked-${first.action}] [data-testid=blocked-reason]`).first();
    await shown.waitFor();
    assert((await shown.getAttribute('data-rule')) === first.rule, `the blocked step shows its rule ${first.rule}`);
    assert(((await shown.textContent()) ?? '').includes(first.rule), 'the rule id is on screen');
    assert(((await shown.textContent()) ?? '').includes(first.zh.slice(0, 6)), 'the rule words are on screen (zh)');
  }

  // The town team's leader approves the filing from the "to approve" queue of the case list.
  const town = await townLeader(page);
  await signIn(page, town.username, town.password);
  await page.goto(`${BASE}/cases?queue=approve`);
  await page.waitForSelector(`[data-testid=case-row][data-case-id="${id}"]`);
  await page.click(`[data-testid=case-row][data-case-id="${id}"]`);
  await page.waitForSelector('[data-testid=case-action-approve_filing]');
  await page.click('[data-testid=case-action-approve_filing]');
  await page.waitForSelector('[data-testid=step-form-approve_filing]');
  await page.click('[data-testid=step-field-approved]');
  await page.fill('[data-testid=step-field-opinion]', '同意立案');
  await page.click('#step-submit');
  await page.waitForSelector('[data-testid=case-header] [data-testid=case-status][data-status=investigating]');
  await page.waitForSelector('[data-testid=timeline-step][data-action=approve_filing]');

  // A stale version: the leader's page still holds version N; another write moves the case on → reload prompt.
  await page.evaluate(async (caseId) => {
    const d = await (await fetch(`/api/cases/${caseId}`, { credentials: 'same-origin' })).json();
    await fetch(`/api/cases/${caseId}/steps/request_extension`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ version: d.version, days: 30, reason: '案情复杂，需延长办案期限' }),
    });
  }, id);
  const stillAllowed = await page.$$('[data-testid^=case-action-]');
  if (stillAllowed.length > 0) {
    const testId = await stillAllowed[0]!.getAttribute('data-testid');
    await page.click(`[data-testid="${testId}"]`);
    await page.waitForSelector('[data-testid^=step-form-]');
    // Fill every required text area with something, then submit: the server answers 409 (or a rule) — a 409 shows
    // the reload prompt.
    for (const area of await page.$$('[data-testid^=step-form-] textarea')) await area.fill('测试意见');
    await page.click('#step-submit');
    await page.waitForSelector('[data-testid=step-stale], [data-testid=step-error], .ant-form-item-explain-error');
    await page.keyboard.press('Escape');
  }
  assert(errors.length === 0, `no page errors: ${errors.join('; ')}`);
}

async function listFilterExport(context: BrowserContext): Promise<void> {
  const page = await pageOf(context);
  await signIn(page, 'officer');
  const mark = `筛选导出测试 ${stamp()}`;
  const a = await openCaseByApi(page, { summary: `${mark} 甲`, partyName: '筛选甲有限公司', uscc: uscc(11) });
  await openCaseByApi(page, { summary: `${mark} 乙`, partyName: '筛选乙有限公司', uscc: uscc(12) });
  await page.goto(`${BASE}/cases`);
  await page.waitForSelector('[data-testid=case-row]');
  // The queue tabs carry their counts (my cases has at least the two just opened).
  await page.waitForFunction(
    () => Number(document.querySelector('[data-testid=case-queue-mine]')?.getAttribute('data-count') ?? '0') >= 2,
  );
  await page.fill('[data-testid=case-filter-q]', `${mark} 甲`);
  await page.click('[data-testid=case-filter-submit]');
  await page.waitForFunction(
    (id) => {
      const rows = Array.from(document.querySelectorAll('[data-testid=case-row]'));
      return rows.length === 1 && rows[0]!.getAttribute('data-case-id') === id;
    },
    a.id,
    { timeout: 15_000 },
  );
  const href = await page.getAttribute('[data-testid=case-export]', 'href');
  assert(href?.startsWith('/api/cases/export?') && href.includes('q='), `the export link carries the filters: ${href}`);
  const res = await page.request.get(`${BASE}${href}`);
  assert(res.status() === 200, `export answers 200 (${res.status()})`);
  assert((res.headers()['content-type'] ?? '').includes('spreadsheetml'), 'export is an XLSX');
  assert(
    res.headers()['x-export-rows'] === '1',
    `the export has the one filtered case (${res.headers()['x-export-rows']})`,
  );
  // The status filter and the overdue tab narrow the list too.
  await page.click('[data-testid=case-queue-overdue]');
  await page.waitForURL(/queue=overdue/);
  await page.waitForSelector('[data-testid=case-table]');
}

async function phoneSimpleProcedure(context: BrowserContext): Promise<void> {
  const page = await pageOf(context);
  await page.setViewportSize(PHONE);
  await signIn(page, 'officer');
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  await page.goto(`${BASE}/field`);
  await page.waitForSelector('[data-testid=field-cases-link]');
  const onField = [...scripts];
  assert(!onField.some((s) => /FieldCasesPage|StepForm/.test(s)), `/field loads no case chunk: ${onField.join(' ')}`);
  const c = await openCaseByApi(page, {
    summary: `当场处罚测试 ${stamp()}`,
    partyName: '当场测试有限公司',
    uscc: uscc(Number(stamp()) + 7),
  });
  await page.click('[data-testid=field-cases-link]');
  await page.waitForSelector('[data-testid=field-cases-page] [data-testid=field-case-new]');
  await page.goto(`${BASE}/field/cases/${c.id}`);
  await page.waitForSelector('[data-testid=field-case]');
  // A lead of the officer's own team: the decision on the spot is allowed (GET /actions), so its form shows.
  await page.waitForSelector('[data-testid=decide-on-spot]');
  await choose(page, '[data-testid=spot-kind]', '罚款');
  await page.locator('input[data-testid=spot-amount], [data-testid=spot-amount] input').first().fill('5000');
  await page.waitForSelector('[data-testid=spot-refusal][data-rule=APL-51]');
  assert(await page.isDisabled('[data-testid=spot-submit]'), 'a fine above the APL-51 limit cannot be sent');
  await page.locator('input[data-testid=spot-amount], [data-testid=spot-amount] input').first().fill('200');
  await page.waitForSelector('[data-testid=spot-apl51][data-ok=true]');
}

const tests: BrowserTest[] = [
  { name: 'officer opens a case and proposes filing; the leader approves from the queue', run: officerAndLeader },
  { name: 'the case list filters, counts its queues and exports', run: listFilterExport },
  { name: 'the phone page decides on the spot with the APL-51 check in the browser', run: phoneSimpleProcedure },
];

process.exitCode = await runBrowserTests(tests, { timeoutMs: OVERALL_TIMEOUT_MS, failureShot: 'cases-failure.png' });
