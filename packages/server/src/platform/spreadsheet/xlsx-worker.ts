import { runInWorker } from '../jobs/index.ts';
import type { XlsxSheet } from './write-xlsx.ts';

/** The workbook built in the shared worker pool, off the event loop (write-xlsx.ts says why). */
export function xlsxInWorker(sheet: XlsxSheet): Promise<Uint8Array> {
  return runInWorker<Uint8Array>(new URL('./write-xlsx.ts', import.meta.url), 'writeXlsx', sheet);
}
