import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHIPPED_TEMPLATES, type DocumentData } from '@openenforce/domain/documents';
import { inspectPdf } from './output.ts';
import { pixelDiff } from './pixels.ts';
import { renderPdf } from './render.ts';
import { inputFor, SAMPLE_DATA } from './sample-data.ts';

const flat = (s: string) => s.replace(/\s/g, '');

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
      // Every text field the data fills in is printed (generated samples: 「label甲」).
      if (!SAMPLE_DATA[kind]) {
        const data = inputFor(kind).data as DocumentData;
        for (const f of t.fields)
          if (f.type === 'text') expect(flat(out.text), `${kind}.${f.name}`).toContain(flat(data[f.name] as string));
      }
      // The seal's page carries body text above it (the seal never stands alone on a page).
      const pages = out.text.split('\f').filter((p) => p.trim());
      const last = pages[pages.length - 1]!.split('\n').filter((l) => l.trim());
      expect(last.length, `${kind}: last page`).toBeGreaterThan(4);
      const ref = new URL(`./testdata/${kind}.png`, import.meta.url);
      expect(existsSync(ref), `reference image ${ref.pathname} (run the refresh script)`).toBe(true);
      expect(pixelDiff(out.page1, readFileSync(ref))).toBeLessThan(0.01);
      if (out.pages > 1) {
        const lastRef = new URL(`./testdata/${kind}.last.png`, import.meta.url);
        expect(pixelDiff(out.lastPage, readFileSync(lastRef))).toBeLessThan(0.01);
      }
    });
  }

  it('prints a refusal to sign as such (APL-51) and breaks a long table across pages with its header repeated', async () => {
    const r = await renderPdf(inputFor('service_receipt'));
    if (!r.ok) throw new Error('render failed');
    const { text } = inspectPdf(r.pdf);
    expect(text).toContain('受送达人（签名）：当事人拒绝签名');
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.filter((p) => p.includes('送达文书名称')).length).toBeGreaterThan(1);
    expect(text.replace(/\s/g, '')).toContain('129'); // the last row made it
  });

  it("keeps the seal with the end of the body: the decision's last page has the remedy, the subject and the date", async () => {
    const r = await renderPdf(inputFor('penalty_decision'));
    if (!r.ok) throw new Error('render failed');
    const pages = inspectPdf(r.pdf)
      .text.split('\f')
      .filter((p) => p.trim());
    const last = flat(pages[pages.length - 1]!);
    expect(last).toContain('提起行政诉讼');
    expect(last).toContain('温岭市综合行政执法局2026年12月3日');
    expect(last).toContain('K7QM-2XHD');
  });

  it("embeds a signature image drawn on the phone in the signer's place", async () => {
    const input = inputFor('on_spot_decision');
    const png = await signaturePng();
    const plain = await renderPdf(input);
    const signed = await renderPdf({
      ...input,
      data: { ...input.data, partySignature: { name: '', signer: '陈七', image: png, refused: false } },
      signatures: { partySignature: png },
    });
    if (!plain.ok || !signed.ok) throw new Error('render failed');
    expect(inspectPdf(signed.pdf).text).toContain('陈七');
    // The image is in the PDF (an image XObject), and the page differs where the signature is.
    expect(Buffer.from(signed.pdf).toString('latin1')).toMatch(/\/Subtype \/Image/);
    expect(pixelDiff(inspectPdf(signed.pdf).page1, inspectPdf(plain.pdf).page1)).toBeGreaterThan(0);
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

/** A 120 × 40 PNG with a dark stroke, as the phone's canvas would send. */
async function signaturePng(): Promise<string> {
  const { PNG } = await import('pngjs');
  const png = new PNG({ width: 120, height: 40 });
  for (let y = 0; y < 40; y++)
    for (let x = 0; x < 120; x++) {
      const i = (y * 120 + x) * 4;
      const ink = Math.abs(y - 20 - Math.round(10 * Math.sin(x / 8))) < 3;
      png.data[i] = png.data[i + 1] = png.data[i + 2] = ink ? 0 : 255;
      png.data[i + 3] = 255;
    }
  return `data:image/png;base64,${PNG.sync.write(png).toString('base64')}`;
}
