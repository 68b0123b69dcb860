import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, testServer, type TestServer } from '../../../test/harness.ts';

/*
 * A statement that fails with personal data among its parameters is answered 500 and logged — without the data.
 * Forced here with a constraint the login's failure record breaks: people type their phone number as a username.
 */
describe.each(DRIVERS)('log lines of a failed statement on %s', (driver) => {
  const phone = '13912345678';
  let s: TestServer;
  let log = '';
  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
    s = await testServer(driver, { LOG_LEVEL: 'error' }, { logStream: stream });
    await s.owner.query(
      `ALTER TABLE login_failures ADD CONSTRAINT probe_refuse CHECK (username <> '${phone}') NOT VALID`,
    );
  });
  afterAll(() => s?.close());

  it('answers 500 and logs the failure without the phone number', async () => {
    const res = await s.call({ method: 'POST', url: '/api/auth/login', payload: { username: phone, password: 'x' } });
    expect(res.statusCode).toBe(500);
    await new Promise((r) => setImmediate(r));
    const lines = log
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const line = lines.find((l) => l['msg'] === 'unhandled error');
    expect(line, log).toBeDefined();
    expect(log).not.toContain(phone);
    expect(log).not.toContain(phone.slice(-8));
    // What went wrong is still there: the statement's shape, the SQLSTATE and the constraint.
    expect(JSON.stringify(line)).toContain('probe_refuse');
    expect(JSON.stringify(line)).toContain('23514');
    expect(JSON.stringify(line)).toContain('insert into \\"login_failures\\"');
  });
});
