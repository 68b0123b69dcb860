import { Alert } from 'antd';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from './api.ts';
import { useAuth } from './auth.tsx';
import { useI18n } from './i18n.tsx';

interface CalendarCoverage {
  coveredYears: number[];
  dataEnds: string;
  missingYear: number;
  daysLeft: number;
  warn: boolean;
  notice: { zh: string; en: string };
}

const coverageQuery = queryOptions({
  queryKey: ['/api/calendar/coverage'],
  queryFn: ({ signal }) => api<CalendarCoverage>('/api/calendar/coverage', { signal }),
  staleTime: 3_600_000,
});

/**
 * TIME-4: administrators (those who may enter a calendar year) see, 60 days ahead, that the working-day calendar
 * data ends and which State Council notice to enter; past the end, working-day deadlines cannot be computed.
 */
export function CalendarBanner() {
  const { can } = useAuth();
  const { pick } = useI18n();
  const q = useQuery({ ...coverageQuery, enabled: can('org.write') });
  const c = q.data;
  if (!c?.warn) return null;
  const ended = c.daysLeft < 0;
  return (
    <Alert
      type={ended || c.daysLeft <= 30 ? 'error' : 'warning'}
      showIcon
      banner
      data-testid="calendar-banner"
      style={{ marginBottom: 12 }}
      message={pick({
        zh:
          `工作日历数据${ended ? '已于' : '将于'} ${c.dataEnds} 结束${ended ? '' : `（剩 ${c.daysLeft} 天）`}：` +
          `请录入《${c.notice.zh}》，否则跨入 ${c.missingYear} 年的工作日期限无法计算（TIME-4）。`,
        en:
          `The working-day calendar ${ended ? 'ended' : 'ends'} on ${c.dataEnds}` +
          `${ended ? '' : ` (${c.daysLeft} days left)`}: enter the ${c.missingYear} notice “${c.notice.zh}” ` +
          `(${c.notice.en}), or working-day deadlines reaching ${c.missingYear} cannot be computed (TIME-4).`,
      })}
      description={pick({
        zh: `国务院办公厅公布后，由管理员按通知录入 ${c.missingYear} 年的放假日和调休上班日（POST /api/calendar/years）。`,
        en: `Once the General Office of the State Council publishes it, an administrator enters the ${c.missingYear} holidays and adjusted working days (POST /api/calendar/years).`,
      })}
    />
  );
}
