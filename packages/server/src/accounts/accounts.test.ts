import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, secondNode, testServer, type TestServer } from '../../test/harness.ts';

interface Account {
  id: string;
  username: string;
  role: string;
  status: string;
  version: number;
  mustChangePassword: string | null;
  recentFailures: number;
  scopeTownName: string | null;
  personName: string | null;
}

describe.each(DRIVERS)('user accounts on %s', (driver) => {
  let s: TestServer;
  let admin: string;
  let zeguo: string;
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, cookie = admin) =>
    s.call({ method, url, cookie, ...(payload === undefined ? {} : { payload: payload as never }) });
  const auditOf = async (entityId: string) =>
    (
      await s.database.query<{ action: string; actor_id: string | null; after: Record<string, unknown> | null }>(
        `SELECT action, actor_id, after FROM audit_log WHERE entity_type = 'user' AND entity_id = $1 ORDER BY seq`,
        [entityId],
      )
    ).map((r) => r.action);
  const loginAs = (username: string, password: string, remoteAddress = '127.0.0.1') =>
    s.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
  const cookieOf = (res: { cookies: { name: string; value: string }[] }) =>
    `oe_session=${res.cookies.find((c) => c.name === 'oe_session')!.value}`;

  beforeAll(async () => {
    s = await testServer(driver);
    admin = await s.login('admin');
    const towns = (await call('GET', '/api/org/regions?level=town&limit=50')).json().items as {
      id: string;
      name: string;
    }[];
    zeguo = towns.find((t) => t.name === '泽国镇')!.id;
  });
  afterAll(() => s?.close());

  it('creates an account with a temporary password that must be changed at the first login', async () => {
    const person = (await call('GET', `/api/org/people?townId=${zeguo}&role=grid_worker&limit=50`)).json().items.at(-1);
    const created = await call('POST', '/api/admin/users', {
      username: 'gw.new',
      displayName: person.name,
      role: 'grid_worker',
      scopeTownId: zeguo,
      personId: person.id,
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const { user, temporaryPassword } = created.json() as { user: Account; temporaryPassword: string };
    expect(user).toMatchObject({
      username: 'gw.new',
      role: 'grid_worker',
      status: 'active',
      mustChangePassword: 'temporary',
      scopeTownName: '泽国镇',
      personName: person.name,
    });
    expect(temporaryPassword).toMatch(/^[A-Za-z2-9]{5}-[A-Za-z2-9]{5}-[A-Za-z2-9]{5}$/);
    expect(await auditOf(user.id)).toEqual(['user.create']);
    const stored = await s.database.query<{ password_hash: string }>(`SELECT password_hash FROM users WHERE id = $1`, [
      user.id,
    ]);
    expect(stored[0]!.password_hash).toMatch(/^\$argon2id\$/);

    const login = await loginAs('gw.new', temporaryPassword);
    expect(login.json().user.mustChangePassword).toBe(true);
    const cookie = cookieOf(login);
    expect((await call('GET', '/api/events', undefined, cookie)).json().code).toBe('AUTH_PASSWORD_CHANGE_REQUIRED');
    const change = await call(
      'POST',
      '/api/auth/password',
      { currentPassword: temporaryPassword, newPassword: 'Grid-worker-2026' },
      cookie,
    );
    expect(change.statusCode).toBe(204);
    expect((await call('GET', '/api/events', undefined, cookie)).statusCode).toBe(200);
    expect((await call('GET', `/api/admin/users/${user.id}`)).json().mustChangePassword).toBeNull();

    const listed = (await call('GET', '/api/admin/users?q=gw.new')).json().items as Account[];
    expect(listed.map((u) => u.username)).toEqual(['gw.new']);
    const duplicate = await call('POST', '/api/admin/users', {
      username: 'gw.new2',
      displayName: 'x',
      role: 'grid_worker',
      personId: person.id,
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().details[0].path).toBe('body.personId');
    const taken = await call('POST', '/api/admin/users', { username: 'gw.new', displayName: 'x', role: 'officer' });
    expect(taken.json().details[0].path).toBe('body.username');
  });

  it('refuses bad references and bad usernames, naming the field', async () => {
    const bad = async (body: Record<string, unknown>) => {
      const r = await call('POST', '/api/admin/users', {
        username: 'someone',
        displayName: '某人',
        role: 'officer',
        ...body,
      });
      return { status: r.statusCode, detail: r.json().details[0] };
    };
    expect(await bad({ scopeTownId: '331081999' })).toMatchObject({
      status: 422,
      detail: { path: 'body.scopeTownId', rule: 'town_exists' },
    });
    expect(await bad({ personId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
      status: 422,
      detail: { path: 'body.personId', rule: 'person_exists' },
    });
    expect(await bad({ username: 'Bad Name' })).toMatchObject({
      status: 400,
      detail: { path: 'body.username', rule: 'username_characters' },
    });
  });

  it('disables an account: its sessions end at once, it cannot log in; re-enabled it can', async () => {
    const target = (await call('GET', '/api/admin/users?q=auxiliary')).json().items[0] as Account;
    const session = await s.login('auxiliary');
    expect((await call('GET', '/api/auth/me', undefined, session)).statusCode).toBe(200); // cached now
    const disabled = await call('POST', `/api/admin/users/${target.id}/disable`, { version: target.version });
    expect(disabled.json()).toMatchObject({ status: 'disabled', version: target.version + 1 });
    expect((await call('GET', '/api/auth/me', undefined, session)).statusCode).toBe(401);
    expect((await loginAs('auxiliary', 'Demo@2026')).json().code).toBe('AUTH_DISABLED');
    const stale = await call('POST', `/api/admin/users/${target.id}/enable`, { version: target.version });
    expect(stale.statusCode).toBe(409);
    const enabled = await call('POST', `/api/admin/users/${target.id}/enable`, { version: target.version + 1 });
    expect(enabled.json().status).toBe('active');
    expect((await loginAs('auxiliary', 'Demo@2026')).statusCode).toBe(200);
    const audit = await s.database.query<{ action: string; after: { sessionsEnded?: number } }>(
      `SELECT action, after FROM audit_log WHERE entity_id = $1 AND action LIKE 'user.%' ORDER BY seq`,
      [target.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['user.disable', 'user.enable']);
    expect(audit[0]!.after.sessionsEnded).toBeGreaterThanOrEqual(1);
  });

  it('resets a password: a temporary one shown once, the old one and every session end', async () => {
    const target = (await call('GET', '/api/admin/users?q=reviewer')).json().items[0] as Account;
    const session = await s.login('reviewer');
    const reset = await call('POST', `/api/admin/users/${target.id}/reset-password`, { version: target.version });
    expect(reset.statusCode).toBe(200);
    expect(reset.headers['cache-control']).toBe('no-store');
    const { user, temporaryPassword } = reset.json() as { user: Account; temporaryPassword: string };
    expect(user.mustChangePassword).toBe('temporary');
    expect((await call('GET', '/api/auth/me', undefined, session)).statusCode).toBe(401);
    expect((await loginAs('reviewer', 'Demo@2026')).statusCode).toBe(401);
    const fresh = await loginAs('reviewer', temporaryPassword);
    expect(fresh.json().user.mustChangePassword).toBe(true);
    expect(await auditOf(target.id)).toContain('user.password_reset');
    const audit = await s.database.query<{ after: string }>(
      `SELECT after::text AS after FROM audit_log WHERE entity_id = $1 AND action = 'user.password_reset'`,
      [target.id],
    );
    expect(audit[0]!.after).not.toContain(temporaryPassword);
    expect(audit[0]!.after).not.toContain('argon2');
  });

  it('unlocks: an account delayed by failed logins can log in at once', async () => {
    const from = '10.30.0.1';
    for (let i = 0; i < 8; i++) await loginAs('leader', `wrong${i}`, from);
    expect((await loginAs('leader', 'Demo@2026', from)).statusCode).toBe(429);
    const target = (await call('GET', '/api/admin/users?q=leader')).json().items[0] as Account;
    expect(target.recentFailures).toBeGreaterThanOrEqual(5);
    const unlocked = await call('POST', `/api/admin/users/${target.id}/unlock`);
    expect(unlocked.json().recentFailures).toBe(0);
    expect((await loginAs('leader', 'Demo@2026', from)).statusCode).toBe(200);
    expect(await auditOf(target.id)).toContain('user.unlock');
  });

  it('changes role and scope: the user’s open session has the new permissions at once', async () => {
    const target = (await call('GET', '/api/admin/users?q=officer2')).json().items[0] as Account;
    const session = await s.login('officer2');
    expect((await call('GET', '/api/auth/me', undefined, session)).json().user.role).toBe('officer');
    const changed = await call('PATCH', `/api/admin/users/${target.id}`, {
      version: target.version,
      role: 'supervisor',
      scopeTownId: null,
    });
    expect(changed.json()).toMatchObject({ role: 'supervisor', scopeTownName: null });
    const me = (await call('GET', '/api/auth/me', undefined, session)).json().user;
    expect(me).toMatchObject({ role: 'supervisor', scopeTownId: null });
    expect(me.permissions).toContain('audit.read');
    expect(await auditOf(target.id)).toContain('user.update');
  });

  it('refuses to disable, demote or reset oneself (an administrator always remains)', async () => {
    const self = (await call('GET', '/api/admin/users?q=admin'))
      .json()
      .items.find((u: Account) => u.username === 'admin');
    for (const [url, body] of [
      [`/api/admin/users/${self.id}/disable`, { version: self.version }],
      [`/api/admin/users/${self.id}/reset-password`, { version: self.version }],
    ] as const) {
      const r = await call('POST', url, body);
      expect({ status: r.statusCode, code: r.json().code }).toEqual({ status: 422, code: 'USER_ADMIN_REFUSED' });
    }
    const demote = await call('PATCH', `/api/admin/users/${self.id}`, { version: self.version, role: 'officer' });
    expect(demote.json()).toMatchObject({ code: 'USER_ADMIN_REFUSED', details: [{ rule: 'not_yourself' }] });
    // The whole form comes back on an edit: an unchanged role is not a demotion.
    const rename = await call('PATCH', `/api/admin/users/${self.id}`, {
      version: self.version,
      role: 'admin',
      scopeTownId: null,
      displayName: '县执法局系统管理员',
    });
    expect(rename.json()).toMatchObject({ displayName: '县执法局系统管理员', role: 'admin' });
  });

  it('is for administrators only', async () => {
    const operator = await s.login('operator');
    expect((await call('GET', '/api/admin/users', undefined, operator)).statusCode).toBe(403);
  });
});

describe('disabling an account across two server processes', () => {
  it('ends its session on the other node at once', async () => {
    const a = await testServer('postgres');
    const b = await secondNode(a);
    try {
      const admin = await a.login('admin');
      const session = await a.login('gridworker');
      expect((await b.call({ method: 'GET', url: '/api/auth/me', cookie: session })).statusCode).toBe(200); // cached on b
      const target = (await a.call({ method: 'GET', url: '/api/admin/users?q=gridworker', cookie: admin })).json()
        .items[0] as Account;
      const off = await a.call({
        method: 'POST',
        url: `/api/admin/users/${target.id}/disable`,
        cookie: admin,
        payload: { version: target.version },
      });
      expect(off.statusCode).toBe(200);
      await expect
        .poll(async () => (await b.call({ method: 'GET', url: '/api/auth/me', cookie: session })).statusCode, {
          timeout: 5000,
        })
        .toBe(401);
    } finally {
      await b.close();
      await a.close();
    }
  });
});
