import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DomainError } from '@openenforce/domain/errors';
import type { Actor } from '../platform/audit/index.ts';
import type { PlatformDeps } from '../platform/deps.ts';
import { eventPhotos } from './events.schema.ts';

/** Image types by their first bytes: the name and the declared type are the client's word, the bytes are not. */
export function sniffImage(bytes: Buffer): { mime: string; ext: string } | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return { mime: 'image/jpeg', ext: 'jpg' };
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return { mime: 'image/png', ext: 'png' };
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP')
    return { mime: 'image/webp', ext: 'webp' };
  return null;
}

/**
 * Evidence photos on local disk under DATA_DIR/evidence, content-addressed (SHA-256), so the same photo uploaded
 * twice is stored once and a stored file can be checked against its row.
 */
export function createPhotoStore(deps: PlatformDeps) {
  const root = join(deps.config.DATA_DIR, 'evidence');
  const pathOf = (key: string) => join(root, key);

  return {
    async save(bytes: Buffer, kind: 'report' | 'before' | 'after', fileName: string, actor: Actor) {
      if (bytes.length > deps.config.EVENT_PHOTO_MAX_BYTES)
        throw new DomainError('EVENT_PHOTO_TOO_LARGE', [
          { path: 'body.file', rule: `max_bytes:${deps.config.EVENT_PHOTO_MAX_BYTES}` },
        ]);
      const type = sniffImage(bytes);
      if (!type) throw new DomainError('EVENT_PHOTO_TYPE', [{ path: 'body.file', rule: 'jpeg_png_webp' }]);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const key = `${sha256.slice(0, 2)}/${sha256}.${type.ext}`;
      await mkdir(dirname(pathOf(key)), { recursive: true });
      await writeFile(pathOf(key), bytes);
      const now = deps.clock.now();
      const row = {
        id: randomUUID(),
        kind,
        mime: type.mime,
        bytes: bytes.length,
        sha256,
        storageKey: key,
        fileName: fileName.slice(0, 200) || null,
        uploadedBy: actor.id,
        uploadedAt: now,
      };
      await deps.database.db.transaction(async (tx) => {
        await tx.insert(eventPhotos).values(row);
        await deps.audit.append(
          tx,
          actor,
          {
            action: 'event.photo',
            entityType: 'event_photo',
            entityId: row.id,
            after: { ...row, fileName: undefined },
          },
          now,
        );
      });
      return { id: row.id, kind, mime: type.mime, bytes: bytes.length, sha256 };
    },

    read: (key: string) => readFile(pathOf(key)),
  };
}

export type PhotoStore = ReturnType<typeof createPhotoStore>;
