import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridOfUser, multipart, pointIn, TINY_JPEG } from '../../test/events-support.ts';
import { DRIVERS, testServer, type TestServer } from '../../test/harness.ts';

/** Patrol and department referral come in through POST /api/events; the channel follows from the role. */
describe.each(DRIVERS)('signed-in intake channels and photo uploads on %s', (driver) => {
  let s: TestServer;
  let spot: { lng: number; lat: number };
  const c: Record<string, string> = {};
  beforeAll(async () => {
    // A small photo limit, so that "too large" needs no megabytes.
    s = await testServer(driver, { EVENT_PHOTO_MAX_BYTES: '2048' });
    spot = await pointIn(s, (await gridOfUser(s, 'gridworker'))!);
    for (const u of ['officer', 'dept', 'operator']) c[u] = await s.login(u);
  });
  afterAll(() => s?.close());

  const post = (payload: object, who: string) =>
    s.call({ method: 'POST', url: '/api/events', payload, cookie: c[who] });
  const count = async (table: string) =>
    (await s.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

  it('an officer’s report is a patrol finding', async () => {
    const res = await post({ category: 'outside_shop', description: '巡查发现店外摆摊', ...spot }, 'officer');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().event).toMatchObject({ source: 'patrol', status: 'reported', townId: '331081006' });
    expect(res.json().token).toBeNull();
  });

  it('a department’s report is a referral, idempotent by its referral number', async () => {
    const referral = {
      category: 'construction_waste',
      description: '住建局移交：工地渣土乱倒',
      ...spot,
      externalId: 'ZJJ-YJ-2026-0042',
    };
    const first = await post(referral, 'dept');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().event).toMatchObject({ source: 'department' });
    const detail = (
      await s.call({ method: 'GET', url: `/api/events/${first.json().event.id}`, cookie: c['operator'] })
    ).json();
    expect(detail.externalId).toBe('ZJJ-YJ-2026-0042');
    const events = await count('events');
    const again = await post(referral, 'dept');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ replay: true, event: { id: first.json().event.id } });
    expect(await count('events')).toBe(events);
  });

  it('refuses oversized and non-image photos in zh and en, storing nothing', async () => {
    const before = [await count('event_photos'), await count('audit_log')];
    const upload = (bytes: Buffer, name: string, type: string) =>
      s.call({ method: 'POST', url: '/api/events/photos', cookie: c['officer'], ...multipart(bytes, name, type) });
    const big = Buffer.concat([TINY_JPEG.subarray(0, 4), Buffer.alloc(4096, 1)]);
    const tooLarge = await upload(big, 'big.jpg', 'image/jpeg');
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({
      code: 'EVENT_PHOTO_TOO_LARGE',
      message: { zh: '图片过大', en: 'The image is too large' },
      details: [{ path: 'body.file', rule: 'max_bytes:2048' }],
    });
    // A PDF named and declared as a JPEG: the bytes decide.
    const pdf = await upload(Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj'), 'photo.jpg', 'image/jpeg');
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json()).toMatchObject({
      code: 'EVENT_PHOTO_TYPE',
      message: { zh: '仅支持 JPEG、PNG 或 WebP 图片', en: 'Only JPEG, PNG or WebP images are accepted' },
    });
    expect([await count('event_photos'), await count('audit_log')]).toEqual(before);
    const ok = await upload(TINY_JPEG, 'ok.jpg', 'image/jpeg');
    expect(ok.statusCode).toBe(201);
  });
});
