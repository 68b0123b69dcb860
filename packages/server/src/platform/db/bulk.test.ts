import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import {
  bigint,
  doublePrecision,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, testDatabase } from '../../../test/harness.ts';
import { insertedRow, insertFrom } from './bulk.ts';
import { executePrepared } from './prepared.ts';
import type { Database } from './database.ts';

/** A table with a column of each kind bulk inserts meet: generated, defaulted, JSON, arrays, timestamps. */
const probe = pgTable(
  'bulk_probe',
  {
    id: uuid('id').primaryKey(),
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    source: text('source').notNull(),
    externalId: text('external_id'),
    description: text('description').notNull(),
    urgency: text('urgency', { enum: ['normal', 'urgent'] }).notNull(),
    lng: doublePrecision('lng').notNull(),
    lat: doublePrecision('lat').notNull(),
    address: text('address'),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
    proposal: jsonb('proposal'),
    assistingTeamIds: uuid('assisting_team_ids').array().notNull(),
    reopenCount: integer('reopen_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('bulk_probe_external').on(t.source, t.externalId)],
);

/** Bulk inserts through one JSON parameter, and the stored row rebuilt without reading it back. */
describe.each(DRIVERS)('bulk insert on %s', (driver) => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase(driver);
    await database.query(`CREATE TABLE bulk_probe (
      id uuid PRIMARY KEY, seq bigint GENERATED ALWAYS AS IDENTITY, source text NOT NULL, external_id text,
      description text NOT NULL, urgency text NOT NULL, lng float8 NOT NULL, lat float8 NOT NULL, address text,
      reported_at timestamptz NOT NULL, proposal jsonb, assisting_team_ids uuid[] NOT NULL,
      reopen_count integer NOT NULL DEFAULT 0, created_at timestamptz NOT NULL DEFAULT now())`);
    await database.query('CREATE UNIQUE INDEX bulk_probe_external ON bulk_probe (source, external_id)');
  });
  afterAll(() => database?.close());

  const now = new Date('2026-11-22T06:00:00.123Z');
  const event = (over: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    source: 'grid_worker',
    externalId: null,
    description: '引号 " 反斜杠 \\ 换行 \n 表情 😀',
    urgency: 'normal' as const,
    lng: 119.123456789012,
    lat: 29.987654321098,
    reportedAt: now,
    proposal: { teamName: '城关中队', explanation: { zh: '乡镇赋权', en: 'Empowered' }, rule: null, list: [1, 'a'] },
    assistingTeamIds: [],
    createdAt: now,
    ...over,
  });

  it('stores every row with its types intact, and rebuilds each stored row exactly', async () => {
    const rows = [event(), event({ urgency: 'urgent', address: null, assistingTeamIds: [randomUUID()] })];
    const returned = await database.db.transaction((tx) =>
      executePrepared(tx, sql`${insertFrom(probe, rows)} RETURNING id, seq`),
    );
    expect(returned).toHaveLength(2);
    for (const [k, r] of returned.entries()) {
      const [stored] = await database.db.select().from(probe).where(eq(probe.id, rows[k]!.id));
      expect(insertedRow(probe, rows[k]!, r)).toEqual(stored);
      expect(stored!.description).toBe(rows[0]!.description);
      expect(stored!.reportedAt.toISOString()).toBe('2026-11-22T06:00:00.123Z');
    }
  });

  it('skips a conflicting row (ON CONFLICT DO NOTHING) and returns only the stored ones', async () => {
    const a = event({ source: 'hotline', externalId: 'RX-BULK-1' });
    const b = event({ source: 'hotline', externalId: 'RX-BULK-1' });
    const returned = await database.db.transaction((tx) =>
      executePrepared(tx, sql`${insertFrom(probe, [a, b])} ON CONFLICT DO NOTHING RETURNING id`),
    );
    expect(returned.map((r) => r['id'])).toEqual([a.id]);
  });

  it('refuses to rebuild a row whose database-side default was neither inserted nor returned', async () => {
    const row = event();
    delete (row as Partial<typeof row>).createdAt;
    const [r] = await database.db.transaction((tx) =>
      executePrepared(tx, sql`${insertFrom(probe, [row])} RETURNING id, seq`),
    );
    expect(() => insertedRow(probe, row, r!)).toThrow(/createdAt has a database default/);
  });
});
