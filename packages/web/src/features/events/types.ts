import type { EventSource, EventStatus, EventSummary, FeedEvent, HandlingOutcome } from '@openenforce/domain/events';

/** Shapes of the event centre's answers that the domain package does not name (the detail is a presenter's). */

export interface CategoryInfo {
  code: string;
  zh: string;
  en: string;
  group: string;
  matterName: string | null;
  sla: { normal: { unit: 'working_days' | 'hours'; n: number }; urgent: { unit: 'working_days' | 'hours'; n: number } };
  duplicateRadiusM: number;
  duplicateWindowHours: number;
}

export interface Proposal {
  ok: boolean;
  ruleId: string;
  teamId: string | null;
  teamName: string | null;
  subjectName: string | null;
  actingMode?: string;
  assistingTeamId?: string | null;
  explanation?: { zh: string; en: string };
  reason?: { zh: string; en: string } | string;
}

export interface TimelineStep {
  id: number;
  at: string;
  action: string;
  fromStatus: EventStatus | null;
  toStatus: EventStatus;
  actorRole: string | null;
  actorName: string | null;
  teamId: string | null;
  teamName: string | null;
  lng: number | null;
  lat: number | null;
  reason: string | null;
  detail: Record<string, unknown> | null;
}

export interface EventPhoto {
  id: string;
  kind: 'report' | 'before' | 'after' | string;
  url: string;
  uploadedAt: string;
  stepId: number | null;
}

export interface EventDetail extends EventSummary {
  villageName: string | null;
  gridName: string | null;
  effectiveStatus: EventStatus;
  master: { id: string; no: string; status: EventStatus } | null;
  suggestedMasterId: string | null;
  reporterName: string | null;
  reporterPhone: string | null;
  reporterUserId: string | null;
  externalId: string | null;
  matterId: string | null;
  proposal: Proposal | null;
  subjectName: string | null;
  assistingTeams: { id: string; name: string | null }[];
  triagedAt: string | null;
  dispatchedAt: string | null;
  acceptedAt: string | null;
  handledAt: string | null;
  closedAt: string | null;
  rectifyDue: string | null;
  outcomeDetail: Record<string, unknown> | null;
  caseHandle: string | null;
  returnCount: number;
  urgeCount: number;
  ratingComment: string | null;
  onTime: boolean | null;
  timeline: TimelineStep[];
  photos: EventPhoto[];
  merged: { id: string; no: string; source: EventSource; reportedAt: string }[];
}

export interface DuplicateOffer {
  id: string;
  no: string;
  distanceM: number;
  reportedAt: string;
}

export type { EventSource, EventStatus, EventSummary, FeedEvent, HandlingOutcome };

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
