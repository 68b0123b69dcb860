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
  /** Who, when one append records several people's actions (group commit of concurrent reports). */
  actor?: Actor;
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
        const who = e.actor ?? actor;
        seq += 1;
        // Canonicalise once: the digest covers exactly the text that is stored.
        const beforeText = e.before == null ? null : canonicalJson(e.before);
        const afterText = e.after == null ? null : canonicalJson(e.after);
        const fields = {
          seq,
          at,
          actorId: who.id,
          actorRole: who.role,
          action: e.action,
          entityType: e.entityType,
          entityId: e.entityId,
          beforeDigest: beforeText === null ? null : digest(algorithm, beforeText),
          afterDigest: afterText === null ? null : digest(algorithm, afterText),
          clientIp: who.clientIp,
          requestId: who.requestId,
          algorithm,
        };
        const linkTo = prevHash;
        prevHash = chainHash(algorithm, linkTo, fields);
        return { ...fields, beforeText, afterText, prevHash: linkTo, hash: prevHash };
      });
      // One JSON parameter however many records (imports append thousands): see platform/db/bulk.ts for why.
      for (let i = 0; i < rows.length; i += 2000) {
        const chunk = rows.slice(i, i + 2000);
        await tx.execute(sql`
          INSERT INTO audit_log (seq, at, actor_id, actor_role, action, entity_type, entity_id, before, after,
            before_digest, after_digest, client_ip, request_id, algorithm, prev_hash, hash)
          SELECT u.seq, u.at, u."actorId", u."actorRole", u.action, u."entityType", u."entityId", u."beforeText"::jsonb,
                 u."afterText"::jsonb, u."beforeDigest", u."afterDigest", u."clientIp", u."requestId", u.algorithm,
                 u."prevHash", u.hash
            FROM json_to_recordset(${JSON.stringify(chunk)}::json)
              AS u(seq bigint, at timestamptz, "actorId" text, "actorRole" text, action text, "entityType" text,
                   "entityId" text, "beforeText" text, "afterText" text, "beforeDigest" text, "afterDigest" text,
                   "clientIp" text, "requestId" text, algorithm text, "prevHash" text, hash text)`);
      }
    },
  };
}
