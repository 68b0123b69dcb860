import { encodeMapPoints, EVENT_SOURCES, type MapPointsResponse } from '@openenforce/domain/events';
import type { DataScope } from '@openenforce/domain/organization';
import { chinaToday } from '../platform/clock.ts';
import type { PlatformDeps } from '../platform/deps.ts';
import { sharedResults } from '../platform/shared-results.ts';
import { teamNames, type RegionDirectory } from '../organization/index.ts';
import { dashboardRepository as repo } from './dashboard.repository.ts';
import { CHINA_OFFSET_MS, chinaDate, chinaMidnight } from '@openenforce/domain/common';

/*
 * The command centre's big screen (大屏, SPEC §3) and its map: today's figures, the last 30 days (China days,
 * today included) by town, channel and category, the daily trend and today's hours; 推诿 counts per team; and the
 * points of the clustered map. Everything is within the reader's data scope: a town user sees the town.
 *
 * Definitions: "reported" counts every report (merged duplicates too); "closed" counts events whose status is
 * closed (dismissed reports and transfers too); the on-time rate is over closed events that had a deadline.
 *
 * Many people watch these screens at once and every live-feed message makes each of them refetch: one answer per
 * scope (and map filter) is computed in a short window and shared by every viewer (settings DASHBOARD_SHARE_MS,
 * MAP_SHARE_MS; platform/shared-results.ts states what an answer then holds).
 */

const DAY = 86_400_000;
export const MAP_LIMIT = 20_000;
export const TREND_DAYS = 30;

export interface MapQuery {
  status?: string | undefined;
  category?: string | undefined;
  source?: string | undefined;
  bbox?: string | undefined;
  days: number;
}

const rate = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

/** A China day number from the repository (days since 1970-01-01) as YYYY-MM-DD. */
const dayName = (n: number): string => new Date(n * DAY).toISOString().slice(0, 10);

