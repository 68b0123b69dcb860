import { createRequire } from 'node:module';

/*
 * Parse each font once per thread, not once per document. pdfkit opens a font for every document it makes
 * (`fontkit.create` on the bytes, then the cmap, loca and hmtx tables of a 15 MB CJK font are decoded again): that
 * was most of a render (ADR 0004). The parsed fontkit font is stateless towards a document — each document gets its
 * own EmbeddedFont with its own subset — so we keep the parsed font per byte buffer and build the document's
 * EmbeddedFont around it. pdfkit exports neither its font factory nor EmbeddedFont, so the first document of a
 * thread opens the font the ordinary way and hands us both; `document.font()` is wrapped for the buffers we
 * registered and behaves as before for anything else.
 */

const require = createRequire(import.meta.url);

interface ParsedFont {
  postscriptName: string;
}
interface PdfFont {
  id: string;
  name: string;
  font: ParsedFont;
}
interface PdfKitFonts {
  _font: PdfFont;
  _fontCount: number;
  _fontFamilies: Record<string, PdfFont>;
  _fontSource: unknown;
  _fontFamily: unknown;
  fontSize(n: number): unknown;
  font(src: unknown, family?: unknown, size?: unknown): PdfKitFonts;
}
type EmbeddedFontClass = new (doc: PdfKitFonts, font: ParsedFont, id: string) => PdfFont;

const PDFKit = require('pdfkit') as { prototype: PdfKitFonts };
const registered = new WeakSet<Uint8Array>();
const parsed = new WeakMap<Uint8Array, ParsedFont>();
let EmbeddedFont: EmbeddedFontClass | null = null;

const original = PDFKit.prototype.font;
PDFKit.prototype.font = function font(this: PdfKitFonts, src: unknown, family?: unknown, size?: unknown) {
  const cached = src instanceof Uint8Array && registered.has(src) ? parsed.get(src) : undefined;
  if (!cached || !EmbeddedFont) {
    const out = original.call(this, src, family, size);
    if (src instanceof Uint8Array && registered.has(src)) {
      parsed.set(src, this._font.font);
      EmbeddedFont ??= this._font.constructor as EmbeddedFontClass;
    }
    return out;
  }
  // What pdfkit's font() does for a new source, with the parse skipped: one EmbeddedFont per font name and document.
  this._fontSource = src;
  this._fontFamily = family;
  if (typeof size === 'number') this.fontSize(size);
  const same = this._fontFamilies[cached.postscriptName];
  if (same && same.font === cached) {
    this._font = same;
    return this;
  }
  const f = new EmbeddedFont(this, cached, `F${++this._fontCount}`);
  this._fontFamilies[f.name && !this._fontFamilies[f.name] ? f.name : f.id] = f;
  this._font = f;
  return this;
};

/** Mark font bytes as kept for the thread's life: documents using this very buffer share one parse. */
export function keepParsed(bytes: Uint8Array): void {
  registered.add(bytes);
}
