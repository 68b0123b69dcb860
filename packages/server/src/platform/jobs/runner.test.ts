import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, secondNode, testServer, type TestServer } from '../../../test/harness.ts';
import { backoffDelay, createJobRunner, type JobContext } from './runner.ts';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('backoff', () => {
  it('doubles from the base up to the cap', () => {
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, 1000, 5000))).toEqual([1000, 2000, 4000, 5000]);
  });
});

describe.each(DRIVERS)('job runner on %s', (driver) => {
  let a: TestServer;
  /** Another server process on the same database (PostgreSQL); on PGlite the same process (one connection). */
  let b: TestServer;
  beforeAll(async () => {
    a = await testServer(driver);
    b = driver === 'postgres' ? await secondNode(a) : a;
  });
  afterAll(async () => {
    if (b && b !== a) await b.close();
    await a?.close();
  });

  const runnerOn = (s: TestServer) => createJobRunner(s.deps, { pollMs: 0, log: quiet });
  const advance = (ms: number) => {
    a.clock.advance(ms);
    if (b !== a) b.clock.advance(ms);
  };
  const count = async (name: string) =>
    (await a.database.query<{ n: number }>('SELECT count(*)::int AS n FROM jobs WHERE name = $1', [name]))[0]!.n;

  it('a job that throws is retried with backoff, then parked: kept, listed, and queued again by hand', async () => {
    const r = runnerOn(a);
    const seen: number[] = [];
    r.define<{ n: number }>({
      name: 'test.flaky',
      maxAttempts: 3,
      backoffMs: 1000,
      run: async ({ payload, attempt }) => {
        seen.push(attempt);
        throw new Error(`gateway down for ${payload.n}`);
      },
    });
    const id = await a.database.db.transaction((tx) => r.enqueue(tx, 'test.flaky', { n: 7 }));
    expect(id).not.toBeNull();
    expect(await r.runDue()).toMatchObject({ started: 1, retried: 1, parked: 0 });
    expect((await r.runDue()).started).toBe(0); // the first retry waits 1 s
    advance(1000);
    expect(await r.runDue()).toMatchObject({ started: 1, retried: 1 });
    advance(1999);
    expect((await r.runDue()).started).toBe(0); // the second waits 2 s
    advance(1);
    expect(await r.runDue()).toMatchObject({ started: 1, parked: 1 });
    advance(24 * 3_600_000);
    expect((await r.runDue()).started).toBe(0); // parked: never run again by itself, never lost
    expect(seen).toEqual([1, 2, 3]);
    const parked = (await r.parked()).find((p) => p.id === id);
    expect(parked).toMatchObject({ name: 'test.flaky', attempts: 3, payload: { n: 7 } });
    expect(parked!.lastError).toContain('gateway down for 7');
    // Queued again after the cause was fixed: its attempts start over.
    expect(await r.requeue(id!)).toBe(true);
    expect(await r.requeue(id!)).toBe(false);
    expect(await r.runDue()).toMatchObject({ started: 1, retried: 1 });
    expect(seen).toEqual([1, 2, 3, 1]);
  });

  it('a job enqueued in a transaction that rolls back never runs; one that commits runs once and is gone', async () => {
    const r = runnerOn(a);
    const payloads: unknown[] = [];
    r.define({ name: 'test.after-step', run: async ({ payload }) => void payloads.push(payload) });
    await expect(
      a.database.db.transaction(async (tx) => {
        await r.enqueue(tx, 'test.after-step', { step: 'refused' });
        throw new Error('the step was refused');
      }),
    ).rejects.toThrow('the step was refused');
    expect(await count('test.after-step')).toBe(0);
    await a.database.db.transaction((tx) => r.enqueue(tx, 'test.after-step', { step: 'taken' }));
    // An idempotency key: a second enqueue while the first waits is a no-op.
    await a.database.db.transaction((tx) => r.enqueue(tx, 'test.after-step', { step: 'keyed' }, { key: 'k1' }));
    expect(
      await a.database.db.transaction((tx) => r.enqueue(tx, 'test.after-step', { step: 'again' }, { key: 'k1' })),
    ).toBeNull();
    expect(await r.runDue()).toMatchObject({ started: 2, succeeded: 2 });
    expect(payloads).toEqual([{ step: 'taken' }, { step: 'keyed' }]);
    expect(await r.runDue()).toMatchObject({ started: 0 });
    expect(await count('test.after-step')).toBe(0);
    await expect(a.database.db.transaction((tx) => r.enqueue(tx, 'test.unknown', {}))).rejects.toThrow(
      'no one-off job named test.unknown',
    );
  });

  it("a transactional job's writes and its completion commit together: a failed run leaves no write", async () => {
    // Tables are the owner's to create (the server's role on PostgreSQL owns nothing).
    await a.owner.query('CREATE TABLE IF NOT EXISTS test_job_effects (n int NOT NULL)');
    const r = runnerOn(a);
    let fail = true;
    r.define<{ n: number }>({
      name: 'test.transactional',
      transactional: true,
      backoffMs: 1000,
      run: async ({ payload, tx }) => {
        await tx!.execute(sql`INSERT INTO test_job_effects (n) VALUES (${payload.n})`);
        if (fail) throw new Error('failed after writing');
      },
    });
    await a.database.db.transaction((tx) => r.enqueue(tx, 'test.transactional', { n: 5 }));
    expect(await r.runDue()).toMatchObject({ retried: 1 });
    const effects = () => a.database.query<{ n: number }>('SELECT n FROM test_job_effects');
    expect(await effects()).toEqual([]);
    fail = false;
    advance(1000);
    expect(await r.runDue()).toMatchObject({ succeeded: 1 });
    expect(await effects()).toEqual([{ n: 5 }]);
    expect(await count('test.transactional')).toBe(0);
  });

  it('two runners (two server processes on PostgreSQL) never run the same job, nor at once', async () => {
    const running = new Map<number, number>();
    const runs = new Map<number, number>();
    let overlaps = 0;
    const by = { a: 0, b: 0 };
    const job =
      (node: 'a' | 'b') =>
      async ({ jobId }: JobContext<unknown>) => {
        const now = (running.get(jobId!) ?? 0) + 1;
        running.set(jobId!, now);
        if (now > 1) overlaps += 1;
        runs.set(jobId!, (runs.get(jobId!) ?? 0) + 1);
        by[node] += 1;
        await sleep(2);
        running.set(jobId!, now - 1);
      };
    const ra = runnerOn(a);
    const rb = runnerOn(b);
    ra.define({ name: 'test.once', run: job('a') });
    rb.define({ name: 'test.once', run: job('b') });
    const N = 40;
    await a.database.db.transaction(async (tx) => {
      for (let i = 0; i < N; i++) await ra.enqueue(tx, 'test.once', { i });
    });
    for (let round = 0; round < 2 * N; round++) {
      const [x, y] = await Promise.all([ra.runDue(), rb.runDue(), ra.runDue(), rb.runDue()]);
      if (x!.started + y!.started === 0 && (await count('test.once')) === 0) break;
    }
    expect(overlaps).toBe(0);
    expect(runs.size).toBe(N);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    expect(by.a).toBeGreaterThan(0);
    expect(by.b).toBeGreaterThan(0);
  });

  it('a recurring job runs once per interval across two runners, never twice at once', async () => {
    let runs = 0;
    let running = 0;
    let overlaps = 0;
    const run = async () => {
      running += 1;
      if (running > 1) overlaps += 1;
      runs += 1;
      await sleep(2);
      running -= 1;
    };
    const ra = runnerOn(a);
    const rb = runnerOn(b);
    for (const r of [ra, rb]) r.define({ name: 'test.every-minute', everyMs: 60_000, run });
    await Promise.all([ra.runDue(), rb.runDue()]);
    expect(runs).toBe(0); // the first run is an interval after the schedule is made
    for (let i = 1; i <= 5; i++) {
      advance(60_000);
      await Promise.all([ra.runDue(), rb.runDue(), rb.runDue()]);
      expect(runs).toBe(i);
      advance(30_000); // half an interval later: nothing is due
      await Promise.all([ra.runDue(), rb.runDue()]);
      expect(runs).toBe(i);
      advance(-30_000);
    }
    expect(overlaps).toBe(0);
    const [row] = await a.database.query<{ runs: number; failures: number; locked_by: string | null }>(
      `SELECT runs::int, failures, locked_by FROM job_schedules WHERE name = 'test.every-minute'`,
    );
    expect(row).toEqual({ runs: 5, failures: 0, locked_by: null });
  });

  it('stop() waits for a run under way before the database may close', async () => {
    const r = createJobRunner(a.deps, { pollMs: 60_000, log: quiet });
    let finished = false;
    r.define({
      name: 'test.slow',
      run: async () => {
        await sleep(50);
        finished = true;
      },
    });
    await r.start();
    await a.database.db.transaction((tx) => r.enqueue(tx, 'test.slow', {}));
    // The enqueue's NOTIFY wakes the runner; stop as soon as the run has started.
    for (let i = 0; i < 500 && (await count('test.slow')) > 0; i++) {
      const [row] = await a.database.query<{ state: string }>(`SELECT state FROM jobs WHERE name = 'test.slow'`);
      if (row?.state === 'running') break;
      await sleep(5);
    }
    await r.stop();
    expect(finished).toBe(true);
    expect(await count('test.slow')).toBe(0);
  });
});
