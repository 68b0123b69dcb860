import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { Query } from '../app/api.ts';
import { pageQuery } from '../app/query.tsx';
import type { Retryable } from './QueryError.tsx';

export interface KeysetList<T> {
  items: T[];
  loading: boolean;
  /** The page's query, for `<QueryError query={…}>` (the error with a retry). */
  query: Retryable;
  /** 0-based page number within the current query. */
  pageIndex: number;
  total: number | undefined;
  hasPrev: boolean;
  hasNext: boolean;
  next: () => void;
  prev: () => void;
  reload: () => void;
}

interface Nav {
  key: string;
  /** cursors[i] is the cursor that fetches page i (page 0 has none). */
  cursors: (string | undefined)[];
  index: number;
}

/**
 * Keyset pagination (`{items, nextCursor}`): the server hands out opaque cursors, so "previous" is a stack of the
 * cursors already seen. Changing the query or the page size starts again at page 0. Each page is a query keyed
 * `[endpoint, 'list', {…query, limit, cursor}]`: a write that invalidates `[endpoint]` reloads it, and going back
 * to a page seen shows it from the cache at once. The previous page stays on screen while the next one loads.
 */
export function useKeysetList<T>(endpoint: string, query: Query, limit: number): KeysetList<T> {
  const key = JSON.stringify([endpoint, query, limit]);
  const [nav, setNav] = useState<Nav>({ key, cursors: [undefined], index: 0 });

  // A new query resets the navigation during render (no extra fetch of the old page).
  let current = nav;
  if (nav.key !== key) {
    current = { key, cursors: [undefined], index: 0 };
    setNav(current);
  }
  const cursor = current.cursors[current.index];
  const page = useQuery({ ...pageQuery<T>(endpoint, { ...query, limit, cursor }), placeholderData: keepPreviousData });

  const nextCursor = page.isPlaceholderData ? null : (page.data?.nextCursor ?? null);
  const next = useCallback(() => {
    if (!nextCursor) return;
    setNav((n) => ({ ...n, cursors: [...n.cursors.slice(0, n.index + 1), nextCursor], index: n.index + 1 }));
  }, [nextCursor]);
  const prev = useCallback(() => setNav((n) => ({ ...n, index: Math.max(0, n.index - 1) })), []);
  const { refetch } = page;
  const reload = useCallback(() => void refetch(), [refetch]);

  return {
    items: page.isError ? [] : (page.data?.items ?? []),
    loading: page.isFetching,
    query: page,
    pageIndex: current.index,
    total: page.data?.total,
    hasPrev: current.index > 0,
    hasNext: !!nextCursor,
    next,
    prev,
    reload,
  };
}
