import type { z } from 'zod';
import type { UserCreate, userListQuery, UserPatch, UserStatus } from '@openenforce/domain/auth';
import { DomainError } from '@openenforce/domain/errors';
import type { DataScope } from '@openenforce/domain/organization';
import { existingTeams, personNames, teamNames, type RegionDirectory } from '../organization/index.ts';
import type { Actor } from '../platform/audit/index.ts';
import { authRepository } from '../platform/auth/auth.repository.ts';
import { auditViewOfUser, type AuthService, type SessionUser } from '../platform/auth/auth.service.ts';
import { hashPassword, temporaryPassword } from '../platform/auth/password.ts';
import type { Db } from '../platform/db/index.ts';
import type { PlatformDeps } from '../platform/deps.ts';
import { accountsRepository as repo, type AccountRow, type UserRow } from './accounts.repository.ts';

/**
 * User accounts as administrators manage them (SPEC persona 系统管理员). Every write is audited in its transaction.
 * Disabling an account or resetting its password ends its sessions at once in every server process; a role or
 * scope change applies to its sessions at their next request (the cached copies are dropped everywhere).
 * An administrator may not disable, demote or reset themselves: so at least one active administrator remains.
 */
export function createAccountsService(deps: PlatformDeps, directory: RegionDirectory, auth: AuthService) {
  const { database, audit, clock } = deps;
  const db = database.db;

  /** The accounts with their person's and team's names and recent failed logins (for the unlock button). */
  async function withFailures(rows: UserRow[]): Promise<(AccountRow & { recentFailures: number })[]> {
    const [failures, persons, teams] = await Promise.all([
      auth.recentFailures(rows.map((r) => r.username)),
      personNames(
        db,
        rows.map((r) => r.personId),
      ),
      teamNames(
        db,
        rows.map((r) => r.scopeTeamId),
      ),
    ]);
    return rows.map((r) => ({
      ...r,
      personName: r.personId ? (persons.get(r.personId) ?? null) : null,
      scopeTeamName: r.scopeTeamId ? (teams.get(r.scopeTeamId) ?? null) : null,
      recentFailures: failures.get(r.username) ?? 0,
    }));
  }

  async function getOrThrow(scope: DataScope, id: string) {
    const row = await repo.get(db, scope, id);
    if (!row) throw new DomainError('NOT_FOUND', [{ path: 'params.id', rule: 'user_in_scope' }]);
    return (await withFailures([row]))[0]!;
  }

  /** Town, team and person must exist, and a town administrator may only place accounts in their town. */
  async function assertReferences(
    scope: DataScope,
    v: { scopeTownId?: string | null; scopeTeamId?: string | null; personId?: string | null },
  ) {
    if (v.scopeTownId !== undefined) {
      if (v.scopeTownId !== null && directory.get(v.scopeTownId)?.level !== 'town')
        throw new DomainError('REFERENCE_INVALID', [{ path: 'body.scopeTownId', rule: 'town_exists' }]);
      if (scope.kind === 'town' && v.scopeTownId !== scope.townId)
        throw new DomainError('OUT_OF_SCOPE', [{ path: 'body.scopeTownId', rule: `town_must_be:${scope.townId}` }]);
    }
    if (v.scopeTeamId && !(await existingTeams(db, [v.scopeTeamId])).has(v.scopeTeamId))
      throw new DomainError('REFERENCE_INVALID', [{ path: 'body.scopeTeamId', rule: 'team_exists' }]);
    if (v.personId && !(await personNames(db, [v.personId])).has(v.personId))
      throw new DomainError('REFERENCE_INVALID', [{ path: 'body.personId', rule: 'person_exists' }]);
  }

  function refuseSelf(admin: SessionUser, id: string, path: string) {
    if (admin.id === id) throw new DomainError('USER_ADMIN_REFUSED', [{ path, rule: 'not_yourself' }]);
  }

  async function lockOrThrow(tx: Db, scope: DataScope, id: string, version: number) {
    const row = await repo.lock(tx, scope, id);
    if (!row) throw new DomainError('NOT_FOUND', [{ path: 'params.id', rule: 'user_in_scope' }]);
    if (row.version !== version)
      throw new DomainError('CONFLICT_STALE_VERSION', [
        { path: 'body.version', rule: `current_version:${row.version}` },
      ]);
    return row;
  }

  return {
    async list(scope: DataScope, q: z.infer<typeof userListQuery>) {
      const page = await repo.list(db, scope, q);
      return { ...page, items: await withFailures(page.items) };
    },

    get: getOrThrow,

    /** A new account with a temporary password (returned this once; it must be changed at the first login). */
    async create(scope: DataScope, body: UserCreate, actor: Actor) {
      await assertReferences(scope, body);
      const now = clock.now();
      const password = temporaryPassword();
      const passwordHash = await hashPassword(password);
      const id = await db.transaction(async (tx) => {
        const row = await repo.insert(tx, {
          ...body,
          passwordHash,
          mustChangePassword: 'temporary',
          passwordChangedAt: now,
          createdAt: now,
          updatedAt: now,
        });
        await audit.append(
          tx,
          actor,
          { action: 'user.create', entityType: 'user', entityId: row.id, after: auditViewOfUser(row) },
          now,
        );
        return row.id;
      });
      return { user: await getOrThrow(scope, id), temporaryPassword: password };
    },

    /** Name, role, data scope and person. The account's sessions pick the change up at their next request. */
    async update(admin: SessionUser, id: string, patch: UserPatch, actor: Actor) {
      const { version, ...changes } = patch;
      await assertReferences(admin.scope, changes);
      const now = clock.now();
      await db.transaction(async (tx) => {
        const before = await lockOrThrow(tx, admin.scope, id, version);
        // Their own name, yes; their own role or scope, no (the form sends every field, changed or not).
        if (changes.role !== undefined && changes.role !== before.role) refuseSelf(admin, id, 'body.role');
        if (changes.scopeTownId !== undefined && changes.scopeTownId !== before.scopeTownId)
          refuseSelf(admin, id, 'body.scopeTownId');
        const after = await repo.update(tx, id, version, changes, now);
        await audit.append(
          tx,
          actor,
          {
            action: 'user.update',
            entityType: 'user',
            entityId: id,
            before: auditViewOfUser(before),
            after: auditViewOfUser(after!),
          },
          now,
        );
      });
      await auth.revokeUser(id);
      return getOrThrow(admin.scope, id);
    },

    /** Disable (its sessions end at once, everywhere) or re-enable an account. */
    async setStatus(admin: SessionUser, id: string, version: number, status: UserStatus, actor: Actor) {
      if (status === 'disabled') refuseSelf(admin, id, 'params.id');
      const now = clock.now();
      await db.transaction(async (tx) => {
        const before = await lockOrThrow(tx, admin.scope, id, version);
        const after = await repo.update(tx, id, version, { status }, now);
        const ended = status === 'disabled' ? await authRepository.deleteUserSessions(tx, id) : 0;
        await audit.append(
          tx,
          actor,
          {
            action: status === 'disabled' ? 'user.disable' : 'user.enable',
            entityType: 'user',
            entityId: id,
            before: auditViewOfUser(before),
            after: { ...auditViewOfUser(after!), ...(status === 'disabled' ? { sessionsEnded: ended } : {}) },
          },
          now,
        );
      });
      if (status === 'disabled') await auth.revokeUser(id);
      return getOrThrow(admin.scope, id);
    },

    /** A new temporary password (shown once); the account's sessions end. */
    async resetPassword(admin: SessionUser, id: string, version: number, actor: Actor) {
      refuseSelf(admin, id, 'params.id');
      await getOrThrow(admin.scope, id);
      const { temporaryPassword: password } = await auth.resetPassword(id, version, actor);
      return { user: await getOrThrow(admin.scope, id), temporaryPassword: password };
    },

    /** Lift the account's login delays (every address's failures are forgotten). */
    async unlock(admin: SessionUser, id: string, actor: Actor) {
      await getOrThrow(admin.scope, id);
      await auth.unlock(id, actor);
      return getOrThrow(admin.scope, id);
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
