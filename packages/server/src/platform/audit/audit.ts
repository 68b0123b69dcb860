import { sql } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { auditLog } from './audit.schema.ts';
import { canonicalJson, chainHash, digest, GENESIS, type HashAlgorithm } from './hash.ts';

/** Who did it and from where: taken from the request (or 'system' for jobs and seeding). */
export interface Actor {
  id: string | null;
  role: string;
  clientIp: string | null;
  requestId: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: null, role: 'system', clientIp: null, requestId: null };

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Arbitrary constant for the transaction-scoped advisory lock that serialises appends to the chain. */
const CHAIN_LOCK = 7_204_312;

export interface AuditWriter {
  /** Append entries in the caller's transaction: the state change and its record commit or roll back together. */
  append(tx: Db, actor: Actor, entries: AuditEntry | AuditEntry[], now: Date): Promise<void>;
}

export function createAuditWriter(algorithm: HashAlgorithm): AuditWriter {
  return {
    async append(tx, actor, entries, now) {
      const list = Array.isArray(entries) ? entries : [entries];
      if (list.length === 0) return;
      // Serialise writers across processes so that each record links to the one before it.
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`);
      const last = await tx
        .select({ seq: auditLog.seq, hash: auditLog.hash })
        .from(auditLog)
        .orderBy(sql`${auditLog.seq} DESC`)
        .limit(1);
      let seq = last[0]?.seq ?? 0;
      let prevHash = last[0]?.hash ?? GENESIS;
      const at = now.toISOString();
      const rows = list.map((e) => {
        seq += 1;
        // Canonicalise once: the digest covers exactly the text that is stored.
        const beforeText = e.before == null ? null : canonicalJson(e.before);
        const afterText = e.after == null ? null : canonicalJson(e.after);
        const fields = {
          seq,
          at,
          actorId: actor.id,
          actorRole: actor.role,
          action: e.action,
          entityType: e.entityType,
          entityId: e.entityId,
          beforeDigest: beforeText === null ? null : digest(algorithm, beforeText),
          afterDigest: afterText === null ? null : digest(algorithm, afterText),
          clientIp: actor.clientIp,
          requestId: actor.requestId,
          algorithm,
        };
        const linkTo = prevHash;
        prevHash = chainHash(algorithm, linkTo, fields);
        const before = beforeText === null ? null : JSON.parse(beforeText);
        const after = afterText === null ? null : JSON.parse(afterText);
        return { ...fields, before, after, prevHash: linkTo, hash: prevHash };
      });
      for (let i = 0; i < rows.length; i += 1000) await tx.insert(auditLog).values(rows.slice(i, i + 1000));
    },
  };
}
