import ExcelJS from 'exceljs';
import type { EventCategory } from '@openenforce/domain/events';
import { HOTLINE_COLUMNS, HOTLINE_MAX_ROWS } from './hotline-import.ts';

export const HOTLINE_TEMPLATE_NAME = { zh: '12345热线工单导入模板.xlsx', ascii: 'hotline-import-template.xlsx' };

const NOTES = [
  `第一个工作表的第 1 行是表头，请勿修改；第 2 行是示例，导入前请删除。每个文件最多 ${HOTLINE_MAX_ROWS} 行。`,
  '任一行有错误时整个文件都不导入，并按“行号 / 列名”列出全部错误；改正后重新上传即可。',
  '同一工单号只导入一次：文件内重复或此前已导入（含热线接口推送）的工单号报错。',
  '经纬度为 WGS-84 小数坐标，须在本县（市、区）范围内；系统按位置确定网格、乡镇与承办队伍建议。',
  '来电时间请用文本（如 2026-11-21 09:30），按北京时间理解；Excel 日期单元格只保留日期。',
  '也可另存为 CSV（UTF-8 或 GBK 编码均可）后上传。',
];

/** The 12345 import template: header row (text columns), one example row, a 说明 sheet and the category list. */
export async function buildHotlineTemplate(categories: readonly EventCategory[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'OpenEnforce';
  const sheet = workbook.addWorksheet('工单', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = HOTLINE_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: Math.max(12, c.example.length * 2 + 4),
    style: { numFmt: '@' },
  }));
  const head = sheet.getRow(1);
  head.font = { bold: true };
  HOTLINE_COLUMNS.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFFCE4D6' : 'FFEDEDED' } };
    cell.note = c.help;
  });
  const sample = sheet.addRow(Object.fromEntries(HOTLINE_COLUMNS.map((c) => [c.key, c.example])));
  sample.font = { italic: true, color: { argb: 'FF808080' } };

  const help = workbook.addWorksheet('说明');
  help.columns = [
    { header: '列名', key: 'header', width: 14 },
    { header: '必填', key: 'required', width: 8 },
    { header: '规则', key: 'help', width: 90 },
    { header: '示例', key: 'example', width: 24 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of HOTLINE_COLUMNS)
    help.addRow({ header: c.header, required: c.required ? '是' : '否', help: c.help, example: c.example });
  help.addRow({});
  for (const note of NOTES) help.addRow({ header: '注意', help: note });
  help.getColumn('help').alignment = { wrapText: true, vertical: 'top' };

  const list = workbook.addWorksheet('诉求类别');
  list.columns = [
    { header: '中文名称', key: 'zh', width: 24 },
    { header: '代码', key: 'code', width: 22 },
    { header: 'English', key: 'en', width: 36 },
  ];
  list.getRow(1).font = { bold: true };
  for (const c of categories) list.addRow({ zh: c.zh, code: c.code, en: c.en });

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
