import { sql, type SQL } from 'drizzle-orm';
import { LEVEL_THRESHOLDS, type DeadlineLevel } from '@openenforce/domain/deadlines';

/*
 * The SQL of a deadline's level, generated from the domain's LEVEL_THRESHOLDS (the rule `levelAt` applies), so that
 * every query that asks "overdue?" or "warning?" — the escalation job's claim, the command centre's queues, the big
 * screen's counts and map — says exactly what the domain says. Columns are passed in: the `deadlines` table's
 * (due_at, warn_at) or an aggregate's denormalised copy of them.
 */

export interface LevelColumns {
  /** The due instant (timestamptz). */
  dueAt: SQL;
  /** The warning instant (timestamptz, may be null). */
  warnAt: SQL;
  /** When the clock runs (status predicate, met/stopped/paused); omitted = always. */
  running?: SQL;
}

const reached = (c: LevelColumns, at: 'dueAt' | 'warnAt', now: SQL): SQL => sql`${c[at]} <= ${now}`;

/** `CASE … END`: the level at `now` of a running clock ('none' when not running or below every threshold). */
export function levelSql(c: LevelColumns, now: SQL): SQL {
  const arms = LEVEL_THRESHOLDS.map((t) => sql` WHEN ${reached(c, t.at, now)} THEN ${sql.raw(`'${t.level}'`)}`);
  const guard = c.running ? sql` WHEN NOT (${c.running}) THEN 'none'` : sql``;
  return sql`(CASE${guard}${sql.join(arms, sql``)} ELSE 'none' END)`;
}

/**
 * A predicate: the clock runs and is at exactly `level` at `now` (its threshold reached, no more severe one). The
 * arms are plain comparisons on the columns, so the partial indexes on them serve it.
 */
export function atLevelSql(level: Exclude<DeadlineLevel, 'none'>, c: LevelColumns, now: SQL): SQL {
  const i = LEVEL_THRESHOLDS.findIndex((t) => t.level === level);
  const parts: SQL[] = c.running ? [c.running] : [];
  parts.push(reached(c, LEVEL_THRESHOLDS[i]!.at, now));
  for (const worse of LEVEL_THRESHOLDS.slice(0, i)) parts.push(sql`NOT (${reached(c, worse.at, now)})`);
  return sql`(${sql.join(parts, sql` AND `)})`;
}

/** A timestamptz parameter. */
export const instant = (d: Date): SQL => sql`${d.toISOString()}::timestamptz`;
