import { and, eq, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { userListQuery } from '@openenforce/domain/auth';
import { scopeTown, type DataScope } from '@openenforce/domain/organization';
import { users } from '../platform/auth/auth.schema.ts';
import { afterCursor, allOf, containsAny, orderByKey, pageFrom, type Db } from '../platform/db/index.ts';

export type UserInsert = typeof users.$inferInsert;
export type UserRow = typeof users.$inferSelect;
/** An account as the screens show it: with the names of its person and team (the organisation's, by its reads). */
export type AccountRow = UserRow & { personName: string | null; scopeTeamName: string | null };

/** A town administrator manages the accounts of their town; a county one every account. */
const inScope = (scope: DataScope): SQL | undefined => {
  const town = scopeTown(scope);
  return town === null ? undefined : eq(users.scopeTownId, town);
};

export const accountsRepository = {
  /** Keyset page by username; search in username and display name. */
  async list(db: Db, scope: DataScope, q: z.infer<typeof userListQuery>) {
    const rows = await db
      .select()
      .from(users)
      .where(
        allOf(
          inScope(scope),
          afterCursor(users.username, q.cursor),
          containsAny([users.username, users.displayName], q.q),
          q.role ? eq(users.role, q.role) : undefined,
          q.status ? eq(users.status, q.status) : undefined,
          q.townId ? eq(users.scopeTownId, q.townId) : undefined,
        ),
      )
      .orderBy(orderByKey(users.username))
      .limit(q.limit + 1);
    return pageFrom(rows, q.limit, (r) => r.username);
  },

  async get(db: Db, scope: DataScope, id: string): Promise<UserRow | undefined> {
    const rows = await db
      .select()
      .from(users)
      .where(allOf(eq(users.id, id), inScope(scope)))
      .limit(1);
    return rows[0];
  },

  /** The row locked for an update, within scope. */
  async lock(tx: Db, scope: DataScope, id: string) {
    const rows = await tx
      .select()
      .from(users)
      .where(allOf(eq(users.id, id), inScope(scope)))
      .for('update');
    return rows[0];
  },

  async insert(tx: Db, values: UserInsert) {
    const rows = await tx.insert(users).values(values).returning();
    return rows[0]!;
  },

  /** Update guarded by the version read; undefined when someone else changed the row first. */
  async update(tx: Db, id: string, version: number, patch: Partial<UserInsert>, now: Date) {
    const rows = await tx
      .update(users)
      .set({ ...patch, version: version + 1, updatedAt: now })
      .where(and(eq(users.id, id), eq(users.version, version)))
      .returning();
    return rows[0];
  },
};
