import { RULES } from '../errors/rules.ts';

/**
 * The one text rule for every string the platform accepts: it must be storable. PostgreSQL's `text` and `jsonb` cannot
 * hold U+0000, and a lone UTF-16 surrogate has no UTF-8 form at all (one driver refuses it, the other silently turns
 * it into U+FFFD). Either would fail or corrupt the write deep inside a transaction; refused at the edge instead, with
 * the field's path and this rule's id.
 */
export type TextRule = 'no_nul_character' | 'well_formed_unicode';

/** Its words, from the rule catalogue. */
export const TEXT_RULES: Record<TextRule, { zh: string; en: string }> = {
  no_nul_character: RULES.no_nul_character,
  well_formed_unicode: RULES.well_formed_unicode,
};

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The rule a string breaks, or null when it can be stored. */
export function brokenTextRule(s: string): TextRule | null {
  if (s.includes('\u0000')) return 'no_nul_character';
  if (LONE_SURROGATE.test(s)) return 'well_formed_unicode';
  return null;
}

export interface BrokenText {
  /** Dotted path from `root` (e.g. `body.items.0.name`); a key that breaks the rule is named by its parent. */
  path: string;
  rule: TextRule;
}

/**
 * The first string in a parsed JSON value, query or parameter object that breaks the text rule — keys included, since
 * a free-form object is stored as `jsonb` keys and all. Walks at most `maxNodes` nodes (a body is bounded by the body
 * limit anyway).
 */
export function findBrokenText(value: unknown, root: string, maxNodes = 200_000): BrokenText | null {
  const stack: [unknown, string][] = [[value, root]];
  let seen = 0;
  while (stack.length > 0 && seen++ < maxNodes) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const rule = brokenTextRule(v);
      if (rule) return { path, rule };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}.${i}`]);
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, x] = entries[i]!;
        const rule = brokenTextRule(k);
        if (rule) return { path, rule };
        stack.push([x, `${path}.${k}`]);
      }
    }
  }
  return null;
}
