import type { FastifyInstance } from 'fastify';
import { chinaDate, CHINA_OFFSET_MS } from '@openenforce/domain/common';
import { CASE_STATE_LABELS, caseListQuery } from '@openenforce/domain/cases';
import { maskIdNumber, maskName } from '@openenforce/domain/privacy';
import { attachment, fileResponse, requirePermission, typed, XLSX_TYPE } from '../platform/http/index.ts';
import { xlsxInWorker } from '../platform/spreadsheet/index.ts';
import type { XlsxSheet } from '../platform/spreadsheet/write-xlsx.ts';
import type { CaseListRow } from './cases.repository.ts';
import type { CasesService } from './cases.service.ts';

/** The most rows one export writes (a year of the demo county is ≈ 6,800 cases). */
export const CASE_EXPORT_MAX_ROWS = 20_000;

const PROCEDURE_ZH = { simple: '简易程序', general: '普通程序' } as const;
const SOURCE_ZH = {
  event: '事件转办',
  inspection: '检查发现',
  referral: '部门移送',
  agency_transfer: '外单位移送',
  direct: '直接立案',
} as const;
const COLOUR_ZH = { none: '', yellow: '黄色预警', red: '红色超期' } as const;

const chinaTime = (d: Date | null) =>
  d ? new Date(d.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ') : '';

/**
 * The list as a sheet, in the screen's words. An exported file leaves the case's scope, so the party's name and ID
 * number are always masked (issue 10 §7: "masked … in every public or exported view"; the one masking module).
 */
export function casesSheet(
  items: readonly { c: CaseListRow; teamName: string | null }[],
  truncated: boolean,
): XlsxSheet {
  return {
    name: '案件',
    columns: [
      { header: '案件编号', width: 28 },
      { header: '状态', width: 16 },
      { header: '期限预警', width: 10 },
      { header: '最近到期', width: 17 },
      { header: '程序', width: 10 },
      { header: '来源', width: 12 },
      { header: '执法事项', width: 30 },
      { header: '承办队伍', width: 20 },
      { header: '当事人', width: 16 },
      { header: '证件号码', width: 20 },
      { header: '违法行为日期', width: 12 },
      { header: '登记时间', width: 17 },
      { header: '决定罚款（元）', width: 12 },
    ],
    rows: items.map(({ c, teamName }) => [
      c.number,
      CASE_STATE_LABELS[c.status].zh,
      COLOUR_ZH[c.colour],
      chinaTime(c.nextDueAt),
      c.procedure ? PROCEDURE_ZH[c.procedure] : '',
      SOURCE_ZH[c.source],
      c.matterName ?? '',
      teamName ?? '',
      maskName(c.partyName) ?? '',
      maskIdNumber(c.partyIdNumber) ?? '',
      c.actDate,
      chinaTime(c.openedAt),
      c.fineDecidedFen === null ? '' : c.fineDecidedFen / 100,
    ]),
    footnote: truncated
      ? `仅导出前 ${CASE_EXPORT_MAX_ROWS} 条，请缩小筛选范围 (first ${CASE_EXPORT_MAX_ROWS} rows only: narrow the filters)`
      : undefined,
  };
}

/** `GET /api/cases/export`: the list's filters and queue, as an XLSX workbook built off the request thread. */
export function registerCaseExportRoutes(app: FastifyInstance, cases: CasesService): void {
  typed(app).get(
    '/api/cases/export',
    {
      schema: {
        tags: ['cases'],
        summary: "导出案件列表 Export the case list as XLSX (the list's filters; party data masked)",
        querystring: caseListQuery.omit({ cursor: true, limit: true }),
        response: { 200: fileResponse([XLSX_TYPE], '案件列表 The list (XLSX)') },
      },
    },
    async (req, reply) => {
      const user = requirePermission(req, 'case.read');
      const items: { c: CaseListRow; teamName: string | null }[] = [];
      let cursor: string | undefined;
      let truncated = false;
      for (;;) {
        const page = await cases.list({ ...req.query, cursor, limit: 200 }, user);
        for (const c of page.items) items.push({ c, teamName: c.teamId ? (page.names.get(c.teamId) ?? null) : null });
        if (!page.nextCursor) break;
        if (items.length >= CASE_EXPORT_MAX_ROWS) {
          truncated = true;
          break;
        }
        cursor = page.nextCursor;
      }
      const kept = items.slice(0, CASE_EXPORT_MAX_ROWS);
      truncated ||= items.length > kept.length;
      const bytes = await xlsxInWorker(casesSheet(kept, truncated));
      const day = chinaDate(new Date());
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachment({ zh: `案件列表-${day}.xlsx`, ascii: `cases-${day}.xlsx` }))
        .header('x-export-rows', String(kept.length))
        .header('x-export-truncated', String(truncated))
        .send(Buffer.from(bytes));
    },
  );
}
