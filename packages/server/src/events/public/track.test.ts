import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleWords } from '@openenforce/domain/errors';
import { buildEvent, eventWorld, type EventWorld } from '../../../test/factories.ts';
import { DRIVERS, testServer, type TestServer } from '../../../test/harness.ts';
import { eventNo } from '../events.shared.ts';

/** The portal's "track my report" (issue 13 §3.4): the number and the phone's last four digits, nothing more. */
describe.each(DRIVERS)('tracking a report by number and phone on %s', (driver) => {
  let s: TestServer;
  let w: EventWorld;
  beforeAll(async () => {
    s = await testServer(driver);
    w = await eventWorld(s);
  });
  afterAll(() => s?.close());

  const track = (payload: object, ip: string) =>
    s.call({ method: 'POST', url: '/api/public/track', payload, remoteAddress: ip });

  it('shows the progress, read-only, without personal data', async () => {
    const e = await buildEvent(s, w, 'handled', {
      source: 'hotline',
      reporterName: '王查询',
      reporterPhone: '138-0000-9876',
      address: '某路 1 号',
    });
    const res = await track({ no: eventNo(e), phoneLast4: '9876' }, '127.0.0.11');
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json();
    expect(v).toMatchObject({ no: eventNo(e), status: 'handled', mayVerify: false, mayRate: false });
    expect(res.body).not.toContain('王查询');
    expect(res.body).not.toContain('9876');
    expect(res.body).not.toContain('某路');
  });

  it('answers an unknown number, a wrong phone and a report without a phone alike', async () => {
    const e = await buildEvent(s, w, 'reported', { source: 'hotline', reporterPhone: '13800001234' });
    const silent = await buildEvent(s, w, 'reported');
    const answers = [
      await track({ no: eventNo(e), phoneLast4: '0000' }, '127.0.0.12'),
      await track({ no: `SJ20200101${String(e.seq + 900000).padStart(6, '0')}`, phoneLast4: '1234' }, '127.0.0.12'),
      await track({ no: eventNo(silent), phoneLast4: '0000' }, '127.0.0.12'),
    ];
    for (const a of answers) {
      expect(a.statusCode).toBe(404);
      const { code, message, details } = a.json();
      expect({ code, message, details }).toEqual({
        code: 'NOT_FOUND',
        message: answers[0]!.json().message,
        details: [{ path: 'body', rule: 'no_and_phone_match', message: ruleWords('no_and_phone_match') }],
      });
    }
    const bad = await track({ no: String(e.seq), phoneLast4: '12' }, '127.0.0.12');
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['body.no', 'body.phoneLast4']);
  });

  it('limits lookups per address: guessing four digits stops at the tenth try', async () => {
    const e = await buildEvent(s, w, 'reported', { source: 'hotline', reporterPhone: '13800004321' });
    const codes: number[] = [];
    for (let i = 0; i < 12; i++)
      codes.push((await track({ no: eventNo(e), phoneLast4: String(i).padStart(4, '0') }, '127.0.0.13')).statusCode);
    expect(codes.slice(0, 10).every((x) => x === 404)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
    const limited = await track({ no: eventNo(e), phoneLast4: '4321' }, '127.0.0.13');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not held up by this one.
    expect((await track({ no: eventNo(e), phoneLast4: '4321' }, '127.0.0.14')).statusCode).toBe(200);
  });
});
