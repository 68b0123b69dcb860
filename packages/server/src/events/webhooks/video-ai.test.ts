import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridOfUser, pointIn } from '../../../test/events-support.ts';
import { DRIVERS, TEST_NOW, testServer, type TestServer } from '../../../test/harness.ts';
import { DEMO_API_CLIENTS } from '../../demo/api-clients.ts';

const NOW_S = Math.floor(Date.parse(TEST_NOW) / 1000);
const { id: CLIENT, secret: SECRET } = DEMO_API_CLIENTS.videoAi;

/** A delivery as the vendor sends it: the signature over "timestamp.rawBody" (computed here from the spec). */
function delivery(body: object | string, opts: { ts?: number; secret?: string; client?: string } = {}) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const ts = String(opts.ts ?? NOW_S);
  const sig = createHmac('sha256', opts.secret ?? SECRET)
    .update(`${ts}.${raw}`)
    .digest('hex');
  return {
    payload: raw,
    headers: {
      'content-type': 'application/json',
      'x-client-id': opts.client ?? CLIENT,
      'x-timestamp': ts,
      'x-signature': `sha256=${sig}`,
    },
  };
}

describe.each(DRIVERS)('video-AI webhook on %s', (driver) => {
  let s: TestServer;
  let alarm: Record<string, unknown>;
  beforeAll(async () => {
    s = await testServer(driver, { WEBHOOK_MAX_SKEW_SECONDS: '300' });
    const spot = await pointIn(s, (await gridOfUser(s, 'gridworker'))!);
    alarm = {
      alarmId: 'ALM-0001',
      type: 'illegal_parking',
      cameraId: 'CAM-ZG-017',
      ...spot,
      capturedAt: '2026-11-22T09:58:00+08:00',
      confidence: 0.93,
      imageUrl: 'https://video.example.com/snap/ALM-0001.jpg',
    };
  });
  afterAll(() => s?.close());

  const post = (d: ReturnType<typeof delivery>) => s.call({ method: 'POST', url: '/api/webhooks/video-ai', ...d });
  const count = async (table: string) =>
    (await s.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
  const counts = async () => [await count('events'), await count('event_steps'), await count('audit_log')];

  it('takes a signed alarm as a video-AI event; a redelivery answers the same event and writes nothing', async () => {
    const first = await post(delivery(alarm));
    expect(first.statusCode, first.body).toBe(201);
    const created = first.json();
    expect(created).toMatchObject({ status: 'reported', replay: false, no: expect.stringMatching(/^SJ/) });
    const [row] = await s.database.query<Record<string, unknown>>(
      'SELECT source, external_id, category, description, reported_at, proposal IS NOT NULL AS routed FROM events WHERE id = $1',
      [created.id],
    );
    expect(row).toMatchObject({
      source: 'video_ai',
      external_id: 'demo-video-ai:ALM-0001',
      category: 'illegal_parking',
      routed: true,
    });
    expect(row!.description).toContain('置信度 93%');
    expect((row!.reported_at as Date).toISOString()).toBe('2026-11-22T01:58:00.000Z');
    const after = await counts();
    // The vendor retries (a later timestamp, so a new signature): same event, nothing new.
    const again = await post(delivery(alarm, { ts: NOW_S + 30 }));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ ...created, replay: true });
    expect(await counts()).toEqual(after);
  });

  it('refuses bad signatures, unknown clients, stale timestamps and tampered bodies, writing nothing', async () => {
    const before = await counts();
    const body = { ...alarm, alarmId: 'ALM-0002' };

    const wrongSecret = await post(delivery(body, { secret: 'guessed' }));
    expect(wrongSecret.statusCode).toBe(401);
    expect(wrongSecret.json()).toMatchObject({
      code: 'WEBHOOK_SIGNATURE_INVALID',
      message: { zh: '签名校验失败', en: 'The signature does not match' },
      details: [{ path: 'headers.x-signature', rule: 'hmac_sha256' }],
    });
    const tampered = delivery(body);
    tampered.payload = tampered.payload.replace('0.93', '0.99');
    expect((await post(tampered)).json().code).toBe('WEBHOOK_SIGNATURE_INVALID');
    const unsigned = delivery(body);
    const { 'x-signature': _sig, ...noSignature } = unsigned.headers;
    expect(
      (await s.call({ method: 'POST', url: '/api/webhooks/video-ai', payload: unsigned.payload, headers: noSignature }))
        .statusCode,
    ).toBe(401);
    const stranger = await post(delivery(body, { client: 'nobody' }));
    expect(stranger.json()).toMatchObject({
      code: 'WEBHOOK_SIGNATURE_INVALID',
      details: [{ path: 'headers.x-client-id' }],
    });
    // An Open311 client is not a camera platform.
    expect((await post(delivery(body, { client: DEMO_API_CLIENTS.open311.id }))).statusCode).toBe(401);

    const stale = await post(delivery(body, { ts: NOW_S - 301 }));
    expect(stale.statusCode).toBe(401);
    expect(stale.json()).toMatchObject({
      code: 'WEBHOOK_REPLAYED',
      message: { zh: expect.stringContaining('重放'), en: expect.stringContaining('replay') },
      details: [{ path: 'headers.x-timestamp', rule: 'max_skew_seconds:300' }],
    });
    expect((await post(delivery(body, { ts: NOW_S + 301 }))).json().code).toBe('WEBHOOK_REPLAYED');
    expect((await post(delivery(body, { ts: NOW_S - 299 }))).statusCode).toBe(201);
    expect(await counts()).not.toEqual(before);
  });

  it('validates the signed body: categories video AI may raise, coordinates, JSON', async () => {
    const before = await counts();
    const noise = await post(delivery({ ...alarm, alarmId: 'ALM-0010', type: 'noise' }));
    expect(noise.statusCode).toBe(422);
    expect(noise.json()).toMatchObject({
      code: 'EVENT_CATEGORY_UNKNOWN',
      details: [{ path: 'body.type', rule: 'video_ai_category' }],
    });
    const outside = await post(delivery({ ...alarm, alarmId: 'ALM-0011', lng: 120.1, lat: 30.2 }));
    expect(outside.statusCode).toBe(422);
    expect(outside.json().code).toBe('EVENT_OUTSIDE_COUNTY');
    const impossible = await post(delivery({ ...alarm, alarmId: 'ALM-0012', lat: 91 }));
    expect(impossible.statusCode).toBe(400);
    expect(impossible.json().details[0]).toMatchObject({ path: 'body.lat', rule: 'lat_range' });
    const missing = await post(delivery({ ...alarm, alarmId: undefined }));
    expect(missing.statusCode).toBe(400);
    const broken = await post(delivery('{"alarmId": '));
    expect(broken.statusCode).toBe(400);
    expect(broken.json().code).toBe('MALFORMED_JSON');
    expect(await counts()).toEqual(before);
  });
});
