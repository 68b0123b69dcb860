import type { Database } from '../db/index.ts';
import { checkSignature, type StoredCheckpoint } from './checkpoint.ts';
import { canonicalJson, chainHash, digest, GENESIS, hashOf, isKeyed, type ChainAlgorithm } from './hash.ts';
import type { SecretKey, SigningKeys } from './keys.ts';

/** One thing wrong with the log, for one line of the report. Runs of the same kind on consecutive records merge. */
export interface Finding {
  kind:
    | 'missing' // records absent from the middle or the end of the log (deleted)
    | 'link' // a record does not link to the one before it
    | 'digest' // before/after no longer match their digests (edited)
    | 'hash' // an unkeyed record no longer matches its hash (edited)
    | 'rechained' // a keyed record does not verify under the audit key (edited and re-hashed without the key)
    | 'downgraded' // an unkeyed record after keyed ones (re-hashed with the plain hash code)
    | 'unknown_key' // keyed with another key than this installation's
    | 'no_key' // keyed records, but no chain key to check them with
    | 'truncated' // fewer records than a checkpoint or the head row say
    | 'rewritten' // another hash at a checkpoint's record
    | 'checkpoint_forged' // a checkpoint whose signature does not verify
    | 'checkpoint_untrusted'; // signed by a key that is not trusted
  from?: number;
  to?: number;
  line: string;
}

export interface VerifyReport {
  ok: boolean;
  /** Records present in the log. */
  records: number;
  /** Of them, written before the chain was keyed. */
  unkeyed: number;
  lastSeq: number;
  lastHash: string;
  /** Checkpoints with a trusted signature that were compared with the log. */
  checkpoints: number;
  findings: Finding[];
}

export interface VerifyOptions {
  /** The chain's HMAC key; null when it is not available (keyed records are then reported unverifiable). */
  key: SecretKey | null;
  /** Stored checkpoints and the keys that may have signed them. */
  checkpoints?: { stored: StoredCheckpoint[]; keys: SigningKeys };
  batch?: number;
}

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
  algorithm: ChainAlgorithm;
  key_id: string | null;
  prev_hash: string;
  hash: string;
}

const n = (x: number) => x.toLocaleString('en-US');
const range = (f: Finding) => (f.from === f.to ? `record ${n(f.from!)}` : `records ${n(f.from!)}–${n(f.to!)}`);

/** The line for a run of record findings (built when the run is complete). */
function describe(f: Finding, key: SecretKey | null, detail: string): string {
  switch (f.kind) {
    case 'missing':
      return `MISSING      ${range(f)} are not in the log: deleted behind the application`;
    case 'link':
      return `BROKEN LINK  ${range(f)} do(es) not link to the record before`;
    case 'digest':
      return `ALTERED      ${range(f)}: before/after no longer match their digests`;
    case 'hash':
      return `ALTERED      ${range(f)} no longer match(es) its hash (unkeyed record)`;
    case 'rechained':
      return `RE-CHAINED   ${range(f)} do(es) not verify under the audit key ${key?.id}: edited and re-hashed without the key`;
    case 'downgraded':
      return `RE-CHAINED   ${range(f)} carry no key after keyed records: re-hashed with the plain hash`;
    case 'unknown_key':
      return `UNKNOWN KEY  ${range(f)} are keyed with key ${detail}, this installation has ${key?.id}`;
    case 'no_key':
      return `NO KEY       ${range(f)} are keyed, and no audit key is configured (AUDIT_HMAC_KEY or its key file): not verified`;
    default:
      return f.line;
  }
}

/**
 * Walk the whole chain in order and report every problem, one line per run of records: missing records, broken
 * links, edited before/after, records that do not verify under the key; then compare the log with the head row and
 * with every signed checkpoint (truncation: fewer records than a checkpoint; rewriting: another hash at its record).
 * Each record's hash is checked over its own stored link, so the walk goes on past a problem and reports the rest.
 */
