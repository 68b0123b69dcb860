import { queryOptions, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../app/api.ts';
import { cleanParams } from '../../app/query.tsx';
import {
  CATALOG_API,
  type CatalogList,
  type Coverage,
  type MatterHistory,
  type MatterResponse,
  type PublicMatterResponse,
} from './types.ts';

/*
 * The catalog's reads (keys: docs/adr/0002-web-data-layer.md). Matters, their versions and history are one
 * resource (`CATALOG_API.matters`); the published lists and the coverage figures are two more. A new version, a
 * published list or a withdrawal invalidates all three (`useCatalogChanged`): each can change the others.
 */

/** A matter as of a date (default today), with its latest version and the version list. */
export const matterQuery = (id: string, asOf: string | undefined) =>
  queryOptions({
    queryKey: [CATALOG_API.matters, 'detail', id, cleanParams({ asOf })],
    queryFn: ({ signal }) => api<MatterResponse>(CATALOG_API.matter(id), { query: { asOf }, signal }),
  });

/** Every version of a matter with the fields each changed. */
export const historyQuery = (id: string) =>
  queryOptions({
    queryKey: [CATALOG_API.matters, 'history', id],
    queryFn: ({ signal }) => api<MatterHistory>(CATALOG_API.history(id), { signal }),
  });

/** The three published lists as in force today. */
export const listsQuery = queryOptions({
  queryKey: [CATALOG_API.lists],
  queryFn: ({ signal }) => api<{ lists: CatalogList[] }>(CATALOG_API.lists, { signal }),
  select: (r) => r.lists,
});

/** The coverage figures as of a date (default today). */
export const coverageQuery = (asOf: string | undefined) =>
  queryOptions({
    queryKey: [CATALOG_API.coverage, cleanParams({ asOf })],
    queryFn: ({ signal }) => api<Coverage>(CATALOG_API.coverage, { query: { asOf }, signal }),
  });

/** The portal's published matter (no login). */
export const publicMatterQuery = (id: string) =>
  queryOptions({
    queryKey: [CATALOG_API.publicMatters, 'detail', id],
    queryFn: ({ signal }) => api<PublicMatterResponse>(CATALOG_API.publicMatter(id), { signal }),
  });

/** The portal's published lists (no login). */
export const publicListsQuery = queryOptions({
  queryKey: [CATALOG_API.publicLists],
  queryFn: ({ signal }) => api<{ lists: CatalogList[] }>(CATALOG_API.publicLists, { signal }),
  select: (r) => r.lists,
});

/** After a write to the catalog: matters (lists, records, history), published lists and coverage read again. */
export function useCatalogChanged(): () => void {
  const queryClient = useQueryClient();
  return useCallback(() => {
    for (const resource of [CATALOG_API.matters, CATALOG_API.lists, CATALOG_API.coverage])
      void queryClient.invalidateQueries({ queryKey: [resource] });
  }, [queryClient]);
}
