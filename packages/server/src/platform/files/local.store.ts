import { copyFile, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { STORAGE_KEY, unavailable, type FileStore } from './store.ts';

/** Errors of the disk itself (full, read-only, no permission): the store is unavailable, as S3 would be. */
const DISK_ERRORS = new Set(['ENOSPC', 'EROFS', 'EACCES', 'EPERM', 'EIO', 'EDQUOT']);

/** Files in a local directory, one per content address. */
export function createLocalStore(root: string): FileStore {
  const pathOf = (key: string) => {
    if (!STORAGE_KEY.test(key)) throw new Error(`not a storage key: ${key}`);
    return join(root, key);
  };
  const fail = (err: unknown): never => {
    if (DISK_ERRORS.has((err as { code?: string }).code ?? '')) throw unavailable('local', err);
    throw err;
  };
  const has = async (key: string) => {
    try {
      await stat(pathOf(key));
      return true;
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') return false;
      return fail(err);
    }
  };

  return {
    kind: 'local',
    has,

    async put(key, file) {
      if (await has(key)) return 'present';
      const target = pathOf(key);
      try {
        await mkdir(dirname(target), { recursive: true });
        // A rename is atomic: a reader never sees half an object. Two uploads of the same bytes may race here;
        // either rename leaves the same content in place.
        await rename(file.path, target).catch(async (err: { code?: string }) => {
          if (err.code !== 'EXDEV') throw err;
          // The spool directory is on another file system: copy to a sibling, then rename.
          const tmp = `${target}.${process.pid}.tmp`;
          await copyFile(file.path, tmp);
          await rename(tmp, target);
          await rm(file.path, { force: true });
        });
      } catch (err) {
        return fail(err);
      }
      return 'stored';
    },

    async open(key) {
      // Open first, so that a missing file is an error here and not half-way through a response.
      const handle = await open(pathOf(key), 'r').catch(fail);
      return handle.createReadStream();
    },

    close() {},
  };
}
