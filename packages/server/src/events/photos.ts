import { eventInScope } from '@openenforce/domain/organization';
import type { Actor } from '../platform/audit/index.ts';
import type { PlatformDeps } from '../platform/deps.ts';
import type { FileService, FileSubject, Upload, UploadPolicy } from '../platform/files/index.ts';
import { eventsRepository } from './events.repository.ts';

export type PhotoKind = 'report' | 'before' | 'after';

/**
 * Evidence photos are platform files (content-addressed in the configured store) uploaded before the step that
 * uses them; the step links them to the event (`event_files`). The event centre keeps its own limit and words:
 * JPEG, PNG or WebP by their bytes, at most EVENT_PHOTO_MAX_BYTES.
 */
export function createPhotoStore(deps: PlatformDeps, files: FileService) {
  const policy: UploadPolicy = {
    maxBytes: deps.config.EVENT_PHOTO_MAX_BYTES,
    types: ['jpeg', 'png', 'webp'],
    tooLarge: 'EVENT_PHOTO_TOO_LARGE',
    notAllowed: 'EVENT_PHOTO_TYPE',
  };

  return {
    async save(upload: Omit<Upload, 'purpose'>, kind: PhotoKind, actor: Actor) {
      const file = await files.upload({ ...upload, purpose: kind }, policy, actor);
      return { id: file.id, kind, mime: file.mime, bytes: file.bytes, sha256: file.sha256 };
    },

    /** The bytes, after the view is recorded in the file's chain of custody (the store is opened first). */
    async read(file: { id: string; storageKey: string }, actor: Actor) {
      const stream = await files.open(file.storageKey);
      try {
        await files.recordCustody(file.id, 'view', actor);
      } catch (err) {
        stream.destroy();
        throw err;
      }
      return stream;
    },
  };
}

export type PhotoStore = ReturnType<typeof createPhotoStore>;

/**
 * Files linked to an event are seen as the event is (its town, domain, reporter): the platform's files routes ask
 * this for every file (custody, download, grants).
 */
export const eventFileSubject: FileSubject = {
  async visibility(db, fileId, reader) {
    const found = await eventsRepository.photo(db, fileId);
    if (!found?.photo.eventId) return null;
    return eventInScope(reader.scope, found);
  },
};
