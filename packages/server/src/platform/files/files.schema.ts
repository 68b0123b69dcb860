import {
  bigint,
  boolean,
  doublePrecision,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { CUSTODY_ACTIONS } from '@openenforce/domain/files';

/**
 * One row per upload (not per content): who uploaded it, when, under which name and with which capture facts are
 * facts of the upload, and an evidence record keeps each of them. The bytes are content-addressed: the storage key
 * is derived from the SHA-256, so the same bytes uploaded twice are one stored object that two rows point at.
 * The type is the one detected from the bytes (magic numbers), never the client's word.
 */
export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sha256: text('sha256').notNull(),
    /** Detected from the first bytes. */
    mime: text('mime').notNull(),
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    /** Where the store keeps the bytes: `ab/<sha256>.<ext>` (the same key in the local directory and in S3). */
    storageKey: text('storage_key').notNull(),
    /** What the uploader said the file is for; a link to a record carries it as its kind. */
    purpose: text('purpose'),
    /** The client's file name, as it was sent (for display; may hold personal data, so it is not audited). */
    originalName: text('original_name'),
    /** Capture facts, when the file carries them (EXIF of a photo): when, where (WGS-84) and with what. */
    capturedAt: timestamp('captured_at', { withTimezone: true }),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    /** The position's accuracy in metres, when the client sent one (EXIF places carry none we read). */
    accuracy: doublePrecision('accuracy'),
    device: text('device'),
    /**
     * What the client said about the capture (time, place, accuracy, device), as sent. The columns above prefer the
     * file's own EXIF block and fall back to this; both stay, so that a disagreement can be seen later.
     */
    clientCapture: jsonb('client_capture').$type<ClientCapture>(),
    /** Null for an upload made without a signed-in user. */
    uploadedBy: uuid('uploaded_by'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('files_sha256_idx').on(t.sha256), index('files_uploaded_by_idx').on(t.uploadedBy, t.uploadedAt)],
);

export type FileRow = typeof files.$inferSelect;

/** The client's word about a capture (the phone's clock, GPS fix and model), each part optional. */
export interface ClientCapture {
  capturedAt?: string;
  lat?: number;
  lng?: number;
  accuracy?: number;
  device?: string;
}

/**
 * What happened to a file, and who did it (chain of custody): receipt, every view and download through the platform,
 * every grant (share) to another agency, transfer and revocation. Append-only (trigger; no UPDATE/DELETE privilege),
 * written in the transaction of the act it records, next to its audit record.
 */
export type CustodyAction = (typeof CUSTODY_ACTIONS)[number];

export const fileCustody = pgTable(
  'file_custody',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    action: text('action', { enum: CUSTODY_ACTIONS }).notNull(),
    /** Who: the signed-in user (null for an upload without one) and the role they acted in. */
    actorId: uuid('actor_id'),
    actorRole: text('actor_role'),
    /** Why: the purpose the user gave (a download's reason, a grant's purpose). */
    purpose: text('purpose'),
    /** The agency a grant, transfer or revocation names. */
    agencyId: uuid('agency_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('file_custody_file_idx').on(t.fileId, t.id)],
);

export type CustodyRow = typeof fileCustody.$inferSelect;

/**
 * Files shared with another agency: a grant is a row naming the same stored file (the recipient reads the same
 * bytes, the same hash), never a copy. A revocation is another row that names the grant it ends; nothing is deleted.
 */
export const fileGrants = pgTable(
  'file_grants',
  {
    id: uuid('id').primaryKey(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    agencyId: uuid('agency_id').notNull(),
    kind: text('kind', { enum: ['grant', 'revoke'] }).notNull(),
    /** A revocation: the grant it ends (one revocation per grant). */
    revokes: uuid('revokes').references((): AnyPgColumn => fileGrants.id),
    /** A grant made for a transfer of the matter (移送) rather than to share for reading. */
    transfer: boolean('transfer').notNull().default(false),
    purpose: text('purpose').notNull(),
    by: uuid('by'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('file_grants_file_idx').on(t.fileId, t.agencyId), uniqueIndex('file_grants_revokes_key').on(t.revokes)],
);

export type GrantRow = typeof fileGrants.$inferSelect;

/**
 * A link table between one kind of record and its files: `(owner_id, file_id, step_id, kind)`. A context declares
 * its own in one line, in its own schema, e.g. `fileLinks('x_files', 'x_id', () => xs.id, ['before', 'after'])`.
 * The owner column keeps the context's name in SQL; in TypeScript it is `ownerId`, so that the platform's link
 * functions work on every link table.
 *
 * `singleOwner`: a file may be linked to one record of this kind only (a unique index on file_id). It is what makes
 * "attach only an unattached file" hold under concurrency: a second link waits for the first and then finds it.
 */
export function fileLinks<const K extends readonly [string, ...string[]]>(
  name: string,
  ownerColumn: string,
  owner: () => AnyPgColumn,
  kinds: K,
  opts: { singleOwner?: boolean } = {},
) {
  return pgTable(
    name,
    {
      ownerId: uuid(ownerColumn).notNull().references(owner),
      fileId: uuid('file_id')
        .notNull()
        .references(() => files.id),
      /** The step of the record's timeline that linked it (null when linked outside a step). */
      stepId: bigint('step_id', { mode: 'number' }),
      kind: text('kind', { enum: kinds }).notNull(),
    },
    (t) => [
      primaryKey({ name: `${name}_pkey`, columns: [t.ownerId, t.fileId] }),
      ...(opts.singleOwner ? [uniqueIndex(`${name}_file_key`).on(t.fileId)] : [index(`${name}_file_idx`).on(t.fileId)]),
    ],
  );
}

export type FileLinkTable = ReturnType<typeof fileLinks>;
