import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, testDatabase } from '../../../test/harness.ts';
import type { Database } from './database.ts';
import { executePrepared } from './prepared.ts';

/** Statements planned once per session give what the plain statement gives, on both drivers. */
describe.each(DRIVERS)('prepared statements on %s', (driver) => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase(driver);
  });
  afterAll(() => database?.close());

  const echo = (text: string | null, n: number, at: Date, json: string) =>
    sql`SELECT ${text}::text AS text, ${n}::float8 AS n, ${at}::timestamptz AS at, (${json}::jsonb)->'k' AS k`;

  it('passes every value through intact (quotes, backslashes, unicode, null, numbers, dates, JSON)', async () => {
    const at = new Date('2026-11-22T06:00:00.123Z');
    for (const text of [`it's "quoted" \\ back\\slash`, '中文 😀', '', null]) {
      const json = JSON.stringify({ k: [text, "o'clock", '\\n'] });
      const plain = (await database.db.execute(echo(text, -1.5e-7, at, json))) as unknown as { rows: unknown[] };
      const prepared = await database.db.transaction((tx) => executePrepared(tx, echo(text, -1.5e-7, at, json)));
      expect(prepared).toEqual(plain.rows);
      expect(prepared[0]).toMatchObject({ text, n: -1.5e-7, k: [text, "o'clock", '\\n'] });
    }
  });

  it('still runs after the transaction that first prepared it rolled back', async () => {
    const q = sql`SELECT ${'after rollback'}::text AS v, 42 AS answer`;
    await expect(
      database.db.transaction(async (tx) => {
        await executePrepared(tx, q);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await database.db.transaction((tx) => executePrepared(tx, q))).toEqual([
      { v: 'after rollback', answer: 42 },
    ]);
    expect(await executePrepared(database.db, q)).toEqual([{ v: 'after rollback', answer: 42 }]);
    // PGlite runs them as SQL prepared statements (PostgreSQL as plain statements).
    const [named] = await database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE 'oe\\_%'`,
    );
    expect(named!.n > 0).toBe(driver === 'pglite');
  });
});
