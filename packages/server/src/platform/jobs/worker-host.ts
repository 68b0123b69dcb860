import { parentPort } from 'node:worker_threads';
import { DomainError } from '@openenforce/domain/errors';

/*
 * The body of a worker thread of `runInWorker` (worker.ts): it imports the named module and calls the named export
 * with the input, one task at a time, and posts the result (structured clone) or the error back.
 */

interface Task {
  id: number;
  module: string;
  fn: string;
  input: unknown;
}

parentPort!.on('message', (task: Task) => {
  void (async () => {
    try {
      const mod = (await import(task.module)) as Record<string, unknown>;
      const fn = mod[task.fn];
      if (typeof fn !== 'function') throw new Error(`${task.module} has no function ${task.fn}`);
      const result: unknown = await (fn as (input: unknown) => unknown)(task.input);
      parentPort!.postMessage({ id: task.id, ok: true, result });
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      // A DomainError crosses with its code and details, so that the caller answers the same 4xx it would have
      // answered had the work run on its own thread.
      const domain = e instanceof DomainError ? { code: e.code, details: e.details } : {};
      parentPort!.postMessage({
        id: task.id,
        ok: false,
        error: { name: e.name, message: e.message, stack: e.stack, ...domain },
      });
    }
  })();
});
