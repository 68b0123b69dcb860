/*
 * Open311 publication (GeoReport v2 public reads): which events are published, and under which id. A citizen who
 * reports through an Open311 app publishes the report; a hotline caller or a grid worker did not, so by default only
 * Open311's own reports are published. A county may widen or narrow it by source and category (settings).
 */

/** Which events are published: their source is one of `sources` and, when `categories` is set, their category too. */
export interface PublicationRule {
  sources: readonly string[];
  /** Service codes (event categories); null = every category. */
  categories: readonly string[] | null;
}

/** The default: only reports that came in through Open311. */
export const DEFAULT_PUBLICATION: PublicationRule = { sources: ['open311'], categories: null };

export function isPublished(rule: PublicationRule, e: { source: string; category: string }): boolean {
  return rule.sources.includes(e.source) && (rule.categories === null || rule.categories.includes(e.category));
}

/**
 * The public id of a published event (its Open311 service_request_id): `R` and 12 characters of Crockford's base32
 * (no I, L, O, U: read out over a phone without doubt), 60 random bits — not the event number, so the published
 * requests cannot be counted or enumerated. `bytes` are at least 8 random bytes (the caller draws them).
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const PUBLIC_ID_PATTERN = /^R[0-9A-HJKMNP-TV-Z]{12}$/;

export function publicIdFrom(bytes: Uint8Array): string {
  if (bytes.length < 8) throw new RangeError('publicIdFrom needs 8 bytes');
  let n = 0n;
  for (let i = 0; i < 8; i++) n = (n << 8n) | BigInt(bytes[i]!);
  let out = '';
  for (let i = 0; i < 12; i++) {
    out += ALPHABET[Number(n & 31n)];
    n >>= 5n;
  }
  return `R${out}`;
}
