import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '@openenforce/domain/errors';

/** The one file of the request, in memory (the multipart size limit applies: too large → 413). */
export async function readUpload(req: FastifyRequest): Promise<{ bytes: Buffer; filename: string }> {
  const part = await req.file();
  if (!part || part.fieldname !== 'file') {
    throw new DomainError('VALIDATION_FAILED', [{ path: 'body.file', rule: 'required' }]);
  }
  return { bytes: await part.toBuffer(), filename: part.filename ?? '' };
}

/**
 * The one file of the request as a stream, for the file store: it counts the bytes as they come and stops storing
 * past its limit, so the file is never held in memory. The caller must read the stream to its end.
 */
export async function uploadPart(
  req: FastifyRequest,
): Promise<{ stream: Readable & { truncated?: boolean }; name: string; declaredType: string }> {
  const part = await req.file();
  if (!part || part.fieldname !== 'file') {
    part?.file.resume(); // read and drop it, so that the request ends and the answer goes out
    throw new DomainError('VALIDATION_FAILED', [{ path: 'body.file', rule: 'required' }]);
  }
  return { stream: part.file, name: part.filename ?? '', declaredType: part.mimetype };
}

/** Content-Disposition with an ASCII fallback and the Chinese name per RFC 5987/6266. */
export function attachment(name: { zh: string; ascii: string }): string {
  const encoded = encodeURIComponent(name.zh).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${name.ascii}"; filename*=UTF-8''${encoded}`;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
