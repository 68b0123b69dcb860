import type { FileAck, FileKind } from '@openenforce/domain/files';
import { api, clientError, type Query } from '../app/api.ts';
import { sha256Hex } from './sha256.ts';

/**
 * An upload that proves itself (issue 11 §6): the SHA-256 is computed on the phone, sent with the bytes
 * (`X-Content-SHA256`), checked by the server while receiving, and the acknowledgement must name the same hash. Until
 * such an acknowledgement arrives the caller keeps its copy (a retry sends it again); an acknowledgement naming
 * another hash is treated as a failure, never as a receipt.
 */
export async function uploadWithHash<T extends { sha256: string }>(
  path: string,
  file: Blob,
  o: { query?: Query; name?: string; hash?: string } = {},
): Promise<T & { sha256: string }> {
  const hash = o.hash ?? (await sha256Hex(file));
  const form = new FormData();
  form.append('file', file, file instanceof File ? file.name : (o.name ?? 'file'));
  const ack = await api<T>(path, {
    method: 'POST',
    query: o.query,
    body: form,
    headers: { 'x-content-sha256': hash },
  });
  if (ack.sha256 !== hash) {
    throw clientError(422, 'FILE_HASH_MISMATCH');
  }
  return ack;
}

/** Capture facts the phone knows (its clock, its position fix, its model), sent beside the file. */
export interface CaptureFacts {
  capturedAt?: string;
  lat?: number;
  lng?: number;
  accuracy?: number;
  device?: string;
}

/** POST /api/files: a file of a kind (photo, video, audio, document, signature, evidence), with its hash and facts. */
export function uploadFile(file: Blob, kind: FileKind, capture: CaptureFacts = {}, name?: string): Promise<FileAck> {
  return uploadWithHash<FileAck>('/api/files', file, { query: { kind, ...capture }, name });
}
