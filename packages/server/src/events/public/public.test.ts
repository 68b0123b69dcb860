import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridOfUser, multipart, pointIn, TINY_JPEG } from '../../../test/events-support.ts';
import { DRIVERS, testServer, type TestServer } from '../../../test/harness.ts';
import { DEMO_API_CLIENTS } from '../../demo/api-clients.ts';
import { eventNo } from '../events.shared.ts';

describe.each(DRIVERS)("the citizen's follow-up by token on %s", (driver) => {
  let s: TestServer;
  let spot: { lng: number; lat: number };
  const c: Record<string, string> = {};
  beforeAll(async () => {
    s = await testServer(driver);
    spot = await pointIn(s, (await gridOfUser(s, 'gridworker'))!);
    for (const u of ['operator', 'officer']) c[u] = await s.login(u);
  });
  afterAll(() => s?.close());

  const post = (url: string, payload: object, who?: string) =>
    s.call({ method: 'POST', url, payload, ...(who ? { cookie: c[who] } : {}) });
  const count = async (table: string) =>
    (await s.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
  const counts = async () => [await count('event_steps'), await count('audit_log')];

  /** A citizen reports through Open311; returns the token and the event's id. */
  async function citizenReport(category = 'illegal_posting') {
    const res = await s.call({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: {
        api_key: DEMO_API_CLIENTS.open311.key,
        service_code: category,
        lat: spot.lat,
        long: spot.lng,
        description: '电线杆上贴满小广告',
        address_string: '泽国镇某路 12 号门前',
        first_name: '芳',
        last_name: '陈',
        phone: '13600004444',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    // service_request_id is the public id; the citizen's page shows the event number (SJ…).
    const { token, service_request_id: publicId } = res.json()[0];
    const [row] = await s.database.query<{ id: string; seq: number; reported_at: Date }>(
      'SELECT id, seq::int AS seq, reported_at FROM events WHERE public_id = $1',
      [publicId],
    );
    return {
      token: token as string,
      id: row!.id,
      no: eventNo({ seq: row!.seq, reportedAt: new Date(row!.reported_at) }),
    };
  }

  /** The command centre and the team take the event to "handled". */
  async function handle(id: string) {
    let e = (await post(`/api/events/${id}/triage`, { version: 1 }, 'operator')).json();
    e = (await post(`/api/events/${id}/dispatch`, { version: e.version }, 'operator')).json();
    e = (await post(`/api/events/${id}/urge`, { note: '请尽快处理' }, 'operator')).json();
    e = (await post(`/api/events/${id}/accept`, { version: e.version }, 'officer')).json();
    const m = multipart(TINY_JPEG, 'after.jpg', 'image/jpeg');
    const photo = await s.call({ method: 'POST', url: '/api/events/photos?kind=after', cookie: c['officer'], ...m });
    e = (
      await post(
        `/api/events/${id}/handle`,
        { outcome: 'fixed_on_site', version: e.version, note: '已清除', photoIds: [photo.json().id] },
        'officer',
      )
    ).json();
    expect(e.status).toBe('handled');
  }

  it('shows status and public steps without personal data or internal routing', async () => {
    const { token, no, id } = await citizenReport();
    await handle(id);
    const res = await s.call({ method: 'GET', url: `/api/public/events/${token}` });
    expect(res.statusCode).toBe(200);
    const v = res.json();
    expect(v).toMatchObject({
      no,
      status: 'handled',
      statusLabel: { zh: '待核查', en: 'Awaiting verification' },
      category: { code: 'illegal_posting', zh: '乱张贴、乱涂写' },
      townName: '泽国镇',
      mayVerify: true,
      mayRate: false,
      mergedInto: null,
    });
    expect(v.timeline.map((t: { action: string }) => t.action)).toEqual([
      'report',
      'triage',
      'dispatch',
      'accept',
      'handle',
    ]);
    for (const secret of ['13600004444', '陈芳', '电线杆', '某路 12 号', 'teamId', 'proposal', '请尽快处理'])
      expect(res.body).not.toContain(secret);
  });

  it('lets the citizen fail, then pass verification, and rate once', async () => {
    const { token, id } = await citizenReport('piled_materials');
    await handle(id);
    let v = (await post(`/api/public/events/${token}/verify`, { passed: false, note: '还没清理干净' })).json();
    expect(v.status).toBe('accepted');
    const reopened = (await s.call({ method: 'GET', url: `/api/events/${id}`, cookie: c['operator'] })).json();
    expect(reopened).toMatchObject({ reopenCount: 1 });
    expect(reopened.timeline.at(-1)).toMatchObject({
      action: 'verify',
      actorRole: 'anonymous',
      detail: { citizen: true },
    });
    const m = multipart(TINY_JPEG, 'after2.jpg', 'image/jpeg');
    const photo = await s.call({ method: 'POST', url: '/api/events/photos?kind=after', cookie: c['officer'], ...m });
    const handled = await post(
      `/api/events/${id}/handle`,
      { outcome: 'fixed_on_site', version: reopened.version, note: '已彻底清除', photoIds: [photo.json().id] },
      'officer',
    );
    expect(handled.statusCode, handled.body).toBe(200);
    v = (await post(`/api/public/events/${token}/verify`, { passed: true })).json();
    expect(v).toMatchObject({ status: 'closed', mayRate: true, mayVerify: false });
    v = (await post(`/api/public/events/${token}/rate`, { rating: 5, comment: '处理及时' })).json();
    expect(v).toMatchObject({ rating: 5, mayRate: false });

    const before = await counts();
    const twice = await post(`/api/public/events/${token}/rate`, { rating: 1 });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().details.map((d: { rule: string }) => d.rule)).toContain('EVT-RATED');
    const closed = await post(`/api/public/events/${token}/verify`, { passed: true });
    expect(closed.statusCode).toBe(422);
    expect(closed.json()).toMatchObject({
      code: 'EVENT_STEP_REFUSED',
      message: { zh: expect.any(String), en: expect.any(String) },
      details: [{ rule: 'EVT-STATUS', message: { zh: expect.stringContaining('closed'), en: expect.any(String) } }],
    });
    const range = await post(`/api/public/events/${token}/rate`, { rating: 6 });
    expect(range.statusCode).toBe(400);
    expect(range.json().details[0]).toMatchObject({ path: 'body.rating', rule: 'rating_range' });
    expect(await counts()).toEqual(before);
    expect((await s.verifyAudit()).ok).toBe(true);
  });

  it('refuses verification before handling, and unknown or malformed tokens, writing nothing', async () => {
    const { token } = await citizenReport('outdoor_advertising');
    const before = await counts();
    const early = await post(`/api/public/events/${token}/verify`, { passed: true });
    expect(early.statusCode).toBe(422);
    expect(early.json().details[0].rule).toBe('EVT-STATUS');
    const unknown = await post('/api/public/events/AAAAAAAAAAAAAAAAAAAAAAAA/verify', { passed: true });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({
      code: 'NOT_FOUND',
      message: { zh: expect.any(String), en: expect.any(String) },
      details: [{ path: 'params.token', rule: 'token_exists' }],
    });
    expect((await s.call({ method: 'GET', url: '/api/public/events/AAAAAAAAAAAAAAAAAAAAAAAA' })).statusCode).toBe(404);
    const malformed = await s.call({ method: 'GET', url: '/api/public/events/short' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().details[0]).toMatchObject({ path: 'params.token', rule: 'token_format' });
    expect(await counts()).toEqual(before);
  });

  it('a merged report shows its master’s progress', async () => {
    const master = await citizenReport('greenery_damage');
    const dup = await citizenReport('greenery_damage');
    const merged = await post(`/api/events/${dup.id}/merge`, { version: 1, masterId: master.id }, 'operator');
    expect(merged.statusCode, merged.body).toBe(200);
    await post(`/api/events/${master.id}/triage`, { version: 1 }, 'operator');
    const v = (await s.call({ method: 'GET', url: `/api/public/events/${dup.token}` })).json();
    expect(v).toMatchObject({ status: 'triaged', mergedInto: { no: master.no, status: 'triaged' }, mayVerify: false });
    expect(v.timeline.map((t: { action: string }) => t.action)).toEqual(['report', 'merge']);
  });
});
