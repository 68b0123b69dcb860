import type { Page } from 'playwright-core';
import { usccCheckChar } from '@openenforce/domain/cases';
import { BASE } from './support.ts';

export const PASSWORD = 'Demo@2026';

/** The matter of the demo's exposed-garbage events: the town officer's team acts on it in 泽国镇. */
export const GARBAGE_MATTER = '对随意倾倒、抛撒、堆放或者焚烧生活垃圾的行政处罚';

/** A valid unified social credit code (GB 32100 check character) whose body varies with `n`. */
export function uscc(n: number): string {
  const first17 = `913310810${String(n % 100_000_000).padStart(8, '0')}`;
  return first17 + usccCheckChar(first17)!;
}

export async function signIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.goto(`${BASE}/login`);
  await page.evaluate(() => fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' }));
  await page.goto(`${BASE}/login`);
  await page.waitForSelector('[data-testid=login-form]');
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('[data-testid=login-form] button[type=submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/**
 * A case opened through the API from inside the page, as the signed-in user (an officer of 泽国镇): the matter found
 * by name in the catalog, the town from the user's scope. Returns the case's id and number.
 */
export async function openCaseByApi(
  page: Page,
  o: { summary: string; partyName: string; uscc: string },
): Promise<{ id: string; number: string }> {
  return page.evaluate(
    async ({ summary, partyName, uscc, matterName }) => {
      const get = async (url: string) => {
        const res = await fetch(url, { credentials: 'same-origin' });
        if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
        return res.json();
      };
      const { user: me } = await get('/api/auth/me');
      const matters = await get(`/api/catalog/matters?q=${encodeURIComponent(matterName)}&limit=5`);
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      const res = await fetch('/api/cases', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          matterId: matters.items[0].id,
          townId: me.scopeTownId,
          act: { date: today, discoveredOn: today, place: '泽国镇测试路 1 号' },
          party: { kind: 'organisation', name: partyName, idNumber: uscc },
          summary,
        }),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`/api/cases: ${res.status} ${text}`);
      return JSON.parse(text) as { id: string; number: string };
    },
    { ...o, matterName: GARBAGE_MATTER },
  );
}

/**
 * An account for the 泽国镇 team's own leader (the demo's `leader` leads the county bureau, whose approvals do not
 * reach a town team's cases): the administrator creates it for the team's team_leader person, and its temporary
 * password is changed at once. Returns the username and password.
 */
export async function townLeader(page: Page): Promise<{ username: string; password: string }> {
  await signIn(page, 'admin');
  return page.evaluate(async (demoPassword) => {
    const call = async (url: string, method: string, body?: object) => {
      const res = await fetch(url, {
        method,
        credentials: 'same-origin',
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${url}: ${res.status} ${text}`);
      return text ? JSON.parse(text) : null;
    };
    const officer = await call('/api/admin/users?q=officer&limit=20', 'GET');
    const o = officer.items.find((u: { username: string }) => u.username === 'officer');
    const people = await call(`/api/org/people?teamId=${o.scopeTeamId}&limit=100`, 'GET');
    const head = people.items.find((p: { role: string }) => p.role === 'team_leader');
    const username = `zgleader${Date.now() % 1_000_000}`;
    const created = await call('/api/admin/users', 'POST', {
      username,
      displayName: head.name,
      role: 'team_leader',
      scopeTownId: o.scopeTownId,
      scopeTeamId: o.scopeTeamId,
      personId: head.id,
    });
    await call('/api/auth/logout', 'POST');
    await call('/api/auth/login', 'POST', { username, password: created.temporaryPassword });
    const password = `${demoPassword}x9`;
    await call('/api/auth/password', 'POST', { currentPassword: created.temporaryPassword, newPassword: password });
    await call('/api/auth/logout', 'POST');
    return { username, password };
  }, PASSWORD);
}
