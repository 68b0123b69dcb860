// Re-render each shipped document template and store page 1 (and the last page, where the seal is, when there are
// more) as the reference images of render.test.ts.
// Run after an intended change of layout or font: node --import tsx scripts/documents-refresh-references.ts
import { writeFileSync } from 'node:fs';
import { SHIPPED_TEMPLATES } from '@openenforce/domain/documents';
import { inspectPdf } from '../packages/server/src/platform/documents/output.ts';
import { renderPdf } from '../packages/server/src/platform/documents/render.ts';
import { inputFor } from '../packages/server/src/platform/documents/sample-data.ts';

for (const kind of Object.keys(SHIPPED_TEMPLATES)) {
  const r = await renderPdf(inputFor(kind));
  if (!r.ok) throw new Error(`${kind}: ${r.code}`);
  const out = new URL(`../packages/server/src/platform/documents/testdata/${kind}.png`, import.meta.url);
  const shown = inspectPdf(r.pdf);
  writeFileSync(out, shown.page1);
  if (shown.pages > 1) writeFileSync(new URL(`${kind}.last.png`, out), shown.lastPage);
  console.log(`${kind}: ${r.pdf.byteLength} bytes → ${out.pathname}`);
}
