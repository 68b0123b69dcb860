import { sql } from 'drizzle-orm';
import { DomainError } from '@openenforce/domain/errors';
import { LOW_RATING, type StepInput } from '@openenforce/domain/events';
import type { Actor } from '../platform/audit/index.ts';
import type { SessionUser } from '../platform/auth/auth.service.ts';
import { decodeCursor, encodeCursor, type Db } from '../platform/db/index.ts';
import type { PlatformDeps } from '../platform/deps.ts';
import type { NotificationMessage } from '../platform/notify/index.ts';
import type { EventRow } from './events.repository.ts';
import { notifications } from './events.schema.ts';
import { EVENT_FEED_CHANNEL, eventNo } from './events.service.ts';
import { teamAndBelow } from './people.ts';
import {
  notificationsRepository as repo,
  type NotificationDraft,
  type NotificationRow,
  type Reader,
} from './notifications.repository.ts';

/*
 * In-app notifications (SPEC §3 "notifications in the app (server-sent events)"). A row is addressed to a user, a
 * team (everyone in it) or a role (everyone holding it), or to several at once: whoever matches any of the three
 * reads it. Rows are written in the transaction of the step or escalation that caused them and announced on the
 * live feed's channel in the same transaction (NOTIFY is delivered on commit), so a rolled-back step tells no one.
 * After the commit, the caller hands them to the delivery adapters (platform/notify).
 */

/** The command centre, as an addressee. */
export const COMMAND_ROLE = 'command_operator';

/** A notification on the live feed's channel (beside the event messages): the hub routes it to its addressees. */
export interface NotificationFeed {
  kind: 'notification';
  id: number;
  type: string;
  level: 'info' | 'yellow' | 'red';
  title: { zh: string; en: string };
  eventId: string | null;
  /** The event's town: a town-scoped reader is told only about their town. */
  townId: string | null;
  userId: string | null;
  teamId: string | null;
  role: string | null;
  createdAt: string;
}

/** What an event needs for its notifications. */
export type NotifiedEvent = Pick<EventRow, 'id' | 'seq' | 'reportedAt' | 'townId' | 'teamId'>;

export function feedOf(row: NotificationRow, townId: string | null): NotificationFeed {
  return {
    kind: 'notification',
    id: row.id,
    type: row.kind,
    level: row.level,
    title: row.title,
    eventId: row.eventId,
    townId,
    userId: row.userId,
    teamId: row.teamId,
    role: row.role,
    createdAt: row.createdAt.toISOString(),
  };
}

export function messageOf(row: NotificationRow, no: string | null): NotificationMessage {
  return {
    id: row.id,
    kind: row.kind,
    level: row.level,
    title: row.title,
    eventId: row.eventId,
    eventNo: no,
    to: { userId: row.userId, teamId: row.teamId, role: row.role },
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Write notifications about events and announce them on the feed, in the caller's transaction. Returns the
 * messages for the delivery adapters (to be handed over after the commit).
 */
export async function writeNotifications(
  tx: Db,
  drafts: readonly NotificationDraft[],
  eventsById: ReadonlyMap<string, NotifiedEvent>,
  now: Date,
): Promise<NotificationMessage[]> {
  const rows = await repo.insert(tx, drafts, now);
  if (rows.length === 0) return [];
  const ev = (r: NotificationRow) => (r.eventId ? eventsById.get(r.eventId) : undefined);
  const payloads = rows.map((r) => JSON.stringify(feedOf(r, ev(r)?.townId ?? null)));
  await tx.execute(sql`SELECT pg_notify(${EVENT_FEED_CHANNEL}, p) FROM unnest(${sql.param(payloads)}::text[]) AS p`);
  return rows.map((r) => {
    const e = ev(r);
    return messageOf(r, e ? eventNo(e) : null);
  });
}

const t = (zh: string, en: string) => ({ zh, en });

/**
 * Who a lifecycle step tells: dispatch (and re-dispatch after arbitration) → the team; return → the command
 * centre; urge → the team; failed verification (reopened) → the team; a low rating → supervisors and the command
 * centre.
 */
export function stepDrafts(input: StepInput, before: EventRow, after: EventRow): NotificationDraft[] {
  const no = eventNo(after);
  const base = { eventId: after.id };
  switch (input.action) {
    case 'dispatch':
      if (!after.teamId) return [];
      return [
        {
          ...base,
          teamId: after.teamId,
          kind: 'dispatch',
          level: after.urgency === 'urgent' ? 'yellow' : 'info',
          title: t(`新派遣事件 ${no}，请及时签收`, `Event ${no} was dispatched to your team: please accept it`),
        },
        ...after.assistingTeamIds.map((teamId) => ({
          ...base,
          teamId,
          kind: 'assist',
          level: 'info' as const,
          title: t(`事件 ${no} 需要您的队伍协办`, `Your team is asked to assist with event ${no}`),
        })),
      ];
    case 'arbitrate':
      if (!after.teamId) return [];
      return [
        {
          ...base,
          teamId: after.teamId,
          kind: 'dispatch',
          level: 'info',
          title:
            after.teamId === before.teamId
              ? t(`事件 ${no} 退回理由不成立，请继续办理`, `The return of event ${no} was not upheld: please handle it`)
              : t(`事件 ${no} 经仲裁改派给您的队伍`, `Event ${no} was reassigned to your team after arbitration`),
        },
      ];
    case 'return':
      return [
        {
          ...base,
          role: COMMAND_ROLE,
          kind: 'return',
          level: 'info',
          title: t(`事件 ${no} 被退回，待仲裁`, `Event ${no} was returned and awaits arbitration`),
        },
      ];
    case 'urge':
      if (!after.teamId) return [];
      return [
        {
          ...base,
          teamId: after.teamId,
          kind: 'urge',
          level: 'yellow',
          title: t(`事件 ${no} 被催办（第 ${after.urgeCount} 次）`, `Event ${no} was urged (${after.urgeCount})`),
        },
      ];
    case 'verify':
      if (input.passed || !after.teamId) return [];
      return [
        {
          ...base,
          teamId: after.teamId,
          kind: 'reopen',
          level: 'yellow',
          title: t(`事件 ${no} 核查未通过，已重新交办`, `Event ${no} failed verification and is reopened`),
        },
      ];
    case 'rate':
      if (input.rating > LOW_RATING) return [];
      return ['supervisor', COMMAND_ROLE].map((role) => ({
        ...base,
        role,
        kind: 'low_rating',
        level: 'yellow' as const,
        title: t(`事件 ${no} 获差评（${input.rating} 分）`, `Event ${no} was rated ${input.rating} of 5`),
      }));
    default:
      return [];
  }
}

/** The step hook (events.service step()): write the step's notifications in its transaction. */
export async function notifyStep(
  tx: Db,
  input: StepInput,
  before: EventRow,
  after: EventRow,
  now: Date,
): Promise<NotificationMessage[]> {
  const drafts = stepDrafts(input, before, after);
  if (drafts.length === 0) return [];
  return writeNotifications(tx, drafts, new Map([[after.id, after]]), now);
}

const notFound = () => new DomainError('NOT_FOUND', [{ path: 'params.id', rule: 'notification_exists' }]);

/** Reading and marking one's own notifications. */
export function createNotificationsService(deps: PlatformDeps) {
  const db = deps.database.db;

  async function readerOf(user: SessionUser): Promise<Reader> {
    return {
      userId: user.id,
      role: user.role,
      teamIds: user.scopeTeamId ? await teamAndBelow(db, user.scopeTeamId) : [],
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
export type { NotificationDraft, NotificationRow, Reader } from './notifications.repository.ts';
