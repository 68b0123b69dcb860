import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, testDatabase } from '../../../test/harness.ts';
import { events } from '../../events/events.schema.ts';
import { insertedRow, insertRows } from './bulk.ts';
import type { Database } from './database.ts';

/** Bulk inserts through one JSON parameter, and the stored row rebuilt without reading it back. */
describe.each(DRIVERS)('bulk insert on %s', (driver) => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase(driver);
  });
  afterAll(() => database?.close());

  const now = new Date('2026-11-22T06:00:00.123Z');
  const event = (over: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    source: 'grid_worker',
    externalId: null,
    category: 'exposed_garbage',
    description: '引号 " 反斜杠 \\ 换行 \n 表情 😀',
    urgency: 'normal' as const,
    lng: 119.123456789012,
    lat: 29.987654321098,
    status: 'reported',
    reportedAt: now,
    proposal: { teamName: '城关中队', explanation: { zh: '乡镇赋权', en: 'Empowered' }, rule: null, list: [1, 'a'] },
    assistingTeamIds: [],
    createdAt: now,
    updatedAt: now,
    ...over,
  });

  it('stores every row with its types intact, and rebuilds each stored row exactly', async () => {
    const rows = [event(), event({ urgency: 'urgent', address: null, assistingTeamIds: [randomUUID()] })];
    const returned = await database.db.transaction((tx) => insertRows(tx, events, rows, sql`RETURNING id, seq`));
    expect(returned).toHaveLength(2);
    for (const [k, r] of returned.entries()) {
      const [stored] = await database.db.select().from(events).where(eq(events.id, rows[k]!.id));
      expect(insertedRow(events, rows[k]!, r)).toEqual(stored);
      expect(stored!.description).toBe(rows[0]!.description);
      expect(stored!.reportedAt.toISOString()).toBe('2026-11-22T06:00:00.123Z');
    }
  });

  it('skips a conflicting row (ON CONFLICT DO NOTHING) and returns only the stored ones', async () => {
    const a = event({ source: 'hotline', externalId: 'RX-BULK-1' });
    const b = event({ source: 'hotline', externalId: 'RX-BULK-1' });
    const returned = await database.db.transaction((tx) =>
      insertRows(tx, events, [a, b], sql`ON CONFLICT DO NOTHING RETURNING id`),
    );
    expect(returned.map((r) => r['id'])).toEqual([a.id]);
  });

  it('refuses to rebuild a row whose database-side default was neither inserted nor returned', async () => {
    const row = event();
    delete (row as Partial<typeof row>).createdAt;
    const [r] = await database.db.transaction((tx) => insertRows(tx, events, [row], sql`RETURNING id, seq`));
    expect(() => insertedRow(events, row, r!)).toThrow(/createdAt has a database default/);
  });
});
