import { describe, expect, it } from 'vitest';
import { DEFAULT_PUBLICATION, isPublished, PUBLIC_ID_PATTERN, publicIdFrom } from './publication.ts';

describe('Open311 publication', () => {
  it('publishes by default only what came in through Open311; a county may add sources or limit categories', () => {
    expect(isPublished(DEFAULT_PUBLICATION, { source: 'open311', category: 'noise' })).toBe(true);
    for (const source of ['hotline', 'grid_worker', 'video_ai', 'patrol', 'department', 'inspection'])
      expect(isPublished(DEFAULT_PUBLICATION, { source, category: 'noise' })).toBe(false);
    const narrow = { sources: ['open311', 'hotline'], categories: ['noise'] };
    expect(isPublished(narrow, { source: 'hotline', category: 'noise' })).toBe(true);
    expect(isPublished(narrow, { source: 'open311', category: 'street_vending' })).toBe(false);
  });

  it('gives a public id that is not the event number: R and 12 base32 characters from random bytes', () => {
    const a = publicIdFrom(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]));
    expect(a).toMatch(PUBLIC_ID_PATTERN);
    expect(publicIdFrom(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 9]))).not.toBe(a);
    expect(publicIdFrom(new Uint8Array(8))).toBe('R000000000000');
    expect(PUBLIC_ID_PATTERN.test('SJ20261122000042')).toBe(false);
    expect(() => publicIdFrom(new Uint8Array(4))).toThrow(RangeError);
  });
});
