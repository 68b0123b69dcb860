import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { STORAGE_KEY, unavailable, type FileStore } from './store.ts';

export interface S3Settings {
  /** Unset: AWS itself (by region). Set for any S3-compatible server (MinIO, Ceph, OSS/COS in S3 mode). */
  endpoint?: string | undefined;
  region: string;
  bucket: string;
  /** Unset: the SDK's own chain (environment, profile, instance role). */
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  /** `http://host/bucket/key` instead of `http://bucket.host/key` (MinIO and most self-hosted servers). */
  forcePathStyle: boolean;
}

const statusOf = (err: unknown) => (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

/** Files as objects in an S3-compatible bucket, one per content address. */
export function createS3Store(s: S3Settings): FileStore {
  const client = new S3Client({
    region: s.region,
    ...(s.endpoint ? { endpoint: s.endpoint } : {}),
    forcePathStyle: s.forcePathStyle,
    ...(s.accessKeyId && s.secretAccessKey
      ? { credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey } }
      : {}),
    // Checksums only where the API requires them: since 2025 the SDK otherwise sends every upload as aws-chunked
    // with a trailing CRC, which many S3-compatible servers do not decode and store as part of the object (seen
    // with s3rver: 53 bytes of framing in a 100 kB object). The bytes are checked by their SHA-256 anyway.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // An unreachable store must fail the upload in seconds, not hang the request.
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 30_000 },
    maxAttempts: 3,
  });
  const checked = (key: string) => {
    if (!STORAGE_KEY.test(key)) throw new Error(`not a storage key: ${key}`);
    return key;
  };

  const has = async (key: string) => {
    try {
      await client.send(new HeadObjectCommand({ Bucket: s.bucket, Key: checked(key) }));
      return true;
    } catch (err) {
      if (statusOf(err) === 404) return false;
      throw unavailable('s3', err);
    }
  };

  return {
    kind: 's3',
    has,

    async put(key, file) {
      // One HEAD saves sending bytes the bucket already holds (the key is their hash).
      if (await has(key)) return 'present';
      try {
        await client.send(
          new PutObjectCommand({
            Bucket: s.bucket,
            Key: key,
            Body: createReadStream(file.path),
            ContentLength: file.bytes,
            ContentType: file.mime,
          }),
        );
      } catch (err) {
        throw unavailable('s3', err);
      }
      return 'stored';
    },

    async open(key) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: s.bucket, Key: checked(key) }));
        return out.Body as Readable;
      } catch (err) {
        if (statusOf(err) === 404) throw new Error(`stored object missing: ${key}`, { cause: err });
        throw unavailable('s3', err);
      }
    },

    close() {
      client.destroy();
    },
  };
}
