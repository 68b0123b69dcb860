import { boolean, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Machine clients of the API: a client presents an API key (only its SHA-256 is stored) or signs each delivery with
 * its HMAC secret (kept to verify signatures). `kind` is the channel the client may use; the contexts name their
 * channels (the event centre's: Open311 apps, the 12345 hotline, video-AI platforms).
 */
export const apiClients = pgTable('api_clients', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  keyHash: text('key_hash').unique(),
  hmacSecret: text('hmac_secret'),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
