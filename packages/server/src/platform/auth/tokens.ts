import { createHash } from 'node:crypto';

/** Session tokens, API keys and citizen tokens are stored as their SHA-256 only: a stolen table opens nothing. */
export const tokenHashOf = (token: string) => createHash('sha256').update(token).digest('hex');
