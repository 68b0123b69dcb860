import { api } from '../../app/api.ts';
import type { EventSummary } from './types.ts';
import { withPosition } from './position.ts';

/**
 * The event centre's writes (packages/server/src/events/events.routes.ts); its reads are the queries of
 * `queries.ts`, and `useStep` / `useReport` there run these and update the cache.
 */

export const EVENTS_API = '/api/events';
export const DASHBOARD_API = '/api/command/dashboard';
export const NOTIFICATIONS_API = '/api/notifications';

/** Marks a notification read. */
export function readNotification(id: string | number) {
  return api<unknown>(`${NOTIFICATIONS_API}/${id}/read`, { method: 'POST' });
}

export type StepAction =
  | 'triage'
  | 'dispatch'
  | 'accept'
  | 'return'
  | 'arbitrate'
  | 'handle'
  | 'recheck'
  | 'verify'
  | 'rate'
  | 'merge'
  | 'dismiss'
  | 'urge'
  | 'assist';

/** Steps that carry no position in their contract. */
const NO_POSITION: ReadonlySet<StepAction> = new Set(['rate']);

/**
 * One lifecycle step. The device's position goes with it when the browser has one ("who, when, where"); `ask`
 * prompts for the location (phones), otherwise it is sent only when permission was already granted.
 */
export async function step(
  id: string,
  action: StepAction,
  body: Record<string, unknown>,
  o: { ask?: boolean } = {},
): Promise<EventSummary> {
  const payload = NO_POSITION.has(action) ? body : await withPosition(body, o.ask ?? false);
  return api<EventSummary>(`${EVENTS_API}/${id}/${action}`, { method: 'POST', body: payload });
}

export function uploadPhoto(file: Blob, kind: 'report' | 'before' | 'after', name = 'photo.jpg') {
  const form = new FormData();
  form.append('file', file, file instanceof File ? file.name : name);
  return api<{ id: string }>(`${EVENTS_API}/photos`, { method: 'POST', query: { kind }, body: form });
}

export interface ReportBody {
  category: string;
  description: string;
  lng: number;
  lat: number;
  address?: string;
  urgency: 'normal' | 'urgent';
  photoIds: string[];
  duplicateOf?: string;
}

export function reportEvent(body: ReportBody) {
  return api<{ event: EventSummary; duplicates: { id: string; distanceM: number }[]; token: string | null }>(
    EVENTS_API,
    { method: 'POST', body },
  );
}
