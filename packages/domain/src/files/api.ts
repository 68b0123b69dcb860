import { z } from 'zod';

/*
 * API contracts of the platform's files (packages/server/src/platform/files): evidence upload with the phone's hash,
 * the file's facts, its chain of custody and its grants to other agencies. Nothing here names a context.
 */

/** What an upload is for; it decides the file types accepted (`FILE_KIND_FAMILIES`) and is the file's link kind. */
export const FILE_KINDS = ['photo', 'video', 'audio', 'document', 'signature', 'evidence'] as const;
export const fileKind = z.enum(FILE_KINDS);
export type FileKind = z.infer<typeof fileKind>;

/** A SHA-256 as hex (the header the phone sends; lower case is what the server names). */
export const sha256Hex = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, 'sha256_hex')
  .transform((s) => s.toLowerCase());

/** The header that carries the hash the phone computed before the upload. */
export const SHA256_HEADER = 'x-content-sha256';

/**
 * POST /api/files?kind=…&capturedAt=…: the client's word about the capture (`captureQuery`), each part optional: the phone's time of
 * capture, its position (WGS-84) with accuracy in metres, and its model. EXIF in the file, where present, is kept
 * in preference; both are stored.
 */
export const captureQuery = z.object({
  capturedAt: z.iso.datetime({ offset: true }).optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  accuracy: z.coerce.number().min(0).max(100_000).optional(),
  device: z.string().trim().min(1).max(200).optional(),
});
export type CaptureQuery = z.infer<typeof captureQuery>;

export const fileUploadQuery = captureQuery.extend({ kind: fileKind });
export type FileUploadQuery = z.infer<typeof fileUploadQuery>;

export const fileUploadHeaders = z.object({ [SHA256_HEADER]: sha256Hex });

/**
 * The acknowledgement of an upload: the file's id and the hash the server computed while receiving it, which is
 * the hash the phone sent (else the upload was refused). A phone deletes its copy only after an acknowledgement
 * naming that hash.
 */
export const fileAck = z.object({
  id: z.uuid(),
  sha256: z.string(),
  kind: z.string(),
  mime: z.string(),
  bytes: z.number().int(),
});
export type FileAck = z.infer<typeof fileAck>;

export const fileIdParams = z.object({ id: z.uuid() });

/** Why a file is opened (kept in the chain of custody). */
export const fileReadQuery = z.object({ purpose: z.string().trim().min(1).max(200).optional() });

export const grantView = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  purpose: z.string(),
  transfer: z.boolean(),
  by: z.uuid().nullable(),
  at: z.string(),
  /** When it ended (its revocation row), or null while it holds. */
  revokedAt: z.string().nullable(),
});
export type GrantView = z.infer<typeof grantView>;

/** GET /api/files/:id: the facts of a file (the same hash for every reader, grant recipients included). */
export const fileView = z.object({
  id: z.uuid(),
  sha256: z.string(),
  kind: z.string().nullable(),
  mime: z.string(),
  bytes: z.number().int(),
  uploadedAt: z.string(),
  uploadedBy: z.uuid().nullable(),
  capturedAt: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  accuracy: z.number().nullable(),
  device: z.string().nullable(),
  /** How the reader sees it: as within the scope of the file's record (or its uploader), or through a grant. */
  access: z.enum(['scope', 'grant']),
  grants: z.array(grantView),
});
export type FileView = z.infer<typeof fileView>;

export const CUSTODY_ACTIONS = ['upload', 'view', 'download', 'grant', 'transfer', 'revoke'] as const;

export const custodyEntry = z.object({
  id: z.number().int(),
  action: z.enum(CUSTODY_ACTIONS),
  at: z.string(),
  actor: z.object({ id: z.uuid(), name: z.string().nullable(), role: z.string().nullable() }).nullable(),
  purpose: z.string().nullable(),
  agencyId: z.uuid().nullable(),
});
export type CustodyEntry = z.infer<typeof custodyEntry>;

export const custodyView = z.object({ fileId: z.uuid(), sha256: z.string(), items: z.array(custodyEntry) });
export type CustodyView = z.infer<typeof custodyView>;

/** POST /api/files/:id/grants: share the file with another agency (a transfer: `transfer: true`). */
export const grantRequest = z.object({
  agencyId: z.uuid(),
  purpose: z.string().trim().min(2).max(200),
  transfer: z.boolean().default(false),
});
export type GrantRequest = z.input<typeof grantRequest>;

export const grantParams = z.object({ id: z.uuid(), grantId: z.uuid() });
export const revokeRequest = z.object({ reason: z.string().trim().min(2).max(200) });
