import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { DomainError, type ErrorCode } from '@openenforce/domain/errors';
import type { Actor } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import type { PlatformDeps } from '../deps.ts';
import { files, type FileRow } from './files.schema.ts';
import { captureFacts } from './metadata.ts';
import { spool } from './spool.ts';
import type { FileStore } from './store.ts';
import { declaredType, detectType, FILE_TYPES, type FileTypeName } from './types.ts';

/** What a caller accepts: at most so many bytes, of these types. */
export interface UploadPolicy {
  maxBytes: number;
  types: readonly FileTypeName[];
  /** Catalogue ids of the two refusals, so that a context keeps its own words (default FILE_TOO_LARGE / FILE_TYPE_NOT_ALLOWED). */
  tooLarge?: ErrorCode;
  notAllowed?: ErrorCode;
  /** The request field the refusals name. */
  field?: string;
}

/** One incoming file: its bytes as a stream (never buffered whole) and the client's word about it. */
export interface Upload {
  stream: Readable & { truncated?: boolean };
  /** The client's file name. */
  name: string;
  /** The Content-Type the client declared for it. */
  declaredType?: string | undefined;
  /** What it is for (a link kind), kept until it is linked. */
  purpose: string | null;
}

/**
 * Files: receive, check, store, record. The order is what keeps a row from ever pointing at nothing:
 *   1. spool the stream to a temporary file, counting and hashing (over the limit → refused, nothing stored);
 *   2. check the type by the bytes (and against the declared one);
 *   3. write the object (content-addressed: if it is already there, it stays as it is);
 *   4. then, in one transaction, the row and its audit record.
 * If 3 fails (the store is down) nothing is written and the upload is refused with 503. If 4 fails, the object
 * stays without a row: harmless, since the next upload of the same bytes finds it, and an object no row names is
 * never served.
 */
export function createFileService(deps: PlatformDeps, store: FileStore) {
  const { database, audit, clock, config } = deps;
  const spoolDir = join(config.DATA_DIR, 'tmp', 'uploads');

  return {
    store,

    async upload(input: Upload, policy: UploadPolicy, actor: Actor): Promise<FileRow> {
      const field = policy.field ?? 'body.file';
      const spooled = await spool(input.stream, spoolDir, policy.maxBytes);
      if (!spooled) {
        throw new DomainError(policy.tooLarge ?? 'FILE_TOO_LARGE', [
          { path: field, rule: `max_bytes:${policy.maxBytes}` },
        ]);
      }
      try {
        const type = detectType(spooled.head);
        if (!type || !policy.types.includes(type.name)) {
          throw new DomainError(policy.notAllowed ?? 'FILE_TYPE_NOT_ALLOWED', [
            { path: field, rule: policy.types.join('_') },
          ]);
        }
        // A client that names a type of ours must name the one the bytes are: a PDF sent as a photo is refused,
        // not quietly stored as something else. An unnamed or unknown type leaves the decision to the bytes.
        const declared = declaredType(input.declaredType);
        if (declared && declared.mime !== type.mime) {
          throw new DomainError('FILE_TYPE_MISMATCH', [
            { path: field, rule: `declared:${declared.name},bytes:${type.name}` },
          ]);
        }
        const key = `${spooled.sha256.slice(0, 2)}/${spooled.sha256}.${type.ext}`;
        const facts = await captureFacts(spooled.head, type);
        await store.put(key, { path: spooled.path, bytes: spooled.bytes, mime: type.mime });
        const now = clock.now();
        const row: FileRow = {
          id: randomUUID(),
          sha256: spooled.sha256,
          mime: type.mime,
          bytes: spooled.bytes,
          storageKey: key,
          purpose: input.purpose,
          originalName: input.name.slice(0, 200) || null,
          ...facts,
          uploadedBy: actor.id,
          uploadedAt: now,
        };
        await database.db.transaction(async (tx) => {
          await tx.insert(files).values(row);
          await audit.append(
            tx,
            actor,
            // The client's file name stays out of the audit log: names of files often carry names of people.
            { action: 'file.upload', entityType: 'file', entityId: row.id, after: { ...row, originalName: undefined } },
            now,
          );
        });
        return row;
      } finally {
        await spooled.discard();
      }
    },

    /**
     * Store bytes the server made itself (an issued document's PDF) in the caller's transaction: the object is
     * written first (content-addressed, so a rolled-back transaction leaves at most an object no row names, which is
     * never served), then the row and its audit record in `tx`.
     */
    async storeBytes(
      tx: Db,
      bytes: Uint8Array,
      meta: { type: FileTypeName; purpose: string; name: string },
      actor: Actor,
      now: Date,
    ): Promise<FileRow> {
      const type = FILE_TYPES[meta.type];
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const key = `${sha256.slice(0, 2)}/${sha256}.${type.ext}`;
      if (!(await store.has(key))) {
        await mkdir(spoolDir, { recursive: true });
        const path = join(spoolDir, `${randomUUID()}.${type.ext}`);
        await writeFile(path, bytes);
        try {
          await store.put(key, { path, bytes: bytes.byteLength, mime: type.mime });
        } finally {
          await rm(path, { force: true });
        }
      }
      const row: FileRow = {
        id: randomUUID(),
        sha256,
        mime: type.mime,
        bytes: bytes.byteLength,
        storageKey: key,
        purpose: meta.purpose,
        originalName: meta.name.slice(0, 200),
        capturedAt: null,
        lng: null,
        lat: null,
        device: null,
        uploadedBy: actor.id,
        uploadedAt: now,
      };
      await tx.insert(files).values(row);
      await audit.append(tx, actor, { action: 'file.store', entityType: 'file', entityId: row.id, after: row }, now);
      return row;
    },

    /** A stored file's bytes, whole (small files: a document's PDF, a signature image). */
    async readBytes(key: string): Promise<Buffer> {
      const chunks: Buffer[] = [];
      for await (const c of await store.open(key)) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    },

    async get(db: Db, id: string): Promise<FileRow | undefined> {
      const rows = await db.select().from(files).where(eq(files.id, id));
      return rows[0];
    },

    /** The stored bytes of a file (by its storage key). */
    open: (key: string) => store.open(key),

    close: () => store.close(),
  };
}

export type FileService = ReturnType<typeof createFileService>;