export async function verifyAuditChain(database: Database, opts: VerifyOptions): Promise<VerifyReport> {
  const { key } = opts;
  const batch = opts.batch ?? 5000;
  const findings: Finding[] = [];
  let open: { f: Finding; detail: string } | null = null;
  const flush = () => {
    if (open) findings.push({ ...open.f, line: describe(open.f, key, open.detail) });
    open = null;
  };
  const note = (kind: Finding['kind'], seq: number, detail = '') => {
    if (open && open.f.kind === kind && open.f.to === seq - 1 && open.detail === detail) open.f.to = seq;
    else {
      flush();
      open = { f: { kind, from: seq, to: seq, line: '' }, detail };
    }
  };

  // Checkpoints to meet on the way: record number → signed hashes.
  const expected = new Map<number, { hash: string; name: string; at: string }[]>();
  let trustedCheckpoints = 0;
  const signedCheckpoints: { records: number; hash: string; name: string; at: string }[] = [];
  for (const s of opts.checkpoints?.stored ?? []) {
    const cp = s.checkpoint;
    const verdict = cp ? checkSignature(cp, opts.checkpoints!.keys) : 'forged';
    if (verdict === 'forged') {
      findings.push({ kind: 'checkpoint_forged', line: `FORGED CHECKPOINT  ${s.name}: the signature does not verify` });
      continue;
    }
    if (verdict === 'untrusted') {
      findings.push({
        kind: 'checkpoint_untrusted',
        line: `UNTRUSTED CHECKPOINT  ${s.name}: signed by key ${cp!.signer}, which is not in the key directory`,
      });
      continue;
    }
    trustedCheckpoints += 1;
    const e = { records: cp!.records, hash: cp!.hash, name: s.name, at: cp!.at };
    signedCheckpoints.push(e);
    expected.set(e.records, [...(expected.get(e.records) ?? []), e]);
  }

  let prevHash = GENESIS;
  let expectSeq = 1;
  let records = 0;
  let unkeyed = 0;
  let sawKeyed = false;
  for (;;) {
    // The time at full precision (microseconds): every stored digit is covered by the hash.
    const rows = await database.query<Row>(
      `SELECT seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, actor_id, actor_role, action,
              entity_type, entity_id, before, after, before_digest, after_digest, client_ip, request_id, algorithm,
              key_id, prev_hash, hash
         FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2`,
      [expectSeq, batch],
    );
    if (rows.length === 0) break;
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expectSeq) {
        flush();
        const f: Finding = { kind: 'missing', from: expectSeq, to: seq - 1, line: '' };
        findings.push({ ...f, line: describe(f, key, '') });
      } else if (r.prev_hash !== prevHash) note('link', seq);
      const alg = r.algorithm;
      const h = hashOf(alg);
      if (
        (r.before === null ? null : digest(h, canonicalJson(r.before))) !== r.before_digest ||
        (r.after === null ? null : digest(h, canonicalJson(r.after))) !== r.after_digest
      )
        note('digest', seq);
      const fields = {
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
        keyId: r.key_id,
      };
      if (isKeyed(alg)) {
        sawKeyed = true;
        if (!key) note('no_key', seq);
        else if (r.key_id !== key.id) note('unknown_key', seq, String(r.key_id));
        else if (chainHash(r.prev_hash, fields, key.secret) !== r.hash) note('rechained', seq);
      } else {
        unkeyed += 1;
        // Unkeyed records were hashed with the time in milliseconds, as JavaScript wrote it.
        const ms = r.at.endsWith('000Z') ? `${r.at.slice(0, -4)}Z` : null;
        if (sawKeyed) note('downgraded', seq);
        else if (ms === null || chainHash(r.prev_hash, { ...fields, at: ms, keyId: null }) !== r.hash)
          note('hash', seq);
      }
      for (const cp of expected.get(seq) ?? [])
        if (cp.hash !== r.hash)
          findings.push({
            kind: 'rewritten',
            from: seq,
            to: seq,
            line: `REWRITTEN    record ${n(seq)} differs from the checkpoint of ${cp.at} (${cp.name}): signed hash ${cp.hash.slice(0, 16)}…, now ${r.hash.slice(0, 16)}…`,
          });
      prevHash = r.hash;
      expectSeq = seq + 1;
      records += 1;
    }
  }
  flush();
  const lastSeq = expectSeq - 1;

  // The end of the log: the head row and the checkpoints know how long it was.
  const [head] = await database.query<{ seq: string }>('SELECT seq FROM audit_head WHERE id = 1');
  if (head && Number(head.seq) > lastSeq)
    findings.push({
      kind: 'truncated',
      from: lastSeq + 1,
      to: Number(head.seq),
      line: `TRUNCATED    the chain head says ${n(Number(head.seq))} records, the log ends at record ${n(lastSeq)}: records ${n(lastSeq + 1)}–${n(Number(head.seq))} deleted`,
    });
  const longest = signedCheckpoints.reduce<(typeof signedCheckpoints)[number] | null>(
    (a, c) => (!a || c.records > a.records ? c : a),
    null,
  );
  if (longest && longest.records > lastSeq)
    findings.push({
      kind: 'truncated',
      from: lastSeq + 1,
      to: longest.records,
      line: `TRUNCATED    the checkpoint of ${longest.at} (${longest.name}) recorded ${n(longest.records)} records, the log ends at record ${n(lastSeq)}`,
    });
  findings.sort((a, b) => (a.from ?? 0) - (b.from ?? 0));
  return {
    ok: findings.length === 0,
    records,
    unkeyed,
    lastSeq,
    lastHash: prevHash,
    checkpoints: trustedCheckpoints,
    findings,
  };
}
