import { LOW_RATING, type StepInput } from '@openenforce/domain/events';
import type { Db } from '../platform/db/index.ts';
import type { PlatformDeps } from '../platform/deps.ts';
import {
  writeNotifications as writePlatformNotifications,
  type NotificationDraft,
  type NotificationMessage,
} from '../platform/notifications/index.ts';
import type { EventRow } from './events.repository.ts';
import { EVENT_SUBJECT, eventNo } from './events.shared.ts';

/*
 * What the event centre tells whom (SPEC §3 "notifications in the app"): the drafts of each lifecycle step and of
 * the escalation job, about the event as the platform's subject (type 'event', its number as the label, its town
 * for data scope). The platform writes them in the step's transaction, with their deliveries and feed messages.
 */

/** The command centre, as an addressee. */
export const COMMAND_ROLE = 'command_operator';

/** What an event needs for its notifications. */
export type NotifiedEvent = Pick<EventRow, 'id' | 'seq' | 'reportedAt' | 'townId' | 'teamId'>;

/** A notification about an event, addressed to a user, a team, a role or several of them. */
export interface EventNotificationDraft {
  eventId: string;
  userId?: string | null;
  teamId?: string | null;
  role?: string | null;
  kind: string;
  level: 'info' | 'yellow' | 'red';
  title: { zh: string; en: string };
}

/** The escalation's notices exist once per event and level (a re-dispatch re-addresses them). */
const ONCE_KINDS: ReadonlySet<string> = new Set(['yellow', 'red']);

/**
 * Write notifications about events in the caller's transaction (with their outbox rows for `notifier`'s adapters
 * and their feed messages). Returns the messages for `notifier.deliver` once the transaction has committed.
 */
export async function writeNotifications(
  tx: Db,
  deps: Pick<PlatformDeps, 'database' | 'notifier'>,
  drafts: readonly EventNotificationDraft[],
  eventsById: ReadonlyMap<string, NotifiedEvent>,
  now: Date,
): Promise<NotificationMessage[]> {
  const out: NotificationDraft[] = drafts.map(({ eventId, ...d }) => {
    const e = eventsById.get(eventId);
    if (!e) throw new Error(`writeNotifications: event ${eventId} not given`);
    return {
      ...d,
      subject: { type: EVENT_SUBJECT, id: e.id, label: eventNo(e), townId: e.townId },
      once: ONCE_KINDS.has(d.kind),
    };
  });
  return writePlatformNotifications(deps, tx, out, now);
}

const t = (zh: string, en: string) => ({ zh, en });

/**
 * Who a lifecycle step tells: dispatch (and re-dispatch after arbitration) → the team; return → the command
 * centre; urge → the team; failed verification (reopened) → the team; a low rating → supervisors and the command
 * centre.
 */
export function stepDrafts(input: StepInput, before: EventRow, after: EventRow): EventNotificationDraft[] {
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
  deps: Pick<PlatformDeps, 'database' | 'notifier'>,
  tx: Db,
  input: StepInput,
  before: EventRow,
  after: EventRow,
  now: Date,
): Promise<NotificationMessage[]> {
  const drafts = stepDrafts(input, before, after);
  if (drafts.length === 0) return [];
  return writeNotifications(tx, deps, drafts, new Map([[after.id, after]]), now);
}
