import { and, eq, getTableColumns, isNull, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { DataScope } from '@openenforce/domain/organization';
import { afterCursor, allOf, containsAny, orderByKey, pageFrom, type Db } from '../platform/db/index.ts';
import { agencies, certificates, people, regions, teams } from './organization.schema.ts';

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
}

export const specs = {
  region: spec(
    'region',
    regions,
    regions.id,
    regions.id,
    regions.townId,
    regions.version,
    regions.updatedAt,
    [regions.name, regions.id],
    true,
  ),
  agency: spec(
    'agency',
    agencies,
    agencies.id,
    agencies.code,
    agencies.townId,
    agencies.version,
    agencies.updatedAt,
    [agencies.name, agencies.code],
    true,
  ),
  team: spec(
    'team',
    teams,
    teams.id,
    teams.code,
    teams.townId,
    teams.version,
    teams.updatedAt,
    [teams.name, teams.code],
    true,
  ),
  person: spec(
    'person',
    people,
    people.id,
    people.employeeNo,
    people.townId,
    people.version,
    people.updatedAt,
    [people.name, people.employeeNo],
    false,
  ),
  certificate: spec(
    'certificate',
    certificates,
    certificates.id,
    certificates.number,
    certificates.townId,
    certificates.version,
    certificates.updatedAt,
    [certificates.number],
    false,
  ),
};

function spec<T extends PgTable>(
  type: string,
  table: T,
  id: AnyColumn,
  key: AnyColumn,
  town: AnyColumn,
  version: AnyColumn,
  updatedAt: AnyColumn,
  search: AnyColumn[],
  sharedWhenCountyLevel: boolean,
): EntitySpec<T> {
  const columns = getTableColumns(table) as Record<string, AnyColumn>;
  const keyProp = Object.keys(columns).find((k) => columns[k] === key)!;
  return { type, table, id, key, town, version, updatedAt, search, sharedWhenCountyLevel, keyProp };
}

/** Data scope as SQL: enforced in every query, so a town user cannot reach another town's row by id either. */
export function scopeCondition(s: EntitySpec<PgTable>, scope: DataScope): SQL | undefined {
  if (scope.kind === 'county') return undefined;
  const own = eq(s.town, scope.townId);
  return s.sharedWhenCountyLevel ? or(own, isNull(s.town)) : own;
}

export interface ListOptions {
  q?: string | undefined;
  cursor?: string | undefined;
  limit: number;
  filters?: (SQL | undefined)[];
}

export async function listEntities<T extends PgTable>(db: Db, s: EntitySpec<T>, scope: DataScope, o: ListOptions) {
  const rows = (await db
    .select()
    .from(s.table as PgTable)
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
  const q = db
    .select()
    .from(s.table as PgTable)
    .where(allOf(eq(s.id, id), scopeCondition(s, scope)))
    .limit(1);
  const rows = (await (forUpdate ? q.for('update') : q)) as T['$inferSelect'][];
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
