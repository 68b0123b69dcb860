import type { Database } from '../db/index.ts';
import { canonicalJson, chainHash, digest, GENESIS, type HashAlgorithm } from './hash.ts';

export type VerifyResult =
  | { ok: true; records: number; lastHash: string }
  | {
      ok: false;
      records: number;
      brokenAt: number;
      reason: 'prev_hash' | 'hash' | 'before_digest' | 'after_digest' | 'gap';
    };

interface Row {
  seq: string | number;
  at: string;
  actor_id: string | null;
  actor_role: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  before_digest: string | null;
  after_digest: string | null;
  client_ip: string | null;
  request_id: string | null;
  algorithm: HashAlgorithm;
  prev_hash: string;
  hash: string;
}

/**
 * Walk the whole chain in order and name the first broken link: a record whose content no longer matches its hash,
 * whose before/after no longer match their digests, that does not link to its predecessor, or a missing number.
 */
export async function verifyAuditChain(database: Database, batch = 5000): Promise<VerifyResult> {
  let prevHash = GENESIS;
  let expectSeq = 1;
  let records = 0;
  for (;;) {
    const rows = await database.query<Row>(
      `SELECT seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, actor_id, actor_role, action,
              entity_type, entity_id, before, after, before_digest, after_digest, client_ip, request_id, algorithm,
              prev_hash, hash
         FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2`,
      [expectSeq, batch],
    );
    if (rows.length === 0) return { ok: true, records, lastHash: prevHash };
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expectSeq) return { ok: false, records, brokenAt: expectSeq, reason: 'gap' };
      if (r.prev_hash !== prevHash) return { ok: false, records, brokenAt: seq, reason: 'prev_hash' };
      const alg = r.algorithm;
      if ((r.before === null ? null : digest(alg, canonicalJson(r.before))) !== r.before_digest)
        return { ok: false, records, brokenAt: seq, reason: 'before_digest' };
      if ((r.after === null ? null : digest(alg, canonicalJson(r.after))) !== r.after_digest)
        return { ok: false, records, brokenAt: seq, reason: 'after_digest' };
      const hash = chainHash(alg, prevHash, {
        seq,
        at: r.at,
        actorId: r.actor_id,
        actorRole: r.actor_role,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        beforeDigest: r.before_digest,
        afterDigest: r.after_digest,
        clientIp: r.client_ip,
        requestId: r.request_id,
        algorithm: alg,
      });
      if (hash !== r.hash) return { ok: false, records, brokenAt: seq, reason: 'hash' };
      prevHash = r.hash;
      expectSeq = seq + 1;
      records += 1;
    }
  }
}
