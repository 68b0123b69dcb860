import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * In-app notifications of every context, about a subject (`subject_type`, `subject_id`; `label` is the number a
 * person reads, `town_id` the subject's town for data scope) or about nothing in particular (subject null).
 * Addressed to a user, or everyone in a team, or everyone holding a role — or several of them at once.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity().primaryKey(),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    label: text('label'),
    /** The subject's town: a town-scoped reader sees only its town's notifications (null: county-wide). */
    townId: text('town_id'),
    /** At most one row per (subject, kind): a repeat re-addresses it (notifications.repository.ts `insert`). */
    once: boolean('once').notNull().default(false),
    userId: uuid('user_id'),
    teamId: uuid('team_id'),
    role: text('role'),
    kind: text('kind').notNull(),
    level: text('level', { enum: ['info', 'yellow', 'red'] }).notNull(),
    title: jsonb('title').$type<{ zh: string; en: string }>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.id),
    index('notifications_team_idx').on(t.teamId, t.id),
    index('notifications_role_idx').on(t.role, t.id),
    index('notifications_subject_idx').on(t.subjectType, t.subjectId),
    // Once per (subject, kind) where the writer asks for it, kept by the database (exactly once across processes).
    uniqueIndex('notifications_once_idx')
      .on(t.subjectType, t.subjectId, t.kind)
      .where(sql`once`),
  ],
);

/**
 * Who has read which notification, and when. Per reader, because a notification addressed to a team or a role has
 * many readers: one member reading it must not mark it read for the others.
 */
export const notificationReads = pgTable(
  'notification_reads',
  {
    notificationId: bigint('notification_id', { mode: 'number' })
      .notNull()
      .references(() => notifications.id),
    userId: uuid('user_id').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.notificationId, t.userId] })],
);

/**
 * Deliveries to the adapters outside the app (log, DingTalk, WeCom, SMS): one row per (notification written,
 * adapter), inserted in the notification's transaction and drained after the commit (outbox.ts). `due_at` is when
 * the next attempt may start — the write time, a retry's backoff, or the end of a running attempt's lease. A
 * delivery that keeps failing is parked (dead letter): kept, counted, never retried by itself.
 */
export const notificationOutbox = pgTable(
  'notification_outbox',
  {
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity().primaryKey(),
    notificationId: bigint('notification_id', { mode: 'number' })
      .notNull()
      .references(() => notifications.id),
    /** The adapter's channel ('log', 'dingtalk', …): only a process that has this adapter claims the row. */
    channel: text('channel').notNull(),
    /** What the adapter receives (NotificationMessage), as it was when written. */
    message: jsonb('message').notNull(),
    state: text('state', { enum: ['pending', 'sent', 'parked'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** When it was sent or parked. */
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (t) => [
    index('notification_outbox_due_idx')
      .on(t.dueAt, t.id)
      .where(sql`state = 'pending'`),
    index('notification_outbox_parked_idx')
      .on(t.id)
      .where(sql`state = 'parked'`),
  ],
);
