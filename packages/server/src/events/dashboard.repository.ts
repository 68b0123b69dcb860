import { sql, type SQL } from 'drizzle-orm';
import type { EventStatus } from '@openenforce/domain/events';
import type { DataScope } from '@openenforce/domain/organization';
import { type Db, rowsOf } from '../platform/db/index.ts';
import { atLevelSql, instant, levelSql } from '../platform/deadlines/index.ts';
import { OPEN_SQL } from './running.ts';
import { scopeOfEvents } from './events.repository.ts';
import { EVENT_CLOCK, RUNNING_SQL } from './sla.ts';

/*
 * The big screen's queries (大屏). Each one is a single scan over an index range, grouped several ways at once
 * (GROUPING SETS). Days and hours are China time (UTC+8 all year, no summer time): rows are put in buckets with
 * `date_bin` from a China midnight (integer arithmetic, cheaper per row than AT TIME ZONE or numeric `extract`), and
 * a bucket is returned as its number of China hours or days since 1970-01-01. "Overdue" and "warning" are the level
 * of the event's deadline now, by the deadlines module's one rule (level.sql.ts: the same SQL as the queues' and the
 * escalation job's), so the screen does not wait for the job and cannot disagree with the queues.
 *
 * Over a million events the 30-day aggregates and the map are index-only scans of the covering indexes of migration
 * 0008 (events_reported_cover_idx, events_closed_cover_idx). Those skip the heap on pages that (auto)vacuum has marked
 * all-visible; migration 0008 also makes autovacuum visit `events` at 2 % of changes rather than 20 %.
 */

/** China midnight of 1970-01-01: the origin of the day and hour buckets. */
const CHINA_EPOCH = sql.raw(`timestamptz '1970-01-01 00:00:00+08'`);
/** The number of whole `seconds` periods between CHINA_EPOCH and a bucket (a date_bin result). */
const bucketNumber = (bucket: string, seconds: number): SQL =>
  sql.raw(`((extract(epoch FROM ${bucket})::bigint + 28800) / ${seconds})::int`);

/** The data scope (the events repository's one rule) as `AND …` after a WHERE over `events`, or nothing. */
const scopeFilter = (scope: DataScope): SQL => {
  const condition = scopeOfEvents(scope);
  return condition === undefined ? sql`` : sql` AND ${condition}`;
};

export interface ReportedRow {
  set: number;
  town_id: string | null;
  today: boolean | null;
  source: string | null;
  category: string | null;
  /** China hour as hours since 1970-01-01 00:00 China time (day = ⌊hour / 24⌋, hour of day = hour mod 24). */
  hour: number | null;
  n: number;
}

export interface ClosedRow {
  set: number;
  town_id: string | null;
  /** China day as days since 1970-01-01. */
  day: number | null;
  closed: number;
  timed: number;
  on_time: number;
}

export interface OpenRow {
  town_id: string | null;
  open: number;
  overdue: number;
  warning: number;
}

export interface MapFilter {
  statuses?: string[] | undefined;
  category?: string | undefined;
  source?: string | undefined;
  bbox?: [number, number, number, number] | undefined;
  since: Date;
}

