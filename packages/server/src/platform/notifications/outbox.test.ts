import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, secondNode, testServer, type TestServer } from '../../../test/harness.ts';
import type { NotificationAdapter, NotificationMessage, NotifyLog } from './adapters.ts';
import { LIVE_CHANNEL } from './live.ts';
import type { NotificationDraft } from './notifications.repository.ts';
import { writeNotifications } from './notifications.ts';
import { afterFailure, createNotifier, type Notifier } from './outbox.ts';

const quiet: NotifyLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A notification about a subject of a made-up kind (the platform knows no context), addressed to a role. */
const draft = (subjectId: string, over: Partial<NotificationDraft> = {}): NotificationDraft => ({
  subject: { type: 'test_subject', id: subjectId, label: `T-${subjectId.slice(0, 6)}`, townId: null },
  role: 'supervisor',
  kind: 'test',
  level: 'info',
  title: { zh: '测试通知', en: 'Test notification' },
  ...over,
});

/** An adapter that fails while `down` says so, and records what it was handed. */
function flaky(channel: string) {
  const state = { down: true, calls: 0, got: [] as NotificationMessage[] };
  const adapter: NotificationAdapter = {
    channel,
    async send(m) {
      state.calls += 1;
      if (state.down) throw new Error('gateway down');
      state.got.push(m);
    },
  };
  return { adapter, state };
}

describe('the delivery policy', () => {
  const policy = { maxAttempts: 4, retryBaseMs: 1_000, retryMaxMs: 3_000 };
  const now = new Date('2026-11-22T06:00:00Z');
  it('doubles the pause after each failure, up to the cap, and parks after the last attempt', () => {
    const pause = (n: number) => {
      const r = afterFailure(n, now, policy);
      return r.state === 'pending' ? r.dueAt.getTime() - now.getTime() : r.state;
    };
    expect([1, 2, 3, 4, 5].map(pause)).toEqual([1_000, 2_000, 3_000, 'parked', 'parked']);
  });
});

