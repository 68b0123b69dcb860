import { DomainError } from '@openenforce/domain/errors';
import type { Actor } from '../audit/index.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import { decodeCursor, encodeCursor, type Database, type Db } from '../db/index.ts';
import type { PlatformDeps } from '../deps.ts';
import type { NotificationMessage } from './adapters.ts';
import { notifications } from './notifications.schema.ts';
import { NOTIFICATION_KIND, publishLive, type NotificationLive } from './live.ts';
import type { Notifier } from './outbox.ts';
import {
  notificationsRepository as repo,
  type NotificationDraft,
  type NotificationRow,
  type Reader,
} from './notifications.repository.ts';

/*
 * In-app notifications of every context (SPEC §3 "notifications in the app (server-sent events)"). A row is about a
 * subject (a record of some context, named by its type and id) and addressed to a user, a team (everyone in it) or a role
 * (everyone holding it), or to several at once: whoever matches any of the three reads it. Rows are written in the
 * transaction of the step or job that caused them, with their deliveries to the adapters (the outbox) and their
 * live-feed messages (NOTIFY is delivered on commit), so a rolled-back step tells no one and a committed one is
 * delivered even if the process dies right after.
 */

export function liveOf(row: NotificationRow): NotificationLive {
  return {
    kind: NOTIFICATION_KIND,
    id: row.id,
    type: row.kind,
    level: row.level,
    title: row.title,
    subject: subjectOf(row),
    townId: row.townId,
    userId: row.userId,
    teamId: row.teamId,
    role: row.role,
    createdAt: row.createdAt.toISOString(),
  };
}

export function subjectOf(row: NotificationRow) {
  return row.subjectType !== null && row.subjectId !== null
    ? { type: row.subjectType, id: row.subjectId, label: row.label ?? '' }
    : null;
}

export function messageOf(row: NotificationRow): NotificationMessage {
  return {
    id: row.id,
    kind: row.kind,
    level: row.level,
    title: row.title,
    subject: subjectOf(row),
    to: { userId: row.userId, teamId: row.teamId, role: row.role },
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Write notifications in the caller's transaction: the rows, one outbox row per (notification, adapter of
 * `notifier`: none without one) and the live-feed messages. Returns the messages written, for `notifier.deliver`
 * once the transaction has committed (which only makes the delivery sooner: the outbox drain's timer would too).
 */
export async function writeNotifications(
  deps: { database: Database; notifier?: Notifier | undefined },
  tx: Db,
  drafts: readonly NotificationDraft[],
  now: Date,
): Promise<NotificationMessage[]> {
  const rows = await repo.insert(tx, drafts, now);
  if (rows.length === 0) return [];
  const messages = rows.map(messageOf);
  const channels = deps.notifier?.channels() ?? [];
  await repo.insertOutbox(
    tx,
    messages.flatMap((message) => channels.map((channel) => ({ notificationId: message.id, channel, message }))),
    now,
  );
  await publishLive(deps.database, tx, rows.map(liveOf));
  return messages;
}

const notFound = () => new DomainError('NOT_FOUND', [{ path: 'params.id', rule: 'notification_exists' }]);

/**
 * Reading and marking one's own notifications. `teamsOf` names the teams a user acting for `teamId` reads for (the
 * team and those below it: the organisation knows, the platform does not).
 */
export function createNotificationsService(
  deps: PlatformDeps,
  teamsOf: (teamId: string) => Promise<readonly string[]>,
) {
  const db = deps.database.db;

  async function readerOf(user: SessionUser): Promise<Reader> {
    return {
      userId: user.id,
      role: user.role,
      teamIds: user.scopeTeamId ? await teamsOf(user.scopeTeamId) : [],
      scope: user.scope,
    };
  }

  return {
    readerOf,

    async list(user: SessionUser, q: { unread: boolean; limit: number; cursor?: string | undefined }) {
      const reader = await readerOf(user);
      const cursor = decodeCursor(q.cursor, notifications.id);
      const before = cursor === undefined ? undefined : Number(cursor);
      const [rows, unread] = await Promise.all([
        repo.list(db, reader, { unread: q.unread, limit: q.limit, before }),
        repo.unreadCount(db, reader),
      ]);
      const items = rows.slice(0, q.limit);
      const last = items[items.length - 1];
      const nextCursor = rows.length > q.limit && last ? encodeCursor(String(last.id)) : null;
      return { items, nextCursor, unread };
    },

    /**
     * Only a notification addressed to the user (else 404, as if absent). Idempotent; the first read is audited
     * (a supervisor may ask when a red warning was seen, and by whom).
     */
    async markRead(user: SessionUser, id: number, actor: Actor) {
      const reader = await readerOf(user);
      const now = deps.clock.now();
      return db.transaction(async (tx) => {
        const out = await repo.markRead(tx, reader, id, now);
        if (!out) throw notFound();
        if (out.first)
          await deps.audit.append(
            tx,
            actor,
            {
              action: 'notification.read',
              entityType: 'notification',
              entityId: String(id),
              after: { userId: user.id, readAt: out.row.readAt },
            },
            now,
          );
        return out.row;
      });
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