export const dashboardRepository = {
  /**
   * Reports in [from, to): by town (split today / earlier), source, category and China hour (the trend's days and
   * today's hours add up from it). `set` tells the grouping apart: 0 town, 1 source, 2 category, 3 hour.
   *
   * `OFFSET 0` keeps the subquery apart, so that the planner takes its default guess for the number of hour buckets
   * instead of one per distinct reported_at (a group per row): with that guess it hashes every grouping set in one
   * pass over the index instead of sorting 100,000 rows (to disk at the default work_mem).
   */
  async reported(db: Db, scope: DataScope, from: Date, today: Date, to: Date): Promise<ReportedRow[]> {
    const r = await db.execute(sql`
      SELECT CASE WHEN GROUPING(town_id, today) = 0 THEN 0 WHEN GROUPING(source) = 0 THEN 1
                  WHEN GROUPING(category) = 0 THEN 2 ELSE 3 END AS set,
             town_id, today, source, category, ${bucketNumber('h', 3600)} AS hour, count(*)::int AS n
        FROM (SELECT town_id, source, category, reported_at >= ${today.toISOString()}::timestamptz AS today,
                     date_bin(interval '1 hour', reported_at, ${CHINA_EPOCH}) AS h
                FROM events
               WHERE reported_at >= ${from.toISOString()}::timestamptz AND reported_at < ${to.toISOString()}::timestamptz
                     ${scopeFilter(scope)}
              OFFSET 0) e
       GROUP BY GROUPING SETS ((town_id, today), (source), (category), (h))`);
    return rowsOf<ReportedRow>(r);
  },

  /**
   * Closed events in [from, to): by town and by China day; with and without a deadline, and on time. `OFFSET 0` as
   * in `reported`.
   */
  async closed(db: Db, scope: DataScope, from: Date, to: Date): Promise<ClosedRow[]> {
    const r = await db.execute(sql`
      SELECT CASE WHEN GROUPING(town_id) = 0 THEN 0 ELSE 1 END AS set, town_id, ${bucketNumber('d', 86400)} AS day,
             count(*)::int AS closed, count(on_time)::int AS timed, count(*) FILTER (WHERE on_time)::int AS on_time
        FROM (SELECT town_id, on_time, date_bin(interval '1 day', closed_at, ${CHINA_EPOCH}) AS d
                FROM events
               WHERE closed_at >= ${from.toISOString()}::timestamptz AND closed_at < ${to.toISOString()}::timestamptz
                 AND status = 'closed' ${scopeFilter(scope)}
              OFFSET 0) c
       GROUP BY GROUPING SETS ((town_id), (d))`);
    return rowsOf<ClosedRow>(r);
  },

  /** Open events now, by town: all, overdue (running past the deadline), warning (running past warn_at). */
  async open(db: Db, scope: DataScope, now: Date): Promise<OpenRow[]> {
    const at = instant(now);
    const r = await db.execute(sql`
      SELECT town_id, count(*)::int AS open,
             count(*) FILTER (WHERE ${atLevelSql('red', EVENT_CLOCK, at)})::int AS overdue,
             count(*) FILTER (WHERE ${atLevelSql('yellow', EVENT_CLOCK, at)})::int AS warning
        FROM events
       WHERE ${OPEN_SQL} ${scopeFilter(scope)}
       GROUP BY town_id`);
    return rowsOf<OpenRow>(r);
  },

  /** Events dispatched (or re-dispatched after arbitration) in [from, to). */
  async dispatched(db: Db, scope: DataScope, from: Date, to: Date): Promise<number> {
    const r = await db.execute(sql`
      SELECT count(*)::int AS n FROM events
       WHERE dispatched_at >= ${from.toISOString()}::timestamptz AND dispatched_at < ${to.toISOString()}::timestamptz
             ${scopeFilter(scope)}`);
    return rowsOf<{ n: number }>(r)[0]?.n ?? 0;
  },

  /**
   * 推诿: unjustified returns per team that returned them (event_steps action arbitrate, justified false), in
   * [from, to). Partial index event_steps_shirk_idx; a scoped user counts only the events of their scope.
   */
  async shirking(db: Db, scope: DataScope, from: Date, to: Date) {
    const condition = scopeOfEvents(scope);
    const scoped =
      condition === undefined
        ? sql``
        : sql` AND EXISTS (SELECT 1 FROM events WHERE events.id = s.event_id AND ${condition})`;
    const r = await db.execute(sql`
      SELECT s.team_id, count(*)::int AS n
        FROM event_steps s
       WHERE s.action = 'arbitrate' AND (s.detail->>'justified') = 'false'
         AND s.at >= ${from.toISOString()}::timestamptz AND s.at < ${to.toISOString()}::timestamptz ${scoped}
       GROUP BY s.team_id`);
    return rowsOf<{ team_id: string | null; n: number }>(r);
  },

  /**
   * Points for the clustered map, newest first, `limit` of them at most: county-wide a backward index-only scan of
   * events_reported_cover_idx, which holds every column read here.
   */
  async map(db: Db, scope: DataScope, f: MapFilter, now: Date, limit: number) {
    const at = instant(now);
    const conds: SQL[] = [sql`reported_at >= ${f.since.toISOString()}::timestamptz`];
    if (f.statuses?.length)
      conds.push(
        sql`status IN (${sql.join(
          f.statuses.map((s) => sql`${s}`),
          sql`, `,
        )})`,
      );
    if (f.category) conds.push(sql`category = ${f.category}`);
    if (f.source) conds.push(sql`source = ${f.source}`);
    if (f.bbox) {
      const [w, s, e, n] = f.bbox;
      conds.push(sql`lng >= ${w} AND lng <= ${e} AND lat >= ${s} AND lat <= ${n}`);
    }
    const scoped = scopeOfEvents(scope);
    if (scoped) conds.push(scoped);
    const r = await db.execute(sql`
      SELECT id, lng, lat, status, category,
             CASE WHEN ${RUNNING_SQL} THEN ${levelSql({ dueAt: EVENT_CLOCK.dueAt, warnAt: EVENT_CLOCK.warnAt }, at)}
                  ELSE escalation END AS escalation
        FROM events
       WHERE ${sql.join(conds, sql` AND `)}
       ORDER BY reported_at DESC, seq DESC
       LIMIT ${limit}`);
    return rowsOf<{
      id: string;
      lng: number;
      lat: number;
      status: EventStatus;
      category: string;
      escalation: 'none' | 'yellow' | 'red';
    }>(r);
  },
};
