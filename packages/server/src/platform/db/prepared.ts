import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Db } from './database.ts';
import { rowsOf } from './paging.ts';

/*
 * Statements that run with every report (intake's batch, the audit append), planned once per database session.
 * On PGlite, parsing and planning dominate a small statement: the duplicate search took ≈ 2 ms unprepared and
 * ≈ 0.5 ms as a prepared statement (measured), because the planner tests every partial index of `events` against
 * the query. PGlite's extended protocol cannot bind parameters to EXECUTE, so the statement is PREPAREd in SQL once
 * per PGlite instance and EXECUTEd with its arguments as literals. On PostgreSQL, planning is native and cheap
 * beside a round trip: the statement runs as it is.
 */

/** Set by `openDatabase` on PGlite: the instance behind a Drizzle database or transaction's client. */
export const PGLITE_INSTANCE = Symbol('pglite instance');

const dialect = new PgDialect();
const preparedOn = new WeakMap<object, Set<string>>();

function pgliteOf(tx: Db): object | undefined {
  const client = (tx as unknown as { session?: { client?: Record<symbol, object | undefined> } }).session?.client;
  return client?.[PGLITE_INSTANCE];
}

/**
 * True on a database with one connection (PGlite): its transactions run one after another, so a lock that only
 * serialises transactions across connections (the audit chain's) has nothing to do.
 */
export const hasOneConnection = (tx: Db): boolean => pgliteOf(tx) !== undefined;

/** A value as an SQL literal (standard_conforming_strings: only quotes are doubled). */
function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`prepared: ${v} has no SQL literal`);
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const s = v instanceof Date ? v.toISOString() : String(v);
  return `'${s.replaceAll("'", "''")}'`;
}

/** Run `query` (its text the same at every call) planned once per session; the rows as the driver returns them. */
export async function executePrepared(tx: Db, query: SQL): Promise<Record<string, unknown>[]> {
  const instance = pgliteOf(tx);
  if (!instance) return rowsOf<Record<string, unknown>>(await tx.execute(query));
  const { sql: text, params } = dialect.sqlToQuery(query);
  const name = `oe_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
  let prepared = preparedOn.get(instance);
  if (!prepared) preparedOn.set(instance, (prepared = new Set()));
  if (!prepared.has(name)) {
    await tx.execute(sql.raw(`PREPARE ${name} AS ${text}`));
    prepared.add(name);
  }
  const args = params.length > 0 ? `(${params.map(literal).join(', ')})` : '';
  return rowsOf<Record<string, unknown>>(await tx.execute(sql.raw(`EXECUTE ${name}${args}`)));
}
