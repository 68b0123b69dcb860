import { and, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { loginFailures, sessions, users } from './auth.schema.ts';

export type UserRow = typeof users.$inferSelect;

export interface FailureStats {
  pair: { count: number; last: Date | null };
  ip: { count: number; last: Date | null };
}

export const authRepository = {
  /** The login of each of these people that has one (person id → user id). */
  async usersOfPeople(db: Db, personIds: readonly string[]): Promise<Map<string, string>> {
    if (personIds.length === 0) return new Map();
    const rows = await db
      .select({ id: users.id, personId: users.personId })
      .from(users)
      .where(inArray(users.personId, [...personIds]));
    return new Map(rows.map((r) => [r.personId!, r.id]));
  },

  async findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
    const rows = await db.select().from(users).where(eq(users.username, username)).limit(1);
    return rows[0];
  },

  async findUserById(db: Db, id: string, forUpdate = false): Promise<UserRow | undefined> {
    const q = db.select().from(users).where(eq(users.id, id)).limit(1);
    const rows = forUpdate ? await q.for('update') : await q;
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

  /**
   * Failures since `since` from `clientIp`: for this username (the pair) and for any username (the address). One
   * statement on the (client_ip, at) index.
   */
  async failureStats(db: Db, username: string, clientIp: string, since: Date): Promise<FailureStats> {
    const rows = await db
      .select({
        pairCount: sql<number>`(count(*) FILTER (WHERE ${loginFailures.username} = ${username}))::int`,
        pairLast: sql<
          number | null
        >`(extract(epoch FROM max(${loginFailures.at}) FILTER (WHERE ${loginFailures.username} = ${username})) * 1000)::float8`,
        ipCount: sql<number>`count(*)::int`,
        ipLast: sql<number | null>`(extract(epoch FROM max(${loginFailures.at})) * 1000)::float8`,
      })
      .from(loginFailures)
      .where(and(eq(loginFailures.clientIp, clientIp), gt(loginFailures.at, since)));
    const r = rows[0];
    // Epoch milliseconds: one representation on both drivers (timestamps arrive as text on PGlite, Dates on pg).
    const date = (ms: number | string | null | undefined) => (ms == null ? null : new Date(Number(ms)));
    return {
      pair: { count: r?.pairCount ?? 0, last: date(r?.pairLast) },
      ip: { count: r?.ipCount ?? 0, last: date(r?.ipLast) },
    };
  },

  async recordFailure(db: Db, clientIp: string, username: string, now: Date): Promise<void> {
    await db.insert(loginFailures).values({ clientIp, username, at: now });
  },

  /** A successful login forgives this address's failures for the account, and old rows go. */
  async forgiveFailures(db: Db, username: string, clientIp: string, before: Date): Promise<void> {
    await db
      .delete(loginFailures)
      .where(
        or(
          and(eq(loginFailures.username, username), eq(loginFailures.clientIp, clientIp)),
          lt(loginFailures.at, before),
        ),
      );
  },

  /** An administrator's unlock: every address's failures for the account. */
  async clearAccountFailures(db: Db, username: string): Promise<number> {
    const rows = await db
      .delete(loginFailures)
      .where(eq(loginFailures.username, username))
      .returning({ id: loginFailures.id });
    return rows.length;
  },

  /** Failures per account since `since` (any address), for the administrators' list. */
  async failuresByUsername(db: Db, usernames: readonly string[], since: Date): Promise<Map<string, number>> {
    if (usernames.length === 0) return new Map();
    const rows = await db
      .select({ username: loginFailures.username, n: sql<number>`count(*)::int` })
      .from(loginFailures)
      .where(and(inArray(loginFailures.username, [...usernames]), gt(loginFailures.at, since)))
      .groupBy(loginFailures.username);
    return new Map(rows.map((r) => [r.username, r.n]));
  },

  /** Disabling or resetting an account ends all of its sessions. */
  async deleteUserSessions(db: Db, userId: string): Promise<number> {
    const rows = await db
      .delete(sessions)
      .where(eq(sessions.userId, userId))
      .returning({ tokenHash: sessions.tokenHash });
    return rows.length;
  },

  async updateUser(db: Db, id: string, patch: Partial<typeof users.$inferInsert>): Promise<void> {
    await db.update(users).set(patch).where(eq(users.id, id));
  },
};
