import ExcelJS from 'exceljs';
import type { ColumnSpec } from './columns.ts';

/*
 * The one import template writer (people, certificates, 12345 tickets, …): a sheet with the layout's header row
 * (text-formatted columns, required ones tinted, each with its rule as a note; drop-downs where the values are fixed)
 * and one example row; a 说明 sheet with every column's rule and the import's notes; any reference lists.
 */

export interface TemplateSpec {
  sheetName: string;
  columns: readonly ColumnSpec[];
  /** How many data rows a file may hold (named in the notes; the drop-downs cover them). */
  maxRows: number;
  /** Example cells that differ from the columns' own (a real team code of this county). */
  example?: Readonly<Record<string, string>>;
  /** Fixed values by column key, offered as drop-downs (Excel data validation): fewer typos to report later. */
  choices?: Readonly<Partial<Record<string, readonly string[]>>>;
  /** Notes of this import beyond the common ones (header row, all-or-nothing, CSV). */
  notes?: readonly string[];
  /** Reference lists on sheets of their own (the categories a ticket may name). */
  lists?: readonly { name: string; columns: { header: string; key: string; width: number }[]; rows: object[] }[];
}

const commonNotes = (maxRows: number) => [
  `第一个工作表的第 1 行是表头，请勿修改；第 2 行是示例，导入前请删除。每个文件最多 ${maxRows} 行数据。`,
  '任一行有错误时整个文件都不导入，并按“行号 / 列名”列出全部错误；改正后重新上传即可。',
];
const CSV_NOTE = '也可另存为 CSV（UTF-8 或 GBK 编码均可）后上传。';

export async function buildImportTemplate(spec: TemplateSpec): Promise<Buffer> {
  const { columns } = spec;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'OpenEnforce';

  const sheet = workbook.addWorksheet(spec.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: Math.max(12, c.example.length * 2 + 4),
    style: { numFmt: '@' },
  }));
  const head = sheet.getRow(1);
  head.font = { bold: true };
  columns.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFFCE4D6' : 'FFEDEDED' } };
    cell.note = c.help;
  });
  const sample = sheet.addRow(Object.fromEntries(columns.map((c) => [c.key, spec.example?.[c.key] ?? c.example])));
  sample.font = { italic: true, color: { argb: 'FF808080' } };

  const validations = (sheet as unknown as { dataValidations: { add(address: string, v: object): void } })
    .dataValidations;
  columns.forEach((c, i) => {
    const choices = spec.choices?.[c.key];
    if (!choices) return;
    const column = sheet.getColumn(i + 1).letter;
    const rule = { type: 'list', allowBlank: true, formulae: [`"${choices.join(',')}"`], showErrorMessage: true };
    // One range per column: ExcelJS's merging of per-cell rules writes overlapping ranges, which Excel rejects.
    validations.add(`${column}2:${column}${spec.maxRows + 1}`, rule);
  });

  const help = workbook.addWorksheet('说明');
  help.columns = [
    { header: '列名', key: 'header', width: 14 },
    { header: '必填', key: 'required', width: 8 },
    { header: '规则', key: 'help', width: 90 },
    { header: '示例', key: 'example', width: 24 },
    { header: '也可用的列名', key: 'aliases', width: 36 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of columns)
    help.addRow({
      header: c.header,
      required: c.required ? '是' : '否',
      help: c.help,
      example: c.example,
      aliases: [c.key, ...c.aliases].join('、'),
    });
  help.addRow({});
  for (const note of [...commonNotes(spec.maxRows), ...(spec.notes ?? []), CSV_NOTE])
    help.addRow({ header: '注意', help: note });
  help.getColumn('help').alignment = { wrapText: true, vertical: 'top' };

  for (const list of spec.lists ?? []) {
    const ws = workbook.addWorksheet(list.name);
    ws.columns = list.columns;
    ws.getRow(1).font = { bold: true };
    for (const row of list.rows) ws.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
