import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import QRCode from 'qrcode';
import {
  checkData,
  printedText,
  uncoveredCharacters,
  type DocumentData,
  type TemplateBody,
} from '@openenforce/domain/documents';
import type { ErrorCode, ErrorDetail } from '@openenforce/domain/errors';
import { loadFont, type FontFiles } from './fonts.ts';
import { layout } from './layout.ts';

/*
 * Rendering: template + data → PDF bytes (pdfmake on pdfkit, fonts embedded as subsets; ADR 0004). This module runs
 * in a worker thread (`runInWorker`, documents.service.ts), never on a request's event loop. Refusals cross the
 * thread boundary as values (a structured clone keeps no error class), the caller throws them as DomainErrors.
 */

const require = createRequire(import.meta.url);
interface PdfKitDoc {
  on(ev: 'data', f: (c: Buffer) => void): void;
  on(ev: 'end' | 'error', f: (e?: unknown) => void): void;
  end(): void;
}
const PdfPrinter = (require('pdfmake/js/Printer.js') as { default: new (...a: unknown[]) => Printer }).default;
interface Printer {
  createPdfKitDocument(def: unknown): Promise<PdfKitDoc>;
}

export interface RenderInput {
  template: TemplateBody;
  data: DocumentData;
  issuerName: string;
  number: string | null;
  verification: { code: string; url: string } | null;
  fonts: FontFiles;
  /** Signature images by signer field (PNG data URLs), drawn in the signer's place. */
  signatures?: Record<string, string>;
  /** Stamped as the PDF's creation date, so the same input gives the same bytes. */
  at: string;
}

export type RenderResult =
  { ok: true; pdf: Uint8Array; sha256: string } | { ok: false; code: ErrorCode; details: ErrorDetail[] };

function printerFor(fonts: FontFiles) {
  const body = loadFont(fonts.body);
  const title = loadFont(fonts.title);
  const fallback = fonts.fallback ? loadFont(fonts.fallback) : null;
  const files = new Map<string, Buffer>([
    ['body', body.bytes],
    ['title', title.bytes],
    ...(fallback ? [['fallback', fallback.bytes] as [string, Buffer]] : []),
  ]);
  const vfs = { existsSync: (p: string) => files.has(p), readFileSync: (p: string) => files.get(p) };
  const families = {
    Body: { normal: 'body', bold: 'title' },
    Title: { normal: 'title', bold: 'title' },
    ...(fallback ? { Fallback: { normal: 'fallback', bold: 'fallback' } } : {}),
  };
  // No URL fetching and no local file access from a document definition: fonts come from the map above only.
  const printer = new PdfPrinter(families, vfs, { resolve() {}, resolved: async () => {} }, () => false);
  return { printer, body, title, fallback };
}

/** Characters of `text` that neither the body (and title) font nor the fallback has. */
function coverage(fonts: ReturnType<typeof printerFor>, t: TemplateBody, data: DocumentData, extra: string[]) {
  const has = (cp: number) => (fonts.body.has(cp) && fonts.title.has(cp)) || (fonts.fallback?.has(cp) ?? false);
  return uncoveredCharacters(printedText(t, data, extra), has);
}

export async function renderPdf(input: RenderInput): Promise<RenderResult> {
  try {
    checkData(input.template, input.data);
  } catch (e) {
    const err = e as { code?: ErrorCode; details?: ErrorDetail[] };
    if (err.code) return { ok: false, code: err.code, details: err.details ?? [] };
    throw e;
  }
  const fonts = printerFor(input.fonts);
  const missing = coverage(fonts, input.template, input.data, [input.issuerName, input.number ?? '']);
  if (missing.length > 0) {
    return {
      ok: false,
      code: 'DOCUMENT_UNSUPPORTED_CHARACTER',
      details: missing.map((ch) => ({
        path: 'data',
        rule: 'font_coverage',
        message: {
          zh: `字体不含字符「${ch}」(U+${ch.codePointAt(0)!.toString(16).toUpperCase()})`,
          en: `no font has the character "${ch}" (U+${ch.codePointAt(0)!.toString(16).toUpperCase()})`,
        },
      })),
    };
  }
  const runs = (text: string) => {
    if (!fonts.fallback) return [{ text }];
    const out: { text: string; font?: string }[] = [];
    for (const ch of text) {
      const font = fonts.body.has(ch.codePointAt(0)!) ? undefined : 'Fallback';
      const last = out[out.length - 1];
      if (last && last.font === font) last.text += ch;
      else out.push(font ? { text: ch, font } : { text: ch });
    }
    return out;
  };
  const qrPng = input.verification
    ? await QRCode.toDataURL(input.verification.url, { errorCorrectionLevel: 'M', margin: 0, scale: 4 })
    : '';
  const def = layout({
    template: input.template,
    data: input.data,
    issuerName: input.issuerName,
    number: input.number,
    verification: input.verification ? { ...input.verification, qrPng } : null,
    bodyLineEm: fonts.body.lineEm,
    signatures: input.signatures ?? {},
    runs,
  });
  const at = new Date(input.at);
  (def.info as Record<string, unknown>).creationDate = at;
  const doc = await fonts.printer.createPdfKitDocument(def);
  const chunks: Buffer[] = [];
  doc.on('data', (c) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.end();
  await done;
  const pdf = Buffer.concat(chunks);
  return { ok: true, pdf: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength), sha256: sha256(pdf) };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
