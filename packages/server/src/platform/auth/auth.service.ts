import { randomBytes } from 'node:crypto';
import { PASSWORD_RULES, passwordProblems } from '@openenforce/domain/auth';
import { DomainError } from '@openenforce/domain/errors';
import {
  AGENCY_SCOPED_ROLES,
  permissionsOf,
  scopeOf,
  type DataScope,
  type Permission,
  type Role,
} from '@openenforce/domain/organization';
import type { Actor } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import type { PlatformDeps } from '../deps.ts';
import { authRepository, type UserRow } from './auth.repository.ts';
import { dummyHash, hashPassword, temporaryPassword, verifyPassword } from './password.ts';
import { SessionCache } from './session-cache.ts';
import { tokenHashOf } from './tokens.ts';
import { waitBeforeAttempt, type ThrottleSettings } from './throttle.ts';

/** The signed-in user as every route and repository sees it. */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  personId: string | null;
  scopeTownId: string | null;
  scopeTeamId: string | null;
  scope: DataScope;
  permissions: readonly Permission[];
  /** Until the password is changed, only /me, logout and the password change answer (see the HTTP gate). */
  mustChangePassword: boolean;
  tokenHash: string;
}

export { tokenHashOf } from './tokens.ts';

/** NOTIFY channel on which a process tells the others that sessions ended (logout, password change, disable). */
export const SESSIONS_CHANNEL = 'auth_sessions_revoked';

/**
 * Only touch last_seen_at once a minute: a write per request would cost more than the request. The same interval
 * bounds how long a session is served from the in-process cache before it is read again.
 */
const TOUCH_EVERY_MS = 60_000;

/** Public view of a user for the audit log: never the password hash. */
export const auditViewOfUser = (u: UserRow) => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  status: u.status,
  scopeTownId: u.scopeTownId,
  scopeTeamId: u.scopeTeamId,
  personId: u.personId,
  mustChangePassword: u.mustChangePassword,
  version: u.version,
});

/** The password rule (domain), as an error naming every broken rule in zh and en. */
export function assertPasswordRule(password: string, context: { username: string; currentPassword?: string }): void {
  const problems = passwordProblems(password, context);
  if (problems.length > 0)
    throw new DomainError(
      'AUTH_PASSWORD_POLICY',
      problems.map((rule) => ({ path: 'body.newPassword', rule, message: PASSWORD_RULES[rule] })),
    );
}

/**
 * What the organisation knows of a user's agency (the person's agency, else the team's): its id and domains. The
 * data scope of an agency's staff is its domains (SPEC §2); the platform asks and never reads the organisation.
 */
export type AgencyOfUser = (user: {
  personId: string | null;
  scopeTeamId: string | null;
}) => Promise<{ id: string; domains: readonly string[] } | null>;

