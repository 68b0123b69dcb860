import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

/** argon2id with OWASP's minimum parameters (19 MiB, 2 passes): about 20–40 ms per hash on this class of machine. */
const OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum, unusable under isolatedModules) */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

/** A real hash of a random string: verifying against it costs the same as a real account, so timing leaks nothing. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(`no-such-user-${randomBytes(16).toString('hex')}`);
  return dummy;
}

/**
 * A temporary password an administrator hands over (shown once, must be changed at the next login): 15 characters
 * of an alphabet without look-alikes (no 0/O, 1/l/I), in three groups of five, ≈ 87 bits. Passes the password rule.
 */
const TEMP_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function temporaryPassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 3; g++) {
    let s = '';
    while (s.length < 5) {
      // Rejection sampling: no modulo bias.
      const b = randomBytes(1)[0]!;
      if (b < 256 - (256 % TEMP_ALPHABET.length)) s += TEMP_ALPHABET[b % TEMP_ALPHABET.length];
    }
    groups.push(s);
  }
  // The hyphens make a second kind of character whatever the draw: the password rule is always met.
  return groups.join('-');
}
