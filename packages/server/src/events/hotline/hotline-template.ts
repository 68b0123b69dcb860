import type { EventCategory } from '@openenforce/domain/events';
import { buildImportTemplate } from '../../platform/spreadsheet/index.ts';
import { HOTLINE_COLUMNS, HOTLINE_MAX_ROWS } from './hotline-import.ts';

export const HOTLINE_TEMPLATE_NAME = { zh: '12345热线工单导入模板.xlsx', ascii: 'hotline-import-template.xlsx' };

/** The 12345 import template: header row (text columns), one example row, a 说明 sheet and the category list. */
export function buildHotlineTemplate(categories: readonly EventCategory[]): Promise<Buffer> {
  return buildImportTemplate({
    sheetName: '工单',
    columns: HOTLINE_COLUMNS,
    maxRows: HOTLINE_MAX_ROWS,
    notes: [
      '同一工单号只导入一次：文件内重复或此前已导入（含热线接口推送）的工单号报错。',
      '经纬度为 WGS-84 小数坐标，须在本县（市、区）范围内；系统按位置确定网格、乡镇与承办队伍建议。',
      '来电时间请用文本（如 2026-11-21 09:30），按北京时间理解；Excel 日期单元格只保留日期。',
    ],
    lists: [
      {
        name: '诉求类别',
        columns: [
          { header: '中文名称', key: 'zh', width: 24 },
          { header: '代码', key: 'code', width: 22 },
          { header: 'English', key: 'en', width: 36 },
        ],
        rows: categories.map((c) => ({ zh: c.zh, code: c.code, en: c.en })),
      },
    ],
  });
}
