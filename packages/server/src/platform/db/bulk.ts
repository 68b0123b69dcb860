import { getTableColumns, is, sql, SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';

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
 * INSERT the rows (keys as in the Drizzle table): the statement, to finish (ON CONFLICT …, RETURNING …) and run
 * with `executePrepared`, or to compose with others (data-modifying CTEs). Values go through each column's own
 * driver mapping (dates to ISO text); json(b) values stay as they are, nested in the JSON. The rows are `u`; `join`
 * may follow (`JOIN inserted ON inserted.id = u.event_id`: only rows whose parent was stored).
 */
export function insertFrom(table: PgTable, rows: readonly Record<string, unknown>[], join: SQL = sql``): SQL {
  const used = usedColumns(table, rows);
  const data = rows.map((r) => {
    const o: Record<string, unknown> = {};
    for (const { key, column } of used) {
      const v = r[key];
      o[column.name] = v == null ? null : isJson(column) ? v : column.mapToDriverValue(v);
    }
    return o;
  });
  const names = sql.raw(used.map(({ column }) => `"${column.name}"`).join(', '));
  const values = sql.raw(used.map(({ column }) => `u."${column.name}"`).join(', '));
  const types = sql.raw(used.map(({ column }) => `"${column.name}" ${column.getSQLType()}`).join(', '));
  return sql`INSERT INTO ${table} (${names})
    SELECT ${values} FROM json_to_recordset(${JSON.stringify(data)}::json) AS u(${types}) ${join}`;
}

/**
 * The stored row of an insert, as Drizzle's select would give it, from the values inserted and the few columns the
 * statement returned (the generated ones: `RETURNING id, seq`) — so that a bulk insert neither reads its rows back
 * nor returns them all (on PGlite, decoding a 45-column row costs more than inserting it). A column neither
 * inserted nor returned takes its default when that is a plain value, else null; a database-side default
 * (`defaultNow()`, an SQL expression) must be inserted or returned, or this throws: the row would be wrong.
 */
export function insertedRow<T extends PgTable>(
  table: T,
  inserted: Record<string, unknown>,
  returned: Record<string, unknown>,
): T['$inferSelect'] {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table) as Columns)) {
    if (inserted[key] !== undefined) out[key] = inserted[key];
    else if (column.name in returned) {
      const v = returned[column.name];
      out[key] = v == null ? null : column.mapFromDriverValue(v);
    } else if (!column.hasDefault) out[key] = null;
    else if (column.default !== undefined && !is(column.default, SQL)) out[key] = column.default;
    else throw new Error(`insertedRow: ${key} has a database default; insert it or return it`);
  }
  return out as T['$inferSelect'];
}
