import { useEffect, useState } from 'react';
import { api, type Page } from '../../app/api.ts';
import type { Region } from './types.ts';

// A county has a few dozen towns at most: load them once and share them (names in tables, town selects).
let cache: Promise<Region[]> | null = null;

function loadTowns(): Promise<Region[]> {
  cache ??= api<Page<Region>>('/api/org/regions', { query: { level: 'town', limit: 200 } })
    .then((p) => p.items)
    .catch((err: unknown) => {
      cache = null;
      throw err;
    });
  return cache;
}

/** Forget the cached towns (after a town was renamed or its mode changed). */
export function invalidateTowns(): void {
  cache = null;
}

export function useTowns(): { towns: Region[]; townName: (id: string | null | undefined) => string } {
  const [towns, setTowns] = useState<Region[]>([]);
  useEffect(() => {
    let live = true;
    loadTowns()
      .then((t) => live && setTowns(t))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return {
    towns,
    townName: (id) => (id ? (towns.find((t) => t.id === id)?.name ?? id) : ''),
  };
}
