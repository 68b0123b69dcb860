import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type Page, type Query } from '../../app/api.ts';
import { cleanParams, detailQuery, pageQuery } from '../../app/query.tsx';
import {
  DASHBOARD_API,
  EVENTS_API,
  NOTIFICATIONS_API,
  reportEvent,
  step,
  type ReportBody,
  type StepAction,
} from './api.ts';
import { applyEventChanges, changeOf } from './live.ts';
import {
  decodeMapPoints,
  type Dashboard,
  type EventActions,
  type EventMap,
  type MapPoint,
  type TeamBoard,
} from '@openenforce/domain/events';
import type { NotificationPage } from '@openenforce/domain/notifications';
import type { CategoryInfo, DuplicateOffer, EventDetail, EventSummary } from './types.ts';

/** The big screen's figures and the map's points: the server's response contracts. */
export type { Dashboard, MapPoint };

/*
 * The event centre's reads and writes (keys: docs/adr/0002-web-data-layer.md). Lists, records and the map points
 * are `[EVENTS_API, 'list' | 'detail' | 'map', …]`; the live feed (live.ts) and the writes below invalidate
 * exactly the ones a change can touch.
 */

/** A page of events: a queue (`queue`), or filters (status, category, source, from). */
export const eventListQuery = (params: Query) => pageQuery<EventSummary>(EVENTS_API, params);

/**
 * A list read page by page (keyset cursors: "more" appends the next page), for lists longer than one page — the
 * queues, the search, the task list.
 */
export const eventPagesQuery = (params: Query) => {
  const query = cleanParams(params);
  return infiniteQueryOptions({
    queryKey: [EVENTS_API, 'pages', query],
    queryFn: ({ signal, pageParam }) =>
      api<Page<EventSummary>>(EVENTS_API, { query: cleanParams({ ...query, cursor: pageParam }), signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
};

/** How many events the filters select (GET /api/events/count: the list's own condition, so it matches the pages). */
export const eventCountQuery = (params: Query) => {
  const query = cleanParams({ ...params, cursor: undefined, limit: undefined });
  return queryOptions({
    queryKey: [EVENTS_API, 'count', query],
    queryFn: ({ signal }) => api<{ total: number }>(`${EVENTS_API}/count`, { query, signal }),
  });
};

/** The address of the XLSX of a list (the same filters; the browser downloads it with the session cookie). */
export function eventExportUrl(params: Query): string {
  const query = cleanParams({ ...params, cursor: undefined, limit: undefined });
  const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  return `${EVENTS_API}/export.xlsx${search.size ? `?${search}` : ''}`;
}

/** What the user may do on an event, from the same rows the server decides with (GET /api/events/:id/actions). */
export const eventActionsQuery = (id: string) =>
  queryOptions({
    // Under the event's detail key: whatever refreshes the event refreshes what may be done with it.
    queryKey: [EVENTS_API, 'detail', id, { view: 'actions' }],
    queryFn: ({ signal }) => api<EventActions>(`${EVENTS_API}/${encodeURIComponent(id)}/actions`, { signal }),
  });

/** The team leader's board: the team's tasks in hand and its members (GET /api/events/team-board). */
export const teamBoardQuery = queryOptions({
  queryKey: [EVENTS_API, 'board'],
  queryFn: ({ signal }) => api<TeamBoard>(`${EVENTS_API}/team-board`, { signal }),
});

/** One event with its timeline, photos and proposal. */
export const eventQuery = (id: string) => detailQuery<EventDetail>(EVENTS_API, id);

export interface MapFilters {
  status?: string;
  category?: string;
  source?: string;
  days: number;
}

/** The command centre's map: every event of the last `days` that matches (GET /api/events/map). */
export const eventMapQuery = (filters: MapFilters) => {
  const query = cleanParams({ ...filters });
  return queryOptions({
    queryKey: [EVENTS_API, 'map', query],
    // The server sends columns (compact); the map clusters points.
    queryFn: async ({ signal }) => {
      const r = await api<EventMap>(`${EVENTS_API}/map`, { query, signal });
      return { points: decodeMapPoints(r), truncated: r.truncated };
    },
  });
};

/** Categories with their deadlines (they change only by an administrator). */
export const categoriesQuery = queryOptions({
  queryKey: [`${EVENTS_API}/categories`],
  queryFn: ({ signal }) => api<CategoryInfo[]>(`${EVENTS_API}/categories`, { signal }),
  staleTime: 30 * 60_000,
});

/** Open events of the category near the point: the duplicate offer before a report is sent. */
export const duplicatesQuery = (category: string, lng: number, lat: number) =>
  queryOptions({
    queryKey: [`${EVENTS_API}/duplicates`, { category, lng, lat }],
    queryFn: ({ signal }) =>
      api<DuplicateOffer[]>(`${EVENTS_API}/duplicates`, { query: { category, lng, lat }, signal }),
  });

export const dashboardQuery = queryOptions({
  queryKey: [DASHBOARD_API],
  queryFn: ({ signal }) => api<Dashboard>(DASHBOARD_API, { signal }),
});

/**
 * One lifecycle step (see `step`). On success the event's record, the lists it was in or may now be in, the map
 * and the big screen are invalidated at once (the live feed's echo of the same step is then skipped).
 */
export function useStep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; action: StepAction; body: Record<string, unknown>; ask?: boolean }) =>
      step(v.id, v.action, v.body, { ask: v.ask }),
    onSuccess: (e, v) => {
      applyEventChanges(queryClient, [changeOf(e, v.action)], 'own');
      // A merged report now shows under its master.
      if (e.masterId) void queryClient.invalidateQueries({ queryKey: [EVENTS_API, 'detail', e.masterId] });
    },
  });
}

/** A new report (grid worker); "my reports" and the queues it enters are invalidated. */
export function useReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReportBody) => reportEvent(body),
    onSuccess: (out) => applyEventChanges(queryClient, [changeOf(out.event, 'report')], 'own'),
  });
}

/** The signed-in user's unread notifications (the newest 50) and how many there are in all. */
export const notificationsQuery = queryOptions({
  queryKey: [NOTIFICATIONS_API, 'list', { unread: true }],
  queryFn: ({ signal }) => api<NotificationPage>(NOTIFICATIONS_API, { query: { unread: true }, signal }),
});
