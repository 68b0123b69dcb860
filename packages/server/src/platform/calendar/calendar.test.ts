import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, TEST_NOW, testServer, type TestServer } from '../../../test/harness.ts';

describe.each(DRIVERS)('working-day calendar over HTTP on %s', (driver) => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await testServer(driver);
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

  it('refuses n = 0 on a day past the data, and the error names the missing year and its notice', async () => {
    const zero = await add('2027-01-04', 0);
    expect(zero.statusCode).toBe(422);
    expect(zero.json()).toMatchObject({ code: 'CALENDAR_OUT_OF_RANGE' });
    const reach = await add('2026-12-28', 5);
    const detail = reach.json().details[0];
    expect(detail).toMatchObject({ rule: 'TIME-4' });
    expect(detail.message.zh).toContain('2027 年尚无工作日历数据');
    expect(detail.message.zh).toContain('国务院办公厅关于2027年部分节假日安排的通知');
    expect(detail.message.en).toContain('No working-day calendar for 2027');
    // Inside the data n = 0 is the start day itself.
    expect((await add('2026-12-04', 0)).json().result).toBe('2026-12-04');
  });

  it('warns administrators 60 days before the data ends (banner data + one notification), naming the notice', async () => {
    const coverage = async () => (await s.call({ method: 'GET', url: '/api/calendar/coverage', cookie: admin })).json();
    const notes = async (cookie: string) =>
      (await s.call({ method: 'GET', url: '/api/notifications?limit=50', cookie })).json().items as {
        kind: string;
        title: { zh: string; en: string };
      }[];
    // 2026-10-01: 91 days before 2026-12-31, outside the window: no banner, no notification.
    s.clock.set('2026-10-01T02:00:00.000Z');
    try {
      expect(await coverage()).toMatchObject({ dataEnds: '2026-12-31', missingYear: 2027, daysLeft: 91, warn: false });
      expect((await s.services.calendar.warnAdministrators(s.clock.now())).notified).toBe(false);
    } finally {
      s.clock.set(TEST_NOW);
    }
    // TEST_NOW (2026-11-22): 39 days left.
    expect(await coverage()).toMatchObject({
      coveredYears: expect.arrayContaining([2026]),
      dataEnds: '2026-12-31',
      missingYear: 2027,
      daysLeft: 39,
      warn: true,
      notice: { zh: '国务院办公厅关于2027年部分节假日安排的通知' },
    });
    expect((await s.services.calendar.warnAdministrators(s.clock.now())).notified).toBe(true);
    // The recurring job runs again: no second notification for the same year.
    expect((await s.services.calendar.warnAdministrators(s.clock.now())).notified).toBe(false);
    const mine = (await notes(admin)).filter((n) => n.kind === 'calendar.data_ending');
    expect(mine).toHaveLength(1);
    expect(mine[0]!.title.zh).toContain('国务院办公厅关于2027年部分节假日安排的通知');
    expect(mine[0]!.title.zh).toContain('2026-12-31');
    // Addressed to administrators only.
    const officer = await s.login('officer');
    expect((await notes(officer)).some((n) => n.kind === 'calendar.data_ending')).toBe(false);
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
    // The data now ends with 2027: 404 days ahead, no warning.
    const coverage = (await s.call({ method: 'GET', url: '/api/calendar/coverage', cookie: admin })).json();
    expect(coverage).toMatchObject({ dataEnds: '2027-12-31', missingYear: 2028, warn: false });
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
