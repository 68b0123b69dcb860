import { queryOptions } from '@tanstack/react-query';
import { api, type Page } from '../../app/api.ts';
import { allQuery, detailQuery } from '../../app/query.tsx';
import { ORG_API, type Agency, type Person, type Region, type RegionDetail, type Team } from './types.ts';

/*
 * The organization's shared reads (keys: docs/adr/0002-web-data-layer.md). A save on an organization page
 * invalidates its resource (`[ORG_API.x]`), so these refresh wherever they are shown.
 */

/** Every team of the county (fewer than 200): the dispatch pickers, the matter form, team names. */
export const teamsQuery = allQuery<Team>(ORG_API.teams);

/** Every agency (a few dozen). */
export const agenciesQuery = allQuery<Agency>(ORG_API.agencies);

/** The towns within the user's data scope (needs org.read). */
export const townsQuery = allQuery<Region>(ORG_API.regions, { level: 'town' });

/** The people of one team (the officers of a simple-procedure penalty). */
export const teamPeopleQuery = (teamId: string) => allQuery<Person>(ORG_API.people, { teamId });

/** The county's name, for county-level users (Me carries only a town name; needs org.read). */
export const countyNameQuery = queryOptions({
  queryKey: [ORG_API.regions, 'list', { level: 'county', limit: 1 }],
  queryFn: ({ signal }) => api<Page<Region>>(ORG_API.regions, { query: { level: 'county', limit: 1 }, signal }),
  select: (p) => p.items[0]?.name ?? null,
  staleTime: Infinity,
});

/** The children of a region (the region tree). */
export const childRegionsQuery = (parentId: string) => allQuery<Region>(ORG_API.regions, { parentId });

/** A region with its path and child count. */
export const regionQuery = (id: string) => detailQuery<RegionDetail>(ORG_API.regions, id);
