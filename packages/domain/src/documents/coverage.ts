import type { DocumentData, TemplateBody } from './template.ts';
import { fill, REFUSED_TO_SIGN, signerName, type SignerValue } from './template.ts';

/*
 * Characters a document would print and no configured font has (rare 生僻字 in a party's name): the renderer refuses
 * them with the list rather than printing a blank box. The font lookup is a parameter, so this stays pure.
 */

/** Every string the document prints (template text with the data filled in, table cells, signer names). */
export function printedText(t: TemplateBody, data: DocumentData, extra: string[] = []): string[] {
  const out = [t.title, ...extra];
  for (const b of t.blocks) {
    if (b.type === 'title' || b.type === 'heading' || b.type === 'paragraph') out.push(fill(b.text, data));
    else if (b.type === 'table') {
      out.push(...b.columns.map((c) => c.label));
      const rows = data[b.field];
      if (Array.isArray(rows)) for (const r of rows) out.push(...Object.values(r));
    } else if (b.type === 'signatures') {
      for (const s of b.signers) {
        out.push(s.label);
        const v = data[s.field];
        if (v && typeof v === 'object' && !Array.isArray(v))
          out.push((v as SignerValue).refused ? REFUSED_TO_SIGN : signerName(v as SignerValue));
      }
    } else if (b.type === 'seal') out.push(fill(`{{${b.dateField}}}`, data));
  }
  return out;
}

/** The distinct characters of `texts` (whitespace aside) for which `has` says no font has a glyph, in first order. */
export function uncoveredCharacters(texts: string[], has: (codePoint: number) => boolean): string[] {
  const missing = new Set<string>();
  for (const s of texts) {
    for (const ch of s) {
      const cp = ch.codePointAt(0)!;
      if (cp <= 0x20 || /\s/u.test(ch)) continue;
      if (!has(cp)) missing.add(ch);
    }
  }
  return [...missing];
}
