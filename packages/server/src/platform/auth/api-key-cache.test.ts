import { describe, expect, it } from 'vitest';
import { ApiKeyCache } from './api-key-cache.ts';

describe('API key cache', () => {
  it('reads a key once within the TTL, again after it, after an eviction, and never keeps a miss', async () => {
    const cache = new ApiKeyCache<string>(1_000);
    let reads = 0;
    const load = async () => `client-${++reads}`;
    expect(await cache.get('h1', 'hotline', 0, load)).toBe('client-1');
    expect(await cache.get('h1', 'hotline', 999, load)).toBe('client-1');
    expect(await cache.get('h1', 'open311', 999, load)).toBe('client-2'); // a key is good for its kind only
    expect(await cache.get('h1', 'hotline', 1_000, load)).toBe('client-3');
    cache.evict('h1');
    expect(await cache.get('h1', 'hotline', 1_001, load)).toBe('client-4');
    await expect(cache.get('h2', 'hotline', 0, () => Promise.reject(new Error('unknown')))).rejects.toThrow();
    expect(await cache.get('h2', 'hotline', 0, load)).toBe('client-5');
    cache.evict('all');
    expect(await cache.get('h2', 'hotline', 0, load)).toBe('client-6');
  });

  it('does not keep a row read while an eviction came in (it may be the revoked one)', async () => {
    const cache = new ApiKeyCache<string>(60_000);
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const reading = cache.get('h1', 'hotline', 0, async () => {
      await slow;
      return 'before revocation';
    });
    cache.evict('h1');
    release();
    expect(await reading).toBe('before revocation');
    expect(await cache.get('h1', 'hotline', 1, async () => 'after')).toBe('after');
  });
});
