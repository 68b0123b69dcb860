import { DomainError, type ErrorDetail } from '@openenforce/domain/errors';

/** More details than this help nobody and make a huge response: the rest is summarised in one last detail. */
export const MAX_ERROR_DETAILS = 500;

/** One problem in one cell: `row` is the spreadsheet row number (header = row 1), `column` the header as written. */
export function rowError(row: number, column: string, rule: string): ErrorDetail {
  return { path: `row ${row} / ${column}`, rule, row, column };
}

/**
 * Every problem in a file, collected before anything is written (the issue: "errors by row and column, nothing
 * half-imported"). Details carry rule ids, never cell values: they end up in logs and cells hold personal data.
 */
export class ImportErrors {
  private readonly list: ErrorDetail[] = [];
  private readonly cells = new Set<string>();

  constructor(initial: readonly ErrorDetail[] = []) {
    for (const d of initial) this.push(d);
  }

  add(row: number, column: string, rule: string): void {
    this.push(rowError(row, column, rule));
  }

  /** A problem with the file as a whole (no rows, too many rows, a missing column). */
  file(rule: string, path = 'file'): void {
    this.push({ path, rule });
  }

  /** Whether the cell already has an error: later checks of the same cell would only repeat it. */
  has(row: number, column: string): boolean {
    return this.cells.has(`${row}\u0000${column}`);
  }

  get size(): number {
    return this.list.length;
  }

  /** IMPORT_INVALID with every detail in row order (columns in file order within a row), capped at 500. */
  throwIfAny(columnOrder: readonly string[] = []): void {
    if (this.list.length === 0) return;
    // Columns of the file in their order; columns the file lacks (column_missing) after them.
    const pos = (c: string | undefined) => {
      const i = c === undefined ? -1 : columnOrder.indexOf(c);
      return i < 0 ? columnOrder.length : i;
    };
    const sorted = [...this.list].sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || pos(a.column) - pos(b.column));
    const details =
      sorted.length <= MAX_ERROR_DETAILS
        ? sorted
        : [
            ...sorted.slice(0, MAX_ERROR_DETAILS - 1),
            { path: 'file', rule: `more_errors:${sorted.length - (MAX_ERROR_DETAILS - 1)}` },
          ];
    throw new DomainError('IMPORT_INVALID', details);
  }

  private push(d: ErrorDetail): void {
    this.list.push(d);
    if (d.row !== undefined && d.column !== undefined) this.cells.add(`${d.row}\u0000${d.column}`);
  }
}
