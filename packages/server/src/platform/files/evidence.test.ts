import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegWithExif } from '../../../test/exif-support.ts';
import { gridOfUser, multipart, pointIn } from '../../../test/events-support.ts';
import { sample } from '../../../test/file-samples.ts';
import { STORES, testStore, type TestStore } from '../../../test/file-stores.ts';
import { DRIVERS, testServer, type TestServer } from '../../../test/harness.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const matrix = DRIVERS.flatMap((driver) => STORES.map((store) => [driver, store] as const));

/**
 * The evidence chain through the platform's files routes (issue 11 §6): the phone's hash checked on receipt, types
 * by their bytes with a limit per family, capture facts, the chain of custody, grants to another agency on the same
 * stored object, and rows that are never changed — on both drivers and both stores.
 */
describe.each(matrix)('evidence files on %s with the %s store', (driver, kind) => {
  let s: TestServer;
  let store: TestStore;
  const c: Record<string, string> = {};
  let ecology: string;
  beforeAll(async () => {
    store = await testStore(kind);
    s = await testServer(driver, { ...store.env, FILE_MAX_VIDEO_BYTES: '65536', FILE_MAX_PHOTO_BYTES: '262144' });
    for (const u of ['officer', 'leader', 'dept', 'supervisor', 'operator', 'gridworker']) c[u] = await s.login(u);
    const [a] = await s.database.query<{ agency_id: string }>(
      `SELECT p.agency_id FROM users u JOIN people p ON p.id = u.person_id WHERE u.username = 'dept'`,
    );
    ecology = a!.agency_id;
  });
  afterAll(async () => {
    await s?.close();
    await store?.close();
  });

  const upload = (
    bytes: Buffer,
    o: { who?: string; kind?: string; type?: string; hash?: string | null; query?: string } = {},
  ) => {
    const body = multipart(bytes, 'evidence.bin', o.type ?? 'application/octet-stream');
    const hash = o.hash === undefined ? sha(bytes) : o.hash;
    return s.call({
      method: 'POST',
      url: `/api/files?kind=${o.kind ?? 'evidence'}${o.query ?? ''}`,
      cookie: c[o.who ?? 'officer'],
      payload: body.payload,
      headers: { ...body.headers, ...(hash === null ? {} : { 'x-content-sha256': hash }) },
    });
  };
  const get = (url: string, who = 'officer') => s.call({ method: 'GET', url, cookie: c[who] });
  const count = async (sql: string, params: unknown[] = []) =>
    (await s.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n;
  const spooled = () => {
    try {
      return readdirSync(join(s.deps.config.DATA_DIR, 'tmp', 'uploads')).length;
    } catch {
      return 0;
    }
  };
  const state = async () => [
    await count('files'),
    await count('file_custody'),
    await count('audit_log'),
    await store.objects(s.deps.config.DATA_DIR),
    spooled(),
  ];

  it('acknowledges an upload with the hash it computed, which is the phone’s; the receipt opens the custody chain', async () => {
    const bytes = sample('mp4', 4000);
    const res = await upload(bytes, { kind: 'video', type: 'video/mp4' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({
      id: expect.any(String),
      sha256: sha(bytes),
      kind: 'video',
      mime: 'video/mp4',
      bytes: 4000,
    });
    // Upper-case hex is the same hash.
    const upper = await upload(sample('pdf', 300), { kind: 'document', hash: sha(sample('pdf', 300)).toUpperCase() });
    expect(upper.statusCode, upper.body).toBe(201);
    const [custody] = await s.database.query<{ action: string; actor_role: string }>(
      'SELECT action, actor_role FROM file_custody WHERE file_id = $1',
      [res.json().id],
    );
    expect(custody).toEqual({ action: 'upload', actor_role: 'officer' });
  });

  it('refuses a hash mismatch with 422 in zh/en naming the hash received; nothing stored, the spool emptied', async () => {
    const before = await state();
    const bytes = sample('jpeg', 2000);
    const res = await upload(bytes, { kind: 'photo', hash: sha(Buffer.from('other bytes')) });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'FILE_HASH_MISMATCH',
      message: { zh: expect.stringContaining('SHA-256'), en: expect.stringContaining('SHA-256') },
      details: [
        {
          path: 'headers.x-content-sha256',
          rule: `sha256_mismatch:${sha(bytes)}`,
          message: { zh: expect.stringContaining(sha(bytes)), en: expect.stringContaining(sha(bytes)) },
        },
      ],
    });
    // No hash at all, or one that is not a SHA-256: 400 naming the header.
    const none = await upload(bytes, { kind: 'photo', hash: null });
    expect(none.statusCode).toBe(400);
    expect(none.json().details).toEqual([
      expect.objectContaining({ path: 'headers.x-content-sha256', rule: 'sha256_required' }),
    ]);
    const malformed = await upload(bytes, { kind: 'photo', hash: 'abc' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().details[0]).toMatchObject({ path: 'headers.x-content-sha256', rule: 'sha256_hex' });
    expect(await state()).toEqual(before);
  });

  it('refuses a type that lies (415) and a type the kind does not take; nothing stored', async () => {
    const before = await state();
    const lying = await upload(sample('png', 500), { kind: 'evidence', type: 'video/mp4' });
    expect(lying.statusCode).toBe(415);
    expect(lying.json()).toMatchObject({
      code: 'FILE_TYPE_MISMATCH',
      details: [{ path: 'body.file', rule: 'declared:mp4,bytes:png' }],
    });
    const pdfAsPhoto = await upload(sample('pdf', 500), { kind: 'photo' });
    expect(pdfAsPhoto.statusCode).toBe(415);
    expect(pdfAsPhoto.json()).toMatchObject({
      code: 'FILE_TYPE_NOT_ALLOWED',
      details: [{ path: 'body.file', rule: 'file_types:jpeg,png,webp,heic', message: { zh: expect.any(String) } }],
    });
    const text = await upload(Buffer.from('plain text, no magic'), { kind: 'evidence' });
    expect(text.statusCode).toBe(415);
    expect(await state()).toEqual(before);
    // Each family of the issue is taken by its bytes.
    for (const t of ['heic', 'webp', 'mov', 'm4a', 'mp3', 'amr', 'wav', 'docx', 'xlsx'] as const) {
      const ok = await upload(sample(t, 600));
      expect(ok.statusCode, `${t}: ${ok.body}`).toBe(201);
    }
  });

  it('refuses an oversize video with 413 at the video limit, while a photo of that size passes', async () => {
    const before = await state();
    const video = sample('mp4', 100 * 1024);
    const res = await upload(video, { kind: 'video' });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: { zh: '文件过大', en: 'The file is too large' },
      details: [{ path: 'body.file', rule: 'max_bytes:65536', message: { zh: '文件不能超过 65536 字节' } }],
    });
    // The same size as evidence: the video limit still holds (the family is read from the bytes).
    expect((await upload(video, { kind: 'evidence' })).statusCode).toBe(413);
    expect(await state()).toEqual(before);
    expect((await upload(sample('jpeg', 100 * 1024), { kind: 'evidence' })).statusCode).toBe(201);
  });

  it('keeps capture time, place and device: the client’s word, and the EXIF block where the file has one', async () => {
    const q = '&capturedAt=2026-11-21T09:30:00%2B08:00&lat=28.37&lng=121.38&accuracy=12.5&device=Mate%2060';
    const plain = await upload(sample('png', 400), { kind: 'photo', query: q });
    expect(plain.statusCode, plain.body).toBe(201);
    const view = (await get(`/api/files/${plain.json().id}`)).json();
    expect(view).toMatchObject({
      capturedAt: '2026-11-21T01:30:00.000Z',
      lat: 28.37,
      lng: 121.38,
      accuracy: 12.5,
      device: 'Mate 60',
      access: 'scope',
    });
    const photo = jpegWithExif({ takenAt: '2026:11:20 08:00:00', lat: 28.1, lng: 121.1, make: 'Xiaomi', model: '14' });
    const exif = await upload(photo, { kind: 'photo', query: q });
    const f = (await get(`/api/files/${exif.json().id}`)).json();
    expect(f).toMatchObject({ capturedAt: '2026-11-20T00:00:00.000Z', device: 'Xiaomi 14', accuracy: null });
    expect(f.lat).toBeCloseTo(28.1, 4);
    const [row] = await s.database.query<{ client_capture: unknown }>(
      'SELECT client_capture FROM files WHERE id = $1',
      [exif.json().id],
    );
    expect(row!.client_capture).toEqual({
      capturedAt: '2026-11-21T09:30:00+08:00',
      lat: 28.37,
      lng: 121.38,
      accuracy: 12.5,
      device: 'Mate 60',
    });
  });

  it('records every view and download with who, when and why; the custody reader is gated and scoped', async () => {
    const bytes = sample('pdf', 1200);
    const id = (await upload(bytes, { kind: 'document' })).json().id as string;
    expect((await get(`/api/files/${id}?purpose=${encodeURIComponent('案件审查')}`)).statusCode).toBe(200);
    const dl = await get(`/api/files/${id}/content?purpose=court`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['x-content-sha256']).toBe(sha(bytes));
    expect(dl.rawPayload.equals(bytes)).toBe(true);
    const custody = await get(`/api/files/${id}/custody`);
    expect(custody.statusCode, custody.body).toBe(200);
    expect(custody.json()).toMatchObject({
      fileId: id,
      sha256: sha(bytes),
      items: [
        { action: 'upload', actor: { role: 'officer', name: expect.any(String) }, purpose: null },
        { action: 'view', purpose: '案件审查' },
        { action: 'download', purpose: 'court' },
      ],
    });
    expect(await count(`audit_log WHERE entity_id = $1 AND action IN ('file.view', 'file.download')`, [id])).toBe(2);
    // Without the permission: 403; with it but out of sight (another user's unlinked upload): 404, as if absent.
    expect((await get(`/api/files/${id}/custody`, 'dept')).statusCode).toBe(403);
    const hidden = await get(`/api/files/${id}/custody`, 'supervisor');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().details[0]).toMatchObject({ path: 'params.id', rule: 'file_exists' });
    // A refused read records nothing.
    const n = await count('file_custody WHERE file_id = $1', [id]);
    expect((await get(`/api/files/${id}/content`, 'dept')).statusCode).toBe(404);
    expect(await count('file_custody WHERE file_id = $1', [id])).toBe(n);
  });

  it('a file linked to a record is seen as the record is (its context decides), its uploader’s sight aside', async () => {
    const spot = await pointIn(s, (await gridOfUser(s, 'gridworker'))!);
    const photo = sample('jpeg', 800);
    const eventPhoto = (hash: string) => {
      const body = multipart(photo, 'p.jpg', 'image/jpeg');
      return s.call({
        method: 'POST',
        url: '/api/events/photos?kind=report&lat=28.5&lng=121.4&accuracy=8&capturedAt=2026-11-21T08:00:00Z',
        cookie: c['gridworker'],
        payload: body.payload,
        headers: { ...body.headers, 'x-content-sha256': hash },
      });
    };
    const up = await eventPhoto(sha(photo));
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json().sha256).toBe(sha(photo));
    const id = up.json().id as string;
    expect((await get(`/api/files/${id}`, 'gridworker')).json()).toMatchObject({
      lat: 28.5,
      lng: 121.4,
      accuracy: 8,
      capturedAt: '2026-11-21T08:00:00.000Z',
    });
    expect((await get(`/api/files/${id}`, 'operator')).statusCode).toBe(404);
    const report = await s.call({
      method: 'POST',
      url: '/api/events',
      cookie: c['gridworker'],
      payload: { category: 'exposed_garbage', description: '证据链测试', ...spot, photoIds: [id] },
    });
    expect(report.statusCode, report.body).toBe(201);
    // The command centre (county scope) sees it now, through the record it belongs to.
    expect((await get(`/api/files/${id}`, 'operator')).json()).toMatchObject({ sha256: sha(photo), access: 'scope' });
    // Served through the events' own route, a view is recorded in the chain of custody all the same.
    const views = () =>
      count(`file_custody WHERE file_id = $1 AND action = 'view' AND actor_role = 'command_operator'`, [id]);
    const before = await views();
    expect((await get(`/api/events/photos/${id}`, 'operator')).statusCode).toBe(200);
    expect(await views()).toBe(before + 1);
    // The events' own upload checks the phone's hash too.
    const bad = await eventPhoto('0'.repeat(64));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('FILE_HASH_MISMATCH');
  });

  it('shares with another agency as a grant on the same stored file; a revocation is a new row', async () => {
    const bytes = sample('jpeg', 3000);
    const id = (await upload(bytes, { who: 'leader', kind: 'photo' })).json().id as string;
    const objects = await store.objects(s.deps.config.DATA_DIR);
    expect((await get(`/api/files/${id}`, 'dept')).statusCode).toBe(404);

    const grant = (body: object, who = 'leader') =>
      s.call({ method: 'POST', url: `/api/files/${id}/grants`, cookie: c[who], payload: body });
    const g = await grant({ agencyId: ecology, purpose: '移送生态环境部门' });
    expect(g.statusCode, g.body).toBe(201);
    expect(g.json()).toMatchObject({ agencyId: ecology, transfer: false, revokedAt: null });
    // Granting again while it holds answers the same grant.
    const again = await grant({ agencyId: ecology, purpose: '移送生态环境部门' });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(g.json().id);
    // The recipient reads the same file: same id, same hash, same bytes; no copy was stored.
    const seen = await get(`/api/files/${id}?purpose=review`, 'dept');
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toMatchObject({ id, sha256: sha(bytes), access: 'grant' });
    const got = await get(`/api/files/${id}/content`, 'dept');
    expect(sha(got.rawPayload)).toBe(sha(bytes));
    expect(await store.objects(s.deps.config.DATA_DIR)).toBe(objects);
    expect(await count('files WHERE sha256 = $1', [sha(bytes)])).toBeGreaterThanOrEqual(1);
    // A recipient does not share on; refusals name the rule.
    expect((await grant({ agencyId: ecology, purpose: '再共享' }, 'officer')).statusCode).toBe(403);
    const unknown = await grant({ agencyId: '00000000-0000-4000-8000-000000000000', purpose: '不存在的机关' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ code: 'FILE_GRANT_REFUSED', details: [{ rule: 'agency_exists' }] });

    const revoke = (grantId: string) =>
      s.call({
        method: 'POST',
        url: `/api/files/${id}/grants/${grantId}/revoke`,
        cookie: c['leader'],
        payload: { reason: '移送已撤回' },
      });
    const r = await revoke(g.json().id);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().revokedAt).toEqual(expect.any(String));
    expect((await get(`/api/files/${id}`, 'dept')).statusCode).toBe(404);
    const twice = await revoke(g.json().id);
    expect(twice.statusCode).toBe(422);
    expect(twice.json().details[0]).toMatchObject({ rule: 'grant_live' });
    expect(await count(`file_grants WHERE file_id = $1`, [id])).toBe(2);

    // A transfer is a grant recorded as such.
    const t = await grant({ agencyId: ecology, purpose: '案件移送', transfer: true });
    expect(t.statusCode).toBe(201);
    const chain = (await get(`/api/files/${id}/custody`, 'leader')).json().items as { action: string }[];
    expect(chain.map((i) => i.action)).toEqual(['upload', 'grant', 'view', 'download', 'revoke', 'transfer']);
    expect((await get(`/api/files/${id}`, 'leader')).json().grants).toHaveLength(2);
    expect((await s.verifyAudit()).ok).toBe(true);
  });

  it('never changes a file, its custody or its grants: the database refuses (trigger, and privileges on PostgreSQL)', async () => {
    const id = (await upload(sample('png', 100), { kind: 'photo' })).json().id as string;
    for (const db of [s.database, s.owner]) {
      await expect(db.query(`UPDATE files SET mime = 'text/plain' WHERE id = $1`, [id])).rejects.toThrow();
      await expect(db.query(`DELETE FROM files WHERE id = $1`, [id])).rejects.toThrow();
      await expect(db.query(`UPDATE file_custody SET purpose = 'x' WHERE file_id = $1`, [id])).rejects.toThrow();
      await expect(db.query(`DELETE FROM file_custody WHERE file_id = $1`, [id])).rejects.toThrow();
      await expect(db.query(`DELETE FROM file_grants`)).rejects.toThrow(/append-only|permission/);
    }
    await expect(s.owner.query(`UPDATE files SET mime = 'text/plain' WHERE id = $1`, [id])).rejects.toThrow(
      /append-only/,
    );
    const [f] = await s.database.query<{ mime: string }>('SELECT mime FROM files WHERE id = $1', [id]);
    expect(f!.mime).toBe('image/png');
  });
});
