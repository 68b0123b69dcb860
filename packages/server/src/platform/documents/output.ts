import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Poppler's view of a PDF (pdffonts, pdftotext -layout, pdftoppm page 1 at 40 dpi): for tests and the refresh script. */
export function inspectPdf(pdf: Uint8Array): { fonts: string; text: string; page1: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'doc-'));
  try {
    const file = join(dir, 'd.pdf');
    writeFileSync(file, pdf);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    execFileSync('pdftoppm', ['-r', '40', '-gray', '-png', '-f', '1', '-l', '1', '-singlefile', file, join(dir, 'p')]);
    return { fonts, text, page1: readFileSync(join(dir, 'p.png')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
