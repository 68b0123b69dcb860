import ExcelJS from 'exceljs';

/*
 * Writing a list as an XLSX workbook: one sheet, a bold frozen header row, every cell a string (what the reader saw
 * on the screen). Run it through `runInWorker` (platform/jobs): building a workbook of tens of thousands of rows
 * costs seconds of CPU, which on the server's own thread would hold up every other request (and, on PGlite, the
 * database).
 */

export interface XlsxSheet {
  /** The sheet's name (at most 31 characters, as Excel requires). */
  name: string;
  columns: { header: string; width?: number }[];
  rows: (string | number | null)[][];
  /** A last line under the rows (e.g. "truncated at 50,000 rows: narrow the filters"). */
  footnote?: string;
}

/** The workbook's bytes. Exported by name so that a worker thread can run it. */
export async function writeXlsx(sheet: XlsxSheet): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'OpenEnforce';
  const ws = wb.addWorksheet(sheet.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = sheet.columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  ws.addRows(sheet.rows);
  if (sheet.footnote) ws.addRow([sheet.footnote]).font = { italic: true };
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
