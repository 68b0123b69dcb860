import { integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Number sequences (platform/numbering): the last number issued per (issuer, kind, year) — a case number per agency,
 * kind and year (一案一码), a document number (文号) per agency, type and year. One row per sequence: taking a number
 * locks the row until the transaction ends, so two processes never take the same one, and a transaction that fails
 * gives its number back (no gaps).
 */
export const numberSequences = pgTable(
  'number_sequences',
  {
    /** Who numbers: an agency (enforcement subject) id, or any issuer a context names. */
    issuer: text('issuer').notNull(),
    /** What is numbered, named by the owning context (e.g. `case.general`, `doc.decision`). */
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.kind, t.year] })],
);
