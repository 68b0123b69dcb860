/**
 * Browser test: enforcement documents (issue 11 §4, §9).
 *
 * 1. The administrator opens 文书模板 from the side menu, edits the 行政处罚决定书: the live preview is a PDF the
 *    server rendered (shown in a frame); a placeholder naming an unknown field is refused on preview and on save,
 *    the refusal naming the field; a changed wording saves as a new version. Axe-clean.
 * 2. Anonymous: the public /verify/<code> page of a demo document issued at first start shows its number, issuer and
 *    hash and no personal data; an unknown code says so. Axe-clean.
 *
 *   E2E_BASE_URL=http://localhost:3000 node --import tsx e2e/documents.e2e.ts
 */
import type { BrowserContext, Page } from 'playwright-core';
import { expectAccessible } from './axe.ts';
import { assert, BASE, runBrowserTests, type BrowserTest } from './support.ts';

const OVERALL_TIMEOUT_MS = 150_000;
const PASSWORD = 'Demo@2026';

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

const pageOf = async (context: BrowserContext) => context.pages()[0] ?? (await context.newPage());

/** The body JSON with its title text replaced, or a paragraph naming `field` added. */
async function editBody(page: Page, change: (body: { title: string; blocks: object[] }) => void): Promise<void> {
  const text = await page.inputValue('[data-testid=template-body]');
  const body = JSON.parse(text) as { title: string; blocks: object[] };
  change(body);
  await page.fill('[data-testid=template-body]', JSON.stringify(body, null, 2));
}

async function templateEditor(context: BrowserContext): Promise<void> {
  const page = await pageOf(context);
  await signIn(page, 'admin');
  await page.click('[data-testid=side-menu] >> text=文书模板');
  await page.waitForURL(/\/admin\/document-templates$/);
  await page.waitForSelector('[data-testid=template-list] tbody tr.ant-table-row');
  const rows = await page.locator('[data-testid=template-list] tbody tr.ant-table-row').count();
  assert(rows >= 24, `the standard set is listed (${rows} templates)`);

  // The live preview: the server's PDF in a frame.
  const previewed = page.waitForResponse((r) => r.url().endsWith('/api/document-templates/preview'));
  await page.click('[data-testid=edit-penalty_decision]');
  await page.waitForSelector('[data-testid=template-body]');
  const first = await previewed;
  assert(first.status() === 200, `preview answered ${first.status()}`);
  assert((first.headers()['content-type'] ?? '').includes('application/pdf'), 'the preview is a PDF');
  const frame = await page.waitForSelector('[data-testid=template-preview]');
  assert((await frame.getAttribute('src'))?.startsWith('blob:'), 'the preview frame shows the rendered PDF');
  await expectAccessible(page, '/admin/document-templates (editor open)');

  // An unknown field: refused on preview and on save, naming it.
  const refused = page.waitForResponse((r) => r.url().endsWith('/api/document-templates/preview'));
  await editBody(page, (b) => b.blocks.push({ type: 'paragraph', text: '电话：{{partyPhone}}', indent: false }));
  assert((await refused).status() === 422, 'a template with an unknown field is refused');
  await page.waitForSelector('[data-testid=preview-error] >> text=partyPhone');
  const refusedSave = page.waitForResponse((r) =>
    /\/api\/document-templates\/penalty_decision\/versions$/.test(r.url()),
  );
  // By keyboard: the editor is usable without a mouse (and a click beside the PDF frame can land in the plugin).
  await page.focus('[data-testid=template-save]');
  await page.keyboard.press('Enter');
  const rs = await refusedSave;
  assert(rs.status() === 422, `saving a template with an unknown field is refused (${rs.status()} ${await rs.text()})`);
  await page.waitForSelector('[data-testid=template-save-error] >> text=partyPhone');
  await expectAccessible(page, '/admin/document-templates (refusal shown)');

  // A new wording saves as a new version, and the list shows it.
  await page.click('[data-testid=edit-prior_notice]');
  await page.waitForSelector('[data-testid=template-editor] >> text=prior_notice');
  await page.waitForFunction(() => {
    const el = document.querySelector<HTMLTextAreaElement>('[data-testid=template-body]');
    return !!el && el.value.includes('行政处罚事先告知书');
  });
  await editBody(page, (b) => (b.title = '行政处罚事先告知书'));
  const saved = page.waitForResponse((r) => /\/api\/document-templates\/prior_notice\/versions$/.test(r.url()));
  await page.click('[data-testid=template-save]');
  assert((await saved).status() === 201, 'the new version is saved');
  await page.waitForSelector('.ant-message >> text=已保存为第');
}

async function verifyPage(context: BrowserContext): Promise<void> {
  const page = await pageOf(context);
  // The demo's issued documents (seeded at first start), found as the administrator…
  await signIn(page, 'admin');
  const issued = await page.evaluate(async () => {
    const res = await fetch('/api/documents?subjectType=demo&subjectId=demo-1', { credentials: 'same-origin' });
    const { items } = (await res.json()) as {
      items: { state: string; verificationCode: string | null; number: string | null; sha256: string | null }[];
    };
    return items.find((d) => d.state === 'issued' && d.verificationCode)!;
  });
  assert(issued?.verificationCode, 'a demo document is issued');
  await page.evaluate(() => fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' }));
  // …checked by anyone, without login.
  await page.goto(`${BASE}/verify/${issued.verificationCode}`);
  await page.waitForSelector('[data-testid=verify-result]');
  const text = await page.innerText('[data-testid=verify-page]');
  assert(text.includes(issued.number!), 'the number is shown');
  assert(text.includes('温岭市综合行政执法局'), 'the issuing subject is shown');
  assert((await page.innerText('[data-testid=verify-hash]')) === issued.sha256, 'the hash is shown');
  assert(!text.includes('张三') && !text.includes('李四'), 'no personal data');
  await expectAccessible(page, '/verify/:code');
  await page.goto(`${BASE}/verify/AAAA-BBBB`);
  await page.waitForSelector('[data-testid=query-error]');
  await expectAccessible(page, '/verify/:code (unknown)');
}

const tests: BrowserTest[] = [
  { name: 'template editor: live PDF preview, unknown field refused by name, new version saved', run: templateEditor },
  { name: 'public verify page: number, issuer and hash, no personal data', run: verifyPage },
];

process.exitCode = await runBrowserTests(tests, {
  timeoutMs: OVERALL_TIMEOUT_MS,
  failureShot: 'documents-failure.png',
});
