import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { keepParsed } from './font-cache.ts';

/*
 * The fonts documents are printed in. A deployment supplies its licensed 仿宋 (body) and 小标宋 (title) files by
 * path (DOCUMENT_FONT_BODY, DOCUMENT_FONT_TITLE); without them the open Noto Serif SC (SIL OFL 1.1, shipped by the
 * npm package @expo-google-fonts/noto-serif-sc) is used for both, Bold for the title. DOCUMENT_FONT_FALLBACK names
 * a font for characters the body font lacks (rare 生僻字, e.g. a CJK Extension B font); a character that no font
 * has is refused, never printed as a blank box. Fonts are read once per thread and kept (≈ 15 MB each).
 */

const require = createRequire(import.meta.url);

export interface FontFiles {
  body: string;
  title: string;
  fallback?: string;
}

/** The open fallback, installed by `npm install`. */
export const OPEN_FONTS: FontFiles = {
  body: require.resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf'),
  title: require.resolve('@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf'),
};

/** The configured files, each falling back to the open font. */
export function fontFiles(config: {
  DOCUMENT_FONT_BODY?: string;
  DOCUMENT_FONT_TITLE?: string;
  DOCUMENT_FONT_FALLBACK?: string;
}): FontFiles {
  return {
    body: config.DOCUMENT_FONT_BODY ?? OPEN_FONTS.body,
    title: config.DOCUMENT_FONT_TITLE ?? config.DOCUMENT_FONT_BODY ?? OPEN_FONTS.title,
    ...(config.DOCUMENT_FONT_FALLBACK ? { fallback: config.DOCUMENT_FONT_FALLBACK } : {}),
  };
}

/** What the renderer needs of a parsed font (fontkit's API, typed here: the package ships no types). */
export interface LoadedFont {
  bytes: Buffer;
  has(codePoint: number): boolean;
  /** Ascent − descent in em: the line box pdfkit gives a line of this font at size 1. */
  lineEm: number;
}

interface FontkitFont {
  hasGlyphForCodePoint(cp: number): boolean;
  ascent: number;
  descent: number;
  unitsPerEm: number;
}
const fontkit = require('fontkit') as { create(b: Buffer): FontkitFont };

const loaded = new Map<string, LoadedFont>();

export function loadFont(path: string): LoadedFont {
  let f = loaded.get(path);
  if (!f) {
    const bytes = readFileSync(path);
    keepParsed(bytes); // pdfkit parses it once per thread, not per document
    const font = fontkit.create(bytes);
    const seen = new Map<number, boolean>();
    f = {
      bytes,
      has(cp) {
        let v = seen.get(cp);
        if (v === undefined) seen.set(cp, (v = font.hasGlyphForCodePoint(cp)));
        return v;
      },
      lineEm: (font.ascent - font.descent) / font.unitsPerEm,
    };
    loaded.set(path, f);
  }
  return f;
}
