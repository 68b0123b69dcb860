import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { loginFailures, sessions, users } from './auth.schema.ts';

export type UserRow = typeof users.$inferSelect;

export const authRepository = {
  async findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
    const rows = await db.select().from(users).where(eq(users.username, username)).limit(1);
    return rows[0];
  },

  async findUserById(db: Db, id: string): Promise<UserRow | undefined> {
    const rows = await db.select().from(users).where(eq(users.id, id)).limit(1);
    return rows[0];
  },

  /** The session's user, if the session is neither idle-expired nor past its absolute expiry. */
  async findSession(db: Db, tokenHash: string, now: Date, idleSince: Date) {
    const rows = await db
      .select({ session: sessions, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, idleSince)))
      .limit(1);
    return rows[0];
  },

  async touchSession(db: Db, tokenHash: string, now: Date): Promise<void> {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
  },

  async insertSession(db: Db, row: typeof sessions.$inferInsert): Promise<void> {
    await db.insert(sessions).values(row);
  },

  async deleteSession(db: Db, tokenHash: string) {
    return db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).returning({ userId: sessions.userId });
  },

  /** Password change ends every other session of the user. */
  async deleteOtherSessions(db: Db, userId: string, keepTokenHash: string): Promise<void> {
    await db.delete(sessions).where(and(eq(sessions.userId, userId), sql`${sessions.tokenHash} <> ${keepTokenHash}`));
  },

  async deleteExpiredSessions(db: Db, now: Date): Promise<void> {
    await db.delete(sessions).where(lt(sessions.expiresAt, now));
  },

  async recentFailuresFromIp(db: Db, clientIp: string, since: Date): Promise<number> {
    const rows = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(loginFailures)
      .where(and(eq(loginFailures.clientIp, clientIp), gt(loginFailures.at, since)));
    return rows[0]?.n ?? 0;
  },

  async recordFailure(db: Db, clientIp: string, username: string, now: Date): Promise<void> {
    await db.insert(loginFailures).values({ clientIp, username, at: now });
  },

  async updateUser(db: Db, id: string, patch: Partial<typeof users.$inferInsert>): Promise<void> {
    await db.update(users).set(patch).where(eq(users.id, id));
  },
};
