import dayjs from 'dayjs';
import { api } from '../../app/api.ts';
import { listEvents } from '../events/api.ts';
import type { EventSummary } from '../events/types.ts';
import { missingEndpoint } from './missing.ts';

/** GET /api/command/dashboard: the big screen's figures. */
export interface Dashboard {
  generatedAt: string;
  today: { reported: number; dispatched: number; closed: number; open: number; overdue: number; warning: number };
  onTime: { rate: number | null; closed: number; onTime: number };
  byTown: {
    townId: string;
    townName: string;
    reported: number;
    month: number;
    closed: number;
    onTimeRate: number | null;
    overdue: number;
  }[];
  bySource: { source: string; count: number }[];
  byCategory: { category: string; count: number }[];
  trend: { day: string; reported: number; closed: number }[];
  hourly: { hour: number; reported: number }[];
  /** Set by the fallback: figures from the latest events only. */
  approximate?: boolean;
}

const OPEN = new Set(['reported', 'triaged', 'dispatched', 'accepted', 'returned', 'rectifying', 'handled']);

/**
 * Figures from the latest events (up to 600), for a server that has no dashboard endpoint yet: the same shape,
 * marked approximate.
 */
async function fromList(signal?: AbortSignal): Promise<Dashboard> {
  const items: EventSummary[] = [];
  let cursor: string | null = null;
  const from = dayjs().subtract(29, 'day').format('YYYY-MM-DD');
  for (let i = 0; i < 3; i++) {
    const page = await listEvents({ from, limit: 200, cursor: cursor ?? undefined }, signal);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  const today = dayjs().format('YYYY-MM-DD');
  const day = (iso: string) => dayjs(iso).format('YYYY-MM-DD');
  const todays = items.filter((e) => day(e.reportedAt) === today);
  const count = <K extends string>(list: EventSummary[], key: (e: EventSummary) => K) => {
    const m = new Map<K, number>();
    for (const e of list) m.set(key(e), (m.get(key(e)) ?? 0) + 1);
    return m;
  };
  const towns = new Map<string, Dashboard['byTown'][number]>();
  for (const e of items) {
    if (!e.townId) continue;
    const t = towns.get(e.townId) ?? {
      townId: e.townId,
      townName: e.townName ?? e.townId,
      reported: 0,
      month: 0,
      closed: 0,
      onTimeRate: null,
      overdue: 0,
    };
    t.month++;
    if (day(e.reportedAt) === today) t.reported++;
    if (e.status === 'closed') t.closed++;
    if (e.escalation === 'red' && OPEN.has(e.status)) t.overdue++;
    towns.set(e.townId, t);
  }
  const closed = items.filter((e) => e.status === 'closed' && e.deadline);
  const onTime = closed.filter((e) => e.escalation !== 'red').length;
  return {
    generatedAt: new Date().toISOString(),
    today: {
      reported: todays.length,
      dispatched: todays.filter((e) => e.deadline).length,
      closed: todays.filter((e) => e.status === 'closed').length,
      open: items.filter((e) => OPEN.has(e.status)).length,
      overdue: items.filter((e) => OPEN.has(e.status) && e.escalation === 'red').length,
      warning: items.filter((e) => OPEN.has(e.status) && e.escalation === 'yellow').length,
    },
    onTime: { rate: closed.length ? onTime / closed.length : null, closed: closed.length, onTime },
    byTown: [...towns.values()].sort((a, b) => b.month - a.month),
    bySource: [...count(items, (e) => e.source)].map(([source, n]) => ({ source, count: n })),
    byCategory: [...count(items, (e) => e.category)]
      .map(([category, n]) => ({ category, count: n }))
      .sort((a, b) => b.count - a.count),
    trend: Array.from({ length: 30 }, (_, i) => {
      const d = dayjs()
        .subtract(29 - i, 'day')
        .format('YYYY-MM-DD');
      return {
        day: d,
        reported: items.filter((e) => day(e.reportedAt) === d).length,
        closed: items.filter((e) => e.status === 'closed' && day(e.reportedAt) === d).length,
      };
    }),
    hourly: Array.from({ length: 24 }, (_, hour) => ({
      hour,
      reported: todays.filter((e) => dayjs(e.reportedAt).hour() === hour).length,
    })),
    approximate: true,
  };
}

export async function loadDashboard(signal?: AbortSignal): Promise<Dashboard> {
  try {
    return await api<Dashboard>('/api/command/dashboard', { signal });
  } catch (err) {
    if (missingEndpoint(err)) return fromList(signal);
    throw err;
  }
}
