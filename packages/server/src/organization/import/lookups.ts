import { and, eq, inArray, or } from 'drizzle-orm';
import { scopeTown, type DataScope } from '@openenforce/domain/organization';
import type { Db } from '../../platform/db/index.ts';
import { certificates, people, regions, teams } from '../organization.schema.ts';

/**
 * The references of a whole file, one query per kind (no N+1): every team code or name, town name or id, grid id,
 * employee number and certificate number that the file mentions.
 */

export type TeamRef = { id: string; code: string; name: string; townId: string | null };
export type RegionRef = { id: string; name: string; level: string; townId: string | null };
export type PersonRef = { id: string; employeeNo: string; townId: string | null; isAuxiliary: boolean };

/** Teams whose code or exact name is one of `refs`. */
export async function teamsByCodeOrName(db: Db, refs: string[]): Promise<TeamRef[]> {
  if (refs.length === 0) return [];
  return db
    .select({ id: teams.id, code: teams.code, name: teams.name, townId: teams.townId })
    .from(teams)
    .where(or(inArray(teams.code, refs), inArray(teams.name, refs)));
}

/** Towns named or numbered in `townRefs`, and the grids in `gridIds`. */
export async function townsAndGrids(db: Db, townRefs: string[], gridIds: string[]): Promise<RegionRef[]> {
  if (townRefs.length === 0 && gridIds.length === 0) return [];
  const columns = { id: regions.id, name: regions.name, level: regions.level, townId: regions.townId };
  return db
    .select(columns)
    .from(regions)
    .where(
      or(
        townRefs.length
          ? and(eq(regions.level, 'town'), or(inArray(regions.id, townRefs), inArray(regions.name, townRefs)))
          : undefined,
        gridIds.length ? and(eq(regions.level, 'grid'), inArray(regions.id, gridIds)) : undefined,
      ),
    );
}

/** People with one of these employee numbers (any town: uniqueness is county-wide). */
export async function peopleByEmployeeNo(db: Db, employeeNos: string[]): Promise<PersonRef[]> {
  if (employeeNos.length === 0) return [];
  return db
    .select({ id: people.id, employeeNo: people.employeeNo, townId: people.townId, isAuxiliary: people.isAuxiliary })
    .from(people)
    .where(inArray(people.employeeNo, employeeNos));
}

/** Which of these certificate numbers exist already. */
export async function existingCertificateNumbers(db: Db, numbers: string[]): Promise<Set<string>> {
  if (numbers.length === 0) return new Set();
  const rows = await db
    .select({ number: certificates.number })
    .from(certificates)
    .where(inArray(certificates.number, numbers));
  return new Set(rows.map((r) => r.number));
}

/** A town team of the user's scope and its town: the template's example row then shows real values. */
export async function sampleTownTeam(
  db: Db,
  scope: DataScope,
): Promise<{ teamCode: string; townName: string } | undefined> {
  const town = scopeTown(scope);
  const rows = await db
    .select({ teamCode: teams.code, townName: regions.name })
    .from(teams)
    .innerJoin(regions, eq(regions.id, teams.townId))
    .where(town === null ? undefined : eq(teams.townId, town))
    .orderBy(teams.code)
    .limit(1);
  return rows[0];
}
