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

/** A stream over its limit: how many bytes were allowed. */
export interface TooLarge {
  tooLarge: number;
}

/**
 * Receive a stream into a temporary file under `dir`, counting and hashing as it flows: memory holds one chunk
 * and the head, never the file. Past the limit nothing more is written and the temporary file is removed; the rest
 * of the stream is still read and dropped, so that an HTTP client gets its answer on a usable connection (the
 * multipart parser's own limit bounds how much that is). Returns `{ tooLarge }` when the stream was too large.
 *
 * The limit is `maxBytes`, or, with `limitFor`, what it says for the head once the head is complete (the first
 * HEAD_BYTES, or the whole stream if shorter): a limit per type, known from the magic bytes. Until then the ceiling
 * `maxBytes` applies: at most HEAD_BYTES are spooled before a type's own limit is known, never past the ceiling.
 *
 * A file is spooled before it is stored because its storage key is its hash, known only at the end, and because a
 * file over the limit must never reach the store.
 */
export async function spool(
  source: Readable & { truncated?: boolean },
  dir: string,
  maxBytes: number,
  limitFor?: (head: Buffer) => number,
): Promise<Spooled | TooLarge> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${randomUUID()}.part`);
  const discard = () => rm(path, { force: true });
  const file = await open(path, 'wx');
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headBytes = 0;
  let bytes = 0;
  let limit = maxBytes;
  let limitKnown = !limitFor;
  let tooLarge = false;
  const settleLimit = () => {
    if (limitKnown) return;
    limitKnown = true;
    limit = Math.min(maxBytes, limitFor!(Buffer.concat(head)));
  };
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (tooLarge) continue;
      if (headBytes < HEAD_BYTES) {
        const part = chunk.subarray(0, HEAD_BYTES - headBytes);
        head.push(Buffer.from(part));
        headBytes += part.length;
        if (headBytes >= HEAD_BYTES) settleLimit();
      }
      if (bytes > limit) {
        tooLarge = true;
        continue;
      }
      hash.update(chunk);
      await file.write(chunk);
    }
    settleLimit();
    // The multipart parser cut the file at its own limit (UPLOAD_LIMIT): too large as well.
    if (source.truncated || bytes > limit) tooLarge = true;
    await file.close();
  } catch (err) {
    await file.close().catch(() => undefined);
    await discard();
    // Past our limit, the parser's own limit while the rest is dropped is the same refusal, not another error.
    if (tooLarge) return { tooLarge: limit };
    throw err;
  }
  if (tooLarge) {
    await discard();
    return { tooLarge: limit };
  }
  return { path, bytes, sha256: hash.digest('hex'), head: Buffer.concat(head), discard } satisfies Spooled;
}