export function createDashboardService(deps: PlatformDeps, directory: RegionDirectory) {
  const { database, clock, config } = deps;
  const db = database.db;

  const service = {
    async dashboard(scope: DataScope) {
      const now = clock.now();
      const today = chinaMidnight(chinaToday(clock));
      const tomorrow = new Date(today.getTime() + DAY);
      const from = new Date(today.getTime() - (TREND_DAYS - 1) * DAY);
      // Every town is ranked, with zeros where nothing happened (the organisation's directory names them).
      const towns = directory.towns(scope);
      const [reported, closed, open, dispatched] = await Promise.all([
        repo.reported(db, scope, from, today, tomorrow),
        repo.closed(db, scope, from, tomorrow),
        repo.open(db, scope, now),
        repo.dispatched(db, scope, today, tomorrow),
      ]);

      const town = new Map(
        towns.map((t) => [
          t.id,
          { townId: t.id, townName: t.name, reported: 0, month: 0, closed: 0, onTime: 0, overdue: 0 },
        ]),
      );
      const bySource = new Map<string, number>(EVENT_SOURCES.map((s) => [s, 0]));
      const byCategory = new Map<string, number>();
      const trend = new Map<string, { day: string; reported: number; closed: number }>();
      for (let i = 0; i < TREND_DAYS; i++) {
        const day = chinaDate(from.getTime() + i * DAY);
        trend.set(day, { day, reported: 0, closed: 0 });
      }
      const hourly = Array.from({ length: 24 }, (_, hour) => ({ hour, reported: 0 }));
      const todayNumber = Math.round((today.getTime() + CHINA_OFFSET_MS) / DAY);
      for (const r of reported) {
        if (r.set === 0 && r.town_id) {
          const t = town.get(r.town_id);
          if (t) {
            t.month += r.n;
            if (r.today) t.reported += r.n;
          }
        } else if (r.set === 1 && r.source) bySource.set(r.source, (bySource.get(r.source) ?? 0) + r.n);
        else if (r.set === 2 && r.category) byCategory.set(r.category, r.n);
        else if (r.set === 3 && r.hour !== null) {
          const day = Math.floor(r.hour / 24);
          const d = trend.get(dayName(day));
          if (d) d.reported += r.n;
          if (day === todayNumber) hourly[r.hour % 24]!.reported = r.n;
        }
      }
      let closedToday = 0;
      let timed = 0;
      let onTime = 0;
      for (const c of closed) {
        if (c.set === 0) {
          timed += c.timed;
          onTime += c.on_time;
          const t = c.town_id ? town.get(c.town_id) : undefined;
          if (t) {
            t.closed += c.timed;
            t.onTime += c.on_time;
          }
        } else if (c.day !== null) {
          const d = trend.get(dayName(c.day));
          if (d) d.closed = c.closed;
          if (dayName(c.day) === chinaDate(today)) closedToday = c.closed;
        }
      }
      let openNow = 0;
      let overdue = 0;
      let warning = 0;
      for (const o of open) {
        openNow += o.open;
        overdue += o.overdue;
        warning += o.warning;
        const t = o.town_id ? town.get(o.town_id) : undefined;
        if (t) t.overdue += o.overdue;
      }

      // The ranking: on-time rate first (towns without closed events last), then fewer overdue, then busier.
      const byTown = [...town.values()]
        .map(({ onTime: n, ...t }) => ({ ...t, onTimeRate: rate(n, t.closed) }))
        .sort(
          (a, b) =>
            (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) ||
            a.overdue - b.overdue ||
            b.month - a.month ||
            a.townId.localeCompare(b.townId),
        );
      return {
        generatedAt: now.toISOString(),
        today: {
          reported: hourly.reduce((s, h) => s + h.reported, 0),
          dispatched,
          closed: closedToday,
          open: openNow,
          overdue,
          warning,
        },
        onTime: { rate: rate(onTime, timed), closed: timed, onTime },
        byTown,
        bySource: [...bySource].map(([source, count]) => ({ source, count })).sort((a, b) => b.count - a.count),
        byCategory: [...byCategory]
          .map(([category, count]) => ({ category, count }))
          .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
        trend: [...trend.values()],
        hourly,
      };
    },

    /** 推诿 per team in [from, to] (China days, both included); defaults to the last 30 days. */
    async shirking(scope: DataScope, fromDay?: string, toDay?: string) {
      const today = chinaToday(clock);
      const to = toDay ?? today;
      const from = fromDay ?? chinaDate(new Date(chinaMidnight(today).getTime() - (TREND_DAYS - 1) * DAY));
      const counted = await repo.shirking(db, scope, chinaMidnight(from), new Date(chinaMidnight(to).getTime() + DAY));
      const names = await teamNames(
        db,
        counted.map((r) => r.team_id),
      );
      const rows = counted
        .map((r) => ({ ...r, team_name: r.team_id ? (names.get(r.team_id) ?? null) : null }))
        .sort((a, b) => b.n - a.n || (a.team_name ?? '').localeCompare(b.team_name ?? ''));
      return {
        from,
        to,
        teams: rows.map((r) => ({ teamId: r.team_id, teamName: r.team_name, count: r.n })),
        total: rows.reduce((s, r) => s + r.n, 0),
      };
    },

    /** Points for the client-side clustered map: newest first, at most MAP_LIMIT, `truncated` when there were more. */
    async map(scope: DataScope, q: MapQuery, limit = MAP_LIMIT) {
      const now = clock.now();
      const bbox = q.bbox?.split(',').map(Number) as [number, number, number, number] | undefined;
      const rows = await repo.map(
        db,
        scope,
        {
          statuses: q.status?.split(','),
          category: q.category,
          source: q.source,
          bbox,
          since: new Date(now.getTime() - q.days * DAY),
        },
        now,
        limit + 1,
      );
      const truncated = rows.length > limit;
      return { points: truncated ? rows.slice(0, limit) : rows, truncated };
    },
  };

  const sharedDashboard = sharedResults<Awaited<ReturnType<typeof service.dashboard>>>(config.DASHBOARD_SHARE_MS);
  const sharedMap = sharedResults<MapPointsResponse>(config.MAP_SHARE_MS);
  return {
    ...service,
    /** The big screen's figures for a scope (shared by its viewers for DASHBOARD_SHARE_MS). */
    dashboard: (scope: DataScope) => sharedDashboard(JSON.stringify(scope), () => service.dashboard(scope)),
    /** The map's points in the compact encoding the web reads (shared by its viewers for MAP_SHARE_MS). */
    mapEncoded: (scope: DataScope, q: MapQuery) =>
      sharedMap(JSON.stringify([scope, q.status, q.category, q.source, q.bbox, q.days]), async () => {
        const { points, truncated } = await service.map(scope, q);
        return encodeMapPoints(points, truncated);
      }),
  };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
