import type { Permission } from '../organization/roles.ts';

/*
 * Personal data (ARCHITECTURE.md rule 9; PIPL): names of individual parties and reporters, phone numbers and ID
 * numbers are shown in full only to a reader holding `pii.read`, within their data scope, and masked everywhere else:
 * in other readers' screens, on public pages, in exports and in logs. Every presenter, export and public page masks
 * with these functions, so a masking rule changes in one place.
 */

/** The permission that shows personal data in full. */
export const PII_READ: Permission = 'pii.read';

/** Whether a reader with these permissions sees personal data in full (scope is checked by the query, not here). */
export function maySeePersonalData(permissions: readonly Permission[]): boolean {
  return permissions.includes(PII_READ);
}

/** 张三丰 → 张**: the family name stays, so a caller can still be addressed. */
export function maskName(name: string | null): string | null {
  if (!name) return null;
  const chars = [...name];
  return `${chars[0]}${'*'.repeat(Math.max(1, chars.length - 1))}`;
}

/** 13812345678 → 138****5678: the carrier prefix and the last four digits, as Chinese services show them. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  return phone.length <= 7 ? '*'.repeat(phone.length) : `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** 330281199001011234 → 330281********1234: the region code and the last four, never the birth date. */
export function maskIdNumber(id: string | null): string | null {
  if (!id) return null;
  return id.length <= 10 ? '*'.repeat(id.length) : `${id.slice(0, 6)}********${id.slice(-4)}`;
}

/**
 * The personal fields of each audited subject (the `⚠ personal data` columns of the schemas), as they appear in audit
 * before/after: masked for a reader without `pii.read`.
 */
export const PERSONAL_FIELDS: Readonly<Record<string, Readonly<Record<string, (v: string | null) => string | null>>>> =
  {
    event: { reporterName: maskName, reporterPhone: maskPhone },
    person: { name: maskName, phone: maskPhone, idNumber: maskIdNumber },
  };

/** A subject's audited values with its personal fields masked (a copy; other values as they are). */
export function maskPersonalFields(entityType: string, value: unknown): unknown {
  const fields = PERSONAL_FIELDS[entityType];
  if (!fields || value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [k, mask] of Object.entries(fields)) if (typeof out[k] === 'string') out[k] = mask(out[k] as string);
  return out;
}
