import { and, asc, gt, ilike, or, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * Keyset pagination over one unique, ordered column (code, number, id): stable under inserts and as fast on page
 * 1,000 as on page 1. The cursor is the last key, base64url-encoded so clients treat it as opaque.
 */
export function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  return Buffer.from(cursor, 'base64url').toString('utf8');
}

export function afterCursor(key: AnyColumn, cursor: string | undefined): SQL | undefined {
  const last = decodeCursor(cursor);
  return last === undefined ? undefined : gt(key, last);
}

export function orderByKey(key: AnyColumn) {
  return asc(key);
}

/** Escape LIKE wildcards so that a user typing `%` or `_` searches for those characters. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Substring search across columns; pg_trgm GIN indexes serve `ILIKE '%…%'` in both PGlite and PostgreSQL. */
export function containsAny(columns: AnyColumn[], q: string | undefined): SQL | undefined {
  if (!q) return undefined;
  const pattern = `%${likeEscape(q)}%`;
  return or(...columns.map((c) => ilike(c, pattern)));
}

/** Take `limit + 1` rows to know whether there is a next page without counting. */
export function pageFrom<T>(rows: T[], limit: number, keyOf: (row: T) => string) {
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor(keyOf(items[items.length - 1]!)) : null;
  return { items, nextCursor };
}

export function allOf(...conds: (SQL | undefined)[]): SQL | undefined {
  return and(...conds.filter((c): c is SQL => c !== undefined));
}
