import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { brokenTextRule, TEXT_RULES } from '@openenforce/domain/common';
import { DomainError } from '@openenforce/domain/errors';
import { SHA256_HEADER } from '@openenforce/domain/files';

/** RFC 2046 §5.1.1: a boundary of 1–70 characters from a small set, quoted or not. */
const MULTIPART_BOUNDARY =
  /;\s*boundary=("[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]"|[0-9A-Za-z'()+_\-./:=?]{1,70})\s*(;|$)/i;

/**
 * The request's `file` part, checked: a malformed upload is the client's error — no boundary (or one RFC 2046 does
 * not allow), a body that is not multipart, a part header the parser cannot read, a file name that breaks the text
 * rule. The part's bytes are still to be read.
 */
async function filePart(req: FastifyRequest, maxBytes?: number) {
  if (req.isMultipart() && !MULTIPART_BOUNDARY.test(req.headers['content-type'] ?? ''))
    throw new DomainError('VALIDATION_FAILED', [{ path: 'headers.content-type', rule: 'multipart_boundary' }]);
  try {
    // A route with its own limit (larger than UPLOAD_LIMIT, e.g. videos) sets the parser's; one byte more, so that
    // the file store's own check (with its words) is what refuses an oversize file.
    const part = await req.file(maxBytes ? { limits: { fileSize: maxBytes + 1 } } : undefined);
    if (!part || part.fieldname !== 'file') {
      part?.file.resume(); // read and drop it, so that the request ends and the answer goes out
      throw new DomainError('VALIDATION_FAILED', [{ path: 'body.file', rule: 'required' }]);
    }
    const filename = part.filename ?? '';
    const broken = brokenTextRule(filename);
    if (broken) {
      part.file.resume();
      throw new DomainError('VALIDATION_FAILED', [
        { path: 'body.file.filename', rule: broken, message: TEXT_RULES[broken] },
      ]);
    }
    return { part, filename };
  } catch (err) {
    throw multipartError(err);
  }
}

/**
 * The multipart parser's own errors (a truncated body, a broken part header) are plain Errors without a status; the
 * plugin's (too large, too many files, not multipart) carry one and are answered as they are.
 */
function multipartError(err: unknown): unknown {
  if (err instanceof DomainError || (err as { statusCode?: unknown }).statusCode !== undefined) return err;
  return new DomainError('VALIDATION_FAILED', [{ path: 'body', rule: 'multipart_syntax' }]);
}

/** The one file of the request, in memory (the multipart size limit applies: too large → 413). */
export async function readUpload(req: FastifyRequest): Promise<{ bytes: Buffer; filename: string }> {
  const { part, filename } = await filePart(req);
  try {
    return { bytes: await part.toBuffer(), filename };
  } catch (err) {
    throw multipartError(err);
  }
}

/**
 * The one file of the request as a stream, for the file store: it counts the bytes as they come and stops storing
 * past its limit, so the file is never held in memory. The caller must read the stream to its end. The SHA-256 the
 * client computed comes with it when sent: the `X-Content-SHA256` header, or a `sha256` field before the file part.
 * `maxBytes`: the route's own limit for the parser (default UPLOAD_LIMIT).
 */
export async function uploadPart(
  req: FastifyRequest,
  o: { maxBytes?: number } = {},
): Promise<{ stream: Readable & { truncated?: boolean }; name: string; declaredType: string; sha256?: string }> {
  const { part, filename } = await filePart(req, o.maxBytes);
  const header = req.headers[SHA256_HEADER];
  const field = part.fields['sha256'];
  const fromField = field && !Array.isArray(field) && field.type === 'field' ? String(field.value) : undefined;
  const sha256 = (typeof header === 'string' ? header : fromField)?.trim();
  if (sha256 !== undefined && !/^[0-9a-fA-F]{64}$/.test(sha256)) {
    part.file.resume();
    throw new DomainError('VALIDATION_FAILED', [
      { path: typeof header === 'string' ? `headers.${SHA256_HEADER}` : 'body.sha256', rule: 'sha256_hex' },
    ]);
  }
  return { stream: part.file, name: filename, declaredType: part.mimetype, ...(sha256 ? { sha256 } : {}) };
}

/**
 * The text fields of a multipart form (a client that posts a form as multipart/form-data), last value wins. File
 * parts are read and dropped: the caller takes fields only. Same boundary and syntax checks as an upload.
 */
export async function readFormFields(req: FastifyRequest): Promise<Record<string, string>> {
  if (!MULTIPART_BOUNDARY.test(req.headers['content-type'] ?? ''))
    throw new DomainError('VALIDATION_FAILED', [{ path: 'headers.content-type', rule: 'multipart_boundary' }]);
  const fields: Record<string, string> = {};
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') part.file.resume();
      else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
    }
  } catch (err) {
    throw multipartError(err);
  }
  return fields;
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
