import type { z } from 'zod';
import type { DataScope } from '@openenforce/domain/organization';
import type { Actor } from '../audit/index.ts';
import type { ParsedTable, TableRow } from './parse-table.ts';
import type { ImportErrors } from './row-errors.ts';

/** One import run: the parsed file, who imports it (scope for the rows, actor for the audit log), dry run or not. */
export interface ImportInput {
  table: ParsedTable;
  scope: DataScope;
  actor: Actor;
  dryRun: boolean;
}

/** One column of an import layout: the Chinese header of the template, accepted aliases, and its help text. */
export interface ColumnSpec<K extends string = string> {
  key: K;
  header: string;
  /** Other headers accepted for this column (English names, common variants). */
  aliases: readonly string[];
  required: boolean;
  example: string;
  /** One line for the template's 说明 sheet. */
  help: string;
}

/** Columns people add for themselves and that carry nothing to import. */
const IGNORED = new Set(['序号', '备注', 'no', 'seq', 'remark', 'remarks']);

/** Headers compare without spaces, "*" required-markers, bracketed hints ("性别（男/女）") or case. */
export function normalizeHeader(h: string): string {
  return h
    .replace(/[(（][^)）]*[)）]/g, '')
    .replace(/[\s*＊]/g, '')
    .toLowerCase();
}

export interface BoundColumns<K extends string> {
  /** The header of `key` as written in this file (for error details), or the template's header when absent. */
  header(key: K): string;
  /** Whether the file has the column. */
  has(key: K): boolean;
  /** The cell of `key` in `row` ('' when the column is absent or the cell empty). */
  cell(row: TableRow, key: K): string;
}

/**
 * Match the file's headers to the layout. A missing required column and an unknown column are errors on the header
 * row: a misspelt header must not silently drop a column of data.
 */
export function bindColumns<K extends string>(
  table: ParsedTable,
  columns: readonly ColumnSpec<K>[],
  errors: ImportErrors,
): BoundColumns<K> {
  const byName = new Map<string, ColumnSpec<K>>();
  for (const c of columns) for (const name of [c.header, c.key, ...c.aliases]) byName.set(normalizeHeader(name), c);
  const found = new Map<K, string>();
  for (const h of table.headers) {
    const n = normalizeHeader(h);
    const spec = byName.get(n);
    if (!spec) {
      if (!IGNORED.has(n)) errors.add(table.headerRow, h, 'column_unknown');
    } else if (found.has(spec.key)) errors.add(table.headerRow, h, 'column_duplicate');
    else found.set(spec.key, h);
  }
  for (const c of columns) if (c.required && !found.has(c.key)) errors.add(table.headerRow, c.header, 'column_missing');
  const template = new Map(columns.map((c) => [c.key, c.header]));
  return {
    header: (key) => found.get(key) ?? template.get(key)!,
    has: (key) => found.has(key),
    cell: (row, key) => {
      const h = found.get(key);
      return h === undefined ? '' : (row.cells[h] ?? '');
    },
  };
}

/** Snake-case rule ids of the shared schemas (e.g. `mobile_phone`) pass through; other zod messages become their code. */
const RULE_ID = /^[a-z0-9_]+$/;

/**
 * Report a failed domain-schema parse as cell errors. The first path segment is the field; `columnOf` names its
 * column. An empty cell that the schema rejects is reported as `required`; a cell that already has an error (e.g. an
 * unknown team) is not reported twice.
 */
export function reportIssues(
  issues: z.ZodError['issues'],
  row: number,
  errors: ImportErrors,
  columnOf: (field: string) => string,
  isEmpty: (field: string) => boolean,
): void {
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '');
    const column = columnOf(field);
    if (errors.has(row, column)) continue;
    const rule = isEmpty(field) ? 'required' : RULE_ID.test(issue.message) ? issue.message : issue.code;
    errors.add(row, column, rule);
  }
}

/** 是/否 and the usual alternatives; '' → undefined (use the default); anything else → null (an error). */
export function parseYesNo(s: string): boolean | undefined | null {
  if (s === '') return undefined;
  const v = s.toLowerCase();
  if (['是', 'y', 'yes', 'true', '1', '√'].includes(v)) return true;
  if (['否', 'n', 'no', 'false', '0', '×'].includes(v)) return false;
  return null;
}

/**
 * A day as 'YYYY-MM-DD' from what people type: 2024-01-05, 2024/1/5, 2024.1.5, 2024年1月5日, 20240105, or an Excel
 * day serial (a date cell formatted as General). Anything else is returned unchanged for the schema to reject.
 */
export function normalizeDate(s: string): string {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  // Excel serial: day 1 = 1900-01-01, with Excel's phantom 1900-02-29; 25569 = 1970-01-01. Years 1927..2173 only.
  if (/^\d{5}$/.test(s)) return new Date((Number(s) - 25569) * 86_400_000).toISOString().slice(0, 10);
  return s;
}

/** A list cell: 城市管理、市场监管 / 城市管理,市场监管 / 城市管理；市场监管 — duplicates dropped, order kept. */
export function splitList(s: string): string[] {
  return [
    ...new Set(
      s
        .split(/[、，,;；/\n]+/)
        .map((x) => x.trim())
        .filter(Boolean),
    ),
  ];
}
