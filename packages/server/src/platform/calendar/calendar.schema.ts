import { date, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Working-day overrides for years published after the shipped data (TIME-4): each row says a date is a holiday or
 * an adjusted working day, with the State Council notice it comes from.
 */
export const calendarOverrides = pgTable('calendar_overrides', {
  day: date('day', { mode: 'string' }).primaryKey(),
  kind: text('kind', { enum: ['holiday', 'workday'] }).notNull(),
  name: text('name').notNull(),
  source: text('source').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
