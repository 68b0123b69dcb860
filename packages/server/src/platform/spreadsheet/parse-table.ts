import ExcelJS from 'exceljs';
import { DomainError, type ErrorDetail } from '@openenforce/domain/errors';
import { runInWorker } from '../jobs/index.ts';
import { decodeText, parseCsv } from './csv.ts';
import { rowError } from './row-errors.ts';
import { zipUncompressedSize } from './zip-size.ts';

/** SPEC §2: one import is at most this many data rows (one office's people; split larger files). */
export const MAX_DATA_ROWS = 5000;
/** 5,000 rows of a dozen columns are a few MB of XML; anything far beyond that is not a people list. */
const MAX_XLSX_UNCOMPRESSED = 100 * 1024 * 1024;

export type TableKind = 'xlsx' | 'csv';

export interface TableRow {
  /** Spreadsheet row number (as Excel shows it). */
  row: number;
  /** Trimmed cell text keyed by the header as written in the file; empty cells are ''. */
  cells: Record<string, string>;
}

export interface ParsedTable {
  kind: TableKind;
  headerRow: number;
  /** Non-empty headers in column order. */
  headers: string[];
  /** Data rows, blank rows left out. */
  rows: TableRow[];
  /** Cells that could not be read faithfully (merged, truncated by Excel, error values). */
  problems: ErrorDetail[];
}

interface RawCell {
  text: string;
  problem?: string;
  /** Set when the cell belongs to a merged range: the range's top-left address, and whether this is that cell. */
  merge?: { master: string; isMaster: boolean };
}

interface RawRow {
  row: number;
  cells: (RawCell | undefined)[];
}

/**
 * Read an uploaded XLSX or CSV into rows of cells keyed by header. The header is the first non-blank row. The file
 * name is used for its extension only, never as a path. Throws IMPORT_FILE_TYPE (415) for anything that is not both
 * named and shaped like XLSX or CSV, and IMPORT_INVALID for an empty file or more than `maxRows` data rows.
 */
export async function parseTable(
  bytes: Buffer,
  filename: string,
  opts: { maxRows?: number } = {},
): Promise<ParsedTable> {
  const kind = detectFileKind(bytes, filename);
  const raw = kind === 'xlsx' ? await readXlsx(bytes) : readCsv(bytes);
  return assemble(kind, raw, opts.maxRows ?? MAX_DATA_ROWS);
}

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** XLSX needs the ZIP signature and the .xlsx name; CSV the .csv name and content that is not binary. */
export function detectFileKind(bytes: Buffer, filename: string): TableKind {
  const ext = extensionOf(filename);
  const zip = bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;
  const ole = bytes.length >= 8 && bytes.subarray(0, 8).equals(OLE_MAGIC);
  if (ext === 'xlsx' && zip) return 'xlsx';
  if (ext === 'csv' && !zip && !ole) return 'csv';
  const rule =
    ext === 'xls' || ole
      ? 'xls_not_supported_save_as_xlsx'
      : ext === 'xlsx'
        ? 'content_not_xlsx'
        : ext === 'csv'
          ? 'content_not_csv'
          : 'extension_not_xlsx_or_csv';
  throw new DomainError('IMPORT_FILE_TYPE', [{ path: 'file', rule }]);
}

/** Lower-case extension of the last path segment ('' when none). A file name is never used to open anything. */
export function extensionOf(filename: string): string {
  const base = filename.slice(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot < 0 ? '' : base.slice(dot + 1).toLowerCase();
}

const fileTypeError = (rule: string) => new DomainError('IMPORT_FILE_TYPE', [{ path: 'file', rule }]);

/**
 * The size check runs here (it reads the zip's directory, not its contents); unzipping and reading the workbook run
 * in the worker pool: a 5,000-row sheet costs ExcelJS about a second of CPU, which on the server's thread would hold
 * up every other request (and, on PGlite, the database).
 */
async function readXlsx(bytes: Buffer): Promise<RawRow[]> {
  const size = zipUncompressedSize(bytes);
  if (size === null) throw fileTypeError('xlsx_unreadable');
  if (size > MAX_XLSX_UNCOMPRESSED)
    throw new DomainError('BODY_TOO_LARGE', [{ path: 'file', rule: 'uncompressed_size' }]);
  return runInWorker<RawRow[]>(new URL(import.meta.url), 'readXlsxRows', bytes);
}

/** The first visible sheet's non-empty rows. Exported by name so that a worker thread can run it. */
export async function readXlsxRows(input: Uint8Array): Promise<RawRow[]> {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as never);
  } catch {
    throw fileTypeError('xlsx_unreadable');
  }
  // The first sheet a user sees: templates put their help on a second sheet.
  const sheet = workbook.worksheets.find((s) => s.state === 'visible') ?? workbook.worksheets[0];
  if (!sheet) throw fileTypeError('xlsx_unreadable');
  const rows: RawRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: (RawCell | undefined)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const merged = cell.isMerged ? { master: cell.master.address, isMaster: cell.master === cell } : undefined;
      cells[col - 1] = merged ? { ...cellOf(cell.value), merge: merged } : cellOf(cell.value);
    });
    rows.push({ row: rowNumber, cells });
  });
  return rows;
}

