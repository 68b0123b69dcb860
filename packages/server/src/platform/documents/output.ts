import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Poppler's view of a PDF (pdffonts, pdftotext -layout, pdftoppm of page 1 and of the last page at 40 dpi): for tests
 * and the refresh script.
 */
export function inspectPdf(pdf: Uint8Array): {
  fonts: string;
  text: string;
  page1: Buffer;
  lastPage: Buffer;
  pages: number;
} {
  const dir = mkdtempSync(join(tmpdir(), 'doc-'));
  try {
    const file = join(dir, 'd.pdf');
    writeFileSync(file, pdf);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const pages = text.split('\f').length - 1;
    const page = (n: number, name: string) => {
      execFileSync('pdftoppm', [
        '-r',
        '40',
        '-gray',
        '-png',
        '-f',
        `${n}`,
        '-l',
        `${n}`,
        '-singlefile',
        file,
        join(dir, name),
      ]);
      return readFileSync(join(dir, `${name}.png`));
    };
    return { fonts, text, page1: page(1, 'p'), lastPage: page(pages, 'last'), pages };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
