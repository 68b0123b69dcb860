/**
 * What the browser benchmarks share: the pages measured (the four a phone opens first) with the persona who opens
 * each, signing in through the API (the session cookie), and the Chromium flags that keep the browser off the
 * network.
 */
export const DEMO_PASSWORD = 'Demo@2026';

export interface MeasuredPage {
  name: string;
  path: string;
  /** The demo account that opens it; none: anonymous. */
  user?: string;
}

export const PAGES: readonly MeasuredPage[] = [
  { name: 'login', path: '/login' },
  { name: 'portal', path: '/portal' },
  { name: 'report', path: '/report', user: 'gridworker' },
  { name: 'field', path: '/field', user: 'officer' },
];

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Sign in through the API and return the session cookie's `name=value`. */
export async function sessionCookie(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login as ${username}: HTTP ${res.status}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('oe_session='));
  if (!cookie) throw new Error(`login as ${username}: no session cookie`);
  return cookie.split(';')[0]!;
}
