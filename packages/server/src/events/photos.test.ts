import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegWithExif } from '../../test/exif-support.ts';
import { gridOfUser, multipart, pointIn, TINY_JPEG } from '../../test/events-support.ts';
import { STORES, testStore, type TestStore } from '../../test/file-stores.ts';
import { DRIVERS, testServer, type TestServer } from '../../test/harness.ts';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const matrix = DRIVERS.flatMap((driver) => STORES.map((store) => [driver, store] as const));

/** Event photos are platform files: upload, attach by a step, read back — on every driver and every store. */
describe.each(matrix)('event photos on %s with the %s store', (driver, kind) => {
  let s: TestServer;
  let store: TestStore;
  let spot: { lng: number; lat: number };
  const c: Record<string, string> = {};
  beforeAll(async () => {
    store = await testStore(kind);
    s = await testServer(driver, { ...store.env, EVENT_PHOTO_MAX_BYTES: '4096' });
    for (const u of ['gridworker', 'operator', 'officer']) c[u] = await s.login(u);
    spot = await pointIn(s, (await gridOfUser(s, 'gridworker'))!);
  });
  afterAll(async () => {
    await s?.close();
    await store?.close();
  });

  const upload = (bytes: Buffer, o: { who?: string; kind?: string; name?: string; type?: string } = {}) =>
    s.call({
      method: 'POST',
      url: `/api/events/photos?kind=${o.kind ?? 'report'}`,
      cookie: c[o.who ?? 'gridworker'],
      ...multipart(bytes, o.name ?? 'p.jpg', o.type ?? 'image/jpeg'),
    });
  const count = async (sql: string, params: unknown[] = []) =>
    (await s.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n;

  it('uploads, attaches at the report step and serves the bytes; upload and link are audited', async () => {
    const photo = jpegWithExif({ takenAt: '2026:11:22 08:15:00', ...spot, make: 'Xiaomi', model: '14' });
    const up = await upload(photo, { name: '现场.jpg' });
    expect(up.statusCode, up.body).toBe(201);
    const body = up.json();
    expect(body).toEqual({
      id: expect.any(String),
      kind: 'report',
      mime: 'image/jpeg',
      bytes: photo.length,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // Before it is attached only its uploader sees it.
    expect(
      (await s.call({ method: 'GET', url: `/api/events/photos/${body.id}`, cookie: c['gridworker'] })).statusCode,
    ).toBe(200);
    expect(
      (await s.call({ method: 'GET', url: `/api/events/photos/${body.id}`, cookie: c['operator'] })).statusCode,
    ).toBe(404);

    const res = await s.call({
      method: 'POST',
      url: '/api/events',
      cookie: c['gridworker'],
      payload: { category: 'exposed_garbage', description: '照片存储测试', ...spot, photoIds: [body.id] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const eventId = res.json().event.id as string;
    const detail = (await s.call({ method: 'GET', url: `/api/events/${eventId}`, cookie: c['operator'] })).json();
    expect(detail.photos).toEqual([
      expect.objectContaining({ id: body.id, kind: 'report', url: `/api/events/photos/${body.id}` }),
    ]);
    const got = await s.call({ method: 'GET', url: `/api/events/photos/${body.id}`, cookie: c['operator'] });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/jpeg');
    expect(got.rawPayload.equals(photo)).toBe(true);

    const [link] = await s.database.query<{ step_id: number; action: string; device: string }>(
      `SELECT l.step_id, st.action, f.device FROM event_files l JOIN event_steps st ON st.id = l.step_id
         JOIN files f ON f.id = l.file_id WHERE l.event_id = $1`,
      [eventId],
    );
    expect(link).toMatchObject({ action: 'report', device: 'Xiaomi 14' });
    expect(await count(`audit_log WHERE action = 'file.upload' AND entity_id = $1`, [body.id])).toBe(1);
    expect(
      await count(`audit_log WHERE action = 'file.link' AND entity_type = 'event_files' AND entity_id = $1`, [eventId]),
    ).toBe(1);
    // The old relation still reads (a view now).
    expect(await count(`event_photos WHERE id = $1 AND event_id = $2`, [body.id, eventId])).toBe(1);
    // A photo belongs to one event: attaching it again is refused.
    const again = await s.call({
      method: 'POST',
      url: '/api/events',
      cookie: c['gridworker'],
      payload: { category: 'exposed_garbage', description: '再次使用同一照片', ...spot, photoIds: [body.id] },
    });
    expect(again.statusCode).toBe(422);
    expect(again.json().details[0]).toMatchObject({ path: 'body.photoIds', rule: 'own_unattached_photo' });
    expect((await s.verifyAudit()).ok).toBe(true);
  });

  it('the same photo uploaded twice is one stored object and two uploads', async () => {
    const objects = await store.objects(s.deps.config.DATA_DIR);
    const a = (await upload(TINY_JPEG, { who: 'officer', kind: 'after' })).json();
    const b = (await upload(TINY_JPEG, { who: 'gridworker' })).json();
    expect(a.sha256).toBe(b.sha256);
    expect(a.id).not.toBe(b.id);
    // TINY_JPEG may already be stored by an earlier upload of this file: at most one new object.
    expect(await store.objects(s.deps.config.DATA_DIR)).toBeLessThanOrEqual(objects + 1);
    const [keys] = await s.database.query<{ n: number }>(
      'SELECT count(DISTINCT storage_key)::int AS n FROM files WHERE id IN ($1, $2)',
      [a.id, b.id],
    );
    expect(keys!.n).toBe(1);
  });

  it('refuses bytes that are not the declared type, and oversized photos, in zh and en; nothing stored', async () => {
    const before = [await count('files'), await count('audit_log'), await store.objects(s.deps.config.DATA_DIR)];
    const lying = await upload(PNG, { name: 'p.jpg', type: 'image/jpeg' });
    expect(lying.statusCode).toBe(415);
    expect(lying.json()).toMatchObject({
      code: 'FILE_TYPE_MISMATCH',
      message: { zh: '文件内容与声明的类型不符', en: 'The content of the file does not match its declared type' },
      details: [{ path: 'body.file', rule: 'declared:jpeg,bytes:png' }],
    });
    const big = await upload(Buffer.concat([TINY_JPEG.subarray(0, 4), Buffer.alloc(8192, 1)]));
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({
      code: 'EVENT_PHOTO_TOO_LARGE',
      details: [{ path: 'body.file', rule: 'max_bytes:4096' }],
    });
    expect([await count('files'), await count('audit_log'), await store.objects(s.deps.config.DATA_DIR)]).toEqual(
      before,
    );
    // A PNG declared as a PNG is a photo.
    expect((await upload(PNG, { name: 'p.png', type: 'image/png' })).statusCode).toBe(201);
  });

  if (kind === 's3')
    it('an S3 outage: the upload fails with 503 STORAGE_UNAVAILABLE in zh and en, and no file row is left', async () => {
      const before = [await count('files'), await count('audit_log')];
      await store.stop();
      try {
        const res = await upload(jpegWithExif({ takenAt: '2026:11:22 09:00:00', ...spot, make: 'A', model: 'B' }));
        expect(res.statusCode).toBe(503);
        expect(res.json()).toMatchObject({
          code: 'STORAGE_UNAVAILABLE',
          message: {
            zh: '文件存储暂不可用，文件未保存，请稍后重试',
            en: 'File storage is unavailable: nothing was saved, try again later',
          },
          details: [{ path: 'storage' }],
        });
        expect([await count('files'), await count('audit_log')]).toEqual(before);
      } finally {
        await store.start();
      }
      expect((await upload(TINY_JPEG)).statusCode).toBe(201);
    });
});
