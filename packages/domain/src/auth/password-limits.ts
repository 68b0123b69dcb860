/** The password rule's bounds (auth/password-policy.ts applies them; the rule catalogue words them). */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;
/** From this length (or from PASSPHRASE_MIN_WORDS words) a password counts as a passphrase. */
export const PASSPHRASE_MIN_LENGTH = 16;
export const PASSPHRASE_MIN_WORDS = 4;
