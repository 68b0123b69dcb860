import type { ErrorDetail } from '../errors/index.ts';
import { matterVersion, type MatterUpdate, type MatterVersion } from './schemas.ts';

/*
 * Catalog versions (SPEC §1): every change is a new version with an effective date and an announcement; history is
 * never overwritten, and a case keeps the version in force when the act happened (APL-37).
 */

/**
 * The version in force on `date` (YYYY-MM-DD): the one with the latest effectiveFrom on or before the date; on the
 * same date the higher version number wins (a same-day correction). Null when none had taken effect yet.
 * The answer may be a withdrawal version (`withdrawn: true`): the matter existed but was no longer in force.
 * Input order does not matter, and nothing is allocated.
 */
export function matterAsOf<T extends { effectiveFrom: string; version?: number }>(
  versions: readonly T[],
  date: string,
): T | null {
  let best: T | null = null;
  for (const v of versions) {
    if (v.effectiveFrom > date) continue;
    if (
      best === null ||
      v.effectiveFrom > best.effectiveFrom ||
      (v.effectiveFrom === best.effectiveFrom && (v.version ?? 0) > (best.version ?? 0))
    )
      best = v;
  }
  return best;
}

export interface FieldChange {
  /** Dotted path: `name`, `legalBasis.article`, `townPowers.331081101`, `discretion.tiers.first.individual`. */
  field: string;
  before: unknown;
  after: unknown;
}

/** Fields that identify a version rather than describe the matter. */
const IDENTITY = new Set(['matterId', 'version']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!deepEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

function walk(path: string, a: unknown, b: unknown, out: FieldChange[]): void {
  if (deepEqual(a, b)) return;
  // Objects are compared field by field; a fine basis whose kind changed is one change, not one per field.
  const sameKind = !isPlainObject(a) || !isPlainObject(b) || !('kind' in a || 'kind' in b) || a.kind === b.kind;
  if (isPlainObject(a) && isPlainObject(b) && sameKind) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) walk(path ? `${path}.${k}` : k, a[k], b[k], out);
    return;
  }
  out.push({ field: path, before: a ?? null, after: b ?? null });
}

/**
 * Field-level differences from version `a` to version `b` for the history view, in a stable order (fields sorted
 * by path). Nested objects are walked (legal basis, town powers per town, flags, discretion); arrays and values are
 * compared whole. matterId and version are left out; effectiveFrom and announcement are included.
 */
export function diffVersions(a: MatterVersion, b: MatterVersion): FieldChange[] {
  const out: FieldChange[] = [];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !IDENTITY.has(k)).sort();
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  for (const k of keys) walk(k, ra[k], rb[k], out);
  return out;
}

export type MatterUpdateResult = { ok: true; version: MatterVersion } | { ok: false; details: ErrorDetail[] };

/**
 * Applies a validated update (matterUpdate) to the current version and returns the NEW version (number + 1); the
 * current one is left as it is. Refuses a stale update (`stale_version`, → CONFLICT_STALE_VERSION), an effective
 * date before the current version's (`effective_from_not_before_previous`), and a merged result that breaks a
 * cross-field rule (the rule ids of matterVersion).
 */
export function applyMatterUpdate(current: MatterVersion, update: MatterUpdate): MatterUpdateResult {
  if (update.version !== current.version) return { ok: false, details: [{ path: 'version', rule: 'stale_version' }] };
  if (update.effectiveFrom < current.effectiveFrom)
    return { ok: false, details: [{ path: 'effectiveFrom', rule: 'effective_from_not_before_previous' }] };
  const merged: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(update)) if (v !== undefined && k !== 'version') merged[k] = v;
  merged.version = current.version + 1;
  const parsed = matterVersion.safeParse(merged);
  if (!parsed.success)
    return {
      ok: false,
      details: parsed.error.issues.map((i) => ({ path: i.path.join('.'), rule: i.message })),
    };
  return { ok: true, version: parsed.data };
}
