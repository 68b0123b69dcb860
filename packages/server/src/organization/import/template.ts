import ExcelJS from 'exceljs';
import { ROLE_LABELS, ROLES } from '@openenforce/domain/organization';
import { CERTIFICATE_COLUMNS } from './certificates-import.ts';
import type { ColumnSpec } from '../../platform/spreadsheet/columns.ts';
import { MAX_DATA_ROWS } from '../../platform/spreadsheet/parse-table.ts';
import { PEOPLE_COLUMNS } from './people-import.ts';

export type ImportKind = 'people' | 'certificates';

export const TEMPLATE_FILENAMES: Record<ImportKind, { zh: string; ascii: string }> = {
  people: { zh: '人员导入模板.xlsx', ascii: 'people-import-template.xlsx' },
  certificates: { zh: '执法证导入模板.xlsx', ascii: 'certificates-import-template.xlsx' },
};

const SHEET_NAMES: Record<ImportKind, string> = { people: '人员', certificates: '执法证' };

/** Drop-down lists in the template (Excel data validation): fewer typos to report later. */
const CHOICES: Partial<Record<string, string[]>> = {
  gender: ['男', '女'],
  isAuxiliary: ['是', '否'],
  role: ROLES.map((r) => ROLE_LABELS[r].zh),
};

const NOTES = [
  `第一个工作表的第 1 行是表头，请勿修改；第 2 行是示例，导入前请删除。每个文件最多 ${MAX_DATA_ROWS} 行数据。`,
  '任一行有错误时整个文件都不导入，并按“行号 / 列名”列出全部错误；改正后重新上传即可。',
  '导入只新增记录：工号或证号已存在时报错，不会修改已有记录。',
  '不要合并单元格；空白行会被跳过；单元格前后的空格会被去掉。',
  '工号、手机号、身份证号等请用“文本”格式（本模板已设置），否则 Excel 会去掉前导 0 或把长数字改成科学计数法。',
  '也可另存为 CSV（UTF-8 或 GBK 编码均可）后上传。',
];

/**
 * The template a user fills in: the header row of the layout (text-formatted columns, drop-downs where the values are
 * fixed), one example row, and a second sheet 说明 with every column's rule. `example` overrides example cells (e.g.
 * a real team code of this county).
 */
export async function buildTemplate(kind: ImportKind, example: Record<string, string> = {}): Promise<Buffer> {
  const columns: readonly ColumnSpec[] = kind === 'people' ? PEOPLE_COLUMNS : CERTIFICATE_COLUMNS;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'OpenEnforce';

  const sheet = workbook.addWorksheet(SHEET_NAMES[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
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
  const sample = sheet.addRow(Object.fromEntries(columns.map((c) => [c.key, example[c.key] ?? c.example])));
  sample.font = { italic: true, color: { argb: 'FF808080' } };

  const validations = (sheet as unknown as { dataValidations: { add(address: string, v: object): void } })
    .dataValidations;
  columns.forEach((c, i) => {
    const choices = CHOICES[c.key];
    if (!choices) return;
    const column = sheet.getColumn(i + 1).letter;
    const rule = { type: 'list', allowBlank: true, formulae: [`"${choices.join(',')}"`], showErrorMessage: true };
    // One range per column: ExcelJS's merging of per-cell rules writes overlapping ranges, which Excel rejects.
    validations.add(`${column}2:${column}${MAX_DATA_ROWS + 1}`, rule);
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
  for (const c of columns) {
    help.addRow({
      header: c.header,
      required: c.required ? '是' : '否',
      help: c.help,
      example: c.example,
      aliases: [c.key, ...c.aliases].join('、'),
    });
  }
  help.addRow({});
  for (const note of NOTES) help.addRow({ header: '注意', help: note });
  help.getColumn('help').alignment = { wrapText: true, vertical: 'top' };

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
