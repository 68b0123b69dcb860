import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { DomainError, type ErrorCode } from '@openenforce/domain/errors';
import type { Actor } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import type { PlatformDeps } from '../deps.ts';
import { custodyRow } from './custody.ts';
import { fileCustody, files, type ClientCapture, type CustodyAction, type FileRow } from './files.schema.ts';
import { captureFacts } from './metadata.ts';
import { spool } from './spool.ts';
import type { FileStore } from './store.ts';
import { declaredType, detectType, FILE_TYPES, sameType, type FileTypeName } from './types.ts';

/** What a caller accepts: at most so many bytes, of these types. */
export interface UploadPolicy {
  /** The largest file of any accepted type (the ceiling while the type is not yet known). */
  maxBytes: number;
  types: readonly FileTypeName[];
  /** A smaller limit for some types (a photo's is not a video's), known once the first bytes are in. */
  maxBytesByType?: Partial<Record<FileTypeName, number>>;
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
  /** The SHA-256 the client computed before sending (hex): the bytes received must have it, or nothing is stored. */
  sha256?: string | undefined;
  /** The client's word about the capture (time, place, device); the file's EXIF is preferred where it has any. */
  capture?: ClientCapture | undefined;
}

/** The request header or field the hash refusal names. */
export const SHA256_FIELD = 'headers.x-content-sha256';

/**
 * Files: receive, check, store, record. The order is what keeps a row from ever pointing at nothing:
 *   1. spool the stream to a temporary file, counting and hashing (over the type's limit → refused, nothing stored);
 *   2. compare the hash with the one the client computed (a mismatch: the bytes changed on the way → refused);
 *   3. check the type by the bytes (and against the declared one);
 *   4. write the object (content-addressed: if it is already there, it stays as it is);
 *   5. then, in one transaction, the row, the first entry of its chain of custody (receipt) and its audit record.
 * If 4 fails (the store is down) nothing is written and the upload is refused with 503. If 5 fails, the object
 * stays without a row: harmless, since the next upload of the same bytes finds it, and an object no row names is
 * never served. A row is never changed afterwards (a trigger refuses it): evidence is not overwritten.
 */
export function createFileService(deps: PlatformDeps, store: FileStore) {
  const { database, audit, clock, config } = deps;
  const spoolDir = join(config.DATA_DIR, 'tmp', 'uploads');

  return {
    store,

    async upload(input: Upload, policy: UploadPolicy, actor: Actor): Promise<FileRow> {
      const field = policy.field ?? 'body.file';
      const byType = policy.maxBytesByType;
      const limitFor = byType
        ? (head: Buffer) => {
            const t = detectType(head);
            return (t && byType[t.name]) ?? policy.maxBytes;
          }
        : undefined;
      const spooled = await spool(input.stream, spoolDir, policy.maxBytes, limitFor);
      if ('tooLarge' in spooled) {
        throw new DomainError(policy.tooLarge ?? 'FILE_TOO_LARGE', [
          { path: field, rule: `max_bytes:${spooled.tooLarge}` },
        ]);
      }
      try {
        // Checked first: bytes changed on the way are no evidence of anything, whatever their type.
        if (input.sha256 !== undefined && input.sha256.toLowerCase() !== spooled.sha256) {
          throw new DomainError('FILE_HASH_MISMATCH', [
            { path: SHA256_FIELD, rule: `sha256_mismatch:${spooled.sha256}` },
          ]);
        }
        const type = detectType(spooled.head);
        if (!type || !policy.types.includes(type.name)) {
          throw new DomainError(policy.notAllowed ?? 'FILE_TYPE_NOT_ALLOWED', [
            { path: field, rule: `file_types:${policy.types.join(',')}` },
          ]);
        }
        // A client that names a type of ours must name the one the bytes are: a PDF sent as a photo is refused,
        // not quietly stored as something else. An unnamed or unknown type leaves the decision to the bytes.
        const declared = declaredType(input.declaredType);
        if (declared && !sameType(declared, type)) {
          throw new DomainError('FILE_TYPE_MISMATCH', [
            { path: field, rule: `declared:${declared.name},bytes:${type.name}` },
          ]);
        }
        const key = `${spooled.sha256.slice(0, 2)}/${spooled.sha256}.${type.ext}`;
        const facts = await captureFacts(spooled.head, type);
        await store.put(key, { path: spooled.path, bytes: spooled.bytes, mime: type.mime });
        const now = clock.now();
        const client = input.capture && Object.keys(input.capture).length > 0 ? input.capture : null;
        const clientAt = client?.capturedAt ? new Date(client.capturedAt) : null;
        const clientPlace = client && client.lat !== undefined && client.lng !== undefined;
        const exifPlace = facts.lat !== null && facts.lng !== null;
        const row: FileRow = {
          id: randomUUID(),
          sha256: spooled.sha256,
          mime: type.mime,
          bytes: spooled.bytes,
          storageKey: key,
          purpose: input.purpose,
          originalName: input.name.slice(0, 200) || null,
          // The file's own EXIF first (written at capture), the client's word where the file has none.
          capturedAt: facts.capturedAt ?? (clientAt && !Number.isNaN(clientAt.getTime()) ? clientAt : null),
          lat: exifPlace ? facts.lat : clientPlace ? client.lat! : null,
          lng: exifPlace ? facts.lng : clientPlace ? client.lng! : null,
          accuracy: exifPlace ? null : clientPlace ? (client.accuracy ?? null) : null,
          device: facts.device ?? client?.device ?? null,
          clientCapture: client,
          uploadedBy: actor.id,
          uploadedAt: now,
        };
        await database.db.transaction(async (tx) => {
          await tx.insert(files).values(row);
          await tx.insert(fileCustody).values(custodyRow(row.id, 'upload', actor, now));
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
     * A custody entry (view, download …) and its audit record, in one transaction: for a read, the read is the act
     * it records. A context that serves a file through its own route calls this too.
     */
    async recordCustody(
      fileId: string,
      action: CustodyAction,
      actor: Actor,
      o: { purpose?: string | null | undefined; agencyId?: string | null } = {},
    ): Promise<void> {
      const now = clock.now();
      await database.db.transaction(async (tx) => {
        await tx.insert(fileCustody).values(custodyRow(fileId, action, actor, now, o));
        await audit.append(
          tx,
          actor,
          { action: `file.${action}`, entityType: 'file', entityId: fileId, after: { purpose: o.purpose ?? null } },
          now,
        );
      });
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
        accuracy: null,
        device: null,
        clientCapture: null,
        uploadedBy: actor.id,
        uploadedAt: now,
      };
      await tx.insert(files).values(row);
      // Its custody starts like any upload's: the server is the one who put it there.
      await tx.insert(fileCustody).values(custodyRow(row.id, 'upload', actor, now, { purpose: meta.purpose }));
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
