import { afterAll, describe, expect, it } from 'vitest';
import { DomainError } from '@openenforce/domain/errors';
import { createWorkerPool } from './worker.ts';

const tasks = new URL('../../../test/worker-tasks.ts', import.meta.url);

describe('runInWorker: CPU work off the main thread', () => {
  const pool = createWorkerPool({ size: 1 });
  afterAll(() => pool.close());

  it('runs an exported function in another thread and returns its result', async () => {
    const r = await pool.run<{ value: number; threadId: number }>(tasks, 'double', 21);
    expect(r.value).toBe(42);
    expect(r.threadId).not.toBe(0); // 0 is the main thread
  }, 30_000);

  it('leaves the main thread free while the task computes', async () => {
    const flag = new SharedArrayBuffer(4);
    // The task spins until this thread sets the flag from a timer: on the main thread it would never end.
    const result = pool.run<{ released: boolean }>(tasks, 'spinUntilReleased', { flag });
    let ticks = 0;
    await new Promise<void>((resolve) => {
      const t = setInterval(() => {
        ticks += 1;
        if (ticks === 3) {
          Atomics.store(new Int32Array(flag), 0, 1);
          clearInterval(t);
          resolve();
        }
      }, 5);
    });
    expect(await result).toMatchObject({ released: true });
    expect(pool.threads).toBe(1);
  }, 30_000);

  it('rejects with the error the task threw; the pool goes on', async () => {
    await expect(pool.run(tasks, 'boom', null)).rejects.toThrow('the task failed');
    await expect(pool.run(tasks, 'nonexistent', null)).rejects.toThrow('has no function nonexistent');
    expect((await pool.run<{ value: number }>(tasks, 'double', 1)).value).toBe(2);
  }, 30_000);

  it('a DomainError crosses with its code and details (the caller answers the same 4xx)', async () => {
    const err: unknown = await pool.run(tasks, 'refuse', null).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: 'IMPORT_FILE_TYPE', details: [{ path: 'file', rule: 'xlsx_unreadable' }] });
  }, 30_000);
});
