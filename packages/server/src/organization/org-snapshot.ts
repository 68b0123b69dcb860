import { asc, eq } from 'drizzle-orm';
import type { AgencyInput, TeamInput, TownInput } from '@openenforce/domain/catalog';
import type { Db } from '../platform/db/index.ts';
import { agencies, regions, teams } from './organization.schema.ts';

/**
 * The organisation as the jurisdiction engine needs it (agencies, teams, towns), ordered by code so that the
 * snapshot built from it is deterministic. Three small queries; callers cache the snapshot.
 */
export async function loadOrgSnapshotRows(
  db: Db,
): Promise<{ agencies: AgencyInput[]; teams: TeamInput[]; towns: TownInput[] }> {
  const [a, t, towns] = await Promise.all([
    db
      .select({
        id: agencies.id,
        code: agencies.code,
        name: agencies.name,
        kind: agencies.kind,
        mayActInOwnName: agencies.mayActInOwnName,
        townId: agencies.townId,
        domains: agencies.domains,
      })
      .from(agencies)
      .orderBy(asc(agencies.code)),
    db
      .select({
        id: teams.id,
        code: teams.code,
        name: teams.name,
        agencyId: teams.agencyId,
        kind: teams.kind,
        townId: teams.townId,
        domains: teams.domains,
      })
      .from(teams)
      .orderBy(asc(teams.code)),
    db
      .select({ id: regions.id, name: regions.name, townMode: regions.townMode })
      .from(regions)
      .where(eq(regions.level, 'town'))
      .orderBy(asc(regions.id)),
  ]);
  return { agencies: a, teams: t, towns };
}
