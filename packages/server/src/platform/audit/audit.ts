import { sql } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { executePrepared, hasOneConnection } from '../db/prepared.ts';
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
  /**
   * The chain's last record as this writer last appended it, so that an append needs no read: its insert is
   * guarded by "the last record is still this one" and writes nothing otherwise — another process appended
   * meanwhile, or the transaction of our last append rolled back — and then the head is read and the records
   * chained again. (A hash names its record: the guard cannot match a different record with the same seq.)
   */
  let head: ChainHead | null = null;

  return {
    async append(tx, actor, entries, now) {
      const list = Array.isArray(entries) ? entries : [entries];
      if (list.length === 0) return;
      // Canonicalise and digest before taking the lock (its holder should only chain and write), once: the digest
      // covers exactly the text that is stored.
      const at = now.toISOString();
      const records = list.map((e) => {
        const who = e.actor ?? actor;
        const beforeText = e.before == null ? null : canonicalJson(e.before);
        const afterText = e.after == null ? null : canonicalJson(e.after);
        return {
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
          beforeText,
          afterText,
        };
      });
      // Serialise writers across connections and processes so that each record links to the one before it.
      if (!hasOneConnection(tx)) await tx.execute(sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`);
      for (;;) {
        const guard = head;
        const from = guard ?? (await readHead(tx));
        let { seq, hash: prevHash } = from;
        const rows = records.map(({ beforeText, afterText, ...fields }) => {
          seq += 1;
          const chained = { ...fields, seq };
          const linkTo = prevHash;
          prevHash = chainHash(algorithm, linkTo, chained);
          return { ...chained, beforeText, afterText, prevHash: linkTo, hash: prevHash };
        });
        if (await insertRecords(tx, rows, guard?.hash ?? null)) {
          head = { seq, hash: prevHash };
          return;
        }
        head = null; // stale: read the head and chain again
      }
    },
  };
}

interface ChainHead {
  seq: number;
  hash: string;
}

async function readHead(tx: Db): Promise<ChainHead> {
  const last = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(sql`${auditLog.seq} DESC`)
    .limit(1);
  return last[0] ?? { seq: 0, hash: GENESIS };
}

/**
 * One JSON parameter however many records (imports append thousands): see platform/db/bulk.ts for why. With a
 * guard, the first chunk is written only if the chain's last record is still the one with that hash; false if not.
 */
async function insertRecords(tx: Db, rows: readonly Record<string, unknown>[], guard: string | null) {
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000);
    const onlyIf =
      guard !== null && i === 0 ? sql`WHERE (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1) = ${guard}` : sql``;
    const res = await executePrepared(
      tx,
      sql`
      WITH written AS (
        INSERT INTO audit_log (seq, at, actor_id, actor_role, action, entity_type, entity_id, before, after,
          before_digest, after_digest, client_ip, request_id, algorithm, prev_hash, hash)
        SELECT u.seq, u.at, u."actorId", u."actorRole", u.action, u."entityType", u."entityId", u."beforeText"::jsonb,
               u."afterText"::jsonb, u."beforeDigest", u."afterDigest", u."clientIp", u."requestId", u.algorithm,
               u."prevHash", u.hash
          FROM json_to_recordset(${JSON.stringify(chunk)}::json)
            AS u(seq bigint, at timestamptz, "actorId" text, "actorRole" text, action text, "entityType" text,
                 "entityId" text, "beforeText" text, "afterText" text, "beforeDigest" text, "afterDigest" text,
                 "clientIp" text, "requestId" text, algorithm text, "prevHash" text, hash text)
        ${onlyIf}
        RETURNING 1)
      SELECT count(*)::int AS n FROM written`,
    );
    const n = Number(res[0]!['n']);
    if (n === 0 && i === 0) return false;
  }
  return true;
}
