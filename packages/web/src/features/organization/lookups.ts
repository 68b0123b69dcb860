import { useEffect, useState } from 'react';
import { api, type Page } from '../../app/api.ts';
import { ORG_API, type Agency, type Region } from './types.ts';

/**
 * Small reference lists (a county has a few dozen towns and agencies) loaded once and shared, to show names
 * where a record carries only an id and to fill selects.
 */
function cachedList<T>(path: string, query: Record<string, string | number>) {
  let cache: Promise<T[]> | null = null;
  const load = () =>
    (cache ??= api<Page<T>>(path, { query: { ...query, limit: 200 } })
      .then((p) => p.items)
      .catch((err: unknown) => {
        cache = null;
        throw err;
      }));
  const invalidate = () => {
    cache = null;
  };
  function useList(): T[] {
    const [items, setItems] = useState<T[]>([]);
    useEffect(() => {
      let live = true;
      load()
        .then((x) => live && setItems(x))
        .catch(() => undefined);
      return () => {
        live = false;
      };
    }, []);
    return items;
  }
  return { useList, invalidate };
}

const towns = cachedList<Region>(ORG_API.regions, { level: 'town' });
const agencies = cachedList<Agency>(ORG_API.agencies, {});

/** Forget the cached towns (after a town was renamed or its mode changed). */
export const invalidateTowns = towns.invalidate;
export const invalidateAgencies = agencies.invalidate;

export function useTowns(): { towns: Region[]; townName: (id: string | null | undefined) => string } {
  const list = towns.useList();
  return { towns: list, townName: (id) => (id ? (list.find((t) => t.id === id)?.name ?? id) : '') };
}

export function useAgencyName(): (id: string | null | undefined) => string {
  const list = agencies.useList();
  return (id) => (id ? (list.find((a) => a.id === id)?.name ?? id) : '');
}
