import type { FormInstance } from 'antd';
import { ruleText } from '../../ui/errors.tsx';
import type { I18n } from '../../app/i18n.tsx';

export type FieldPath = (string | number)[];

/** `body.legalBasis.law`, `legalBasis.law` and ['legalBasis', 'law'] → ['legalBasis', 'law']. */
export function pathOf(path: string | readonly PropertyKey[]): FieldPath {
  const parts = typeof path === 'string' ? path.split('.').filter(Boolean) : path.map(String);
  return parts[0] === 'body' ? parts.slice(1) : parts;
}

/** A zod issue's words: its message is the rule id (e.g. `max_not_below_min`); zod's own codes are translated too. */
export function issueText(t: I18n['t'], issue: { message: string; code?: string }): string {
  const byMessage = ruleText(t, issue.message);
  if (byMessage !== issue.message) return byMessage;
  return issue.code ? ruleText(t, issue.code) : issue.message;
}

/** Removes the errors placed on the form before (fields without rules keep set errors until told otherwise). */
export function clearIssues(form: FormInstance, known: ReadonlySet<string>): void {
  form.setFields([...known].map((k) => ({ name: k.split('.') as never, errors: [] })));
}

/**
 * Puts each issue on the deepest form field its path names (a field is known when `known` has its dotted name;
 * `alias` renames paths first, e.g. `penaltyBasis` → `hasPenaltyBasis`). Returns the issues that found no field,
 * for a summary above the form.
 */
export function placeIssues(
  form: FormInstance,
  known: ReadonlySet<string>,
  issues: { path: FieldPath; text: string }[],
  alias: (path: FieldPath) => FieldPath = (p) => p,
): string[] {
  clearIssues(form, known);
  const byField = new Map<string, { name: FieldPath; errors: string[] }>();
  const rest: string[] = [];
  for (const issue of issues) {
    const path = alias(issue.path);
    let found: FieldPath | null = null;
    for (let n = path.length; n > 0 && !found; n--) if (known.has(path.slice(0, n).join('.'))) found = path.slice(0, n);
    if (!found) {
      rest.push(path.length ? `${path.join('.')}: ${issue.text}` : issue.text);
      continue;
    }
    const key = found.join('.');
    const entry = byField.get(key) ?? { name: found, errors: [] };
    if (!entry.errors.includes(issue.text)) entry.errors.push(issue.text);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()].map((f) => ({ name: f.name as never, errors: f.errors })));
  return rest;
}

/** Order-insensitive deep equality (jsonb from the server reorders object keys). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a ?? null) === null || (b ?? null) === null) return (a ?? null) === (b ?? null);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameValue(x, b[i]));
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
    for (const k of keys) if (!sameValue(ra[k], rb[k])) return false;
    return true;
  }
  return false;
}
