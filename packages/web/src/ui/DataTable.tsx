import type { CSSProperties, ReactNode } from 'react';
import './data-table.css';

export interface DataColumn<T> {
  key: string;
  title: ReactNode;
  /** The column's name as text: a narrow screen draws each row as a card and names each value with it. */
  label: string;
  render: (row: T, index: number) => ReactNode;
  /** Codes, numbers and dates: never broken across lines. */
  nowrap?: boolean;
  width?: number;
  /** A wide screen keeps the column at least this wide (a name that should not wrap word by word). */
  minWidth?: number;
  /** One line, cut with an ellipsis at this width (the whole text in the tooltip): long law names. */
  ellipsis?: number;
}

// Custom properties, so that the narrow layout (data-table.css) can drop them.
const cellStyle = (c: { minWidth?: number; ellipsis?: number }) =>
  c.minWidth || c.ellipsis
    ? ({
        ...(c.minWidth ? { '--oe-min': `${c.minWidth}px` } : {}),
        ...(c.ellipsis ? { '--oe-max': `${c.ellipsis}px` } : {}),
      } as CSSProperties)
    : undefined;

/**
 * A light, semantic table (`<table>`, `<th scope="col">`) drawn like Ant Design's small bordered one. Below 640 px
 * the same markup becomes one card per row, each value under its column's name (CSS only, data-table.css): the
 * public portal on a 360 px phone. Ant Design's Table, with its pagination, filter menus and tree, is ≈ 80 kB
 * compressed of a first load (issue 13 §3.4, §3.6).
 */
export function DataTable<T>(props: {
  columns: readonly DataColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  loading?: boolean;
  empty: ReactNode;
  caption?: string;
  testId?: string;
}) {
  const { columns, rows } = props;
  return (
    <div className="oe-table-wrap" aria-busy={props.loading || undefined} data-testid={props.testId}>
      <table className="oe-table">
        {props.caption && <caption className="oe-visually-hidden">{props.caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" style={c.width ? { width: c.width } : undefined}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={props.rowKey(row)} className="oe-table-row">
              {columns.map((c) => (
                <td key={c.key} data-label={c.label} className={c.nowrap ? 'oe-nowrap' : undefined}>
                  {/* One box per value: the card layout puts the column's name beside it. */}
                  <div className={c.ellipsis ? 'oe-cell oe-ellipsis' : 'oe-cell'} style={cellStyle(c)}>
                    {c.render(row, i)}
                  </div>
                </td>
              ))}
            </tr>
          ))}
          {rows.length === 0 && !props.loading && (
            <tr className="oe-table-empty">
              <td colSpan={columns.length}>{props.empty}</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
