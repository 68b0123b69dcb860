import { afterAll, describe, expect, it, vi } from 'vitest';
import { DRIVERS, TEST_AUDIT_ENV, TEST_NOW, testDatabase } from '../../test/harness.ts';
import { loadConfig } from '../config.ts';
import { createAuditWriter, loadAuditKeys, verifyAuditChain } from '../platform/audit/index.ts';
import { fixedClock } from '../platform/clock.ts';
import { openDatabase, type Database } from '../platform/db/index.ts';
import type { PlatformDeps } from '../platform/deps.ts';
import { seedDemoEvents, startDemoEvents } from './events.ts';

// Each test here writes and re-reads a whole chain or demo year: on a loaded 2-core machine that passes a minute.
// The timeout guards against a hang; it measures nothing.
vi.setConfig({ testTimeout: 180_000 });

/*
 * The demo year written in parts (the first start writes the newest events, the rest fills in the background): a
 * seed stopped midway is resumed by the next start with the recorded plan and reaches exactly the planned year, and
 * two processes seeding one PostgreSQL database at once never write an event twice.
 *
 * Each test empties the template's event tables and seeds with a seed of its own (the template's year is recorded
 * under the default seed), 2,000 events in parts of 500.
 */

const SEED = 4242;
const COUNT = 2000;
const open: Database[] = [];

afterAll(async () => {
  for (const d of open) await d.close();
});

async function emptyEvents(driver: (typeof DRIVERS)[number]): Promise<Database> {
  const database = await testDatabase(driver);
  open.push(database);
  await database.query('TRUNCATE events CASCADE');
  return database;
}

const config = loadConfig({ LOG_LEVEL: 'silent', ...TEST_AUDIT_ENV });
const keys = loadAuditKeys(config, { create: false });
const intact = async (database: Database) => (await verifyAuditChain(database, { key: keys.chain })).ok;

function depsOn(database: Database, now = TEST_NOW): PlatformDeps {
  return { database, config, clock: fixedClock(now), audit: createAuditWriter({ hash: 'sha256', keys }) };
}

