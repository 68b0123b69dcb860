/**
 * The document engine (platform/documents; docs/adr/0004-document-engine.md): one 行政处罚决定书 (the shipped
 * template with sample data, issued: number, QR code) rendered in this thread — first render (fonts read and parsed),
 * then p50/p95 of 30 warm renders and the PDF's size with the subset font — documents per second through the
 * worker pool (`runInWorker`, WORKER_THREADS=1 and 2) for 40 documents, and documents per second issued by the batch
 * job (`POST /api/documents/batch`'s job on a fresh embedded database: number, render, store in platform/files, audit)
 * for 40 送达回证.
 *
 * Run alone: `node --import tsx bench/documents.bench.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildServer } from '../packages/server/src/app.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { SYSTEM_ACTOR } from '../packages/server/src/platform/audit/index.ts';
import { migrate, openDatabase } from '../packages/server/src/platform/db/index.ts';
import { enqueueBatch } from '../packages/server/src/platform/documents/index.ts';
import { readProgress } from '../packages/server/src/platform/jobs/index.ts';
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
  figures['job docs/s (40 送达回证)'] = await byTheJob(40);
  for (const [k, v] of Object.entries(figures)) console.log(`documents  ${k.padEnd(28)} ${v}`);
  return figures;
}

/** Documents per second issued by the batch job, end to end (enqueue → last document stored). */
async function byTheJob(n: number): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'oe-docbench-'));
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    WEB_DIST: '/nonexistent',
    DATA_DIR: dataDir,
    EVENT_ESCALATION_INTERVAL_MS: '0',
    NOTIFY_DRAIN_INTERVAL_MS: '0',
    AUDIT_CHECKPOINT_INTERVAL_MS: '0',
    CALENDAR_CHECK_INTERVAL_MS: '0',
    JOBS_POLL_INTERVAL_MS: '200',
    WORKER_THREADS: '2',
  });
  const database = await openDatabase({ dataDir: join(dataDir, 'db') });
  try {
    await migrate(database);
    const server = await buildServer(config, database);
    const docs = server.services.documents;
    const issuer = { id: 'bench', name: '温岭市综合行政执法局', numberPrefix: '温综执' };
    const input = inputFor('service_receipt');
    const ids: string[] = [];
    for (let i = 0; i < n; i++)
      ids.push(
        await database.db.transaction((tx) =>
          docs.createDraft(
            tx,
            { subjectType: 'bench', subjectId: 'B', kind: 'service_receipt', data: input.data, issuer },
            SYSTEM_ACTOR,
            new Date(),
          ),
        ),
      );
    const t = performance.now();
    const { jobId } = await enqueueBatch(server.deps, server.services.jobs, ids, SYSTEM_ACTOR);
    for (;;) {
      const p = await readProgress(database.db, jobId, null);
      if (p?.state === 'done') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const rate = n / ((performance.now() - t) / 1000);
    await server.app.close();
    return Number(rate.toFixed(1));
  } finally {
    await database.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) await run();
