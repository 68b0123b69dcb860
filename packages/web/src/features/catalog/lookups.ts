import { useQuery } from '@tanstack/react-query';
import { useAuth } from '../../app/auth.tsx';
import type { Retryable } from '../../ui/QueryError.tsx';
import { agenciesQuery, teamsQuery, townsQuery } from '../organization/queries.ts';
import { coverageQuery } from './queries.ts';
import type { TownRef } from './types.ts';

/*
 * Towns for the per-town tables and the jurisdiction panel. The region list needs `org.read` and answers within
 * the user's data scope; users without it (auxiliaries) or scoped to one town get all the town names from the
 * coverage figures (a catalog matter names every town).
 */

export function useTowns(): { towns: TownRef[]; townName: (id: string) => string; query: Retryable } {
  const { can, me } = useAuth();
  const canReadOrg = can('org.read') && me?.scopeTownId === null;
  const regions = useQuery({ ...townsQuery, enabled: canReadOrg });
  const coverage = useQuery({ ...coverageQuery(undefined), enabled: !canReadOrg });
  const query = canReadOrg ? regions : coverage;
  const towns: TownRef[] = canReadOrg
    ? (regions.data ?? []).map((t) => ({ id: t.id, name: t.name, townMode: t.townMode }))
    : (coverage.data?.towns ?? []).map((t) => ({ id: t.townId, name: t.name, townMode: t.townMode }));
  return { towns, townName: (id) => towns.find((t) => t.id === id)?.name ?? id, query };
}

export interface OrgUnit {
  id: string;
  code: string;
  name: string;
  kind: string;
}

/** Agencies and teams (codes and names) for the matter form's selects. */
export function useOrgUnits(enabled: boolean): {
  agencies: OrgUnit[];
  teams: OrgUnit[];
  queries: Retryable[];
} {
  const agencies = useQuery({ ...agenciesQuery, enabled });
  const teams = useQuery({ ...teamsQuery, enabled });
  return {
    agencies: (agencies.data ?? []) as OrgUnit[],
    teams: (teams.data ?? []) as OrgUnit[],
    queries: [agencies, teams],
  };
}