async function state(database: Database) {
  const [ev] = await database.query<{ n: number; ids: number; seqs: number; min: number; max: number }>(
    `SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids, count(DISTINCT seq)::int AS seqs,
            min(seq)::int AS min, max(seq)::int AS max FROM events`,
  );
  const [st] = await database.query<{ n: number; orphans: number }>(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE e.id IS NULL)::int AS orphans
       FROM event_steps s LEFT JOIN events e ON e.id = s.event_id`,
  );
  const [masters] = await database.query<{ missing: number }>(
    `SELECT count(*)::int AS missing FROM events d
      WHERE d.master_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM events m WHERE m.id = d.master_id)`,
  );
  const records = await database.query<{ action: string; after: Record<string, unknown> }>(
    `SELECT action, after FROM audit_log WHERE entity_type = 'events' AND entity_id = $1 ORDER BY seq`,
    [`seed:${SEED}`],
  );
  return { events: ev!, steps: st!, missingMasters: masters!.missing, records };
}

describe.each(DRIVERS)('demo events in the background (%s)', (driver) => {
  it('a seed stopped midway is resumed with its plan and reaches exactly the planned year, newest first', async () => {
    const database = await emptyEvents(driver);
    const stop = new AbortController();
    const seen: number[] = [];
    const start = await startDemoEvents(depsOn(database), COUNT, {
      seed: SEED,
      first: 500,
      chunk: 500,
      signal: stop.signal,
      onProgress: (present) => {
        seen.push(present);
        if (seen.length === 2) stop.abort(); // the process stops after the second part
      },
    });
    expect(start.written).toBeGreaterThanOrEqual(500);
    expect(start.total).toBeGreaterThan(1900);
    expect(start.rest).not.toBeNull();
    const total = start.total;
    await start.rest!();

    const partial = await state(database);
    expect(partial.events.n).toBe(seen[1]);
    expect(partial.events.n).toBeLessThan(total);
    // The newest events came first, numbered as in the whole year (report order); live reports come after it.
    expect(partial.events.max).toBe(total);
    expect(partial.records.map((r) => r.action)).toEqual(['demo.seed.start']);
    const [next] = await database.query<{ n: string }>(
      `SELECT nextval(pg_get_serial_sequence('events', 'seq'))::text AS n`,
    );
    expect(Number(next!.n)).toBe(total + 1);
    const before = await database.query<{ id: string; seq: number }>('SELECT id, seq::int AS seq FROM events');

    // The next start: three days later and asked for another count, it draws the recorded year and fills the gap.
    const later = new Date(Date.parse(TEST_NOW) + 3 * 86_400_000).toISOString();
    const resumed = await startDemoEvents(depsOn(database, later), 5000, { seed: SEED, first: 500, chunk: 500 });
    expect(resumed.total).toBe(total);
    expect(resumed.written).toBe(0); // the newest part is there already
    const more = await resumed.rest!();
    expect(more).toBe(total - partial.events.n);

    const done = await state(database);
    expect(done.events).toEqual({ n: total, ids: total, seqs: total, min: 1, max: total });
    expect(done.steps.orphans).toBe(0);
    expect(done.missingMasters).toBe(0);
    expect(done.records.map((r) => r.action)).toEqual(['demo.seed.start', 'demo.seed']);
    expect(done.records[1]!.after).toMatchObject({ rows: total, steps: done.steps.n, seed: SEED, now: TEST_NOW });
    // The events written before the stop are untouched (same ids, same numbers).
    const after = new Map(
      (await database.query<{ id: string; seq: number }>('SELECT id, seq::int AS seq FROM events')).map((r) => [
        r.id,
        r.seq,
      ]),
    );
    for (const r of before) expect(after.get(r.id)).toBe(r.seq);

    // A third start finds the year complete and writes nothing.
    const third = await startDemoEvents(depsOn(database), COUNT, { seed: SEED, first: 500, chunk: 500 });
    expect(third).toMatchObject({ written: 0, total: 0, rest: null });
    expect(await intact(database)).toBe(true);
  });

  it('written in one go (tests, benchmarks) it is the same year, with one audit record', async () => {
    const database = await emptyEvents(driver);
    const written = await seedDemoEvents(depsOn(database), COUNT, { seed: SEED });
    const done = await state(database);
    expect(done.events).toEqual({ n: written, ids: written, seqs: written, min: 1, max: written });
    expect(done.records.map((r) => r.action)).toEqual(['demo.seed']);
    expect(done.records[0]!.after).toMatchObject({ rows: written, steps: done.steps.n });
  });
});

describe('two processes seeding one PostgreSQL database', () => {
  it('never write an event twice, and agree on one plan', async () => {
    const first = await emptyEvents('postgres');
    const second = await openDatabase({ url: first.url!, poolSize: 3 });
    open.push(second);
    // The second process started an hour later: whoever records its plan first, both write that one year.
    const options = { seed: SEED, first: 500, chunk: 500 };
    const [a, b] = await Promise.all([
      seedDemoEvents(depsOn(first), COUNT, options),
      seedDemoEvents(depsOn(second, new Date(Date.parse(TEST_NOW) + 3_600_000).toISOString()), COUNT, options),
    ]);
    const done = await state(first);
    const total = done.records.at(-1)!.after['rows'] as number;
    expect(a + b).toBe(total);
    expect(done.events).toEqual({ n: total, ids: total, seqs: total, min: 1, max: total });
    expect(done.steps.orphans).toBe(0);
    expect(done.missingMasters).toBe(0);
    expect(done.records.map((r) => r.action)).toEqual(['demo.seed.start', 'demo.seed']);
    expect(done.records[0]!.after['now']).toBe(done.records[1]!.after['now']);
    expect(await intact(first)).toBe(true);
  });
});
