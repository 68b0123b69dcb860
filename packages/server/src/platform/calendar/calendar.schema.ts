import { date, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

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

/**
 * A year declared complete (its notice fully entered as overrides): only then may deadlines reach into it (TIME-4).
 */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  source: text('source').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
