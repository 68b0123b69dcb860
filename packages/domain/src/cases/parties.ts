import { validIdChecksum } from '../organization/schemas.ts';
import { reason, type Reason } from '../workflow/procedure.ts';
import type { PartyKind } from './kinds.ts';

/*
 * Parties (issue 10 §7): a citizen (公民) identified by a resident identity number (GB 11643, check digit verified),
 * an organisation (法人) by its unified social credit code (统一社会信用代码, GB 32100, check digit verified), or
 * another organisation (其他组织: a branch, a partnership, an individual business) by its code when it has one.
 * Personal data (names, ID numbers) is masked by the privacy module wherever it is shown.
 */

/** GB 32100-2015: the 31 characters a code may use (no I, O, Z, S, V), in value order 0–30. */
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights 3^i mod 31 for positions 1–17. */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The GB 32100 check character for the first 17 characters, or null when one is not a code character. */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARS.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * USCC_WEIGHTS[i]!;
  }
  return USCC_CHARS[(31 - (sum % 31)) % 31]!;
}

/** A valid unified social credit code: 18 characters of the code set, 6 region digits, the right check character. */
export function validUscc(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  return usccCheckChar(code.slice(0, 17)) === code[17];
}

/** A valid GB 11643 resident identity number: 18 characters, a real birth date, the right check character. */
export function validIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const d = new Date(`${birth}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== birth) return false;
  return validIdChecksum(id);
}

export interface PartyIdentity {
  kind: PartyKind;
  name: string;
  /** Citizens: the resident identity number. Organisations: the unified social credit code. */
  idNumber: string | null;
}

/** The reasons a party's identity is not acceptable (name present; the right number with a valid check digit). */
export function checkParty(p: PartyIdentity): Reason[] {
  const out: Reason[] = [];
  if (p.name.trim().length === 0)
    out.push(reason('CASE-PARTY-NAME', '请填写当事人名称', "Enter the party's name", 'body.party.name'));
  const id = p.idNumber?.trim().toUpperCase() ?? '';
  if (p.kind === 'citizen') {
    if (!validIdNumber(id))
      out.push(
        reason(
          'CASE-PARTY-ID',
          '公民身份号码无效（须为 18 位，出生日期真实，校验码符合 GB 11643）',
          'The resident identity number is invalid (18 characters, a real birth date, a GB 11643 check digit)',
          'body.party.idNumber',
        ),
      );
  } else if (p.kind === 'organisation' || id !== '') {
    if (!validUscc(id))
      out.push(
        reason(
          'CASE-PARTY-USCC',
          '统一社会信用代码无效（须为 18 位，校验码符合 GB 32100）',
          'The unified social credit code is invalid (18 characters, a GB 32100 check character)',
          'body.party.idNumber',
        ),
      );
  }
  return out;
}
