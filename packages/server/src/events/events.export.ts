import { CHINA_OFFSET_MS } from '@openenforce/domain/common';
import {
  EVENT_EXPORT_MAX_ROWS,
  OUTCOME_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
  type EventSource,
  type EventStatus,
  type HandlingOutcome,
} from '@openenforce/domain/events';
import { maskName, maskPhone } from '@openenforce/domain/privacy';
import type { RegionDirectory } from '../organization/index.ts';
import type { XlsxSheet } from '../platform/spreadsheet/write-xlsx.ts';
import type { EventRow } from './events.repository.ts';
import { eventNo } from './events.shared.ts';

/** The most rows one export writes (a year of a busy county's queue is far less; the whole year is 100,000). */
export const EXPORT_MAX_ROWS = EVENT_EXPORT_MAX_ROWS;

const LEVEL_ZH = { none: '', yellow: '黄色预警', red: '红色超期' } as const;

/** "2026-01-05 14:30" in China time. */
const chinaTime = (d: Date | null) =>
  d ? new Date(d.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ') : '';

/**
 * The list as a sheet, in the words of the screen (Chinese labels; the county's working language). The reporter's
 * name and phone are masked unless the reader holds `pii.read` (the one masking module).
 */
export function eventsSheet(
  items: readonly { e: EventRow; teamName: string | null }[],
  o: {
    directory: RegionDirectory;
    categoryName: (code: string) => string;
    personalData: boolean;
    truncated: boolean;
  },
): XlsxSheet {
  const name = (id: string | null) => (id ? o.directory.townName(id) : '');
  return {
    name: '事件',
    columns: [
      { header: '事件编号', width: 20 },
      { header: '状态', width: 10 },
      { header: '预警', width: 10 },
      { header: '来源', width: 12 },
      { header: '类别', width: 18 },
      { header: '紧急', width: 6 },
      { header: '描述', width: 40 },
      { header: '地址', width: 28 },
      { header: '乡镇（街道）', width: 12 },
      { header: '村（社区）', width: 14 },
      { header: '网格', width: 16 },
      { header: '承办队伍', width: 20 },
      { header: '上报时间', width: 17 },
      { header: '处置期限', width: 17 },
      { header: '办结时间', width: 17 },
      { header: '处置结果', width: 14 },
      { header: '评价', width: 6 },
      { header: '上报人', width: 10 },
      { header: '联系电话', width: 14 },
    ],
    rows: items.map(({ e, teamName }) => [
      eventNo(e),
      STATUS_LABELS[e.status as EventStatus]?.zh ?? e.status,
      LEVEL_ZH[e.escalation],
      SOURCE_LABELS[e.source as EventSource]?.zh ?? e.source,
      o.categoryName(e.category),
      e.urgency === 'urgent' ? '是' : '',
      e.description,
      e.address ?? '',
      name(e.townId),
      name(e.villageId),
      name(e.gridId),
      teamName ?? '',
      chinaTime(e.reportedAt),
      chinaTime(e.deadline),
      chinaTime(e.closedAt),
      e.outcome ? (OUTCOME_LABELS[e.outcome as HandlingOutcome]?.zh ?? e.outcome) : '',
      e.rating,
      (o.personalData ? e.reporterName : maskName(e.reporterName)) ?? '',
      (o.personalData ? e.reporterPhone : maskPhone(e.reporterPhone)) ?? '',
    ]),
    footnote: o.truncated
      ? `仅导出前 ${EXPORT_MAX_ROWS} 条，请缩小筛选范围 (first ${EXPORT_MAX_ROWS} rows only: narrow the filters)`
      : undefined,
  };
}