describe.each(DRIVERS)('notification outbox on %s', (driver) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer(driver, { NOTIFY_MAX_ATTEMPTS: '3', NOTIFY_RETRY_BASE_MS: '60000' });
  });
  afterAll(() => s?.close());

  /** A notifier of its own (its own adapters and policy) on the test server's database and clock. */
  const notifierWith = (adapters: NotificationAdapter[], policy = {}): Notifier =>
    createNotifier(s.database, s.clock, adapters, quiet, { maxAttempts: 3, retryBaseMs: 60_000, ...policy });

  const write = (notifier: Notifier, drafts: NotificationDraft[]) =>
    s.database.db.transaction((tx) =>
      writeNotifications({ database: s.database, notifier }, tx, drafts, s.clock.now()),
    );

  const outboxOf = (id: number) =>
    s.database.query<{ channel: string; state: string; attempts: number; last_error: string | null }>(
      `SELECT channel, state, attempts, last_error FROM notification_outbox WHERE notification_id = $1 ORDER BY channel`,
      [id],
    );

  it('a failing adapter that recovers gets the message on a later drain, once, after the backoff', async () => {
    const { adapter, state } = flaky('flaky');
    const ok: NotificationMessage[] = [];
    const notifier = notifierWith([adapter, { channel: 'ok', send: async (m) => void ok.push(m) }]);
    const subject = randomUUID();
    const [m] = await write(notifier, [draft(subject)]);
    expect(m).toMatchObject({ subject: { type: 'test_subject', id: subject }, to: { role: 'supervisor' } });

    expect(await notifier.deliver([m!])).toEqual({ sent: 1, failed: 1, parked: 0 });
    expect(ok.map((x) => x.id)).toEqual([m!.id]);
    expect(await outboxOf(m!.id)).toEqual([
      { channel: 'flaky', state: 'pending', attempts: 1, last_error: 'gateway down' },
      { channel: 'ok', state: 'sent', attempts: 1, last_error: null },
    ]);
    // Not due again before the backoff has passed, whoever drains.
    state.down = false;
    s.clock.advance(59_000);
    expect(await notifier.drainOutbox(s.clock.now())).toEqual({ sent: 0, failed: 0, parked: 0 });
    s.clock.advance(1_000);
    expect(await notifier.drainOutbox(s.clock.now())).toEqual({ sent: 1, failed: 0, parked: 0 });
    expect(state.got).toEqual([m]);
    expect(ok).toHaveLength(1);
    expect((await outboxOf(m!.id)).map((r) => r.state)).toEqual(['sent', 'sent']);
    // Nothing is sent twice.
    s.clock.advance(3_600_000);
    expect(await notifier.drainOutbox(s.clock.now())).toEqual({ sent: 0, failed: 0, parked: 0 });
    expect(state.calls).toBe(2);
  });

  it('after the last failed attempt the delivery is parked: kept, counted, not retried until requeued', async () => {
    const { adapter, state } = flaky('down');
    const notifier = notifierWith([adapter]);
    const parked0 = (await notifier.counts()).parked;
    const [m] = await write(notifier, [draft(randomUUID())]);
    const drains = [];
    for (let i = 0; i < 3; i++) {
      drains.push(await notifier.drainOutbox(s.clock.now()));
      s.clock.advance(3_600_000);
    }
    expect(drains).toEqual([
      { sent: 0, failed: 1, parked: 0 },
      { sent: 0, failed: 1, parked: 0 },
      { sent: 0, failed: 1, parked: 1 },
    ]);
    expect(await outboxOf(m!.id)).toEqual([
      { channel: 'down', state: 'parked', attempts: 3, last_error: 'gateway down' },
    ]);
    expect((await notifier.counts()).parked).toBe(parked0 + 1);
    s.clock.advance(24 * 3_600_000);
    expect(await notifier.drainOutbox(s.clock.now())).toEqual({ sent: 0, failed: 0, parked: 0 });
    expect(state.calls).toBe(3);
    // Someone fixed the gateway and asks for the parked ones again.
    state.down = false;
    expect(await notifier.requeueParked(s.clock.now())).toBeGreaterThanOrEqual(1);
    expect((await notifier.drainOutbox(s.clock.now())).sent).toBeGreaterThanOrEqual(1);
    expect(state.got.map((x) => x.id)).toContain(m!.id);
  });

  it('a delivery claimed by a process that died is sent by another once its lease ends (never lost)', async () => {
    const got: NotificationMessage[] = [];
    const notifier = notifierWith([{ channel: 'after_crash', send: async (m) => void got.push(m) }]);
    const [m] = await write(notifier, [draft(randomUUID())]);
    // What a claim does; then the claimant dies before sending.
    await s.database.query(
      `UPDATE notification_outbox SET attempts = attempts + 1, due_at = $2::timestamptz + interval '60 seconds'
        WHERE notification_id = $1`,
      [m!.id, s.clock.now().toISOString()],
    );
    expect(await notifier.drainOutbox(s.clock.now())).toMatchObject({ sent: 0 });
    s.clock.advance(60_000);
    expect(await notifier.drainOutbox(s.clock.now())).toMatchObject({ sent: 1 });
    expect(got.map((x) => x.id)).toEqual([m!.id]);
    expect(await outboxOf(m!.id)).toMatchObject([{ state: 'sent', attempts: 2 }]);
  });

  it('a rolled-back transaction writes, announces and delivers nothing', async () => {
    const got: NotificationMessage[] = [];
    const notifier = notifierWith([{ channel: 'rollback', send: async (m) => void got.push(m) }]);
    const heard: string[] = [];
    const unlisten = await s.database.listen(LIVE_CHANNEL, (p) => heard.push(p));
    try {
      const lost = randomUUID();
      await expect(
        s.database.db.transaction(async (tx) => {
          await writeNotifications({ database: s.database, notifier }, tx, [draft(lost)], s.clock.now());
          throw new Error('the step failed after writing its notifications');
        }),
      ).rejects.toThrow('the step failed');
      // A committed one after it, as a marker: once it is heard, the rolled-back one would have been too.
      const kept = randomUUID();
      const written = await write(notifier, [draft(kept)]);
      await notifier.deliver(written);
      for (let i = 0; i < 250 && !heard.some((p) => p.includes(kept)); i++) await new Promise((r) => setTimeout(r, 20));
      expect(heard.some((p) => p.includes(kept))).toBe(true);
      expect(heard.some((p) => p.includes(lost))).toBe(false);
      expect(got.map((x) => x.subject?.id)).toEqual([kept]);
      const rows = await s.database.query(`SELECT 1 FROM notifications WHERE subject_id = $1`, [lost]);
      expect(rows).toHaveLength(0);
    } finally {
      await unlisten();
    }
  });

  it('a once-only notification is written, announced and delivered once; re-addressed, it is new again', async () => {
    const got: NotificationMessage[] = [];
    const notifier = notifierWith([{ channel: 'once', send: async (m) => void got.push(m) }]);
    const subject = randomUUID();
    const teamA = randomUUID();
    const teamB = randomUUID();
    const once = (teamId: string) => draft(subject, { kind: 'overdue', once: true, teamId, role: null });
    const first = await write(notifier, [once(teamA)]);
    expect(await write(notifier, [once(teamA)])).toEqual([]);
    const again = await write(notifier, [once(teamB)]);
    expect(again.map((m) => m.id)).toEqual(first.map((m) => m.id));
    expect(again[0]!.to.teamId).toBe(teamB);
    await notifier.drainOutbox(s.clock.now());
    expect(got.map((m) => m.to.teamId)).toEqual([teamA, teamB]);
  });
});

