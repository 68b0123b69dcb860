import { and, desc, eq, getTableColumns, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DataScope } from '@openenforce/domain/organization';
import type { Db } from '../platform/db/index.ts';
import { events, notificationReads, notifications } from './events.schema.ts';

/** A notification as its reader sees it: `readAt` is when this reader read it (null: unread). */
export type NotificationRow = typeof notifications.$inferSelect & { readAt: Date | null };

/** A notification to write: addressed to a user, a team, a role, or several of them at once (any of them reads it). */
export interface NotificationDraft {
  eventId: string | null;
  userId?: string | null;
  teamId?: string | null;
  role?: string | null;
  kind: string;
  level: 'info' | 'yellow' | 'red';
  title: { zh: string; en: string };
}

/** Who is reading: the user, the teams they act for, their role, their data scope. */
export interface Reader {
  userId: string;
  teamIds: readonly string[];
  role: string;
  scope: DataScope;
}

const param = <T>(values: T[]) => sql.param(values);

/** Addressed to the reader (user, one of their teams, or their role) and, for a town user, about their town. */
function addressedTo(r: Reader): SQL {
  const to = or(
    eq(notifications.userId, r.userId),
    r.teamIds.length > 0 ? inArray(notifications.teamId, [...r.teamIds]) : undefined,
    eq(notifications.role, r.role),
  )!;
  if (r.scope.kind === 'county') return to;
  return and(
    to,
    sql`(${notifications.eventId} IS NULL OR EXISTS (SELECT 1 FROM ${events} WHERE ${events.id} = ${notifications.eventId} AND ${events.townId} = ${r.scope.townId}))`,
  )!;
}

/** This reader's read of the notification (joined on its id, or of one notification). */
const readBy = (r: Reader, id?: number) =>
  and(eq(notificationReads.notificationId, id ?? notifications.id), eq(notificationReads.userId, r.userId))!;

export const notificationsRepository = {
  /**
   * Insert through unnest (one array parameter per column). An escalation notification exists once per event and
   * level (unique index): a repeat after a re-dispatch to another team re-addresses the row (and counts as new);
   * for the same team it is neither written nor returned, so it is not delivered twice.
   */
  async insert(tx: Db, drafts: readonly NotificationDraft[], now: Date): Promise<NotificationRow[]> {
    if (drafts.length === 0) return [];
    type Inserted = {
      id: string | number;
      event_id: string | null;
      user_id: string | null;
      team_id: string | null;
      role: string | null;
      kind: string;
      level: 'info' | 'yellow' | 'red';
      title: { zh: string; en: string } | string;
      created_at: string | Date;
    };
    const res = await tx.execute(sql`
      INSERT INTO notifications (event_id, user_id, team_id, role, kind, level, title, created_at)
      SELECT u.event_id, u.user_id, u.team_id, u.role, u.kind, u.level, u.title::jsonb, ${now.toISOString()}::timestamptz
        FROM unnest(${param(drafts.map((d) => d.eventId))}::uuid[], ${param(drafts.map((d) => d.userId ?? null))}::uuid[],
          ${param(drafts.map((d) => d.teamId ?? null))}::uuid[], ${param(drafts.map((d) => d.role ?? null))}::text[],
          ${param(drafts.map((d) => d.kind))}::text[], ${param(drafts.map((d) => d.level))}::text[],
          ${param(drafts.map((d) => JSON.stringify(d.title)))}::text[])
        AS u(event_id, user_id, team_id, role, kind, level, title)
      ON CONFLICT (event_id, kind) WHERE kind IN ('yellow', 'red')
        DO UPDATE SET team_id = excluded.team_id, role = excluded.role, title = excluded.title,
                      created_at = excluded.created_at
        WHERE notifications.team_id IS DISTINCT FROM excluded.team_id
      RETURNING id, event_id, user_id, team_id, role, kind, level, title, created_at`);
    const rows = (res as unknown as { rows: Inserted[] }).rows;
    // A re-addressed notification is new to its new readers (a fresh one has no reads to drop).
    if (rows.length > 0)
      await tx.execute(
        sql`DELETE FROM ${notificationReads} WHERE notification_id = ANY(${param(rows.map((r) => Number(r.id)))}::bigint[])`,
      );
    return rows.map((r) => ({
      id: Number(r.id),
      eventId: r.event_id,
      userId: r.user_id,
      teamId: r.team_id,
      role: r.role,
      kind: r.kind,
      level: r.level,
      title: typeof r.title === 'string' ? (JSON.parse(r.title) as { zh: string; en: string }) : r.title,
      createdAt: new Date(r.created_at),
      readAt: null,
    }));
  },

  /** Newest first, keyset on id, with this reader's read time. */
  async list(db: Db, r: Reader, q: { unread: boolean; limit: number; before?: number | undefined }) {
    return db
      .select({ ...getTableColumns(notifications), readAt: notificationReads.readAt })
      .from(notifications)
      .leftJoin(notificationReads, readBy(r))
      .where(
        and(
          addressedTo(r),
          q.unread ? isNull(notificationReads.readAt) : undefined,
          q.before !== undefined ? lt(notifications.id, q.before) : undefined,
        ),
      )
      .orderBy(desc(notifications.id))
      .limit(q.limit + 1);
  },

  /**
   * Mark read for this reader if addressed to them; the row (with the first read time), and whether this was the
   * first read — or undefined when it is not theirs (→ 404).
   */
  async markRead(tx: Db, r: Reader, id: number, now: Date) {
    const [row] = await tx
      .select()
      .from(notifications)
      .where(and(eq(notifications.id, id), addressedTo(r)));
    if (!row) return undefined;
    const fresh = await tx
      .insert(notificationReads)
      .values({ notificationId: id, userId: r.userId, readAt: now })
      .onConflictDoNothing()
      .returning();
    const [read] = fresh.length > 0 ? fresh : await tx.select().from(notificationReads).where(readBy(r, id));
    return { row: { ...row, readAt: read!.readAt } satisfies NotificationRow, first: fresh.length > 0 };
  },

  async unreadCount(db: Db, r: Reader) {
    const rows = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .leftJoin(notificationReads, readBy(r))
      .where(and(addressedTo(r), isNull(notificationReads.readAt)));
    return rows[0]?.n ?? 0;
  },
};
