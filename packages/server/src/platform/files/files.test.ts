import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '@openenforce/domain/errors';
import { jpegWithExif } from '../../../test/exif-support.ts';
import { STORES, testStore, type TestStore } from '../../../test/file-stores.ts';
import { DRIVERS, testServer, type TestServer } from '../../../test/harness.ts';
import type { Actor } from '../audit/index.ts';
import type { UploadPolicy } from './files.service.ts';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('IHDR-and-some-bytes-of-a-tiny-picture'),
]);
const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n');
const IMAGES: UploadPolicy = { maxBytes: 64 * 1024, types: ['jpeg', 'png'] };
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const matrix = DRIVERS.flatMap((driver) => STORES.map((store) => [driver, store] as const));

describe.each(matrix)('files on %s with the %s store', (driver, kind) => {
  let s: TestServer;
  let store: TestStore;
  const actor: Actor = { id: randomUUID(), role: 'officer', clientIp: '127.0.0.1', requestId: null };
  beforeAll(async () => {
    store = await testStore(kind);
    s = await testServer(driver, store.env);
  });
  afterAll(async () => {
    await s?.close();
    await store?.close();
  });

  const files = () => s.services.files;
  const upload = (bytes: Buffer | Readable, o: { declared?: string; policy?: UploadPolicy; name?: string } = {}) =>
    files().upload(
      {
        stream: Buffer.isBuffer(bytes) ? Readable.from([bytes]) : bytes,
        name: o.name ?? 'x.bin',
        declaredType: o.declared,
        purpose: 'report',
      },
      o.policy ?? IMAGES,
      actor,
    );
  const count = async (sql: string, params: unknown[] = []) =>
    (await s.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n;
  const state = async () => [
    await count('files'),
    await count('audit_log'),
    await store.objects(s.deps.config.DATA_DIR),
    spooled(),
  ];
  const spooled = () => {
    try {
      return readdirSync(join(s.deps.config.DATA_DIR, 'tmp', 'uploads')).length;
    } catch {
      return 0;
    }
  };
  const read = async (key: string) => {
    const chunks: Buffer[] = [];
    for await (const c of await files().open(key)) chunks.push(Buffer.from(c as Buffer));
    return Buffer.concat(chunks);
  };
  const refusal = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DomainError);
    return err as DomainError;
  };

  it('stores the same bytes once, with a row and an audit record per upload; the type is the bytes’', async () => {
    const objects = await store.objects(s.deps.config.DATA_DIR);
    // Declared as anything at all: the bytes decide.
    const a = await upload(PNG, { declared: 'application/octet-stream', name: '现场.png' });
    const b = await upload(PNG);
    expect(a).toMatchObject({
      sha256: sha(PNG),
      mime: 'image/png',
      bytes: PNG.length,
      storageKey: `${sha(PNG).slice(0, 2)}/${sha(PNG)}.png`,
      purpose: 'report',
      originalName: '现场.png',
      uploadedBy: actor.id,
    });
    expect(b.id).not.toBe(a.id);
    expect(b.storageKey).toBe(a.storageKey);
    expect(await store.objects(s.deps.config.DATA_DIR)).toBe(objects + 1);
    expect(await count(`files WHERE sha256 = $1`, [sha(PNG)])).toBe(2);
    expect(await count(`audit_log WHERE action = 'file.upload' AND entity_id IN ($1, $2)`, [a.id, b.id])).toBe(2);
    expect((await read(a.storageKey)).equals(PNG)).toBe(true);
    expect(spooled()).toBe(0);
  });

  it('keeps when, where and with what a photo was taken, from its EXIF block', async () => {
    const photo = jpegWithExif({
      takenAt: '2026:11:21 09:30:00',
      lat: 28.3725,
      lng: 121.3861,
      make: 'HUAWEI',
      model: 'Mate 60',
    });
    const f = await upload(photo, { declared: 'image/jpeg' });
    expect(f.mime).toBe('image/jpeg');
    // A bare EXIF time is the device's China time.
    expect(f.capturedAt?.toISOString()).toBe('2026-11-21T01:30:00.000Z');
    expect(f.lat).toBeCloseTo(28.3725, 4);
    expect(f.lng).toBeCloseTo(121.3861, 4);
    expect(f.device).toBe('HUAWEI Mate 60');
    const [row] = await s.database.query<{ captured_at: unknown; device: string }>(
      'SELECT captured_at, device FROM files WHERE id = $1',
      [f.id],
    );
    expect(row!.device).toBe('HUAWEI Mate 60');
    const withZone = await upload(
      jpegWithExif({ takenAt: '2026:11:21 09:30:00', offset: '+09:00', lat: 0, lng: 0, make: 'X', model: 'Y' }),
    );
    expect(withZone.capturedAt?.toISOString()).toBe('2026-11-21T00:30:00.000Z');
    expect([withZone.lat, withZone.lng]).toEqual([null, null]); // 0,0: no fix
  });

  it('refuses a type the bytes are not allowed to be, or one that contradicts the declared type; stores nothing', async () => {
    const before = await state();
    const pdf = await refusal(upload(PDF, { declared: 'image/jpeg', name: 'photo.jpg' }));
    expect(pdf.code).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(pdf.details).toEqual([{ path: 'body.file', rule: 'file_types:jpeg,png' }]);
    const unknown = await refusal(upload(Buffer.from('just some text')));
    expect(unknown.code).toBe('FILE_TYPE_NOT_ALLOWED');
    const lying = await refusal(upload(PNG, { declared: 'image/jpeg' }));
    expect(lying.code).toBe('FILE_TYPE_MISMATCH');
    expect(lying.details).toEqual([{ path: 'body.file', rule: 'declared:jpeg,bytes:png' }]);
    expect(await state()).toEqual(before);
    // The same PDF where PDFs are allowed.
    const ok = await upload(PDF, { declared: 'application/pdf', policy: { maxBytes: 1024, types: ['pdf'] } });
    expect(ok.mime).toBe('application/pdf');
  });

  it('refuses a file over the limit while it streams, never writing past the limit', async () => {
    const before = await state();
    const spoolDir = join(s.deps.config.DATA_DIR, 'tmp', 'uploads');
    let produced = 0;
    let largestSpooled = 0;
    // 4 MB arriving in 16 kB chunks, against a 64 kB limit; the source checks what has been written meanwhile.
    async function* big() {
      const chunk = Buffer.concat([PNG, Buffer.alloc(16 * 1024 - PNG.length, 7)]);
      for (let i = 0; i < 256; i++) {
        produced += chunk.length;
        for (const f of safeList(spoolDir)) largestSpooled = Math.max(largestSpooled, safeSize(join(spoolDir, f)));
        yield i === 0 ? chunk : Buffer.alloc(16 * 1024, i);
      }
    }
    const err = await refusal(upload(Readable.from(big())));
    expect(err.code).toBe('FILE_TOO_LARGE');
    expect(err.details).toEqual([{ path: 'body.file', rule: `max_bytes:${64 * 1024}` }]);
    expect(produced).toBe(256 * 16 * 1024); // read to the end (the client gets its answer), not stored
    expect(largestSpooled).toBeLessThanOrEqual(64 * 1024);
    expect(await state()).toEqual(before);
  });

  if (kind === 's3')
    it('an S3 outage fails the upload with 503 and leaves no row', async () => {
      const before = await state();
      await store.stop();
      try {
        const err = await refusal(
          upload(jpegWithExif({ takenAt: '2026:01:01 00:00:00', lat: 1, lng: 1, make: 'A', model: 'B' })),
        );
        expect(err.code).toBe('STORAGE_UNAVAILABLE');
        expect(err.details[0]).toMatchObject({ path: 'storage' });
        expect([await count('files'), await count('audit_log'), spooled()]).toEqual([before[0], before[1], 0]);
      } finally {
        await store.start();
      }
      // Back again: the same upload goes through.
      const f = await upload(jpegWithExif({ takenAt: '2026:01:01 00:00:00', lat: 1, lng: 1, make: 'A', model: 'B' }));
      expect(await files().store.has(f.storageKey)).toBe(true);
    });

  if (kind === 'local')
    it('reads the bytes photos were stored with before files existed (evidence/ab/sha.ext)', async () => {
      // The local store's directory is the one photos always used: a key written there is readable as it was.
      const f = await upload(PNG);
      expect(statSync(join(s.deps.config.DATA_DIR, 'evidence', f.storageKey)).size).toBe(PNG.length);
      await expect(files().open(`00/${'0'.repeat(64)}.png`)).rejects.toThrow();
      await expect(files().open('../../etc/passwd')).rejects.toThrow(/not a storage key/);
    });
});

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
function safeSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
