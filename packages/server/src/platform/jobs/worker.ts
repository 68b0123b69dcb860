import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DomainError, type ErrorCode, type ErrorDetail } from '@openenforce/domain/errors';

/*
 * CPU-heavy work (PDF rendering, exports, large imports) off the main thread. On PGlite the database runs in the
 * server's own thread, so a request that computes for a second holds up every other request for that second; in a
 * worker thread it holds up nothing. A small pool of threads is started on first use and kept (starting a thread
 * and loading TypeScript costs ≈ 100 ms); a task is a module URL, the name of an exported function and its input, so
 * the code that runs is ordinary, importable, testable code. Input and result cross as structured clones.
 */

interface Pending {
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

/** An error as it crossed from the thread; `code` and `details` when it was a DomainError (worker-host.ts). */
interface WorkerError {
  name: string;
  message: string;
  stack?: string;
  code?: ErrorCode;
  details?: ErrorDetail[];
}

function rebuild(e: WorkerError): Error {
  if (e.code) return Object.assign(new DomainError(e.code, e.details), { stack: e.stack });
  return Object.assign(new Error(e.message), { name: e.name, stack: e.stack });
}

interface Slot {
  worker: Worker;
  busy: number;
}

/** The thread's first code: register tsx (the server runs from TypeScript source), then load the host module. */
function bootstrap(): string {
  const require = createRequire(import.meta.url);
  // require.resolve answers with the CommonJS build of tsx's API; the thread imports its ES module beside it.
  const tsx = pathToFileURL(require.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const host = new URL('./worker-host.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(host)}); })`;
}

export function createWorkerPool(opts: { size: number }) {
  const size = Math.max(1, opts.size);
  const slots: Slot[] = [];
  const pending = new Map<number, Pending & { slot: Slot }>();
  let next = 1;
  let closed = false;

  function spawn(): Slot {
    const worker = new Worker(bootstrap(), { eval: true });
    const slot: Slot = { worker, busy: 0 };
    worker.on('message', (m: { id: number; ok: boolean; result?: unknown; error?: WorkerError }) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      slot.busy -= 1;
      if (slot.busy === 0) worker.unref();
      if (m.ok) p.resolve(m.result);
      else p.reject(rebuild(m.error!));
    });
    // A thread that dies (out of memory, a crash in native code) fails its tasks; the next task gets a new thread.
    worker.on('error', (err) => fail(slot, err));
    worker.on('exit', (code) => fail(slot, new Error(`worker thread exited with code ${code}`)));
    worker.unref();
    return slot;
  }

  function fail(slot: Slot, err: unknown) {
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
    for (const [id, p] of pending) {
      if (p.slot !== slot) continue;
      pending.delete(id);
      p.reject(err);
    }
  }

  /** The least busy thread, or a new one while the pool is not full. */
  function pick(): Slot {
    const idle = slots.find((s) => s.busy === 0);
    if (idle) return idle;
    if (slots.length < size) {
      const s = spawn();
      slots.push(s);
      return s;
    }
    return slots.reduce((a, b) => (b.busy < a.busy ? b : a));
  }

  return {
    /**
     * Run `module`'s export `fn` with `input` in a worker thread; resolves with its (awaited) result. `module` is a
     * file URL, e.g. `new URL('./render.ts', import.meta.url)`.
     */
    run<T>(module: URL | string, fn: string, input: unknown): Promise<T> {
      if (closed) return Promise.reject(new Error('worker pool is closed'));
      const slot = pick();
      const id = next++;
      slot.busy += 1;
      slot.worker.ref(); // a task under way keeps the process alive until it answers
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, slot });
        slot.worker.postMessage({ id, module: String(module), fn, input });
      });
    },

    /** Threads started so far (for tests and health). */
    get threads(): number {
      return slots.length;
    },

    /** End the threads; tasks under way are rejected. */
    async close(): Promise<void> {
      closed = true;
      const all = slots.splice(0);
      await Promise.all(all.map((s) => s.worker.terminate()));
    },
  };
}

export type WorkerPool = ReturnType<typeof createWorkerPool>;

let shared: WorkerPool | null = null;

/**
 * Run CPU-heavy work in the process's shared worker pool (one thread unless `configureWorkers` said otherwise).
 * See createWorkerPool.run.
 */
export function runInWorker<T>(module: URL | string, fn: string, input: unknown): Promise<T> {
  shared ??= createWorkerPool({ size: 1 });
  return shared.run<T>(module, fn, input);
}

/** Size the shared pool (WORKER_THREADS); call before the first `runInWorker`. */
export function configureWorkers(size: number): void {
  if (shared && shared.threads > 0) return;
  shared = createWorkerPool({ size });
}

/** End the shared pool's threads (server shutdown). */
export async function closeWorkers(): Promise<void> {
  const pool = shared;
  shared = null;
  await pool?.close();
}
