/** Certificate status on a given day (time is a parameter). ZJ art. 28: a certificate is valid 5 years. */
export type CertificateStatus = 'valid' | 'expiring' | 'expired' | 'not_yet_valid';

export const EXPIRING_WITHIN_DAYS = 60;

export function certificateStatus(c: { validFrom: string; validTo: string }, today: string): CertificateStatus {
  if (today < c.validFrom) return 'not_yet_valid';
  if (today > c.validTo) return 'expired';
  return daysBetween(today, c.validTo) <= EXPIRING_WITHIN_DAYS ? 'expiring' : 'valid';
}

/**
 * APL-42 / ZJ-30: whether a person's certificate lets them act in `domain` on `today`. Auxiliaries never act.
 */
export function mayActInDomain(
  person: { isAuxiliary: boolean },
  certs: readonly { domains: readonly string[]; validFrom: string; validTo: string }[],
  domain: string,
  today: string,
): boolean {
  if (person.isAuxiliary) return false;
  return certs.some((c) => c.domains.includes(domain) && c.validFrom <= today && today <= c.validTo);
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
