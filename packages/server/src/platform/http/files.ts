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

/** Content-Disposition with an ASCII fallback and the Chinese name per RFC 5987/6266. */
export function attachment(name: { zh: string; ascii: string }): string {
  const encoded = encodeURIComponent(name.zh).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${name.ascii}"; filename*=UTF-8''${encoded}`;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
