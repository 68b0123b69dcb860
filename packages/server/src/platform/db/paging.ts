import { and, asc, gt, ilike, or, type AnyColumn, type SQL } from 'drizzle-orm';
import { brokenTextRule, INT4_MAX } from '@openenforce/domain/common';
import { DomainError } from '@openenforce/domain/errors';

/**
 * Keyset pagination over one unique, ordered column (code, number, id): stable under inserts and as fast on page
 * 1,000 as on page 1. The cursor is the last key, base64url-encoded so clients treat it as opaque.
 */
export function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

/**
 * The key a cursor carries, checked against the key column's type: a cursor comes from the client like any other
 * input, and a forged one (not base64url, not UTF-8, NUL, not a uuid or a number where the column is one) is a 400
 * naming `query.cursor`, never a SQL error. Validated rather than signed: a cursor only says where a page starts,
 * and the data scope is applied to the query whatever it says, so a forged one can show nothing a client may not see.
 */
export function decodeCursor(cursor: string | undefined, key: AnyColumn): string | undefined {
  if (!cursor) return undefined;
  const last = cursorText(cursor);
  if (last === null || !fitsColumn(last, key))
    throw new DomainError('VALIDATION_FAILED', [{ path: 'query.cursor', rule: 'cursor' }]);
  return last;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function cursorText(cursor: string): string | null {
  if (!BASE64URL.test(cursor)) return null;
  const bytes = Buffer.from(cursor, 'base64url');
  // Only the encoding encodeCursor writes: no trailing bits, so one key has exactly one cursor.
  if (bytes.toString('base64url') !== cursor) return null;
  try {
    const text = UTF8.decode(bytes);
    return brokenTextRule(text) === null ? text : null;
  } catch {
    return null;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fitsColumn(text: string, key: AnyColumn): boolean {
  switch (key.columnType) {
    case 'PgUUID':
      return UUID.test(text);
    case 'PgInteger':
    case 'PgSerial':
      return /^-?\d{1,10}$/.test(text) && Math.abs(Number(text)) <= INT4_MAX;
    case 'PgBigInt53':
    case 'PgBigSerial53':
      return /^-?\d{1,16}$/.test(text) && Number.isSafeInteger(Number(text));
    default:
      return text.length <= 200;
  }
}

export function afterCursor(key: AnyColumn, cursor: string | undefined): SQL | undefined {
  const last = decodeCursor(cursor, key);
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

/** The rows of a raw `db.execute(sql…)` result: both drivers answer `{ rows }`. */
export const rowsOf = <T>(res: unknown): T[] => (res as { rows: T[] }).rows;
