import { sql } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { executePrepared, hasOneConnection } from '../db/prepared.ts';
import {
  canonicalJson,
  chainHash,
  chainTime,
  digest,
  GENESIS,
  hashOf,
  keyed,
  type ChainAlgorithm,
  type HashAlgorithm,
} from './hash.ts';
import type { AuditKeys } from './keys.ts';
import { sealFields, subjectKeysForWrite, subjectName, type PersonalFields } from './personal.ts';

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
  /** Fields of before/after that are personal data, sealed under their subject's key (personal.ts). */
  personal?: PersonalFields;
}

/** A record of the chain that this process knows from outside the database (the newest signed checkpoint). */
export interface Anchor {
  records: number;
  hash: string;
}

export interface AuditWriterOptions {
  /** AUDIT_HASH: records are HMAC-SHA-256 or HMAC-SM3 with the chain key. */
  hash: HashAlgorithm;
  keys: AuditKeys;
  /** The newest checkpoint this process knows: the writer never numbers a record at or below it again. */
  anchor?: () => Anchor | null;
  /** Told when the writer finds the chain cut short behind its back (besides the gap record it writes). */
  alert?: (message: string, detail: Record<string, unknown>) => void;
}

/** Arbitrary constant for the transaction-scoped advisory lock that serialises appends to the chain. */
const CHAIN_LOCK = 7_204_312;

export interface AuditWriter {
  /** Append entries in the caller's transaction: the state change and its record commit or roll back together. */
  append(tx: Db, actor: Actor, entries: AuditEntry | AuditEntry[], now: Date): Promise<void>;
  /** Refuse (throw) when the chain's newest record is keyed with another key than this process's. */
  checkKey(db: Db): Promise<void>;
}

/** The chain's newest keyed record has another key than this process: appending would break the chain for good. */
export class AuditKeyMismatchError extends Error {}

interface Head {
  seq: number;
  hash: string;
}

type Prepared = ReturnType<typeof prepareRecords>;

/** Canonical JSON and digests, computed before the chain lock is taken (its holder should only chain and write). */
function prepareRecords(
  list: readonly AuditEntry[],
  actor: Actor,
  at: string,
  algorithm: ChainAlgorithm,
  keyId: string,
) {
  const h = hashOf(algorithm);
  return list.map((e) => {
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
      beforeDigest: beforeText === null ? null : digest(h, beforeText),
      afterDigest: afterText === null ? null : digest(h, afterText),
      clientIp: who.clientIp,
      requestId: who.requestId,
      algorithm,
      keyId,
      beforeText,
      afterText,
    };
  });
}

