import { threadId } from 'node:worker_threads';
import { DomainError } from '@openenforce/domain/errors';

/** Tasks for platform/jobs/worker.test.ts, run in a worker thread by `runInWorker`. */

export function double(n: number) {
  return { value: n * 2, threadId };
}

/** Spins (CPU, no awaiting) until the main thread sets flag[0]: only possible if the main thread is free meanwhile. */
export function spinUntilReleased(input: { flag: SharedArrayBuffer }) {
  const flag = new Int32Array(input.flag);
  let spins = 0;
  while (Atomics.load(flag, 0) === 0) spins += 1;
  return { released: true, spun: spins > 0 };
}

export function boom(): never {
  throw new Error('the task failed');
}

export function refuse(): never {
  throw new DomainError('IMPORT_FILE_TYPE', [{ path: 'file', rule: 'xlsx_unreadable' }]);
}
