import { ROLE_LABELS, ROLES } from '@openenforce/domain/organization';
import { CERTIFICATE_COLUMNS } from './certificates-import.ts';
import { buildImportTemplate, MAX_DATA_ROWS } from '../../platform/spreadsheet/index.ts';
import { PEOPLE_COLUMNS } from './people-import.ts';

export type ImportKind = 'people' | 'certificates';

export const TEMPLATE_FILENAMES: Record<ImportKind, { zh: string; ascii: string }> = {
  people: { zh: '人员导入模板.xlsx', ascii: 'people-import-template.xlsx' },
  certificates: { zh: '执法证导入模板.xlsx', ascii: 'certificates-import-template.xlsx' },
};

const SHEET_NAMES: Record<ImportKind, string> = { people: '人员', certificates: '执法证' };

/** Drop-down lists in the template (Excel data validation): fewer typos to report later. */
const CHOICES: Partial<Record<string, readonly string[]>> = {
  gender: ['男', '女'],
  isAuxiliary: ['是', '否'],
  role: ROLES.map((r) => ROLE_LABELS[r].zh),
};

const NOTES = [
  '导入只新增记录：工号或证号已存在时报错，不会修改已有记录。',
  '不要合并单元格；空白行会被跳过；单元格前后的空格会被去掉。',
  '工号、手机号、身份证号等请用“文本”格式（本模板已设置），否则 Excel 会去掉前导 0 或把长数字改成科学计数法。',
];

/**
 * The template a user fills in: the header row of the layout (text-formatted columns, drop-downs where the values are
 * fixed), one example row, and a second sheet 说明 with every column's rule. `example` overrides example cells (e.g.
 * a real team code of this county).
 */
export function buildTemplate(kind: ImportKind, example: Record<string, string> = {}): Promise<Buffer> {
  return buildImportTemplate({
    sheetName: SHEET_NAMES[kind],
    columns: kind === 'people' ? PEOPLE_COLUMNS : CERTIFICATE_COLUMNS,
    maxRows: MAX_DATA_ROWS,
    example,
    choices: CHOICES,
    notes: NOTES,
  });
}