export function createAuthService(deps: PlatformDeps, opts: { agencyOf?: AgencyOfUser } = {}) {
  const { database, audit, clock, config } = deps;
  const db = database.db;
  const windowMs = config.LOGIN_WINDOW_MINUTES * 60_000;
  const throttle: ThrottleSettings = {
    freePerAccount: config.LOGIN_FREE_FAILURES,
    freePerAddress: config.LOGIN_IP_FREE_FAILURES,
    maxDelayMs: config.LOGIN_MAX_DELAY_MINUTES * 60_000,
  };
  // Hash the dummy now: the first unknown username must cost what a real one costs, not one hash more.
  void dummyHash();

  const cache = new SessionCache(TOUCH_EVERY_MS);

  /** Evict here at once, and in every other server process through NOTIFY. */
  async function revoke(key: string): Promise<void> {
    cache.evict(key);
    await database.notify(database.db, SESSIONS_CHANNEL, key);
  }

  /** A demo account's published password must be changed outside demo mode; a temporary one always. */
  const mustChange = (u: UserRow) =>
    u.mustChangePassword === 'temporary' || (u.mustChangePassword === 'demo' && !config.DEMO_MODE);

  /** The user's data scope; an agency's staff are scoped by its domains, read when the session is (re)loaded. */
  async function scopeOfUser(u: UserRow): Promise<DataScope> {
    if (!AGENCY_SCOPED_ROLES.includes(u.role)) return scopeOf(u);
    return scopeOf(u, opts.agencyOf ? await opts.agencyOf(u) : null);
  }

  async function toSessionUser(u: UserRow, tokenHash: string): Promise<SessionUser> {
    const role = u.role as Role;
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role,
      personId: u.personId,
      scopeTownId: u.scopeTownId,
      scopeTeamId: u.scopeTeamId,
      scope: await scopeOfUser(u),
      permissions: permissionsOf(role),
      mustChangePassword: mustChange(u),
      tokenHash,
    };
  }

  /**
   * A failed attempt, the same for an unknown username and a wrong password (one insert, one audit record), so that
   * neither the answer nor its timing tells whether the account exists.
   */
  async function fail(
    username: string,
    user: UserRow | undefined,
    ip: string,
    actor: Actor,
    now: Date,
  ): Promise<never> {
    await db.transaction(async (tx) => {
      await authRepository.recordFailure(tx, ip, username, now);
      await audit.append(
        tx,
        user ? { ...actor, id: user.id, role: user.role } : actor,
        {
          action: 'auth.login_failed',
          entityType: 'user',
          entityId: user?.id ?? username,
          after: { reason: user ? 'wrong_password' : 'unknown_user' },
        },
        now,
      );
    });
    throw new DomainError('AUTH_INVALID_CREDENTIALS');
  }

  return {
    /**
     * Log in. Progressive delays per account from this address and per address (429 with the seconds to wait);
     * the password is checked against a dummy hash for an unknown username; one audit record for every outcome
     * that checked a password. Returns the new session token (to be set as an httpOnly cookie).
     */
    async login(username: string, password: string, actor: Actor): Promise<{ token: string; user: SessionUser }> {
      const now = clock.now();
      const ip = actor.clientIp ?? 'unknown';
      const stats = await authRepository.failureStats(db, username, ip, new Date(now.getTime() - windowMs));
      const waitMs = waitBeforeAttempt(stats, throttle, now);
      if (waitMs > 0)
        throw new DomainError('AUTH_THROTTLED', [
          { path: 'username', rule: `retry_after:${Math.ceil(waitMs / 1000)}` },
        ]);

      const user = await authRepository.findUserByUsername(db, username);
      const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
      if (!user || !ok) return fail(username, user, ip, actor, now);
      if (user.status !== 'active') throw new DomainError('AUTH_DISABLED');

      const token = randomBytes(32).toString('base64url');
      const tokenHash = tokenHashOf(token);
      await db.transaction(async (tx) => {
        await authRepository.insertSession(tx, {
          tokenHash,
          userId: user.id,
          createdAt: now,
          lastSeenAt: now,
          expiresAt: new Date(now.getTime() + config.SESSION_MAX_HOURS * 3600_000),
          clientIp: actor.clientIp,
        });
        await authRepository.updateUser(tx, user.id, { lastLoginAt: now });
        await authRepository.forgiveFailures(tx, username, ip, new Date(now.getTime() - windowMs));
        await audit.append(
          tx,
          { ...actor, id: user.id, role: user.role },
          { action: 'auth.login', entityType: 'user', entityId: user.id, after: { session: tokenHash.slice(0, 12) } },
          now,
        );
      });
      return { token, user: await toSessionUser(user, tokenHash) };
    },

    /** The user behind a session token, or null when it is unknown, idle too long or past its maximum age. */
    async authenticate(token: string): Promise<SessionUser | null> {
      const now = clock.now();
      const tokenHash = tokenHashOf(token);
      const cached = cache.get(tokenHash, now.getTime());
      if (cached) return cached;
      const found = await authRepository.findSession(
        db,
        tokenHash,
        now,
        new Date(now.getTime() - config.SESSION_IDLE_MINUTES * 60_000),
      );
      if (!found || found.user.status !== 'active') return null;
      if (now.getTime() - found.session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
        await authRepository.touchSession(db, tokenHash, now);
      }
      const user = await toSessionUser(found.user, tokenHash);
      cache.set(user, now.getTime(), found.session.expiresAt.getTime());
      return user;
    },

    /** A session ended in another process (NOTIFY payload `token:<hash>` or `user:<id>`). */
    evict(key: string): void {
      cache.evict(key);
    },

    /**
     * Every session of the user is re-read (role or scope changed) or gone (disabled, password reset): here at
     * once, in the other processes through NOTIFY; their live streams end too.
     */
    async revokeUser(userId: string): Promise<void> {
      await revoke(`user:${userId}`);
    },

    async logout(user: SessionUser, actor: Actor): Promise<void> {
      const now = clock.now();
      await db.transaction(async (tx) => {
        await authRepository.deleteSession(tx, user.tokenHash);
        await audit.append(tx, actor, { action: 'auth.logout', entityType: 'user', entityId: user.id }, now);
      });
      await revoke(`token:${user.tokenHash}`);
    },

    async changePassword(user: SessionUser, currentPassword: string, newPassword: string, actor: Actor): Promise<void> {
      const now = clock.now();
      assertPasswordRule(newPassword, { username: user.username, currentPassword });
      const row = await authRepository.findUserById(db, user.id);
      if (!row || !(await verifyPassword(row.passwordHash, currentPassword)))
        throw new DomainError('AUTH_WRONG_PASSWORD', [
          { path: 'body.currentPassword', rule: 'matches_current_password' },
        ]);
      const passwordHash = await hashPassword(newPassword);
      await db.transaction(async (tx) => {
        const after = { passwordChangedAt: now, mustChangePassword: null, updatedAt: now, version: row.version + 1 };
        await authRepository.updateUser(tx, user.id, { ...after, passwordHash });
        await authRepository.deleteOtherSessions(tx, user.id, user.tokenHash);
        await audit.append(
          tx,
          actor,
          {
            action: 'auth.password_changed',
            entityType: 'user',
            entityId: user.id,
            before: auditViewOfUser(row),
            after: auditViewOfUser({ ...row, ...after }),
          },
          now,
        );
      });
      // Every cached copy goes, this session's too: it is read again without the must-change flag.
      await revoke(`user:${user.id}`);
      // This session stays: it is the one that proved the current password.
    },

    /**
     * A new temporary password for the account (shown once to whoever asked, stored as a hash): it must be changed
     * at the next login, and every session of the account ends. `expectedVersion` guards against a stale screen
     * (null from the command line).
     */
    async resetPassword(
      userId: string,
      expectedVersion: number | null,
      actor: Actor,
    ): Promise<{ user: UserRow; temporaryPassword: string }> {
      const now = clock.now();
      const password = temporaryPassword();
      const passwordHash = await hashPassword(password);
      const user = await db.transaction(async (tx) => {
        const row = await lockUser(tx, userId, expectedVersion);
        const after = {
          passwordChangedAt: now,
          mustChangePassword: 'temporary' as const,
          updatedAt: now,
          version: row.version + 1,
        };
        await authRepository.updateUser(tx, userId, { ...after, passwordHash });
        const ended = await authRepository.deleteUserSessions(tx, userId);
        await audit.append(
          tx,
          actor,
          {
            action: 'user.password_reset',
            entityType: 'user',
            entityId: userId,
            before: auditViewOfUser(row),
            after: { ...auditViewOfUser({ ...row, ...after }), sessionsEnded: ended },
          },
          now,
        );
        return { ...row, ...after, passwordHash };
      });
      await revoke(`user:${userId}`);
      return { user, temporaryPassword: password };
    },

    /**
     * Lift the login delays of an account (every address's failures are forgotten): for the owner whom an attacker
     * keeps delaying. No captcha and no waiting: an administrator decides (users screen, `npm run user:unlock`).
     */
    async unlock(userId: string, actor: Actor): Promise<{ user: UserRow; cleared: number }> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const row = await lockUser(tx, userId, null);
        const cleared = await authRepository.clearAccountFailures(tx, row.username);
        await audit.append(
          tx,
          actor,
          { action: 'user.unlock', entityType: 'user', entityId: userId, after: { failuresCleared: cleared } },
          now,
        );
        return { user: row, cleared };
      });
    },

    /** Failed logins within the window per username, for the administrators' list. */
    recentFailures(usernames: readonly string[]): Promise<Map<string, number>> {
      return authRepository.failuresByUsername(db, usernames, new Date(clock.now().getTime() - windowMs));
    },
  };

  /** The user row locked for an update, checked against the version the caller saw. */
  async function lockUser(tx: Db, userId: string, expectedVersion: number | null): Promise<UserRow> {
    const row = await authRepository.findUserById(tx, userId, true);
    if (!row) throw new DomainError('NOT_FOUND', [{ path: 'params.id', rule: 'user_exists' }]);
    if (expectedVersion !== null && row.version !== expectedVersion)
      throw new DomainError('CONFLICT_STALE_VERSION', [
        { path: 'body.version', rule: `current_version:${row.version}` },
      ]);
    return row;
  }
}

export type AuthService = ReturnType<typeof createAuthService>;
