import { useCallback, useEffect, useState } from 'react';
import { api, type Page, type Query } from '../app/api.ts';

export interface KeysetList<T> {
  items: T[];
  loading: boolean;
  error: unknown;
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
 * cursors already seen. Changing the query or the page size starts again at page 0.
 */
export function useKeysetList<T>(endpoint: string, query: Query, limit: number): KeysetList<T> {
  const key = JSON.stringify([endpoint, query, limit]);
  const [nav, setNav] = useState<Nav>({ key, cursors: [undefined], index: 0 });
  const [page, setPage] = useState<Page<T> | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);

  // A new query resets the navigation during render (no extra fetch of the old page).
  let current = nav;
  if (nav.key !== key) {
    current = { key, cursors: [undefined], index: 0 };
    setNav(current);
  }
  const cursor = current.cursors[current.index];

  useEffect(() => {
    const ctl = new AbortController();
    setLoading(true);
    setError(null);
    const [path, q, lim] = JSON.parse(key) as [string, Query, number];
    api<Page<T>>(path, { query: { ...q, limit: lim, cursor }, signal: ctl.signal })
      .then((p) => {
        setPage(p);
        setLoading(false);
      })
      .catch((err: unknown) => {
        if (ctl.signal.aborted) return;
        setPage(null);
        setError(err);
        setLoading(false);
      });
    return () => ctl.abort();
  }, [key, cursor, tick]);

  const nextCursor = page?.nextCursor ?? null;
  const next = useCallback(() => {
    if (!nextCursor) return;
    setNav((n) => ({ ...n, cursors: [...n.cursors.slice(0, n.index + 1), nextCursor], index: n.index + 1 }));
  }, [nextCursor]);
  const prev = useCallback(() => setNav((n) => ({ ...n, index: Math.max(0, n.index - 1) })), []);
  const reload = useCallback(() => setTick((t) => t + 1), []);

  return {
    items: page?.items ?? [],
    loading,
    error,
    pageIndex: current.index,
    total: page?.total,
    hasPrev: current.index > 0,
    hasNext: !!nextCursor,
    next,
    prev,
    reload,
  };
}
