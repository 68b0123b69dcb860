import { createHash, createHmac } from 'node:crypto';

/** The hash of the setting AUDIT_HASH: digests of before/after, and the chain's hash function. */
export type HashAlgorithm = 'sha256' | 'sm3';

/**
 * The algorithm a record's `hash` was computed with (the column `algorithm`): plain for the records written before
 * the chain was keyed, HMAC with the audit key (one not in the database) for every record since — so that someone
 * who can write to the database but has not the key cannot re-chain records after editing one.
 */
export type ChainAlgorithm = HashAlgorithm | 'hmac-sha256' | 'hmac-sm3';

export const keyed = (h: HashAlgorithm): ChainAlgorithm => (h === 'sm3' ? 'hmac-sm3' : 'hmac-sha256');
export const isKeyed = (a: ChainAlgorithm): boolean => a.startsWith('hmac-');
export const hashOf = (a: ChainAlgorithm): HashAlgorithm => (a.endsWith('sm3') ? 'sm3' : 'sha256');

export function digest(algorithm: HashAlgorithm, text: string): string {
  return createHash(algorithm).update(text, 'utf8').digest('hex');
}

/**
 * Canonical JSON: keys sorted at every depth, so that the same value always hashes the same — including after a
 * round trip through jsonb, which reorders keys. Otherwise exactly JSON.stringify's text (toJSON, so Dates become
 * ISO strings; undefined and functions dropped from objects, null in arrays; non-finite numbers null).
 * One pass: every report and every step hashes its before and after, so this runs thousands of times a second.
 */
export function canonicalJson(value: unknown): string {
  return write(value) ?? 'null';
}

function write(value: unknown): string | undefined {
  let v = value;
  if (typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON === 'function')
    v = (v as { toJSON(): unknown }).toJSON();
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('canonicalJson: a BigInt has no JSON form');
    case 'object': {
      if (v === null) return 'null';
      if (Array.isArray(v)) return `[${v.map((x) => write(x) ?? 'null').join(',')}]`;
      const o = v as Record<string, unknown>;
      let out = '';
      for (const k of sortedKeys(o)) {
        const text = write(o[k]);
        if (text === undefined) continue;
        out += `${out ? ',' : ''}${JSON.stringify(k)}:${text}`;
      }
      return `{${out}}`;
    }
    default:
      return undefined; // undefined, functions, symbols
  }
}

const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;

/**
 * Keys in code-unit order — except array-index keys ("0", "17"), which come first in numeric order, as any
 * JavaScript object lists them: the order the chain's records have always been hashed in.
 */
function sortedKeys(o: object): string[] {
  const keys = Object.keys(o).sort();
  const index = keys.filter((k) => ARRAY_INDEX.test(k) && Number(k) <= 4_294_967_294);
  if (index.length === 0) return keys;
  const rest = keys.filter((k) => !index.includes(k));
  return [...index.sort((a, b) => Number(a) - Number(b)), ...rest];
}

/**
 * A record's time as the chain covers it: exactly what the `timestamptz` column stores (microseconds), so that no
 * digit of the stored time can change without the hash telling. JavaScript times have milliseconds.
 */
export function chainTime(d: Date): string {
  return `${d.toISOString().slice(0, -1)}000Z`;
}

/** Fields of a record that the chain covers, in a fixed order. */
export interface ChainedFields {
  seq: number;
  /** chainTime() for keyed records; the older unkeyed ones were hashed with milliseconds (toISOString). */
  at: string;
  actorId: string | null;
  actorRole: string;
  action: string;
  entityType: string;
  entityId: string;
  beforeDigest: string | null;
  afterDigest: string | null;
  clientIp: string | null;
  requestId: string | null;
  algorithm: ChainAlgorithm;
  /** Which audit key (its fingerprint, keys.ts) a keyed record was written with; null for unkeyed records. */
  keyId: string | null;
}

/**
 * The record's hash: H(prevHash ‖ record) for the unkeyed records of old, HMAC-H(key, prevHash ‖ record ‖ key id)
 * for keyed ones. `key` is required for a keyed algorithm.
 */
export function chainHash(prevHash: string, f: ChainedFields, key?: Buffer): string {
  const record = [
    f.seq,
    f.at,
    f.actorId,
    f.actorRole,
    f.action,
    f.entityType,
    f.entityId,
    f.beforeDigest,
    f.afterDigest,
    f.clientIp,
    f.requestId,
    f.algorithm,
  ];
  if (!isKeyed(f.algorithm)) return digest(f.algorithm as HashAlgorithm, `${prevHash}\n${JSON.stringify(record)}`);
  if (!key) throw new Error(`chainHash: ${f.algorithm} needs the audit key`);
  record.push(f.keyId);
  return createHmac(hashOf(f.algorithm), key)
    .update(`${prevHash}\n${JSON.stringify(record)}`, 'utf8')
    .digest('hex');
}

/** The hash that the first record links to. */
export const GENESIS = '0'.repeat(64);
