import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * A login account. `scopeTownId` null = county-wide data scope; otherwise the user sees one town (SPEC §2).
 * `mustChangePassword`: `temporary` (set by an administrator) or `demo` (the published demo password, enforced
 * outside demo mode) — until it is changed, the account may only read who it is, log out and change the password.
 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull().unique(),
    passwordHash: text('password_hash').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role').notNull(),
    personId: uuid('person_id'),
    scopeTownId: text('scope_town_id'),
    scopeTeamId: uuid('scope_team_id'),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    mustChangePassword: text('must_change_password', { enum: ['temporary', 'demo'] }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    status: text('status', { enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One login per person: the person's records (tasks, certificates) are theirs alone.
    uniqueIndex('users_person_id_unique')
      .on(t.personId)
      .where(sql`${t.personId} IS NOT NULL`),
    check('users_must_change_password_check', sql`${t.mustChangePassword} IN ('temporary', 'demo')`),
  ],
);

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

/**
 * Failed logins, for progressive delays per account from one address and per address. Rows older than the window
 * are pruned; an administrator's unlock deletes an account's rows.
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    clientIp: text('client_ip').notNull(),
    username: text('username').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('login_failures_ip_at_idx').on(t.clientIp, t.at),
    index('login_failures_username_at_idx').on(t.username, t.at),
    index('login_failures_at_idx').on(t.at),
  ],
);
