import type { FastifyRequest } from 'fastify';
import { brokenTextRule, TEXT_RULES } from '@openenforce/domain/common';
import { DomainError } from '@openenforce/domain/errors';

/**
 * The one file of the request, in memory (the multipart size limit applies: too large → 413). A malformed upload is
 * the client's error: no boundary (or one RFC 2046 does not allow), a body that is not multipart, a file name that
 * breaks the text rule.
 */
export async function readUpload(req: FastifyRequest): Promise<{ bytes: Buffer; filename: string }> {
  if (req.isMultipart() && !MULTIPART_BOUNDARY.test(req.headers['content-type'] ?? ''))
    throw new DomainError('VALIDATION_FAILED', [{ path: 'headers.content-type', rule: 'multipart_boundary' }]);
  try {
    const part = await req.file();
    if (!part || part.fieldname !== 'file') {
      throw new DomainError('VALIDATION_FAILED', [{ path: 'body.file', rule: 'required' }]);
    }
    const filename = part.filename ?? '';
    const broken = brokenTextRule(filename);
    if (broken)
      throw new DomainError('VALIDATION_FAILED', [
        { path: 'body.file.filename', rule: broken, message: TEXT_RULES[broken] },
      ]);
    return { bytes: await part.toBuffer(), filename };
  } catch (err) {
    // The multipart parser's own errors (a truncated body, a broken part header) are plain Errors without a status;
    // the plugin's (too large, too many files, not multipart) carry one and are answered as they are.
    if (err instanceof DomainError || (err as { statusCode?: unknown }).statusCode !== undefined) throw err;
    throw new DomainError('VALIDATION_FAILED', [{ path: 'body', rule: 'multipart_syntax' }]);
  }
}

/** RFC 2046 §5.1.1: a boundary of 1–70 characters from a small set, quoted or not. */
const MULTIPART_BOUNDARY =
  /;\s*boundary=("[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]"|[0-9A-Za-z'()+_\-./:=?]{1,70})\s*(;|$)/i;

/** Content-Disposition with an ASCII fallback and the Chinese name per RFC 5987/6266. */
export function attachment(name: { zh: string; ascii: string }): string {
  const encoded = encodeURIComponent(name.zh).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${name.ascii}"; filename*=UTF-8''${encoded}`;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
