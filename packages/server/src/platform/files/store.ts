import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { DomainError } from '@openenforce/domain/errors';
import type { Config } from '../../config.ts';
import { createLocalStore } from './local.store.ts';

/**
 * Where the bytes of files live, behind one interface: a local directory (default) or S3-compatible object storage
 * (`FILE_STORE=s3`). Keys are content addresses (`ab/<sha256>.<ext>`), the same in every store, so a directory can be
 * copied into a bucket as it is.
 */
export interface FileStore {
  readonly kind: 'local' | 's3';
  /**
   * Store a spooled file under `key`, unless an object is already there: the key is the content's hash, so an
   * object under it holds these very bytes ('present'). Throws STORAGE_UNAVAILABLE when the store cannot be reached.
   */
  put(key: string, file: { path: string; bytes: number; mime: string }): Promise<'stored' | 'present'>;
  /** The object's bytes; STORAGE_UNAVAILABLE when the store cannot be reached, an Error when the object is gone. */
  open(key: string): Promise<Readable>;
  /** Whether an object is stored under the key. */
  has(key: string): Promise<boolean>;
  close(): void;
}

/** The local directory of files: existing photo bytes have always lived there (DATA_DIR/evidence/ab/<sha>.<ext>). */
export const localRoot = (config: Config) => join(config.DATA_DIR, 'evidence');

/** The configured store. The S3 SDK is loaded only when it is used: importing it costs over a second. */
export async function fileStoreFromConfig(config: Config): Promise<FileStore> {
  if (config.FILE_STORE === 's3') {
    const { createS3Store } = await import('./s3.store.ts');
    return createS3Store({
      endpoint: config.S3_ENDPOINT,
      region: config.S3_REGION,
      bucket: config.S3_BUCKET!,
      accessKeyId: config.S3_ACCESS_KEY_ID,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
    });
  }
  return createLocalStore(localRoot(config));
}

/** The store could not be reached or refused the request: the upload fails as a whole (503), nothing is written. */
export function unavailable(kind: FileStore['kind'], cause: unknown): DomainError {
  const name = (cause as { name?: string; code?: string }).code ?? (cause as { name?: string }).name ?? 'error';
  // The cause goes to the log with the 503 (the error handler logs every 5xx with its error).
  return Object.assign(new DomainError('STORAGE_UNAVAILABLE', [{ path: 'storage', rule: `${kind}:${name}` }]), {
    cause,
  });
}

/** Keys are ours (hash + extension); checking them keeps a bad row from reading outside the store. */
export const STORAGE_KEY = /^[0-9a-f]{2}\/[0-9a-f]{64}\.[a-z0-9]{1,8}$/;
