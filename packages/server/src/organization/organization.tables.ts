import { and, eq, getTableColumns, isNull, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { scopeTown, type DataScope } from '@openenforce/domain/organization';
import { afterCursor, allOf, containsAny, orderByKey, pageFrom, type Db } from '../platform/db/index.ts';
import { agencies, certificates, people, regions, teams } from './organization.schema.ts';

const teamOfPerson: Label = { prop: 'teamName', table: teams, on: eq(teams.id, people.teamId), column: teams.name };
const holderOfCertificate: Label = {
  prop: 'personName',
  table: people,
  on: eq(people.id, certificates.personId),
  column: people.name,
};

/**
 * The organisation's editable tables share one shape: an id, a unique ordered key for paging, a town column for data
 * scope, a version for optimistic concurrency and some searchable text. One spec per table; one implementation.
 */
export interface EntitySpec<T extends PgTable> {
  type: string;
  table: T;
  id: AnyColumn;
  key: AnyColumn;
  town: AnyColumn;
  version: AnyColumn;
  updatedAt: AnyColumn;
  search: AnyColumn[];
  /** County-level rows (town null) are visible to town users too: reference data, not personal data. */
  sharedWhenCountyLevel: boolean;
  /** The JS property of `key` in a selected row (e.g. `employeeNo`), to build the next cursor. */
  keyProp: string;
  /** A name from another table shown with each row (a person's team), joined in the same query: no N+1. */
  label?: Label;
  /** The personal columns of a row, sealed in its audit records under the row's data subject (PIPL). */
  personal?: PersonalSpec;
}

export interface PersonalSpec {
  fields: readonly string[];
  subject: (id: string) => string;
}

/** A person's name, phone and ID number (organization.schema.ts): their audit key is `person:<id>`. */
export const PERSON_PERSONAL_DATA: PersonalSpec = {
  fields: ['name', 'phone', 'idNumber'],
  subject: (id) => `person:${id}`,
};

/** The audit entry's personal-data part for a row of `s`, if the table has personal columns. */
export const personalDataOf = (s: { personal?: PersonalSpec }, id: string) =>
  s.personal ? { personal: { subject: s.personal.subject(id), fields: s.personal.fields } } : {};

interface Label {
  prop: string;
  table: PgTable;
  on: SQL;
  column: PgColumn;
}

export const specs = {
  region: spec({
    type: 'region',
    table: regions,
    key: regions.id,
    search: [regions.name, regions.id],
    sharedWhenCountyLevel: true,
  }),
  agency: spec({
    type: 'agency',
    table: agencies,
    key: agencies.code,
    search: [agencies.name, agencies.code],
    sharedWhenCountyLevel: true,
  }),
  team: spec({
    type: 'team',
    table: teams,
    key: teams.code,
    search: [teams.name, teams.code],
    sharedWhenCountyLevel: true,
  }),
  person: spec({
    type: 'person',
    table: people,
    key: people.employeeNo,
    search: [people.name, people.employeeNo],
    sharedWhenCountyLevel: false,
    label: teamOfPerson,
    personal: PERSON_PERSONAL_DATA,
  }),
  certificate: spec({
    type: 'certificate',
    table: certificates,
    key: certificates.number,
    search: [certificates.number],
    sharedWhenCountyLevel: false,
    label: holderOfCertificate,
  }),
};

/** Every organisation table has the columns id, town_id, version and updated_at; only the rest differs. */
function spec<T extends PgTable & { id: AnyColumn; townId: AnyColumn; version: AnyColumn; updatedAt: AnyColumn }>(o: {
  type: string;
  table: T;
  key: AnyColumn;
  search: AnyColumn[];
  sharedWhenCountyLevel: boolean;
  label?: Label;
  personal?: PersonalSpec;
}): EntitySpec<T> {
  const columns = getTableColumns(o.table) as Record<string, AnyColumn>;
  const keyProp = Object.keys(columns).find((k) => columns[k] === o.key)!;
  const { table } = o;
  return { ...o, id: table.id, town: table.townId, version: table.version, updatedAt: table.updatedAt, keyProp };
}

/** Data scope as SQL: enforced in every query, so a town user cannot reach another town's row by id either. */
export function scopeCondition(s: EntitySpec<PgTable>, scope: DataScope): SQL | undefined {
  // Organisation records belong to a town, not to a domain: an agency's staff follow the town part of their scope.
  const town = scopeTown(scope);
  if (town === null) return undefined;
  const own = eq(s.town, town);
  return s.sharedWhenCountyLevel ? or(own, isNull(s.town)) : own;
}

export interface ListOptions {
  q?: string | undefined;
  cursor?: string | undefined;
  limit: number;
  filters?: (SQL | undefined)[];
}

/** SELECT the table's columns, plus the label column through a LEFT JOIN when the spec has one. */
function selectRows(db: Db, s: EntitySpec<PgTable>) {
  if (!s.label) return db.select().from(s.table);
  const fields = { ...getTableColumns(s.table), [s.label.prop]: s.label.column };
  return db.select(fields).from(s.table).leftJoin(s.label.table, s.label.on);
}

export async function listEntities<T extends PgTable>(db: Db, s: EntitySpec<T>, scope: DataScope, o: ListOptions) {
  const rows = (await selectRows(db, s as EntitySpec<PgTable>)
    .where(
      allOf(scopeCondition(s, scope), containsAny(s.search, o.q), afterCursor(s.key, o.cursor), ...(o.filters ?? [])),
    )
    .orderBy(orderByKey(s.key))
    .limit(o.limit + 1)) as T['$inferSelect'][];
  return pageFrom(rows, o.limit, (r) => String((r as Record<string, unknown>)[s.keyProp]));
}

export async function getEntity<T extends PgTable>(
  db: Db,
  s: EntitySpec<T>,
  scope: DataScope,
  id: string,
  forUpdate = false,
) {
  const where = allOf(eq(s.id, id), scopeCondition(s, scope));
  // A row locked for update needs no label; FOR UPDATE may not touch the nullable side of an outer join anyway.
  const rows = (await (forUpdate
    ? db
        .select()
        .from(s.table as PgTable)
        .where(where)
        .limit(1)
        .for('update')
    : selectRows(db, s as EntitySpec<PgTable>)
        .where(where)
        .limit(1))) as T['$inferSelect'][];
  return rows[0];
}

export async function insertEntity<T extends PgTable>(db: Db, s: EntitySpec<T>, values: T['$inferInsert']) {
  const rows = (await db
    .insert(s.table as PgTable)
    .values(values as never)
    .returning()) as T['$inferSelect'][];
  return rows[0]!;
}

/**
 * Optimistic concurrency (rule 8): the update applies only if the row still has the version the client read.
 * Returns undefined when someone else changed it first.
 */
export async function updateEntity<T extends PgTable>(
  db: Db,
  s: EntitySpec<T>,
  id: string,
  expectedVersion: number,
  patch: Partial<T['$inferInsert']>,
  now: Date,
) {
  const rows = (await db
    .update(s.table as PgTable)
    .set({ ...patch, version: sql`${s.version} + 1`, updatedAt: now } as never)
    .where(and(eq(s.id, id), eq(s.version, expectedVersion)))
    .returning()) as T['$inferSelect'][];
  return rows[0];
}
