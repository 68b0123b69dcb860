import { api } from '../../app/api.ts';
import type { z } from 'zod';
import type { EventAction, eventReport, EventSummary, PhotoUpload, ReportResult } from '@openenforce/domain/events';
import type { Notification } from '@openenforce/domain/notifications';
import { uploadWithHash } from '../../ui/uploadEvidence.ts';
import { captureFacts, withPosition } from './position.ts';

/**
 * The event centre's writes (packages/server/src/events/events.routes.ts); its reads are the queries of
 * `queries.ts`, and `useStep` / `useReport` there run these and update the cache.
 */

export const EVENTS_API = '/api/events';
export const DASHBOARD_API = '/api/command/dashboard';
export const NOTIFICATIONS_API = '/api/notifications';

/** Marks a notification read. */
export function readNotification(id: string | number) {
  return api<Notification>(`${NOTIFICATIONS_API}/${id}/read`, { method: 'POST' });
}

/** A lifecycle step's path segment (`POST /api/events/:id/<action>`). */
export type StepAction = EventAction;

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

/** A photo with the hash computed on the phone; resolves only on an acknowledgement naming that hash. */
export async function uploadPhoto(file: Blob, kind: 'report' | 'before' | 'after', name = 'photo.jpg') {
  const facts = await captureFacts(file);
  return uploadWithHash<PhotoUpload>(`${EVENTS_API}/photos`, file, { query: { kind, ...facts }, name });
}

/** The body of a report as the web sends it (defaults filled by the server's schema). */
export type ReportBody = z.input<typeof eventReport>;

export function reportEvent(body: ReportBody) {
  return api<ReportResult>(EVENTS_API, { method: 'POST', body });
}
