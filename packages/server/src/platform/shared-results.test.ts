import { describe, expect, it } from 'vitest';
import { sharedResults } from './shared-results.ts';

describe('shared results', () => {
  it('one computation per key within the window; a new one after it, or after a failure', async () => {
    let t = 0;
    let computed = 0;
    const shared = sharedResults<number>(1_000, () => t);
    const compute = async () => ++computed;
    const [a, b] = await Promise.all([shared('county', compute), shared('county', compute)]);
    expect([a, b, computed]).toEqual([1, 1, 1]);
    t = 1_000;
    expect(await shared('county', compute)).toBe(1); // started 1,000 ms before: still within
    expect(await shared('town:1', compute)).toBe(2); // another key: its own computation
    t = 1_001;
    expect(await shared('county', compute)).toBe(3); // the answer would hold less than the window promises
    const failing = shared('county-2', () => Promise.reject(new Error('database down')));
    await expect(failing).rejects.toThrow('database down');
    expect(await shared('county-2', compute)).toBe(4); // a failure is not handed to later readers
  });

  it('shares nothing with a window of 0', async () => {
    let computed = 0;
    const shared = sharedResults<number>(0, () => 0);
    await Promise.all([shared('k', async () => ++computed), shared('k', async () => ++computed)]);
    expect(computed).toBe(2);
  });
});
