import type { FeatureCollection } from 'geojson';
import { api, type Page, type Query } from '../../app/api.ts';
import type { CategoryInfo, DuplicateOffer, EventDetail, EventSummary, Person, Team } from './types.ts';
import { withPosition } from './position.ts';

/** The event centre's HTTP calls (packages/server/src/events/events.routes.ts). */

let categories: Promise<CategoryInfo[]> | null = null;
/** Categories, fetched once per page load (they change only by an administrator). */
export function loadCategories(): Promise<CategoryInfo[]> {
  return (categories ??= api<CategoryInfo[]>('/api/events/categories').catch((err: unknown) => {
    categories = null;
    throw err;
  }));
}

let teams: Promise<Team[]> | null = null;
/** Every team (the county has fewer than 200), for the dispatch and arbitration choices. */
export function loadTeams(): Promise<Team[]> {
  return (teams ??= api<Page<Team>>('/api/org/teams', { query: { limit: 200 } })
    .then((p) => p.items)
    .catch((err: unknown) => {
      teams = null;
      throw err;
    }));
}

export function listEvents(query: Query, signal?: AbortSignal): Promise<Page<EventSummary>> {
  return api<Page<EventSummary>>('/api/events', { query, signal });
}

export function getEvent(id: string, signal?: AbortSignal): Promise<EventDetail> {
  return api<EventDetail>(`/api/events/${id}`, { signal });
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
  return api<EventSummary>(`/api/events/${id}/${action}`, { method: 'POST', body: payload });
}

export function uploadPhoto(file: Blob, kind: 'report' | 'before' | 'after', name = 'photo.jpg') {
  const form = new FormData();
  form.append('file', file, file instanceof File ? file.name : name);
  return api<{ id: string }>('/api/events/photos', { method: 'POST', query: { kind }, body: form });
}

export function findDuplicates(category: string, lng: number, lat: number, signal?: AbortSignal) {
  return api<DuplicateOffer[]>('/api/events/duplicates', { query: { category, lng, lat }, signal });
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
    '/api/events',
    { method: 'POST', body },
  );
}

export function teamPeople(teamId: string): Promise<Person[]> {
  return api<Page<Person>>('/api/org/people', { query: { teamId, limit: 200 } }).then((p) => p.items);
}

let towns: Promise<FeatureCollection> | null = null;
/** Town outlines (GET /api/org/map/towns): the background of the event maps when there are no tiles. */
export function loadTowns(): Promise<FeatureCollection> {
  return (towns ??= api<FeatureCollection>('/api/org/map/towns').catch((err: unknown) => {
    towns = null;
    throw err;
  }));
}
