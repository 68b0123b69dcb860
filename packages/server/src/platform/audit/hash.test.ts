import { describe, expect, it } from 'vitest';
import { canonicalJson } from './hash.ts';

/** The definition the chain was first hashed with: JSON.stringify after sorting keys at every depth. */
function reference(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) out[k] = sort((v as Record<string, unknown>)[k]);
      return out;
    }
    return v;
  };
  return JSON.stringify(sort(JSON.parse(JSON.stringify(value ?? null))));
}

describe('canonicalJson', () => {
  const cases: Record<string, unknown> = {
    scalars: [0, -0, 1.5, 1e21, 5e-7, NaN, Infinity, -Infinity, true, false, null, '', 'a"b\\c\n\u2028'],
    nested: { b: { d: [3, { z: 1, a: 2 }], c: '中文' }, a: null, é: 1, A: 2, _: 3 },
    'dates and toJSON': { at: new Date('2026-11-22T06:00:00.123Z'), custom: { toJSON: () => ({ y: 1, x: 2 }) } },
    'undefined and functions': { keep: 1, drop: undefined, fn: () => 1, list: [undefined, () => 1, Symbol('s')] },
    'array-index keys': { '10': 'a', '9': 'b', '01': 'c', b: 'd', '4294967295': 'e', '4294967294': 'f', '-1': 'g' },
    'an event as reported': {
      id: '0b6f0c59-2bb8-4a42-9a1f-7f3a0c8c1f11',
      lng: 119.123456789,
      lat: 29.98765432,
      reportedAt: new Date(0),
      proposal: { explanation: { zh: '乡镇赋权事项', en: 'Empowered' }, teamId: null },
      assistingTeamIds: [],
    },
  };
  for (const [name, value] of Object.entries(cases))
    it(`is JSON.stringify with sorted keys: ${name}`, () => {
      expect(canonicalJson(value)).toBe(reference(value));
    });

  it('gives the same text after a round trip that reorders keys (as jsonb does)', () => {
    const a = { z: { y: 1, x: [{ b: 1, a: 2 }] }, a: 'x' };
    const b = { a: 'x', z: { x: [{ a: 2, b: 1 }], y: 1 } };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":"x","z":{"x":[{"a":2,"b":1}],"y":1}}');
  });

  it('is null for nothing, and refuses a BigInt as JSON.stringify does', () => {
    expect(canonicalJson(undefined)).toBe('null');
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
  });
});
