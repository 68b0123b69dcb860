import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer, type TestServer } from '../../../test/harness.ts';

describe('working-day calendar over HTTP', () => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await testServer('pglite');
    admin = await s.login('admin');
  });
  afterAll(() => s?.close());

  const add = (start: string, n: number) =>
    s.call({ method: 'GET', url: `/api/calendar/add-working-days?start=${start}&n=${n}`, cookie: admin });

  it('counts the LEGAL.md §A cases', async () => {
    expect((await add('2025-09-30', 5)).json().result).toBe('2025-10-14');
    expect((await add('2026-02-12', 5)).json().result).toBe('2026-02-26');
    const days = (
      await s.call({ method: 'GET', url: '/api/calendar/days?from=2026-02-14&to=2026-02-23', cookie: admin })
    ).json().days;
    expect(days[0]).toMatchObject({ day: '2026-02-14', workday: true });
    expect(days.at(-1)).toMatchObject({ day: '2026-02-23', workday: false });
  });

  it('refuses to guess past the shipped data (TIME-4), in zh and en', async () => {
    const res = await add('2026-12-28', 5);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'CALENDAR_OUT_OF_RANGE',
      message: { zh: expect.stringContaining('TIME-4') },
    });
  });

  it('counts into a newly published year once it is entered, and audits the entry', async () => {
    const res = await s.call({
      method: 'POST',
      url: '/api/calendar/years',
      cookie: admin,
      payload: {
        year: 2027,
        source: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）',
        days: [
          { day: '2027-01-01', kind: 'holiday', name: '元旦' },
          { day: '2027-01-04', kind: 'holiday', name: '元旦' },
        ],
      },
    });
    expect(res.statusCode).toBe(204);
    // 2026-12-31 (Thu) + 2 working days: 01-01 holiday, 01-02/03 weekend, 01-04 holiday → 01-05, 01-06.
    expect((await add('2026-12-31', 2)).json().result).toBe('2027-01-06');
    const rec = (
      await s.database.query<{ action: string; entity_id: string }>(
        'SELECT action, entity_id FROM audit_log ORDER BY seq DESC LIMIT 1',
      )
    )[0];
    expect(rec).toEqual({ action: 'calendar.publish_year', entity_id: '2027' });
  });

  it('refuses a day outside the year being entered, and non-admins', async () => {
    const bad = await s.call({
      method: 'POST',
      url: '/api/calendar/years',
      cookie: admin,
      payload: { year: 2028, source: '测试通知 2028', days: [{ day: '2029-01-01', kind: 'holiday', name: '元旦' }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0]).toEqual({
      path: 'body.days.0.day',
      rule: 'in_year:2028',
      message: { zh: '日期须在 2028 年内', en: 'The day must be in 2028' },
    });
    const officer = await s.login('officer');
    const forbidden = await s.call({
      method: 'POST',
      url: '/api/calendar/years',
      cookie: officer,
      payload: { year: 2028, source: '测试通知 2028', days: [] },
    });
    expect(forbidden.statusCode).toBe(403);
  });
});
