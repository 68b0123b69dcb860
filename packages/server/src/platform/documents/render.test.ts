import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHIPPED_TEMPLATES } from '@openenforce/domain/documents';
import { inspectPdf } from './output.ts';
import { pixelDiff } from './pixels.ts';
import { renderPdf } from './render.ts';
import { inputFor } from './sample-data.ts';

/*
 * Each shipped template rendered and looked at: fonts embedded as subsets (pdffonts), the fields in their place
 * (pdftotext -layout), page 1 compared with the committed reference image (pdftoppm + pixel diff; refresh with
 * `node --import tsx scripts/documents-refresh-references.ts` after an intended change of layout).
 */

describe('rendered documents', () => {
  for (const kind of Object.keys(SHIPPED_TEMPLATES)) {
    it(`${kind}: fonts embedded as subsets, fields in place, page 1 as the reference`, async () => {
      const r = await renderPdf(inputFor(kind));
      if (!r.ok) throw new Error(JSON.stringify(r));
      const out = inspectPdf(r.pdf);
      const fontLines = out.fonts.split('\n').slice(2).filter(Boolean);
      expect(fontLines.length).toBeGreaterThan(0);
      for (const l of fontLines) expect(l).toMatch(/^[A-Z]{6}\+\S+\s.*\byes\s+yes\s+yes\b/); // emb sub uni
      const lines = out.text.split('\n');
      const at = (s: string) => lines.findIndex((l) => l.includes(s));
      const t = SHIPPED_TEMPLATES[kind]!;
      // The subject's name heads the page, then the title, then the number, in that order.
      expect(at('温岭市综合行政执法局')).toBeGreaterThanOrEqual(0);
      expect(at(t.title)).toBeGreaterThan(at('温岭市综合行政执法局'));
      expect(at(`〔2026〕第123号`)).toBeGreaterThan(at(t.title));
      // The title is centred: its indent is about half the free width of the line.
      const titleLine = lines[at(t.title)]!;
      expect(titleLine.indexOf(t.title.charAt(0))).toBeGreaterThan(5);
      expect(out.text).toContain('K7QM-2XHD');
      expect(out.text).toMatch(/— 1 —|—1—/);
      const ref = new URL(`./testdata/${kind}.png`, import.meta.url);
      expect(existsSync(ref), `reference image ${ref.pathname} (run the refresh script)`).toBe(true);
      expect(pixelDiff(out.page1, readFileSync(ref))).toBeLessThan(0.01);
    });
  }

  it('prints a refusal to sign as such (APL-51) and breaks a long table across pages with its header repeated', async () => {
    const r = await renderPdf(inputFor('service_receipt'));
    if (!r.ok) throw new Error('render failed');
    const { text } = inspectPdf(r.pdf);
    expect(text).toContain('拒绝签名');
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.filter((p) => p.includes('送达文书名称')).length).toBeGreaterThan(1);
    expect(text.replace(/\s/g, '')).toContain('129'); // the last row made it
  });

  it('refuses a character no font has, naming it, instead of printing a blank box', async () => {
    const input = inputFor('prior_notice');
    const r = await renderPdf({ ...input, data: { ...input.data, partyName: '李𠀀四' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('DOCUMENT_UNSUPPORTED_CHARACTER');
    expect(r.details[0]!.message!.en).toContain('U+20000');
  });

  it('refuses data with an unknown or a missing field, naming it', async () => {
    const input = inputFor('penalty_decision');
    const { basis: _, ...rest } = input.data as Record<string, string>;
    const r = await renderPdf({ ...input, data: { ...rest, partyNmae: 'x' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('DOCUMENT_DATA_INVALID');
    expect(r.details.map((d) => `${d.path}:${d.rule}`)).toEqual([
      'data.partyNmae:unknown_field',
      'data.basis:required',
    ]);
  });
});
