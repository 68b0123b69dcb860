import type { Actor } from '../platform/audit/index.ts';
import type { PlatformDeps } from '../platform/deps.ts';
import type { FileService, Upload, UploadPolicy } from '../platform/files/index.ts';

/**
 * Evidence files (APL-46) are platform files uploaded before the step that registers them (`record_evidence`), which
 * links them to the case (`case_files`, kind `evidence`) with the item's type, capture time, place and device. Photos
 * and scanned records: JPEG, PNG, WebP or PDF by their bytes, at most CASE_EVIDENCE_MAX_BYTES.
 */
export function createEvidenceUploads(deps: PlatformDeps, files: FileService) {
  const policy: UploadPolicy = { maxBytes: deps.config.CASE_EVIDENCE_MAX_BYTES, types: ['jpeg', 'png', 'webp', 'pdf'] };
  return async function upload(file: Omit<Upload, 'purpose'>, actor: Actor) {
    const saved = await files.upload({ ...file, purpose: 'evidence' }, policy, actor);
    return {
      id: saved.id,
      mime: saved.mime,
      bytes: saved.bytes,
      sha256: saved.sha256,
      capturedAt: saved.capturedAt ? saved.capturedAt.toISOString() : null,
    };
  };
}

export type EvidenceUploads = ReturnType<typeof createEvidenceUploads>;
