import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * The audit log's keys live outside the database, so that whoever can write to the database — a superuser, a
 * stolen backup restored elsewhere — can neither re-chain records after editing one (the chain's HMAC key), nor
 * read the personal data sealed in records (the master key wrapping each data subject's key), nor forge a
 * checkpoint (the signing key). Each comes from a setting or from a file in the key directory (AUDIT_KEY_DIR,
 * default DATA_DIR/keys), created on first start with mode 0600. The files must be backed up, apart from the
 * database: without the chain key no keyed record can be verified, without the master key no sealed field read.
 */

export interface SecretKey {
  /** A fingerprint naming the key (stored with records and key rows; reveals nothing of the key). */
  id: string;
  secret: Buffer;
}

export interface AuditKeys {
  /** HMAC key of the chain. */
  chain: SecretKey;
  /** Master key that wraps each data subject's key (personal.ts). */
  personal: SecretKey;
}

export interface SigningKeys {
  /** This installation's checkpoint signing key (Ed25519); absent for a verifier that holds only public keys. */
  privateKey: KeyObject | null;
  /** Id of the signing key: the fingerprint of its public key. */
  id: string | null;
  /** Public keys whose checkpoints are trusted, by id: our own and every `*.pub.pem` in the key directory. */
  trusted: Map<string, KeyObject>;
}

export interface KeySettings {
  DATA_DIR: string;
  AUDIT_KEY_DIR?: string | undefined;
  AUDIT_HMAC_KEY?: string | undefined;
  AUDIT_PII_KEY?: string | undefined;
}

export const CHAIN_KEY_FILE = 'audit-chain.key';
export const PERSONAL_KEY_FILE = 'audit-personal.key';
export const SIGNING_KEY_FILE = 'checkpoint-signing.pem';
export const SIGNING_PUBLIC_KEY_FILE = 'checkpoint-signing.pub.pem';

/** A key (or the files it comes from) that is not there when it must be: a clear line for the operator. */
export class AuditKeyMissingError extends Error {}

export const auditKeyDir = (s: KeySettings): string => s.AUDIT_KEY_DIR ?? join(s.DATA_DIR, 'keys');

/**
 * The chain and master keys from the settings, else from the key directory; `create` makes a missing key file
 * (server start, seeding) — a verifier or an erasure must never invent a key.
 */
export function loadAuditKeys(s: KeySettings, opts: { create: boolean }): AuditKeys {
  return { chain: loadChainKey(s, opts), personal: loadPersonalKey(s, opts) };
}

/** The chain key alone (all that verifying needs). */
export const loadChainKey = (s: KeySettings, { create }: { create: boolean }): SecretKey =>
  secretKey(s.AUDIT_HMAC_KEY, 'AUDIT_HMAC_KEY', join(auditKeyDir(s), CHAIN_KEY_FILE), create);

export const loadPersonalKey = (s: KeySettings, { create }: { create: boolean }): SecretKey =>
  secretKey(s.AUDIT_PII_KEY, 'AUDIT_PII_KEY', join(auditKeyDir(s), PERSONAL_KEY_FILE), create);

/** Random keys that live as long as the process: for benchmarks on throwaway databases. */
export function ephemeralAuditKeys(): AuditKeys {
  return { chain: keyOf(randomBytes(32)), personal: keyOf(randomBytes(32)) };
}

/** A key from its text (hex, or base64 of at least 32 bytes). */
export function parseKey(text: string, name: string): SecretKey {
  const t = text.trim();
  const bytes = /^[0-9a-fA-F]+$/.test(t) && t.length % 2 === 0 ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (bytes.length < 32) throw new Error(`${name}: a key needs at least 32 bytes (64 hex digits or base64)`);
  return keyOf(bytes);
}

function keyOf(secret: Buffer): SecretKey {
  return {
    id: createHash('sha256').update('openenforce audit key\0').update(secret).digest('hex').slice(0, 16),
    secret,
  };
}

function secretKey(setting: string | undefined, name: string, file: string, create: boolean): SecretKey {
  if (setting) return parseKey(setting, name);
  if (!existsSync(file)) {
    if (!create) throw new AuditKeyMissingError(`no audit key: ${name} is unset and ${file} does not exist`);
    writeOnce(file, `${randomBytes(32).toString('hex')}\n`);
  }
  return parseKey(readFileSync(file, 'utf8'), file);
}

/** Create a key file readable by its owner only; if another process created it first, theirs is kept. */
function writeOnce(file: string, content: string): void {
  const dir = join(file, '..');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, content, { flag: 'wx', mode: 0o600 });
    chmodSync(file, 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
}

/** The id of a checkpoint signing key: the fingerprint of its public key. */
export function publicKeyId(key: KeyObject): string {
  return createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/**
 * The checkpoint signing key (Ed25519) from the key directory, created on first start when `create`; and the public
 * keys trusted to have signed checkpoints (those of other nodes or of an older key, copied in as `*.pub.pem`).
 */
export function loadSigningKeys(s: KeySettings, { create }: { create: boolean }): SigningKeys {
  const dir = auditKeyDir(s);
  const file = join(dir, SIGNING_KEY_FILE);
  if (!existsSync(file) && create) {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeOnce(file, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  }
  const trusted = new Map<string, KeyObject>();
  let privateKey: KeyObject | null = null;
  let id: string | null = null;
  if (existsSync(file)) {
    privateKey = createPrivateKey(readFileSync(file));
    const pub = createPublicKey(privateKey);
    id = publicKeyId(pub);
    trusted.set(id, pub);
    const pubFile = join(dir, SIGNING_PUBLIC_KEY_FILE);
    // For a verifier elsewhere (an auditor's machine, another node): the public half, beside the private one.
    if (!existsSync(pubFile)) writeOnce(pubFile, pub.export({ type: 'spki', format: 'pem' }) as string);
  }
  if (existsSync(dir))
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.pub.pem'))) {
      const pub = createPublicKey(readFileSync(join(dir, f)));
      trusted.set(publicKeyId(pub), pub);
    }
  return { privateKey, id, trusted };
}
