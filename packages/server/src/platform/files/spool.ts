import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

/** Bytes kept in memory from the start of a file: enough for the magic numbers and a photo's EXIF block. */
export const HEAD_BYTES = 128 * 1024;

export interface Spooled {
  /** A temporary file with the bytes; the caller moves it into the store or removes it (`discard`). */
  path: string;
  bytes: number;
  sha256: string;
  head: Buffer;
  discard(): Promise<void>;
}

/**
 * Receive a stream into a temporary file under `dir`, counting and hashing as it flows: memory holds one chunk
 * and the head, never the file. Past `maxBytes` nothing more is written and the temporary file is removed; the rest
 * of the stream is still read and dropped, so that an HTTP client gets its answer on a usable connection (the
 * multipart parser's own limit bounds how much that is). Returns null when the stream was too large.
 *
 * A file is spooled before it is stored because its storage key is its hash, known only at the end, and because a
 * file over the limit must never reach the store.
 */
export async function spool(source: Readable & { truncated?: boolean }, dir: string, maxBytes: number) {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${randomUUID()}.part`);
  const discard = () => rm(path, { force: true });
  const file = await open(path, 'wx');
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headBytes = 0;
  let bytes = 0;
  let tooLarge = false;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (tooLarge) continue;
      if (bytes > maxBytes) {
        tooLarge = true;
        continue;
      }
      hash.update(chunk);
      if (headBytes < HEAD_BYTES) {
        const part = chunk.subarray(0, HEAD_BYTES - headBytes);
        head.push(Buffer.from(part));
        headBytes += part.length;
      }
      await file.write(chunk);
    }
    // The multipart parser cut the file at its own limit (UPLOAD_LIMIT): too large as well.
    if (source.truncated) tooLarge = true;
    await file.close();
  } catch (err) {
    await file.close().catch(() => undefined);
    await discard();
    throw err;
  }
  if (tooLarge) {
    await discard();
    return null;
  }
  return { path, bytes, sha256: hash.digest('hex'), head: Buffer.concat(head), discard } satisfies Spooled;
}
