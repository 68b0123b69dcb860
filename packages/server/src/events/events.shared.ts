import type { EventSource, FeedEvent } from '@openenforce/domain/events';
import type { DataScope } from '@openenforce/domain/organization';
import type { Actor, PersonalFields } from '../platform/audit/index.ts';
import { chinaDate } from '@openenforce/domain/common';

/* Names the event context's parts share: channels, feed messages, event numbers, token hashes. */

/** The subject type of events in the platform's tables (deadlines, notifications, files, audit). */
export const EVENT_SUBJECT = 'event';

/** NOTIFY channel: a category was changed; every process reloads its copy. */
export const CATEGORIES_CHANNEL = 'event_categories_changed';

/** What a feed message says (the domain's FeedEvent, as the server names it), published on the platform's live feed. */
export type FeedMessage = FeedEvent;

/** Who reports, through which channel. */
export interface Channel {
  source: EventSource;
  actor: Actor;
  /** The signed-in reporter (grid worker, officer, operator, department staff); null for machines and citizens. */
  userId: string | null;
  /** The signed-in reporter's display name, for the timeline. */
  actorName?: string | null;
  /** Hand the citizen a token to follow, verify and rate (Open311, hotline). */
  citizenToken?: boolean;
  /** The signed-in reporter's data scope: the duplicates offered back are the ones it holds (none without it). */
  scope?: DataScope;
  /** A picture the reporter linked (Open311 media_url), kept with the event. */
  mediaUrl?: string | null;
  /**
   * The place could not be resolved (an Open311 address the directory does not know): the event is stored for the
   * operator to place at triage — at the county's own point, with no town, village or grid (events.schema.ts).
   */
  locationUnresolved?: boolean;
}

/** Citizen tokens are stored as their SHA-256 only (the platform's token hash). */
export { tokenHashOf as hashToken } from '../platform/auth/tokens.ts';

export function eventNo(row: { seq: number; reportedAt: Date }): string {
  const day = chinaDate(row.reportedAt).replaceAll('-', '');
  return `SJ${day}${String(row.seq).padStart(6, '0')}`;
}

/**
 * The ⚠ personal fields of an event (events.schema.ts) in an audit record, sealed under the reporter's key: a
 * signed-in reporter is their user; a citizen is known by the phone they reported with (all their reports share a
 * key, so one erasure request covers them); a name without a phone is the reporter of that event alone.
 */
export function reporterPersonalData(e: {
  id: string;
  reporterUserId?: string | null;
  reporterPhone?: string | null;
}): PersonalFields {
  return {
    subject: e.reporterUserId
      ? `user:${e.reporterUserId}`
      : e.reporterPhone
        ? { kind: 'phone', value: e.reporterPhone }
        : `event-reporter:${e.id}`,
    fields: ['reporterName', 'reporterPhone'],
  };
}
