import { describe, expect, it } from 'vitest';
import { brokenTextRule, findBrokenText } from './text.ts';

describe('the text rule', () => {
  it('refuses U+0000 and lone surrogates, nothing else', () => {
    expect(brokenTextRule('a\u0000b')).toBe('no_nul_character');
    expect(brokenTextRule('\ud800')).toBe('well_formed_unicode');
    expect(brokenTextRule('a\udc00')).toBe('well_formed_unicode');
    expect(brokenTextRule('\udc00\ud800')).toBe('well_formed_unicode'); // a pair in the wrong order
    expect(brokenTextRule('𠮷野家 😀')).toBeNull(); // surrogate pairs
    expect(brokenTextRule("' OR 1=1 -- <script>\t\n\u202e")).toBeNull(); // other rules are the schemas' business
    expect(brokenTextRule('')).toBeNull();
  });

  it('finds the first broken string at any depth, keys included, and names its path', () => {
    expect(findBrokenText({ a: 'ok', b: [1, 'x', { c: 'y\u0000' }] }, 'body')).toEqual({
      path: 'body.b.2.c',
      rule: 'no_nul_character',
    });
    expect(findBrokenText({ meta: { ['k\ud800']: 1 } }, 'body')).toEqual({
      path: 'body.meta',
      rule: 'well_formed_unicode',
    });
    expect(findBrokenText('\u0000', 'query')).toEqual({ path: 'query', rule: 'no_nul_character' });
    expect(findBrokenText({ a: [null, true, 2, 'ok'] }, 'body')).toBeNull();
  });
});
