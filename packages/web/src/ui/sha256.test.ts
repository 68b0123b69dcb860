import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256, sha256Hex } from './sha256.ts';

const node = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('SHA-256 on the phone', () => {
  it('the fallback (no crypto.subtle over plain HTTP) agrees with Node at every padding boundary', () => {
    for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 70_000]) {
      const b = new Uint8Array(randomBytes(n));
      expect(hex(sha256(b)), `${n} bytes`).toBe(node(b));
    }
    expect(hex(sha256(new TextEncoder().encode('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('hashes a Blob with crypto.subtle where it exists', async () => {
    const b = new Uint8Array(randomBytes(5000));
    expect(await sha256Hex(new Blob([b]))).toBe(node(b));
  });
});
