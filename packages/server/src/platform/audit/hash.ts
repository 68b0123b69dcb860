import { createHash } from 'node:crypto';

export type HashAlgorithm = 'sha256' | 'sm3';

export function digest(algorithm: HashAlgorithm, text: string): string {
  return createHash(algorithm).update(text, 'utf8').digest('hex');
}

/**
 * Canonical JSON: keys sorted at every depth, so that the same value always hashes the same — including after a
 * round trip through jsonb, which reorders keys. Dates become ISO strings first (as JSON.stringify does).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(JSON.parse(JSON.stringify(value ?? null))));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/** Fields of a record that the chain covers, in a fixed order. */
export interface ChainedFields {
  seq: number;
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
  algorithm: HashAlgorithm;
}

export function chainHash(algorithm: HashAlgorithm, prevHash: string, f: ChainedFields): string {
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
  return digest(algorithm, `${prevHash}\n${JSON.stringify(record)}`);
}

/** The hash that the first record links to. */
export const GENESIS = '0'.repeat(64);
