import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from '@openenforce/domain/errors';
import { permissionsOf, scopeOf, type DataScope, type Permission, type Role } from '@openenforce/domain/organization';
import type { Actor } from '../audit/index.ts';
import type { PlatformDeps } from '../deps.ts';
import { authRepository, type UserRow } from './auth.repository.ts';
import { dummyHash, hashPassword, verifyPassword } from './password.ts';
import { SessionCache } from './session-cache.ts';

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
  tokenHash: string;
}

export const tokenHashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** NOTIFY channel on which a process tells the others that sessions ended (logout, password change). */
export const SESSIONS_CHANNEL = 'auth_sessions_revoked';

/**
 * Only touch last_seen_at once a minute: a write per request would cost more than the request. The same interval
 * bounds how long a session is served from the in-process cache before it is read again.
 */
const TOUCH_EVERY_MS = 60_000;
const IP_WINDOW_MS = 15 * 60_000;

/** Public view of a user for the audit log: never the password hash. */
const auditView = (u: UserRow) => ({
  id: u.id,
  username: u.username,
  role: u.role,
  status: u.status,
  failedAttempts: u.failedAttempts,
  lockedUntil: u.lockedUntil,
  version: u.version,
});

export function createAuthService(deps: PlatformDeps) {
  const { database, audit, clock, config } = deps;
  const db = database.db;

  const cache = new SessionCache(TOUCH_EVERY_MS);

  /** Evict here at once, and in every other server process through NOTIFY. */
  async function revoke(key: string): Promise<void> {
    cache.evict(key);
    await database.notify(database.db, SESSIONS_CHANNEL, key);
  }

  function toSessionUser(u: UserRow, tokenHash: string): SessionUser {
    const role = u.role as Role;
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role,
      personId: u.personId,
      scopeTownId: u.scopeTownId,
      scopeTeamId: u.scopeTeamId,
      scope: scopeOf(u),
      permissions: permissionsOf(role),
      tokenHash,
    };
  }

  return {
    /**
     * Log in: throttled per client address, temporary lockout per account after repeated failures, one
     * audit record for every outcome. Returns the new session token (to be set as an httpOnly cookie).
     */
    async login(username: string, password: string, actor: Actor): Promise<{ token: string; user: SessionUser }> {
      const now = clock.now();
      const ip = actor.clientIp ?? 'unknown';
      const failures = await authRepository.recentFailuresFromIp(db, ip, new Date(now.getTime() - IP_WINDOW_MS));
      if (failures >= config.LOGIN_IP_MAX_FAILURES) throw new DomainError('AUTH_THROTTLED');

      const user = await authRepository.findUserByUsername(db, username);
      if (!user) {
        await verifyPassword(await dummyHash(), password);
        await db.transaction(async (tx) => {
          await authRepository.recordFailure(tx, ip, username, now);
          await audit.append(
            tx,
            actor,
            { action: 'auth.login_failed', entityType: 'user', entityId: username, after: { reason: 'unknown_user' } },
            now,
          );
        });
        throw new DomainError('AUTH_INVALID_CREDENTIALS');
      }
      if (user.lockedUntil && user.lockedUntil > now) {
        throw new DomainError('AUTH_LOCKED', [
          { path: 'username', rule: `locked_until:${user.lockedUntil.toISOString()}` },
        ]);
      }
      const ok = await verifyPassword(user.passwordHash, password);
      if (!ok) {
        const attempts = user.failedAttempts + 1;
        const lock = attempts >= config.LOGIN_MAX_FAILURES;
        const patch = lock
          ? { failedAttempts: 0, lockedUntil: new Date(now.getTime() + config.LOGIN_LOCK_MINUTES * 60_000) }
          : { failedAttempts: attempts };
        await db.transaction(async (tx) => {
          await authRepository.updateUser(tx, user.id, { ...patch, updatedAt: now });
          await authRepository.recordFailure(tx, ip, username, now);
          await audit.append(
            tx,
            { ...actor, id: user.id, role: user.role },
            {
              action: lock ? 'auth.locked' : 'auth.login_failed',
              entityType: 'user',
              entityId: user.id,
              before: auditView(user),
              after: { ...auditView(user), ...patch },
            },
            now,
          );
        });
        if (lock)
          throw new DomainError('AUTH_LOCKED', [
            { path: 'username', rule: `locked_until:${patch.lockedUntil!.toISOString()}` },
          ]);
        throw new DomainError('AUTH_INVALID_CREDENTIALS');
      }
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
        if (user.failedAttempts > 0 || user.lockedUntil) {
          await authRepository.updateUser(tx, user.id, { failedAttempts: 0, lockedUntil: null, updatedAt: now });
        }
        await audit.append(
          tx,
          { ...actor, id: user.id, role: user.role },
          { action: 'auth.login', entityType: 'user', entityId: user.id, after: { session: tokenHash.slice(0, 12) } },
          now,
        );
      });
      return { token, user: toSessionUser(user, tokenHash) };
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
      const user = toSessionUser(found.user, tokenHash);
      cache.set(user, now.getTime(), found.session.expiresAt.getTime());
      return user;
    },

    /** A session ended in another process (NOTIFY payload `token:<hash>` or `user:<id>`). */
    evict(key: string): void {
      cache.evict(key);
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
      const row = await authRepository.findUserById(db, user.id);
      if (!row || !(await verifyPassword(row.passwordHash, currentPassword)))
        throw new DomainError('AUTH_WRONG_PASSWORD', [
          { path: 'body.currentPassword', rule: 'matches_current_password' },
        ]);
      const passwordHash = await hashPassword(newPassword);
      await db.transaction(async (tx) => {
        await authRepository.updateUser(tx, user.id, {
          passwordHash,
          passwordChangedAt: now,
          updatedAt: now,
          version: row.version + 1,
        });
        await authRepository.deleteOtherSessions(tx, user.id, user.tokenHash);
        await audit.append(
          tx,
          actor,
          {
            action: 'auth.password_changed',
            entityType: 'user',
            entityId: user.id,
            before: auditView(row),
            after: { ...auditView(row), version: row.version + 1 },
          },
          now,
        );
      });
      await revoke(`user:${user.id}`);
      // This session stays: it is the one that proved the current password.
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
