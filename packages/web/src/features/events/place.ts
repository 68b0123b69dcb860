import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import type { LngLat } from './position.ts';

/** What the place reads of GET /api/org/locate (the domain's `locateResult`). */
interface LocateResult {
  town: { name: string };
  village: { name: string };
  grid: { name: string };
}

/**
 * The town, village and grid under a point (GET /api/org/locate): what the grid worker sees for the place picked or
 * given by the device, in words — never bare coordinates. Null while unknown; `outside` when no grid holds it.
 */
const placeQuery = (at: LngLat | null) =>
  queryOptions({
    queryKey: ['/api/org/locate', { lng: at?.lng, lat: at?.lat }],
    queryFn: ({ signal }) => api<LocateResult>('/api/org/locate', { query: { lng: at!.lng, lat: at!.lat }, signal }),
    enabled: !!at,
    staleTime: 5 * 60_000,
    retry: false,
  });

export function usePlace(at: LngLat | null): { names: string | null; outside: boolean; pending: boolean } {
  const q = useQuery(placeQuery(at));
  if (!at) return { names: null, outside: false, pending: false };
  if (q.data)
    return {
      names: [q.data.town.name, q.data.village.name, q.data.grid.name].join(' / '),
      outside: false,
      pending: false,
    };
  return { names: null, outside: q.isError, pending: q.isPending };
}
