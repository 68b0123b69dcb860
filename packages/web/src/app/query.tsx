import { QueryClient, QueryClientProvider, queryOptions } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api, ApiError, type Page, type Query } from './api.ts';
import { useAuth } from './auth.tsx';

/*
 * The web app's data layer (docs/adr/0002-web-data-layer.md): TanStack Query caches every GET, dedupes concurrent
 * readers of one key, aborts superseded requests and refetches what a write or the live feed invalidates.
 *
 * Query keys: `[resource, view, params?]` — `resource` is the API collection path ('/api/events', '/api/org/teams'),
 * `view` names what is read ('list', 'detail', 'map', 'history', …), `params` is the query object (ids and filters).
 * So `invalidateQueries({ queryKey: [resource] })` refreshes every list and record of a resource after a write.
 * Keys are built by the helpers below or a feature's `queries.ts`, never written out in components.
 *
 * This module (and TanStack Query with it) is imported only behind the login, by the lazily loaded layouts: the
 * login page's bundle does not carry it.
 */

/** A 4xx answer will not change by asking again; the network or a 5xx might. */
function retry(failures: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failures < 1;
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      retry,
      // Freshness comes from the live feed, writes and polls; a tab switch is not a reason to reload every list.
      refetchOnWindowFocus: false,
    },
  },
});

/** The user the cache was filled for: another user's sign-in starts from an empty cache. */
let cacheOwner: string | null | undefined;

/**
 * The query client for everything below it. Rendered by each lazily loaded root (console layout, phone pages,
 * big screen, portal); they share the one client, so navigating between them keeps the cache.
 */
export function QueryRoot({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  const owner = me?.id ?? null;
  if (cacheOwner !== undefined && cacheOwner !== owner) queryClient.clear();
  cacheOwner = owner;
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}

/** Query parameters without the empty ones, so that `{q: ''}` and `{}` are one key. */
export function cleanParams(params: Query | undefined): Query {
  const out: Query = {};
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined && v !== null && v !== '') out[k] = v;
  return out;
}

/** One page of a keyset list: GET `resource?params`. */
export function pageQuery<T>(resource: string, params?: Query, view = 'list') {
  const query = cleanParams(params);
  return queryOptions({
    queryKey: [resource, view, query],
    queryFn: ({ signal }) => api<Page<T>>(resource, { query, signal }),
  });
}

/**
 * A small reference list read whole (a county has fewer than 200 teams, agencies, towns): the items of the first
 * page of `limit` 200, kept for five minutes; a write to the resource invalidates it.
 */
export function allQuery<T>(resource: string, params?: Query) {
  const query = cleanParams({ ...params, limit: 200 });
  return queryOptions({
    queryKey: [resource, 'list', query],
    queryFn: ({ signal }) => api<Page<T>>(resource, { query, signal }),
    select: itemsOf<T>,
    staleTime: 5 * 60_000,
  });
}

function itemsOf<T>(page: Page<T>): T[] {
  return page.items;
}

/** One record: GET `resource/id`. */
export function detailQuery<T>(resource: string, id: string, params?: Query) {
  const query = cleanParams(params);
  return queryOptions({
    queryKey: [resource, 'detail', id, query],
    queryFn: ({ signal }) => api<T>(`${resource}/${encodeURIComponent(id)}`, { query, signal }),
  });
}
