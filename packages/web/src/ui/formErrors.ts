import { zodIssueWords, type ErrorDetail, type ZodIssueLike } from '@openenforce/domain/errors';
import type { FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../app/api.ts';
import { useI18n, type I18n } from '../app/i18n.tsx';
import { ruleText } from './errors.tsx';

/*
 * Errors on form fields, from the shared zod schemas (before sending) and from the server (`details[].path`). A
 * form's fields are the Form.Items it has registered: an issue goes on the deepest one its path names, so an issue
 * on a field that is not on screen goes to its parent, or to the summary above the form.
 */

export type FieldPath = (string | number)[];

/** `body.legalBasis.law`, `/legalBasis/law`, `legalBasis[0]` and ['legalBasis', 'law'] → ['legalBasis', 'law']. */
export function pathOf(path: string | readonly PropertyKey[] | undefined): FieldPath {
  const parts =
    typeof path === 'string'
      ? path.split(/[./[\]]+/).filter(Boolean)
      : (path ?? []).map((p) => (typeof p === 'number' ? p : String(p)));
  return parts[0] === 'body' ? parts.slice(1) : parts;
}

/**
 * A zod issue of a check the web runs before sending, in the words the server would send for it (the domain's rule
 * catalogue: a rule id of ours such as `max_not_below_min`, or zod's own code with its bound).
 */
export function issueText(pick: I18n['pick'], issue: ZodIssueLike): string {
  return pick(zodIssueWords(issue));
}

/** A server detail's words on a field: the words the server sent (`details[].message`). */
export function detailFieldText(i18n: I18n, d: ErrorDetail): string {
  return d.message ? i18n.pick(d.message) : ruleText(i18n.pick, d.rule);
}

const keyOf = (p: readonly (string | number)[]) => p.map(String).join('.');

/** The names of the Form.Items the form has registered, by dotted key. */
function fieldsOf(form: FormInstance): Map<string, FieldPath> {
  return new Map(form.getFieldsError().map((f) => [keyOf(f.name), f.name as FieldPath]));
}

/** Removes the errors placed on the form before (fields without rules keep set errors until told otherwise). */
export function clearFieldErrors(form: FormInstance): void {
  form.setFields([...fieldsOf(form).values()].map((name) => ({ name: name as never, errors: [] })));
}

/**
 * Puts each issue on the deepest registered field its path names (`alias` renames paths first, e.g. `penaltyBasis`
 * → `hasPenaltyBasis`), after clearing the errors placed before. Returns the issues that found no field, as text
 * for a summary above the form.
 */
export function placeIssues(
  form: FormInstance,
  issues: readonly { path: FieldPath; text: string }[],
  alias: (path: FieldPath) => FieldPath = (p) => p,
): string[] {
  const fields = fieldsOf(form);
  clearFieldErrors(form);
  const byField = new Map<string, { name: FieldPath; errors: string[] }>();
  const rest: string[] = [];
  for (const issue of issues) {
    const path = alias(issue.path);
    let found: FieldPath | undefined;
    for (let n = path.length; n > 0 && !found; n--) found = fields.get(keyOf(path.slice(0, n)));
    if (!found) {
      rest.push(path.length ? `${path.join('.')}: ${issue.text}` : issue.text);
      continue;
    }
    const key = keyOf(found);
    const entry = byField.get(key) ?? { name: found, errors: [] };
    if (!entry.errors.includes(issue.text)) entry.errors.push(issue.text);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()].map((f) => ({ name: f.name as never, errors: f.errors })));
  return rest;
}

/**
 * `applyServerErrors(form, error, alias?)`: puts an API error's `details[].path` on the form's fields. Returns true
 * when every detail found its field (the form shows it all), false when the caller must show the error itself
 * (not an API error, no details, or details that name no field on screen).
 */
export function useApplyServerErrors(): (
  form: FormInstance,
  error: unknown,
  alias?: (path: FieldPath) => FieldPath,
) => boolean {
  const i18n = useI18n();
  return useCallback(
    (form, error, alias) => {
      if (!(error instanceof ApiError) || error.details.length === 0) return false;
      const rest = placeIssues(
        form,
        error.details.map((d) => ({ path: pathOf(d.path), text: detailFieldText(i18n, d) })),
        alias,
      );
      return rest.length === 0;
    },
    [i18n],
  );
}
