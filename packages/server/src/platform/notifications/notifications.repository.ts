import { and, desc, eq, getTableColumns, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { scopeTown, type DataScope } from '@openenforce/domain/organization';
import type { Db } from '../db/index.ts';
import { insertFrom } from '../db/bulk.ts';
import { notificationOutbox, notificationReads, notifications } from './notifications.schema.ts';

/** A notification as its reader sees it: `readAt` is when this reader read it (null: unread). */
export type NotificationRow = typeof notifications.$inferSelect & { readAt: Date | null };

/** What a notification is about: a context's aggregate, with the number people read and its town (data scope). */
export interface Subject {
  type: string;
  id: string;
  label: string;
  townId: string | null;
}

/** A notification to write: addressed to a user, a team, a role, or several of them at once (any of them reads it). */
export interface NotificationDraft {
  subject: Subject | null;
  userId?: string | null;
  teamId?: string | null;
  role?: string | null;
  kind: string;
  level: 'info' | 'yellow' | 'red';
  title: { zh: string; en: string };
  /**
   * At most one per (subject, kind): a repeat addressed to another team re-addresses the row (new to its readers);
   * a repeat to the same team is neither written nor returned.
   */
  once?: boolean;
}

/** Who is reading: the user, the teams they act for, their role, their data scope. */
export interface Reader {
  userId: string;
  teamIds: readonly string[];
  role: string;
  scope: DataScope;
}

/** A delivery to write beside its notification: the adapter's channel and what it will be handed. */
export interface OutboxInsert {
  notificationId: number;
  channel: string;
  message: unknown;
}

/**
 * Addressed to the reader (user, one of their teams, or their role) and, for a town user, about their town — by
 * the row's own town, so that reading notifications joins no context's table.
 */
function addressedTo(r: Reader): SQL {
  const to = or(
    eq(notifications.userId, r.userId),
    r.teamIds.length > 0 ? inArray(notifications.teamId, [...r.teamIds]) : undefined,
    eq(notifications.role, r.role),
  )!;
  const town = scopeTown(r.scope);
  if (town === null) return to;
  return and(to, or(isNull(notifications.subjectType), eq(notifications.townId, town)))!;
}

/** This reader's read of the notification (joined on its id, or of one notification). */
const readBy = (r: Reader, id?: number) =>
  and(eq(notificationReads.notificationId, id ?? notifications.id), eq(notificationReads.userId, r.userId))!;

type Inserted = {
  id: string | number;
  subject_type: string | null;
  subject_id: string | null;
  label: string | null;
  town_id: string | null;
  once: boolean;
  user_id: string | null;
  team_id: string | null;
  role: string | null;
  kind: string;
  level: 'info' | 'yellow' | 'red';
  title: { zh: string; en: string } | string;
  created_at: string | Date;
};

export const notificationsRepository = {
  /**
   * Insert the drafts in one statement (the rows as one JSON parameter). A `once` notification exists once per
   * (subject, kind) (unique index): a repeat for another team re-addresses the row and drops its reads (it is new to
   * its new readers, and counts as written); for the same team it is neither written nor returned, so it is not
   * announced or delivered twice.
   */
  async insert(tx: Db, drafts: readonly NotificationDraft[], now: Date): Promise<NotificationRow[]> {
    if (drafts.length === 0) return [];
    const at = now.toISOString();
    const rows = drafts.map((d) => ({
      subject_type: d.subject?.type ?? null,
      subject_id: d.subject?.id ?? null,
      label: d.subject?.label ?? null,
      town_id: d.subject?.townId ?? null,
      once: d.once === true && d.subject !== null,
      user_id: d.userId ?? null,
      team_id: d.teamId ?? null,
      role: d.role ?? null,
      kind: d.kind,
      level: d.level,
      title: d.title,
    }));
    const res = await tx.execute(sql`
      WITH n AS (
        INSERT INTO notifications (subject_type, subject_id, label, town_id, once, user_id, team_id, role, kind, level,
                                   title, created_at)
        SELECT u.subject_type, u.subject_id, u.label, u.town_id, u.once, u.user_id, u.team_id, u.role, u.kind, u.level,
               u.title, ${at}::timestamptz
          FROM json_to_recordset(${JSON.stringify(rows)}::json)
            AS u(subject_type text, subject_id text, label text, town_id text, once boolean, user_id uuid,
                 team_id uuid, role text, kind text, level text, title jsonb)
        ON CONFLICT (subject_type, subject_id, kind) WHERE once
          DO UPDATE SET team_id = excluded.team_id, role = excluded.role, title = excluded.title,
                        label = excluded.label, town_id = excluded.town_id, created_at = excluded.created_at
          WHERE notifications.team_id IS DISTINCT FROM excluded.team_id
        RETURNING *),
      -- A re-addressed notification is new to its new readers (a fresh one has no reads to drop).
      dropped AS (DELETE FROM ${notificationReads} WHERE notification_id IN (SELECT id FROM n))
      SELECT * FROM n ORDER BY id`);
    return (res as unknown as { rows: Inserted[] }).rows.map((r) => ({
      id: Number(r.id),
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      label: r.label,
      townId: r.town_id,
      once: r.once,
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

  /** The deliveries of notifications just written, due at once (in the notifications' transaction). */
  async insertOutbox(tx: Db, rows: readonly OutboxInsert[], now: Date): Promise<void> {
    if (rows.length === 0) return;
    await tx.execute(
      insertFrom(
        notificationOutbox,
        rows.map((r) => ({ ...r, dueAt: now, createdAt: now })),
      ),
    );
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
