/**
 * The evidence chain on the phone (issue 11 §6, §7), in a real Chromium at 360×740: the officer handles a task with
 * an "after" photo whose SHA-256 the page computed and the server acknowledged, and the party's signature drawn on
 * the canvas (a stroke undone, another drawn), confirmed (uploaded as a PNG, acknowledged by hash) and sent with the
 * step. The handling form with the pad passes axe and fits the phone's width. Screenshot: evidence-signature.png.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations, describeViolations } from './axe.ts';
import { assert, BASE, runBrowserTests, SCREENSHOTS, type BrowserTest } from './support.ts';

const PASSWORD = 'Demo@2026';
const PHONE = { width: 360, height: 740 };
const SPOT = { latitude: 28.5065 + Math.random() * 0.004, longitude: 121.3802 + Math.random() * 0.004 };

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

/** A task in the officer's queue, made through the API from the page: reported, triaged and dispatched. */
async function dispatchedTask(page: Page): Promise<string> {
  await page.goto(`${BASE}/login`);
  return page.evaluate(
    async ({ password, spot }) => {
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
      const description = `路边暴露垃圾（证据链 e2e ${Date.now() % 100000}）`;
      const { event } = await call('/api/events', {
        category: 'exposed_garbage',
        description,
        lng: spot.longitude,
        lat: spot.latitude,
      });
      await call('/api/auth/logout', {});
      await call('/api/auth/login', { username: 'operator', password });
      const triaged = await call(`/api/events/${event.id}/triage`, { version: event.version });
      await call(`/api/events/${event.id}/dispatch`, { version: triaged.version });
      await call('/api/auth/logout', {});
      return event.id as string;
    },
    { password: PASSWORD, spot: SPOT },
  );
}

/** A real JPEG drawn by the browser, so that the preview decodes. */
async function jpeg(page: Page): Promise<Buffer> {
  const data = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 160;
    canvas.height = 120;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#2e86de';
    g.fillRect(0, 0, 160, 120);
    g.fillStyle = '#fff';
    g.fillRect(20, 20, 60, 40);
    return canvas.toDataURL('image/jpeg', 0.85).split(',')[1]!;
  });
  return Buffer.from(data, 'base64');
}

/** One stroke across the canvas, as a finger or a mouse draws it. */
async function stroke(page: Page, selector: string, from: [number, number], to: [number, number]): Promise<void> {
  const box = (await page.locator(selector).boundingBox())!;
  const at = (p: [number, number]) => [box.x + box.width * p[0], box.y + box.height * p[1]] as const;
  await page.mouse.move(...at(from));
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) {
    const t = i / 8;
    await page.mouse.move(
      ...at([from[0] + (to[0] - from[0]) * t, from[1] + (to[1] - from[1]) * t + Math.sin(t * 6) * 0.1]),
    );
  }
  await page.mouse.up();
}

async function photoAndSignature(context: BrowserContext): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await context.grantPermissions(['geolocation'], { origin: BASE });
  await context.setGeolocation(SPOT);
  await page.setViewportSize(PHONE);

  const id = await dispatchedTask(page);
  await signIn(page, 'officer');
  await page.waitForURL(/\/field$/);
  await page.click(`[data-testid=task-card][data-event-id="${id}"]`);
  await page.waitForSelector('[data-testid=task][data-status=dispatched]');
  await page.click('[data-testid=task-accept]');
  await page.waitForSelector('[data-testid=handle-form]');

  await page.getByText('责令限期整改', { exact: true }).click();
  await page.fill('[data-testid=handle-note]', '责令当事人限期清理垃圾');
  await page.fill('[data-testid=party-name]', '陈七');
  await page.click('[data-testid=rectify-due]');
  await page.locator('.ant-picker-dropdown:visible td.ant-picker-cell:not(.ant-picker-cell-disabled)').last().click();

  // The photo: hashed in the page, acknowledged by the server under the same hash, then its queued copy dropped.
  const photo = await jpeg(page);
  await page.setInputFiles('[data-testid=photo-input-after]', {
    name: 'after.jpg',
    mimeType: 'image/jpeg',
    buffer: photo,
  });
  const tile = page.locator('[data-testid=photos-after] .oe-photo-tile[data-sha256]');
  await tile.waitFor();
  const acknowledged = await tile.getAttribute('data-sha256');
  assert(
    acknowledged === createHash('sha256').update(photo).digest('hex'),
    `the acknowledged hash is the photo's SHA-256, got ${acknowledged}`,
  );
  assert((await tile.getAttribute('data-queued')) === 'false', 'the queued copy is dropped after the acknowledgement');

  // The signature: two strokes, one undone, one more, confirmed.
  const canvas = '[data-testid=party-signature-canvas]';
  await page.locator(canvas).scrollIntoViewIfNeeded();
  await stroke(page, canvas, [0.1, 0.6], [0.5, 0.3]);
  await stroke(page, canvas, [0.2, 0.2], [0.9, 0.8]);
  await page.click('[data-testid=party-signature-undo]');
  await stroke(page, canvas, [0.5, 0.3], [0.9, 0.6]);
  await page.click('[data-testid=party-signature-confirm]');
  const pad = page.locator('[data-testid=party-signature][data-file-id]');
  await pad.waitFor();
  const fileId = (await pad.getAttribute('data-file-id'))!;

  // Usable at 360 px: nothing wider than the screen; axe-clean.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert(overflow <= 0, `the handling form fits 360 px, overflows by ${overflow}`);
  const violations = await axeViolations(page, '[data-testid=handle-form]');
  assert(violations.length === 0, describeViolations('/field/:id (signature pad)', violations));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'evidence-signature.png'), fullPage: true });

  await page.click('[data-testid=handle-submit]');
  await page.waitForSelector('[data-testid=task][data-status=rectifying]');

  // The signature is a platform file of kind signature: a PNG whose bytes have the hash the server names, with a
  // chain of custody that starts with its receipt.
  const file = await page.evaluate(async (fid) => {
    const view = await (await fetch(`/api/files/${fid}`, { credentials: 'same-origin' })).json();
    const bytes = await (await fetch(`/api/files/${fid}/content`, { credentials: 'same-origin' })).arrayBuffer();
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    const custody = await (await fetch(`/api/files/${fid}/custody`, { credentials: 'same-origin' })).json();
    return {
      view,
      hash: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''),
      actions: (custody.items as { action: string }[]).map((i) => i.action),
    };
  }, fileId);
  assert(
    file.view.kind === 'signature' && file.view.mime === 'image/png',
    `a PNG signature: ${JSON.stringify(file.view)}`,
  );
  assert(file.hash === file.view.sha256, 'the stored bytes have the acknowledged hash');
  assert(file.actions[0] === 'upload' && file.actions.includes('download'), `custody: ${file.actions.join(',')}`);
  assert(pageErrors.length === 0, `no page errors: ${pageErrors.join(' | ')}`);
}

const tests: BrowserTest[] = [
  { name: 'evidence: a photo acknowledged by its hash and a signature drawn on the phone', run: photoAndSignature },
];

process.exitCode = await runBrowserTests(tests, { timeoutMs: 120_000, failureShot: 'evidence-failure.png' });