function readCsv(bytes: Buffer): RawRow[] {
  const text = decodeText(bytes);
  if (text.includes('\u0000')) throw fileTypeError('content_not_csv');
  const parsed = parseCsv(text);
  if (!parsed.ok) {
    const row = parsed.unterminatedQuoteAt;
    throw new DomainError('IMPORT_INVALID', [{ path: `row ${row}`, rule: 'csv_unterminated_quote', row }]);
  }
  return parsed.records.map((r) => ({ row: r.row, cells: r.fields.map((f) => textCell(f)) }));
}

/** A cell's value as text: what the user typed, not how Excel stored it. */
function cellOf(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return textCell(value);
  if (typeof value === 'number') return numberCell(value);
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false' };
  if (value instanceof Date) return { text: isoDay(value) };
  if ('richText' in value) return textCell(value.richText.map((t) => t.text).join(''));
  if ('error' in value) return { text: '', problem: 'cell_error_value' };
  // Formulas: the result Excel saved with the file (ExcelJS does not calculate).
  if ('formula' in value || 'sharedFormula' in value)
    return value.result === undefined ? { text: '' } : cellOf(value.result);
  if ('hyperlink' in value) return cellOf(value.text as ExcelJS.CellValue);
  return { text: '' };
}

/**
 * Excel shows a number of more than 11 digits as 3.31081E+17 and keeps only 15 significant digits: an ID number
 * typed into a General cell has lost its last digits for good. Say so, rather than import a wrong number.
 */
const SCIENTIFIC = /^[+-]?\d+(\.\d+)?E[+-]?\d+$/i;

function textCell(s: string): RawCell {
  const text = s.trim();
  return SCIENTIFIC.test(text) ? { text, problem: 'number_precision_lost' } : { text };
}

/** Numbers that should be text (phone, employee number) come back without exponent or trailing ".0". */
function numberCell(n: number): RawCell {
  if (!Number.isFinite(n)) return { text: '', problem: 'cell_error_value' };
  if (Number.isInteger(n)) {
    if (Math.abs(n) < 1e15) return { text: BigInt(n).toString() };
    // What Excel kept: 15 significant digits, then zeros.
    const [mantissa, exponent] = n.toExponential(14).split('e');
    const digits = mantissa!.replace(/[-.]/g, '').padEnd(Number(exponent) + 1, '0');
    return { text: `${n < 0 ? '-' : ''}${digits}`, problem: 'number_precision_lost' };
  }
  const s = String(n);
  return { text: /e/i.test(s) ? n.toFixed(20).replace(/0+$/, '').replace(/\.$/, '') : s };
}

/**
 * A date cell as 'YYYY-MM-DD'. ExcelJS builds the Date from the serial as if the calendar day were in UTC, so the UTC
 * parts are the day the user typed, whatever the server's time zone.
 */
function isoDay(d: Date): string {
  const rounded = new Date(Math.round(d.getTime() / 1000) * 1000);
  return Number.isNaN(rounded.getTime()) ? '' : rounded.toISOString().slice(0, 10);
}

function assemble(kind: TableKind, raw: RawRow[], maxRows: number): ParsedTable {
  const nonBlank = raw.filter((r) => r.cells.some((c) => c && c.text !== ''));
  const [head, ...body] = nonBlank;
  if (!head) throw new DomainError('IMPORT_INVALID', [{ path: 'file', rule: 'empty_file' }]);
  if (body.length > maxRows)
    throw new DomainError('IMPORT_INVALID', [{ path: 'file', rule: `too_many_rows:${maxRows}` }]);

  const problems: ErrorDetail[] = [];
  // Header cells: a merged header names its top-left column only; the columns it spans are unnamed (ignored).
  const headers: (string | undefined)[] = [];
  const seen = new Set<string>();
  head.cells.forEach((c, i) => {
    if (!c || c.text === '' || (c.merge && !c.merge.isMaster)) return;
    if (seen.has(c.text)) problems.push(rowError(head.row, c.text, 'column_duplicate'));
    else {
      seen.add(c.text);
      headers[i] = c.text;
    }
  });

  // Data cells: a merged range hides which row a value belongs to, so it is an error (once per range).
  const mergesReported = new Set<string>();
  const rows = body.map((r) => {
    const cells: Record<string, string> = {};
    r.cells.forEach((c, i) => {
      const header = headers[i];
      if (!c || !header) return;
      cells[header] = c.text;
      if (c.merge) {
        if (!mergesReported.has(c.merge.master)) problems.push(rowError(r.row, header, 'merged_cells_not_allowed'));
        mergesReported.add(c.merge.master);
      } else if (c.problem) problems.push(rowError(r.row, header, c.problem));
    });
    for (const h of headers) if (h !== undefined) cells[h] ??= '';
    return { row: r.row, cells };
  });
  return { kind, headerRow: head.row, headers: headers.filter((h): h is string => h !== undefined), rows, problems };
}