export function createAuditWriter(opts: AuditWriterOptions): AuditWriter {
  const { keys } = opts;
  const algorithm = keyed(opts.hash);
  const alert =
    opts.alert ??
    ((message: string, detail: Record<string, unknown>) => console.error(message, JSON.stringify(detail)));
  /**
   * The head row as this writer last committed it, so that an append needs no read: its write is guarded by "the
   * head row is still this one" and writes nothing otherwise — another process appended meanwhile, or the
   * transaction of our last append rolled back — and then the head is read (and checked) and the records chained
   * again. (A hash names its record: the guard cannot match a different record with the same seq.)
   */
  let head: Head | null = null;
  const prepare = (list: readonly AuditEntry[], actor: Actor, at: string) =>
    prepareRecords(list, actor, at, algorithm, keys.chain.id);

  /** Personal fields sealed under their subjects' keys (one statement for all subjects of the append). */
  async function sealed(tx: Db, list: AuditEntry[], now: Date): Promise<AuditEntry[]> {
    if (!list.some((e) => e.personal)) return list;
    const names = list.map((e) => (e.personal ? subjectName(keys.personal, e.personal.subject) : null));
    const subjectKeys = await subjectKeysForWrite(
      tx,
      keys.personal,
      new Set(names.filter((n): n is string => n !== null)),
      now,
    );
    return list.map((e, i) => {
      if (!e.personal) return e;
      const subject = names[i]!;
      const key = subjectKeys.get(subject)!;
      const { personal, ...rest } = e;
      return {
        ...rest,
        before: sealFields(e.before, personal.fields, subject, key),
        after: sealFields(e.after, personal.fields, subject, key),
      };
    });
  }

  /**
   * Where the next record goes, read under the chain lock: after the head row, the log's last record and the
   * newest checkpoint this process knows, whichever is furthest. If the log ends before that, its newest records
   * were deleted behind the application's back: the gap is recorded (and alerted), never numbered over.
   */
  async function readHead(tx: Db, at: string): Promise<{ guard: Head; from: Head; gap: Prepared }> {
    const cp = opts.anchor?.() ?? null;
    const [r] = await executePrepared(
      tx,
      sql`
      SELECT h.seq AS head_seq, h.hash AS head_hash, t.seq AS tail_seq, t.hash AS tail_hash, t.key_id AS tail_key,
             (SELECT c.hash FROM audit_log c WHERE c.seq = ${cp?.records ?? 0}) AS at_checkpoint
        FROM (SELECT 1) AS one
        LEFT JOIN audit_head h ON h.id = 1
        LEFT JOIN LATERAL (SELECT seq, hash, key_id FROM audit_log ORDER BY seq DESC LIMIT 1) t ON true`,
    );
    const tailKey = r!['tail_key'] as string | null;
    if (tailKey !== null && tailKey !== keys.chain.id) throw mismatch(tailKey);
    const tail: Head = r!['tail_seq'] == null ? { seq: 0, hash: GENESIS } : headOf(r!['tail_seq'], r!['tail_hash']);
    let guard: Head;
    if (r!['head_seq'] == null) {
      // Only the owner can delete the head row (and only with its trigger off): start it again where we know.
      alert('audit: the chain head row is missing; recreated', { tail: tail.seq });
      await tx.execute(sql`INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, ${GENESIS}) ON CONFLICT DO NOTHING`);
      guard = { seq: 0, hash: GENESIS };
    } else guard = headOf(r!['head_seq'], r!['head_hash']);
    let from = tail;
    let known = 'log';
    if (guard.seq > from.seq) [from, known] = [guard, 'head'];
    if (cp && cp.records > from.seq) [from, known] = [{ seq: cp.records, hash: cp.hash }, 'checkpoint'];
    if (cp && cp.records <= tail.seq && r!['at_checkpoint'] !== cp.hash)
      alert('audit: a record differs from the signed checkpoint (run npm run audit:verify)', { seq: cp.records });
    if (from.seq === tail.seq) return { guard, from, gap: [] };
    const missing = { from: tail.seq + 1, to: from.seq };
    alert('audit: the newest records of the audit log were deleted; appending after the gap', { ...missing, known });
    const gap = prepare(
      [
        {
          action: 'audit.gap',
          entityType: 'audit_log',
          entityId: `${missing.from}-${missing.to}`,
          after: { missing, knownFrom: known, lastPresent: tail },
        },
      ],
      SYSTEM_ACTOR,
      at,
    );
    return { guard, from, gap };
  }

  const mismatch = (tailKey: string) =>
    new AuditKeyMismatchError(
      `the audit chain's newest record is keyed with key ${tailKey}, this process has ${keys.chain.id}: ` +
        'configure the same AUDIT_HMAC_KEY (or key file) on every server process',
    );

  return {
    async append(tx, actor, entries, now) {
      const list = Array.isArray(entries) ? entries : [entries];
      if (list.length === 0) return;
      const at = chainTime(now);
      const records = prepare(await sealed(tx, list, now), actor, at);
      // Serialise writers across connections and processes so that each record links to the one before it.
      if (!hasOneConnection(tx)) await tx.execute(sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`);
      for (;;) {
        const remembered = head;
        const { guard, from, gap } = remembered
          ? { guard: remembered, from: remembered, gap: [] as Prepared }
          : await readHead(tx, at);
        let { seq, hash: prevHash } = from;
        const rows = [...gap, ...records].map(({ beforeText, afterText, ...fields }) => {
          seq += 1;
          const chained = { ...fields, seq };
          const linkTo = prevHash;
          prevHash = chainHash(linkTo, chained, keys.chain.secret);
          return { ...chained, beforeText, afterText, prevHash: linkTo, hash: prevHash };
        });
        const last = { seq, hash: prevHash };
        if (await insertRecords(tx, rows, guard, last)) {
          head = last;
          return;
        }
        if (!remembered) throw new Error('audit: the chain head moved while the chain lock was held');
        head = null; // stale: read the head and chain again
      }
    },

    async checkKey(db) {
      const [r] = await executePrepared(db, sql`SELECT key_id FROM audit_log ORDER BY seq DESC LIMIT 1`);
      const tailKey = (r?.['key_id'] ?? null) as string | null;
      if (tailKey !== null && tailKey !== keys.chain.id) throw mismatch(tailKey);
    },
  };
}

const headOf = (seq: unknown, hash: unknown): Head => ({ seq: Number(seq), hash: String(hash) });

/**
 * One JSON parameter however many records (imports append thousands): see platform/db/bulk.ts for why. The first
 * chunk moves the head row from `guard` to `last` and is written only if the head row still is `guard`: false if
 * not (another writer moved it). The head row's trigger refuses to move it back.
 */
async function insertRecords(tx: Db, rows: readonly Record<string, unknown>[], guard: Head, last: Head) {
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000);
    const moved =
      i === 0
        ? sql`head AS (UPDATE audit_head SET seq = ${last.seq}, hash = ${last.hash}
                        WHERE id = 1 AND seq = ${guard.seq} AND hash = ${guard.hash} RETURNING 1),`
        : sql`head AS (SELECT 1),`;
    const res = await executePrepared(
      tx,
      sql`
      WITH ${moved}
      written AS (
        INSERT INTO audit_log (seq, at, actor_id, actor_role, action, entity_type, entity_id, before, after,
          before_digest, after_digest, client_ip, request_id, algorithm, key_id, prev_hash, hash)
        SELECT u.seq, u.at, u."actorId", u."actorRole", u.action, u."entityType", u."entityId", u."beforeText"::jsonb,
               u."afterText"::jsonb, u."beforeDigest", u."afterDigest", u."clientIp", u."requestId", u.algorithm,
               u."keyId", u."prevHash", u.hash
          FROM json_to_recordset(${JSON.stringify(chunk)}::json)
            AS u(seq bigint, at timestamptz, "actorId" text, "actorRole" text, action text, "entityType" text,
                 "entityId" text, "beforeText" text, "afterText" text, "beforeDigest" text, "afterDigest" text,
                 "clientIp" text, "requestId" text, algorithm text, "keyId" text, "prevHash" text, hash text)
         WHERE EXISTS (SELECT 1 FROM head)
        RETURNING 1)
      SELECT count(*)::int AS n FROM written`,
    );
    const n = Number(res[0]!['n']);
    if (n === 0 && i === 0) return false;
  }
  return true;
}
