// Reading uploaded spreadsheets (XLSX, CSV in UTF-8 or GBK) into rows, binding columns to a layout, and collecting
// errors by row and column. Used by every import: people, certificates, the catalog, hotline events.
export * from './parse-table.ts';
export * from './columns.ts';
export * from './row-errors.ts';
export { type XlsxSheet } from './write-xlsx.ts';
export { xlsxInWorker } from './xlsx-worker.ts';
export * from './template.ts';
