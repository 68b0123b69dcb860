import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './database.ts';
import { isDatabaseUnavailable } from './unavailable.ts';

/** Where the embedded database of a data directory lives (openDatabase creates it there). */
export function embeddedDatabaseDir(dataDir: string): string {
  return join(dataDir, 'pglite');
}

/** Whether the data directory holds an embedded database already (initdb writes PG_VERSION first). */
export function embeddedDatabaseExists(dataDir: string): boolean {
  return existsSync(join(embeddedDatabaseDir(dataDir), 'PG_VERSION'));
}

/** Whether a table exists: a database that lacks one of ours has not been migrated (that far). */
export async function hasTable(database: Database, table: string): Promise<boolean> {
  const [row] = await database.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [table]);
  return row?.t != null;
}

/** The database a connection URL names, without its credentials: `host:port/name`. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/**
 * One line that says why a database could not be used, for command-line tools: the driver's own words for the cause
 * (never Drizzle's wrapper, which repeats the statement and its parameters), never a stack.
 */
export function databaseFailureLine(err: unknown, where: string): string {
  let e = err as { message?: unknown; code?: unknown; cause?: unknown; errors?: unknown[] };
  for (let i = 0; i < 5 && e.cause && typeof e.cause === 'object'; i++) e = e.cause as typeof e;
  const first = Array.isArray(e.errors) && e.errors[0] ? (e.errors[0] as typeof e) : e;
  const code = typeof first.code === 'string' ? ` (${first.code})` : '';
  const message = typeof first.message === 'string' && first.message ? first.message : String(first);
  if (isDatabaseUnavailable(err)) return `cannot reach the database at ${where}: ${message}${code}`;
  return `database error at ${where}: ${message.split('\n')[0]}${code}`;
}
