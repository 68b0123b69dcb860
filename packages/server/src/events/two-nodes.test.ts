import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridOfUser, pointIn } from '../../test/events-support.ts';
import { secondNode, testServer, type TestServer } from '../../test/harness.ts';
import type { NotificationMessage, NotifyLog } from '../platform/notifications/index.ts';
import { createEscalationJob } from './escalation.ts';

/*
 * Two server processes on one PostgreSQL database (as a deployment behind a load balancer): a step taken through
 * one node reaches the other node's live stream, and the escalation job run on both at once escalates and notifies
 * every event exactly once.
 */

const quiet: NotifyLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('two server nodes on one PostgreSQL database', () => {
  let a: TestServer;
  let b: TestServer;
  const cookies: Record<string, string> = {};
  const env = { EVENT_ESCALATION_INTERVAL_MS: '0' };
  const sent: { node: string; m: NotificationMessage }[] = [];
  beforeAll(async () => {
    a = await testServer('postgres', env);
    b = await secondNode(a, env);
    for (const [node, s] of [
      ['a', a],
      ['b', b],
    ] as const)
      s.deps.notifier!.use({ channel: 'count', send: async (m) => void sent.push({ node, m }) });
    for (const u of ['operator', 'officer', 'gridworker']) cookies[u] = await a.login(u);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const post = (s: TestServer, url: string, payload: object, who: string) =>
    s.call({ method: 'POST', url, payload, cookie: cookies[who] });

  async function dispatchedOn(s: TestServer) {
    const spot = await pointIn(s, (await gridOfUser(s, 'gridworker'))!);
    const r = await post(
      s,
      '/api/events',
      { category: 'exposed_garbage', description: '两节点测试', ...spot, photoIds: [] },
      'gridworker',
    );
    expect(r.statusCode, r.body).toBe(201);
    let e = (await post(s, `/api/events/${r.json().event.id}/triage`, { version: 1 }, 'operator')).json();
    e = (await post(s, `/api/events/${e.id}/dispatch`, { version: e.version }, 'operator')).json();
    expect(e.status).toBe('dispatched');
    return e as { id: string; version: number };
  }

  it("an event accepted through node A appears on node B's live stream (real HTTP)", async () => {
    await b.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (b.app.server.address() as { port: number }).port;
    const abort = new AbortController();
    // Sessions are rows: the cookie node A issued is good on node B.
    const res = await fetch(`http://127.0.0.1:${port}/api/events/stream`, {
      headers: { cookie: cookies['operator']! },
      signal: abort.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const until = async (pred: () => boolean, ms = 10_000) => {
      const end = Date.now() + ms;
      while (!pred()) {
        if (Date.now() > end) throw new Error(`stream did not show it in ${ms} ms:\n${text}`);
        const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), 200))]);
        if (chunk && !chunk.done) text += decoder.decode(chunk.value, { stream: true });
      }
    };
    await until(() => text.includes(': connected'));
    const e = await dispatchedOn(a);
    const acc = await post(a, `/api/events/${e.id}/accept`, { version: e.version }, 'officer');
    expect(acc.statusCode, acc.body).toBe(200);
    await until(() => text.includes(`"id":"${e.id}","action":"accept"`));
    const frame = text.split('\n\n').find((f) => f.includes(`"id":"${e.id}","action":"accept"`))!;
    expect(frame.startsWith('event: event\n')).toBe(true);
    expect(JSON.parse(frame.split('data: ')[1]!)).toMatchObject({ kind: 'event', status: 'accepted' });
    expect(b.services.stream.stats().clients).toBe(1);
    // Closing the node with a stream still open ends the stream rather than hanging.
    const closed = b.close().then(() => 'closed');
    expect(await Promise.race([closed, new Promise((r) => setTimeout(() => r('hung'), 5000))])).toBe('closed');
    abort.abort();
    // Node B is needed again below: a fresh process on the same database.
    b = await secondNode(a, env);
    b.deps.notifier!.use({ channel: 'count', send: async (m) => void sent.push({ node: 'b', m }) });
  });

  it('the escalation job run on both nodes at once escalates and notifies each overdue event exactly once', async () => {
    const now = a.clock.now();
    // Whatever was due before this test is escalated first, so that the counts below are ours alone.
    await a.services.escalation.runEscalation(now);
    sent.length = 0;
    const template = await dispatchedOn(a);
    const N = 1_500;
    const ids = (
      await a.database.query<{ id: string }>(
        `INSERT INTO events (source, category, description, urgency, lng, lat, town_id, village_id, grid_id, status,
           reported_at, matter_id, team_id, dispatched_at, deadline, warn_at, created_at, updated_at)
         SELECT source, category, description || ' #' || g, urgency, lng, lat, town_id, village_id, grid_id,
                'dispatched', reported_at, matter_id, team_id, $2::timestamptz - interval '2 days',
                $2::timestamptz - interval '1 hour', $2::timestamptz - interval '7 hours', created_at, updated_at
           FROM events, generate_series(1, $3::int) g WHERE id = $1 RETURNING id`,
        [template.id, now.toISOString(), N],
      )
    ).map((r) => r.id);
    expect(ids).toHaveLength(N);
    // Their deadline clocks, as a dispatch starts them (the escalation job claims from `deadlines`).
    await a.database.query(
      `INSERT INTO deadlines (subject_type, subject_id, town_id, kind, rule_id, clock_type, period, started_at, due_at,
         warn_at, level, updated_at)
       SELECT 'event', id::text, town_id, 'dispatch', 'EVT-SLA', 'hours', 24, dispatched_at, deadline, warn_at,
              escalation, updated_at
         FROM events WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    // Two runners per node, small batches: many transactions race for the same rows.
    const runners = [a, b, a, b].map((s, i) =>
      i < 2 ? s.services.escalation : createEscalationJob(s.deps, s.deps.notifier!, quiet, { batchSize: 50 }),
    );
    const counts = await Promise.all(runners.map((j) => j.runEscalation(now)));
    expect(counts.reduce((n, c) => n + c.red, 0)).toBe(N);
    expect(counts.reduce((n, c) => n + c.yellow, 0)).toBe(0);
    // Both nodes took a share.
    expect(counts[0]!.red + counts[2]!.red).toBeGreaterThan(0);
    expect(counts[1]!.red + counts[3]!.red).toBeGreaterThan(0);

    const [rows] = await a.database.query<{ notes: number; events: number; dup: number; steps: number; audit: number }>(
      `SELECT (SELECT count(*)::int FROM notifications WHERE kind = 'red' AND subject_id = ANY($1::text[])) AS notes,
              (SELECT count(DISTINCT subject_id)::int FROM notifications WHERE kind = 'red' AND subject_id = ANY($1::text[])) AS events,
              (SELECT count(*)::int FROM (SELECT subject_id FROM notifications WHERE subject_id = ANY($1::text[])
                 GROUP BY subject_id, kind HAVING count(*) > 1) d) AS dup,
              (SELECT count(*)::int FROM event_steps WHERE action = 'escalate' AND event_id = ANY($1::uuid[])) AS steps,
              (SELECT count(*)::int FROM audit_log WHERE action = 'event.escalate' AND entity_id = ANY($1::text[])) AS audit`,
      [ids],
    );
    expect(rows).toEqual({ notes: N, events: N, dup: 0, steps: N, audit: N });
    const mine = sent.filter((x) => ids.includes(x.m.subject!.id));
    expect(mine).toHaveLength(N);
    expect(new Set(mine.map((x) => x.m.subject!.id)).size).toBe(N);
    expect(new Set(mine.map((x) => x.node))).toEqual(new Set(['a', 'b']));
    // Again on both: nothing left to do.
    const again = await Promise.all([a, b].map((s) => s.services.escalation.runEscalation(now)));
    expect(again.map((c) => c.red + c.yellow)).toEqual([0, 0]);
    expect((await a.verifyAudit()).ok).toBe(true);
  });

  it("when node B's NOTIFY connection drops, B reconnects, ends its live streams and reads sessions again", async () => {
    if (!b.app.server.listening) await b.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (b.app.server.address() as { port: number }).port;
    const res = await fetch(`http://127.0.0.1:${port}/api/events/stream`, {
      headers: { cookie: cookies['operator']! },
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain(': connected');
    // Node B caches a session; then it ends without a NOTIFY (as if sent while B's connection was down).
    const supervisor = await a.login('supervisor');
    const me = () => b.call({ method: 'GET', url: '/api/auth/me', cookie: supervisor });
    expect((await me()).statusCode).toBe(200);
    await a.database.query(`DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = 'supervisor')`);
    expect((await me()).statusCode).toBe(200); // still cached: nothing told B

    await a.database.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'openenforce-listen' AND datname = current_database()`,
    );
    // The stream ends (the browser reconnects and reloads), and the cached session is gone.
    for (;;) if ((await reader.read()).done) break;
    expect((await me()).statusCode).toBe(401);
    // And the feed works again: a report on A reaches a new stream on B.
    const again = await fetch(`http://127.0.0.1:${port}/api/events/stream`, {
      headers: { cookie: cookies['operator']! },
    });
    const r2 = again.body!.getReader();
    let text = new TextDecoder().decode((await r2.read()).value);
    const spot = await pointIn(a, (await gridOfUser(a, 'gridworker'))!);
    const rep = await post(
      a,
      '/api/events',
      { category: 'exposed_garbage', description: '重连之后', ...spot },
      'gridworker',
    );
    expect(rep.statusCode, rep.body).toBe(201);
    while (!text.includes(rep.json().event.id)) text += new TextDecoder().decode((await r2.read()).value);
    await r2.cancel();
  });
});
