/**
 * The document engine (platform/documents; docs/adr/0004-document-engine.md): one 行政处罚决定书 (the shipped
 * template with sample data, issued: number, QR code) rendered in this thread — first render (fonts read and parsed),
 * then p50/p95 of 30 warm renders and the PDF's size with the subset font — and documents per second through the
 * worker pool (`runInWorker`, WORKER_THREADS=1 and 2) for 40 documents.
 *
 * Run alone: `node --import tsx bench/documents.bench.ts`.
 */
import { pathToFileURL } from 'node:url';
import { closeWorkers, configureWorkers, runInWorker } from '../packages/server/src/platform/jobs/index.ts';
import { renderPdf, type RenderResult } from '../packages/server/src/platform/documents/render.ts';
import { inputFor } from '../packages/server/src/platform/documents/sample-data.ts';

type Figures = Record<string, number | string>;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

export async function run(): Promise<Figures> {
  const input = inputFor('penalty_decision');
  let t = performance.now();
  const first = await renderPdf(input);
  const firstMs = performance.now() - t;
  if (!first.ok) throw new Error(first.code);
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    t = performance.now();
    await renderPdf(input);
    times.push(performance.now() - t);
  }
  const figures: Figures = {
    'decision first render ms': Math.round(firstMs),
    'decision p50 ms': Math.round(pct(times, 0.5)),
    'decision p95 ms': Math.round(pct(times, 0.95)),
    'decision size kB': Math.round(first.pdf.byteLength / 1024),
  };
  for (const threads of [1, 2]) {
    await closeWorkers();
    configureWorkers(threads);
    const module = new URL('../packages/server/src/platform/documents/render.ts', import.meta.url);
    await runInWorker<RenderResult>(module, 'renderPdf', input); // warm: thread start, fonts
    t = performance.now();
    await Promise.all(Array.from({ length: 40 }, () => runInWorker<RenderResult>(module, 'renderPdf', input)));
    figures[`worker docs/s (${threads} thread${threads > 1 ? 's' : ''})`] = Number(
      (40 / ((performance.now() - t) / 1000)).toFixed(1),
    );
  }
  await closeWorkers();
  for (const [k, v] of Object.entries(figures)) console.log(`documents  ${k.padEnd(28)} ${v}`);
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) await run();
