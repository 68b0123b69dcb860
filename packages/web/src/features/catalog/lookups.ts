import { useEffect, useState } from 'react';
import { api, type Page } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import type { Coverage, TownRef } from './types.ts';

/*
 * Towns for the per-town tables and the jurisdiction panel, loaded once per page load. The region list needs
 * `org.read` and answers within the user's data scope; users without it (auxiliaries) or scoped to one town get all
 * the town names from the coverage figures (a catalog matter names every town).
 */

let townsCache: Promise<TownRef[]> | null = null;

function loadTowns(canReadOrg: boolean): Promise<TownRef[]> {
  const load = canReadOrg
    ? api<Page<TownRef>>('/api/org/regions', { query: { level: 'town', limit: 50 } }).then((p) =>
        p.items.map((t) => ({ id: t.id, name: t.name, townMode: t.townMode })),
      )
    : api<Coverage>('/api/catalog/coverage').then((c) =>
        c.towns.map((t) => ({ id: t.townId, name: t.name, townMode: t.townMode })),
      );
  return load.catch((err: unknown) => {
    townsCache = null;
    throw err;
  });
}

export function useTowns(): { towns: TownRef[]; townName: (id: string) => string } {
  const { can, me } = useAuth();
  const canReadOrg = can('org.read') && me?.scopeTownId === null;
  const [towns, setTowns] = useState<TownRef[]>([]);
  useEffect(() => {
    let live = true;
    (townsCache ??= loadTowns(canReadOrg)).then((x) => live && setTowns(x)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [canReadOrg]);
  return { towns, townName: (id) => towns.find((t) => t.id === id)?.name ?? id };
}

export interface OrgUnit {
  id: string;
  code: string;
  name: string;
  kind: string;
}

let agenciesCache: Promise<OrgUnit[]> | null = null;
let teamsCache: Promise<OrgUnit[]> | null = null;

function useCached(get: () => Promise<OrgUnit[]>, enabled: boolean): OrgUnit[] {
  const [items, setItems] = useState<OrgUnit[]>([]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    get()
      .then((x) => live && setItems(x))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [enabled, get]);
  return items;
}

const getAgencies = () =>
  (agenciesCache ??= api<Page<OrgUnit>>('/api/org/agencies', { query: { limit: 200 } })
    .then((p) => p.items)
    .catch((err: unknown) => {
      agenciesCache = null;
      throw err;
    }));
const getTeams = () =>
  (teamsCache ??= api<Page<OrgUnit>>('/api/org/teams', { query: { limit: 200 } })
    .then((p) => p.items)
    .catch((err: unknown) => {
      teamsCache = null;
      throw err;
    }));

/** Agencies and teams (codes and names) for the matter form's selects. */
export function useOrgUnits(enabled: boolean): { agencies: OrgUnit[]; teams: OrgUnit[] } {
  return { agencies: useCached(getAgencies, enabled), teams: useCached(getTeams, enabled) };
}
