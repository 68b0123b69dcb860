/*
 * What other contexts may read of the organisation: functions, never its tables (a context queries only its own
 * tables; ARCHITECTURE.md rule 1).
 */
import { and, eq, inArray, or } from 'drizzle-orm';
import type { OfficerOnSite } from '@openenforce/domain/events';
import { agencies, certificates, people, teams } from './organization.schema.ts';
import type { Db } from '../platform/db/index.ts';

/** The officers named on a simple-procedure decision, with their certificates (APL-42 is checked in the domain). */
export async function loadOfficers(db: Db, ids: readonly string[], _today: string): Promise<OfficerOnSite[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      id: people.id,
      name: people.name,
      isAuxiliary: people.isAuxiliary,
      role: people.role,
      domains: certificates.domains,
      validFrom: certificates.validFrom,
      validTo: certificates.validTo,
    })
    .from(people)
    .leftJoin(certificates, eq(certificates.personId, people.id))
    .where(inArray(people.id, [...new Set(ids)]));
  const byId = new Map<string, OfficerOnSite & { certificates: OfficerOnSite['certificates'][number][] }>();
  for (const r of rows) {
    let o = byId.get(r.id);
    if (!o) {
      o = { personId: r.id, name: r.name, isAuxiliary: r.isAuxiliary || r.role === 'auxiliary', certificates: [] };
      byId.set(r.id, o);
    }
    if (r.domains && r.validFrom && r.validTo)
      o.certificates.push({ domains: r.domains, validFrom: r.validFrom, validTo: r.validTo });
  }
  return [...byId.values()];
}

/** A team and the teams below it (a brigade acts for its squads): two levels are all the tree has. */
export async function teamAndBelow(db: Db, teamId: string): Promise<string[]> {
  const rows = await db
    .select({ id: teams.id, parentId: teams.parentId })
    .from(teams)
    .where(or(eq(teams.id, teamId), eq(teams.parentId, teamId)));
  const ids = new Set(rows.map((r) => r.id));
  const below = rows.filter((r) => r.parentId === teamId).map((r) => r.id);
  if (below.length > 0) {
    const deeper = await db.select({ id: teams.id }).from(teams).where(inArray(teams.parentId, below));
    for (const d of deeper) ids.add(d.id);
  }
  return [...ids];
}

/** Which of these team ids exist. */
export async function existingTeams(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: teams.id })
    .from(teams)
    .where(inArray(teams.id, [...ids]));
  return new Set(rows.map((r) => r.id));
}

/** Team names for a detail page (timeline, assisting teams), in one query. */
export async function teamNames(db: Db, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => i !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: teams.id, name: teams.name }).from(teams).where(inArray(teams.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The grid a person walks (a grid worker's), or null. */
export async function gridOfPerson(db: Db, personId: string): Promise<string | null> {
  const rows = await db.select({ gridId: people.gridId }).from(people).where(eq(people.id, personId));
  return rows[0]?.gridId ?? null;
}

/** The active people of these teams (the members, for the team leader's board), by role and name. */
export async function teamMembers(db: Db, teamIds: readonly string[]) {
  if (teamIds.length === 0) return [];
  return db
    .select({
      id: people.id,
      name: people.name,
      role: people.role,
      isAuxiliary: people.isAuxiliary,
      teamId: people.teamId,
    })
    .from(people)
    .where(and(inArray(people.teamId, [...teamIds]), eq(people.active, true)))
    .orderBy(people.role, people.name);
}

/**
 * The agency a user works for, with its domains: the person's agency, else the agency of the user's team. A county
 * department's staff see the events of these domains (SPEC §2: an agency sees what it is responsible for).
 */
export async function agencyOfUser(
  db: Db,
  user: { personId: string | null; scopeTeamId: string | null },
): Promise<{ id: string; domains: string[] } | null> {
  if (user.personId) {
    const rows = await db
      .select({ id: agencies.id, domains: agencies.domains })
      .from(people)
      .innerJoin(agencies, eq(agencies.id, people.agencyId))
      .where(eq(people.id, user.personId));
    if (rows[0]) return rows[0];
  }
  if (user.scopeTeamId) {
    const rows = await db
      .select({ id: agencies.id, domains: agencies.domains })
      .from(teams)
      .innerJoin(agencies, eq(agencies.id, teams.agencyId))
      .where(eq(teams.id, user.scopeTeamId));
    if (rows[0]) return rows[0];
  }
  return null;
}

/** Person names by id (a list's column), in one query. */
export async function personNames(db: Db, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => i !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** An agency's name and kind (a case stores the agency in whose name it is handled), or undefined. */
export async function agencyById(
  db: Db,
  id: string,
): Promise<{ id: string; code: string; name: string; kind: 'bureau' | 'department' | 'town_government' } | undefined> {
  const rows = await db
    .select({ id: agencies.id, code: agencies.code, name: agencies.name, kind: agencies.kind })
    .from(agencies)
    .where(eq(agencies.id, id));
  return rows[0];
}
