import { queryOptions } from '@tanstack/react-query';
import type { GridProps, TownProps } from '@openenforce/domain/organization';
import type { FeatureCollection, Geometry } from 'geojson';
import { api } from '../../app/api.ts';
import { cleanParams } from '../../app/query.tsx';

/** The organization map's GeoJSON (GET /api/org/map/*): one resource, invalidated when a region is saved. */
export const MAP_API = '/api/org/map';

/** The features' properties: the server's response contracts (packages/domain/src/organization/schemas.ts). */
export type { GridProps, TownProps };

/** Town outlines: the map page, the boundary previews and the background of the event maps. */
export const mapTownsQuery = queryOptions({
  queryKey: [MAP_API, 'towns'],
  queryFn: ({ signal }) => api<FeatureCollection<Geometry, TownProps>>(`${MAP_API}/towns`, { signal }),
  staleTime: 5 * 60_000,
});

/** Grid outlines of one town, or of all. */
export const mapGridsQuery = (townId: string | null | undefined) => {
  const query = cleanParams({ townId });
  return queryOptions({
    queryKey: [MAP_API, 'grids', query],
    queryFn: ({ signal }) => api<FeatureCollection<Geometry, GridProps>>(`${MAP_API}/grids`, { query, signal }),
    staleTime: 5 * 60_000,
  });
};

/** The grid, village and town under a point (GET /api/org/locate), for a place named in words, not coordinates. */
export interface LocatedPlace {
  grid: { id: string; name: string };
  village: { id: string; name: string };
  town: { id: string; name: string };
}

export const locateQuery = (lng: number, lat: number) =>
  queryOptions({
    queryKey: ['/api/org/locate', 'detail', { lng, lat }],
    queryFn: ({ signal }) => api<LocatedPlace>('/api/org/locate', { query: { lng, lat }, signal }),
    staleTime: 5 * 60_000,
  });