describe('notification outbox on two nodes (PostgreSQL)', () => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    a = await testServer('postgres');
    b = await secondNode(a);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('drains running at once on both nodes deliver each (notification, adapter) exactly once', async () => {
    const got: { node: string; m: NotificationMessage }[] = [];
    // Two drains per node, small batches: many claims race for the same rows.
    const drains = (['a', 'b', 'a', 'b'] as const).map((node) =>
      createNotifier(
        (node === 'a' ? a : b).database,
        a.clock,
        [
          {
            channel: 'two_nodes',
            send: async (m) => {
              await new Promise((r) => setTimeout(r, 1));
              got.push({ node, m });
            },
          },
        ],
        quiet,
        { batchSize: 20 },
      ),
    );
    const N = 600;
    const written = await a.database.db.transaction((tx) =>
      writeNotifications(
        { database: a.database, notifier: drains[0] },
        tx,
        Array.from({ length: N }, () => draft(randomUUID())),
        a.clock.now(),
      ),
    );
    expect(written).toHaveLength(N);
    const counts = await Promise.all(drains.map((d) => d.drainOutbox(a.clock.now())));
    expect(counts.reduce((n, c) => n + c.sent, 0)).toBe(N);
    expect(got).toHaveLength(N);
    expect(new Set(got.map((x) => x.m.id))).toEqual(new Set(written.map((m) => m.id)));
    expect(new Set(got.map((x) => x.node))).toEqual(new Set(['a', 'b']));
    const [row] = await a.database.query<{ sent: number; other: number }>(
      `SELECT count(*) FILTER (WHERE state = 'sent' AND attempts = 1)::int AS sent,
              count(*) FILTER (WHERE state <> 'sent' OR attempts <> 1)::int AS other
         FROM notification_outbox WHERE channel = 'two_nodes'`,
    );
    expect(row).toEqual({ sent: N, other: 0 });
    expect(await Promise.all(drains.map((d) => d.drainOutbox(a.clock.now())))).toEqual(
      drains.map(() => ({ sent: 0, failed: 0, parked: 0 })),
    );
  });
});
