import { maskIdNumber, maskPhone } from './masking.ts';

/*
 * What may be published to anyone (Open311's public reads): free text screened for phone and ID numbers, and
 * positions coarsened, so that a citizen's words and where they stood do not identify them or others (PIPL).
 */

// Digits are never part of a longer number on either side: a phone inside an account number is not a phone.
/** Resident ID numbers: 18 characters (17 digits and a digit or X), or the old 15 digits. */
const ID_NUMBER = /(?<![0-9A-Za-z])(?:[0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9A-Za-z])/g;
/** Mobile numbers, with or without +86 and with spaces or hyphens between the groups (138 1234 5678). */
const MOBILE = /(?<![0-9])(?:\+?86[- ]?)?1[3-9][0-9](?:[- ]?[0-9]{4}){2}(?![0-9])/g;
/** Fixed lines with their area code (0576-86123456, 057686123456). */
const LANDLINE = /(?<![0-9])0[0-9]{2,3}[- ]?[0-9]{7,8}(?![0-9])/g;

const digitsOf = (s: string) => s.replace(/[^0-9Xx]/g, '');

/**
 * Free text as it may be published: every phone number and ID number in it masked by the masking rules
 * (138****5678, 330281********1234); the rest unchanged.
 */
export function screenPersonalNumbers(text: string): string;
export function screenPersonalNumbers(text: string | null): string | null;
export function screenPersonalNumbers(text: string | null): string | null {
  if (text === null) return null;
  return text
    .replace(ID_NUMBER, (m) => maskIdNumber(m)!)
    .replace(MOBILE, (m) => maskPhone(digitsOf(m).replace(/^86(?=1[3-9][0-9]{9}$)/, ''))!)
    .replace(LANDLINE, (m) => maskPhone(digitsOf(m))!);
}

/**
 * How finely a published position is given: three decimals of a degree, a cell of 0.001° — 111 m north–south and
 * about 98 m east–west at 28° N (less further north). A published point lies within about 75 m of the true one:
 * enough to see the street, not the doorway.
 */
export const PUBLISHED_POSITION_DECIMALS = 3;

/** A position as it may be published: each coordinate rounded to PUBLISHED_POSITION_DECIMALS. */
export function coarsenPosition(p: { lng: number; lat: number }): { lng: number; lat: number } {
  const f = 10 ** PUBLISHED_POSITION_DECIMALS;
  return { lng: Math.round(p.lng * f) / f, lat: Math.round(p.lat * f) / f };
}
