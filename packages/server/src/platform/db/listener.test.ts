import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/harness.ts';
import { openDatabase, type Database } from './database.ts';

const until = async (what: string, ok: () => boolean, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** The NOTIFY connection comes back by itself when it drops, and tells its subscribers they may have missed some. */
describe('NOTIFY listener on PostgreSQL', () => {
  let database: Database;
  const logged: string[] = [];
  beforeAll(async () => {
    // A fresh database of its own, opened again with a log to read.
    const fresh = await testDatabase('postgres');
    const url = fresh.url!;
    await fresh.close();
    database = await openDatabase({ url, poolSize: 2, log: (msg) => logged.push(msg) });
  });
  afterAll(() => database?.close());

  const notify = (channel: string, payload: string) => database.notify(database.db, channel, payload);
  const killListener = () =>
    database.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'openenforce-listen' AND datname = current_database()`,
    );

  it('reconnects after its connection is killed, listens again to every channel and reports the gap', async () => {
    const got: string[] = [];
    let gaps = 0;
    const stopA = await database.listen(
      'oe_test_a',
      (p) => got.push(`a:${p}`),
      () => (gaps += 1),
    );
    const stopB = await database.listen('oe_test_b', (p) => got.push(`b:${p}`));
    await notify('oe_test_a', 'before');
    await until('the first message', () => got.length === 1);

    await killListener();
    await until('the reconnect', () => gaps === 1);
    await notify('oe_test_a', 'after');
    await notify('oe_test_b', 'after');
    await until('both channels again', () => got.length === 3);
    expect(got).toEqual(['a:before', 'a:after', 'b:after']);
    expect(logged.some((m) => m.includes('lost'))).toBe(true);

    // Unsubscribed channels stay quiet, also after another reconnect.
    await stopB();
    await killListener();
    await until('the second reconnect', () => gaps === 2);
    await notify('oe_test_b', 'ignored');
    await notify('oe_test_a', 'last');
    await until('the last message', () => got.length === 4);
    expect(got.at(-1)).toBe('a:last');
    await stopA();
  });
});
