import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A login account. `scopeTownId` null = county-wide data scope; otherwise the user sees one town (SPEC §2). */
export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  displayName: text('display_name').notNull(),
  role: text('role').notNull(),
  personId: uuid('person_id'),
  scopeTownId: text('scope_town_id'),
  scopeTeamId: uuid('scope_team_id'),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
  status: text('status', { enum: ['active', 'disabled'] })
    .notNull()
    .default('active'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Server-side sessions, so that any number of stateless server processes share them. Only a hash of the token is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    clientIp: text('client_ip'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Failed logins per client address, for throttling before any account is known to exist. */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    clientIp: text('client_ip').notNull(),
    username: text('username').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('login_failures_ip_at_idx').on(t.clientIp, t.at)],
);
