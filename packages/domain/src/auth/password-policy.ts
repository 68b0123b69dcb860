import { RULES } from '../errors/rules.ts';
import common from './data/common-passwords.json' with { type: 'json' };
import {
  PASSPHRASE_MIN_LENGTH,
  PASSPHRASE_MIN_WORDS,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from './password-limits.ts';

/**
 * The password rule, one place for the server (every password that is set) and the web form (before it is sent).
 * After NIST SP 800-63B §5.1.1.2: length over composition, and a refusal of the predictable — common passwords,
 * the username, the password being replaced. A passphrase (four or more words — a Chinese character is a word — or
 * 16 characters) needs no mix of character kinds.
 */
export * from './password-limits.ts';

/** The rules' words live in the rule catalogue (the server sends them with a refusal; the web shows them early). */
export const PASSWORD_RULES = {
  password_too_short: RULES.password_too_short,
  password_too_long: RULES.password_too_long,
  password_one_kind: RULES.password_one_kind,
  password_contains_username: RULES.password_contains_username,
  password_same_as_current: RULES.password_same_as_current,
  password_common: RULES.password_common,
} as const satisfies Record<string, { zh: string; en: string }>;
export type PasswordRule = keyof typeof PASSWORD_RULES;

/** Lower case, for the list and the username comparison. */
let commonSet: Set<string> | undefined;
const isCommon = (password: string) => (commonSet ??= new Set(common as string[])).has(password.toLowerCase());

/** Letters (any script), digits, and everything else (punctuation, symbols, spaces). */
function kindsOf(password: string): number {
  let letters = 0;
  let digits = 0;
  let other = 0;
  for (const ch of password) {
    if (/\p{L}/u.test(ch)) letters = 1;
    else if (/\p{N}/u.test(ch)) digits = 1;
    else other = 1;
  }
  return letters + digits + other;
}

/** Words separated by spaces; Chinese is written without them, so each Han character counts as a word. */
function wordsOf(password: string): number {
  const han = password.match(/\p{Script=Han}/gu)?.length ?? 0;
  return (
    han +
    password
      .replace(/\p{Script=Han}/gu, ' ')
      .split(/\s+/u)
      .filter(Boolean).length
  );
}

export interface PasswordContext {
  /** The account's username: the password may not contain it (from 3 characters on). */
  username?: string | null;
  /** The password being replaced: the new one must differ. */
  currentPassword?: string | null;
}

/** The rules `password` breaks, in the order a person should fix them; empty when it is acceptable. */
export function passwordProblems(password: string, context: PasswordContext = {}): PasswordRule[] {
  const problems: PasswordRule[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('password_too_short');
  if (length > PASSWORD_MAX_LENGTH) problems.push('password_too_long');
  const passphrase = length >= PASSPHRASE_MIN_LENGTH || wordsOf(password) >= PASSPHRASE_MIN_WORDS;
  if (!passphrase && kindsOf(password) < 2) problems.push('password_one_kind');
  const username = context.username?.trim().toLowerCase();
  if (username && [...username].length >= 3 && password.toLowerCase().includes(username))
    problems.push('password_contains_username');
  if (context.currentPassword && password === context.currentPassword) problems.push('password_same_as_current');
  if (length >= PASSWORD_MIN_LENGTH && isCommon(password)) problems.push('password_common');
  return problems;
}
