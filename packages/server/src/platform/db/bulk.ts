import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './database.ts';

/*
 * Set-based writes of many rows in one statement (ARCHITECTURE.md: bulk writes set-based). The rows travel as ONE
 * JSON parameter and are unpacked by `json_to_recordset` with each column's type: JSON.stringify is native code,
 * while the driver's array literals (one `unnest` parameter per column) escape every element in JavaScript —
 * ≈ 20 times the CPU for a batch of reports, more for long texts. Drizzle's multi-row VALUES (a parameter per
 * cell) costs more still.
 */

type Columns = Record<string, PgColumn>;

/** The table's columns and the keys the rows set (a column no row sets keeps its default). */
function usedColumns(table: PgTable, rows: readonly Record<string, unknown>[]) {
  const columns = getTableColumns(table) as Columns;
  const keys = new Set<string>();
  for (const r of rows) for (const k in r) if (r[k] !== undefined && columns[k] !== undefined) keys.add(k);
  return [...keys].map((k) => ({ key: k, column: columns[k]! }));
}

const isJson = (c: PgColumn) => c.getSQLType() === 'jsonb' || c.getSQLType() === 'json';

/**
 * INSERT the rows (keys as in the Drizzle table) with `tail` appended (ON CONFLICT …, RETURNING …); returns the
 * raw rows the statement returns (see `fromDriverRow`). Values go through each column's own driver mapping (dates
 * to ISO text); json(b) values stay as they are, nested in the JSON.
 */
export async function insertRows(
  tx: Db,
  table: PgTable,
  rows: readonly Record<string, unknown>[],
  tail: SQL = sql``,
): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const used = usedColumns(table, rows);
  const data = rows.map((r) => {
    const o: Record<string, unknown> = {};
    for (const { key, column } of used) {
      const v = r[key];
      o[column.name] = v == null ? null : isJson(column) ? v : column.mapToDriverValue(v);
    }
    return o;
  });
  const names = sql.join(
    used.map(({ column }) => sql.identifier(column.name)),
    sql`, `,
  );
  const types = sql.raw(used.map(({ column }) => `"${column.name}" ${column.getSQLType()}`).join(', '));
  const res = await tx.execute(sql`
    INSERT INTO ${table} (${names})
    SELECT ${names} FROM json_to_recordset(${JSON.stringify(data)}::json) AS u(${types})
    ${tail}`);
  return (res as unknown as { rows: Record<string, unknown>[] }).rows;
}

/**
 * A raw row (column names, driver values, as `RETURNING *` gives them) as Drizzle's select would map it: keys as in
 * the table, timestamps as Dates, bigints as numbers.
 */
export function fromDriverRow<T extends PgTable>(table: T, raw: Record<string, unknown>): T['$inferSelect'] {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table) as Columns)) {
    const v = raw[column.name];
    out[key] = v == null ? null : column.mapFromDriverValue(v);
  }
  return out as T['$inferSelect'];
}
