import { api } from '../../app/api.ts';

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
}

/**
 * The server computes every figure, "overdue" and "warning" by the deadlines module's one rule (the queues use the
 * same), so the screen never estimates them itself.
 */
export function loadDashboard(signal?: AbortSignal): Promise<Dashboard> {
  return api<Dashboard>('/api/command/dashboard', { signal });
}
