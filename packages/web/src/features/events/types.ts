import type {
  CategoryInfo,
  DuplicateOffer,
  EventDetail,
  EventPhoto,
  EventSource,
  EventStatus,
  EventSummary,
  FeedEvent,
  HandlingOutcome,
  Proposal,
  TimelineStep,
} from '@openenforce/domain/events';

/** The answers' shapes are the server's response contracts (packages/domain/src/events/api.ts). */
export type {
  CategoryInfo,
  DuplicateOffer,
  EventDetail,
  EventPhoto,
  EventSource,
  EventStatus,
  EventSummary,
  FeedEvent,
  HandlingOutcome,
  Proposal,
  TimelineStep,
};

export interface FeedNotification {
  id: string | number;
  /** What it is about: for the event centre's, `{ type: 'event', id, label: the event number }`. */
  subject: { type: string; id: string; label: string } | null;
  kind: string;
  level: 'info' | 'yellow' | 'red';
  title: { zh: string; en: string };
  createdAt: string;
  readAt?: string | null;
}

export interface Team {
  id: string;
  name: string;
  townId: string | null;
  level: string;
}

export interface Person {
  id: string;
  name: string;
  role: string;
  isAuxiliary: boolean;
  teamId: string | null;
}
