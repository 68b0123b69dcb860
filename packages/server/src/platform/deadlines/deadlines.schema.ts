import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** A clock runs while it is neither met, stopped nor paused (the partial indexes below repeat this). */
export const RUNNING_CLOCK = sql`met_at IS NULL AND stopped_at IS NULL AND paused_at IS NULL`;

/**
 * Deadlines (platform/deadlines): clocks on any subject (any context's aggregate), several at once per
 * subject (one open clock per kind), each counted in working days, calendar days or hours, paused, extended, met or
 * stopped. `level` is how far the escalation job has taken it (yellow at `warn_at`, red at `due_at`); the owning
 * context's handler, called in the same transaction, writes what the level means for its subject.
 */
export const deadlines = pgTable(
  'deadlines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    /** The subject's town: a town-scoped reader sees the town's clocks. */
    townId: text('town_id'),
    /** What the clock is for, named by the owning context (e.g. dispatch, decision, hearing_notice). */
    kind: text('kind').notNull(),
    /** The legal rule it enforces (LEGAL.md id, e.g. APL-60, TIME-1) or the context's own rule id. */
    ruleId: text('rule_id').notNull(),
    clockType: text('clock_type', { enum: ['working_days', 'calendar_days', 'hours'] }).notNull(),
    /** The period in the clock's unit (0 when the due time was set by hand). */
    period: integer('period').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    warnAt: timestamp('warn_at', { withTimezone: true }),
    level: text('level', { enum: ['none', 'yellow', 'red'] })
      .notNull()
      .default('none'),
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    /** Time paused so far (earlier pauses, already added to due_at). */
    pausedMs: bigint('paused_ms', { mode: 'number' }).notNull().default(0),
    /** Approved extensions so far, in the clock's unit (already added to due_at). */
    extendedBy: integer('extended_by').notNull().default(0),
    metAt: timestamp('met_at', { withTimezone: true }),
    /** Stopped without being met (superseded, withdrawn, the subject left the state that ran it). */
    stoppedAt: timestamp('stopped_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('deadlines_subject_idx').on(t.subjectType, t.subjectId),
    // One open clock of a kind per subject.
    uniqueIndex('deadlines_open_kind_idx')
      .on(t.subjectType, t.subjectId, t.kind)
      .where(sql`met_at IS NULL AND stopped_at IS NULL`),
    // The escalation job's claims: running clocks that reach their warning or due time.
    index('deadlines_warn_idx')
      .on(t.warnAt)
      .where(sql`${RUNNING_CLOCK} AND level = 'none'`),
    index('deadlines_due_idx')
      .on(t.dueAt)
      .where(sql`${RUNNING_CLOCK} AND level <> 'red'`),
  ],
);

export type DeadlineRow = typeof deadlines.$inferSelect;
