import { DOMAINS } from '../organization/schemas.ts';

export type Domain = (typeof DOMAINS)[number];

/**
 * Names that published catalogs use for a domain we already have under a shorter name. County catalogs name a
 * domain after the department (住房和城乡建设局, 文化和广电旅游体育局, 农业农村局); teams and certificates use the
 * domain names of the "1+8+1" structure (seed 002). One canonical name per domain keeps certificate scope checks
 * (APL-42) working: an officer certified for 农业 acts on a matter the catalog lists under 农业农村.
 */
export const DOMAIN_ALIASES: Readonly<Record<string, Domain>> = Object.freeze({
  住房和城乡建设: '住房建设',
  住房城乡建设: '住房建设',
  文化旅游: '文化市场',
  文化和旅游: '文化市场',
  农业农村: '农业',
});

const KNOWN = new Set<string>(DOMAINS);

/** The canonical domain for a name in a published catalog, or null when it is not one we know. */
export function normaliseDomain(name: string): Domain | null {
  const n = name.normalize('NFC').trim();
  if (KNOWN.has(n)) return n as Domain;
  return DOMAIN_ALIASES[n] ?? null;
}
