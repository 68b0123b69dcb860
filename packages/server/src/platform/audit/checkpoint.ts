import { sign, verify as verifySignature } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../db/index.ts';
import type { Anchor } from './audit.ts';
import { canonicalJson } from './hash.ts';
import type { SigningKeys } from './keys.ts';

/*
 * Signed checkpoints anchor the chain's head outside the database: "the log had N records and the N-th had hash H,
 * at time T", signed with Ed25519 by a key that is not in the database. An HMAC chain stops someone without the
 * key from re-chaining; it cannot stop them from deleting the newest records, which leaves a shorter chain that
 * verifies. A checkpoint can: `audit:verify` reports a log with fewer records than a checkpoint, or a different
 * hash at a checkpoint's record. Checkpoints are written on a schedule (when the head moved) and on demand, to a
 * store outside the database — a directory by default; keep it on other storage than the database (or ship it to
 * object storage with retention, or to the log stream), since whoever can delete both can still cut the tail.
 */

export interface Checkpoint {
  type: 'openenforce.audit.checkpoint';
  version: 1;
  /** Records in the chain (its records are numbered 1…records). */
  records: number;
  /** Hash of record `records` (the head). */
  hash: string;
  /** Algorithm and key id of the head record, for the reader. */
  algorithm: string;
  keyId: string | null;
  at: string;
  /** Id of the signing key (keys.ts publicKeyId). */
  signer: string;
}

export interface SignedCheckpoint extends Checkpoint {
  /** Ed25519 signature (base64) over the canonical JSON of every other field. */
  signature: string;
}

export interface StoredCheckpoint {
  /** Where it is (a file name, an object key): for the report. */
  name: string;
  /** null when the stored text is not a checkpoint at all. */
  checkpoint: SignedCheckpoint | null;
}

/** Where checkpoints go. A directory today; object storage (S3-compatible, with retention) fits the same shape. */
export interface CheckpointStore {
  readonly where: string;
  put(cp: SignedCheckpoint): Promise<string>;
  /** Every stored checkpoint, oldest first. */
  list(): Promise<StoredCheckpoint[]>;
  /** The newest few (by record count), newest first: enough to find the latest valid one without reading all. */
  newest(n: number): Promise<StoredCheckpoint[]>;
}

const NAME = /^audit-checkpoint-(\d{12})-.*\.json$/;

/** One JSON file per checkpoint, named by its record count so that names sort in chain order. */
export function directoryStore(dir: string): CheckpointStore {
  const names = () => {
    try {
      return readdirSync(dir)
        .filter((n) => NAME.test(n))
        .sort();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
  };
  const read = (name: string): StoredCheckpoint => {
    try {
      const v = JSON.parse(readFileSync(join(dir, name), 'utf8')) as SignedCheckpoint;
      return { name, checkpoint: v && v.type === 'openenforce.audit.checkpoint' ? v : null };
    } catch {
      return { name, checkpoint: null };
    }
  };
  return {
    where: dir,
    async put(cp) {
      mkdirSync(dir, { recursive: true });
      const name = `audit-checkpoint-${String(cp.records).padStart(12, '0')}-${cp.at.replace(/[:.]/g, '')}-${cp.signer}.json`;
      // Written whole or not at all: a reader never sees half a checkpoint.
      const tmp = join(dir, `.${name}.tmp`);
      writeFileSync(tmp, `${JSON.stringify(cp, null, 2)}\n`, { mode: 0o644 });
      renameSync(tmp, join(dir, name));
      return name;
    },
    async list() {
      return names().map(read);
    },
    async newest(n) {
      return names().reverse().slice(0, n).map(read);
    },
  };
}

const body = ({ signature: _s, ...rest }: SignedCheckpoint): Checkpoint => rest;

export function signCheckpoint(
  cp: Omit<Checkpoint, 'type' | 'version' | 'signer'>,
  keys: SigningKeys,
): SignedCheckpoint {
  if (!keys.privateKey || !keys.id) throw new Error('audit checkpoint: no signing key (AUDIT_KEY_DIR)');
  const full: Checkpoint = { type: 'openenforce.audit.checkpoint', version: 1, ...cp, signer: keys.id };
  const signature = sign(null, Buffer.from(canonicalJson(full)), keys.privateKey).toString('base64');
  return { ...full, signature };
}

/** 'ok', 'untrusted' (signed by a key we do not trust), or 'forged' (the signature does not verify). */
export function checkSignature(cp: SignedCheckpoint, keys: SigningKeys): 'ok' | 'untrusted' | 'forged' {
  const key = keys.trusted.get(cp.signer);
  if (!key) return 'untrusted';
  try {
    const ok = verifySignature(null, Buffer.from(canonicalJson(body(cp))), key, Buffer.from(cp.signature, 'base64'));
    return ok ? 'ok' : 'forged';
  } catch {
    return 'forged';
  }
}

/** The newest stored checkpoint with a trusted signature, as an anchor for the writer. */
export async function latestAnchor(store: CheckpointStore, keys: SigningKeys): Promise<Anchor | null> {
  for (const s of await store.newest(20))
    if (s.checkpoint && checkSignature(s.checkpoint, keys) === 'ok')
      return { records: s.checkpoint.records, hash: s.checkpoint.hash };
  return null;
}

export type CheckpointOutcome =
  | { written: SignedCheckpoint; name: string }
  | { written: null; reason: 'unchanged' | 'empty' | 'inconsistent'; detail?: string };

/**
 * Sign the chain's committed head and store it — unless it has not moved since `previous` (`onlyIfMoved`), or the
 * log no longer agrees with `previous` (shorter, or another hash at its record): a checkpoint must never vouch for
 * a chain that was cut or rewritten since the last one.
 */
export async function takeCheckpoint(
  database: Database,
  store: CheckpointStore,
  keys: SigningKeys,
  now: Date,
  previous: Anchor | null,
  { onlyIfMoved }: { onlyIfMoved: boolean },
): Promise<CheckpointOutcome> {
  const [r] = await database.query<{
    seq: string;
    hash: string;
    algorithm: string;
    key_id: string | null;
    prev: string;
  }>(
    `SELECT t.seq, t.hash, t.algorithm, t.key_id, (SELECT hash FROM audit_log WHERE seq = $1) AS prev
       FROM (SELECT 1) one LEFT JOIN LATERAL (SELECT seq, hash, algorithm, key_id FROM audit_log ORDER BY seq DESC LIMIT 1) t ON true`,
    [previous?.records ?? 0],
  );
  if (r?.seq == null) return { written: null, reason: 'empty' };
  const records = Number(r.seq);
  if (previous && (records < previous.records || r.prev !== previous.hash))
    return {
      written: null,
      reason: 'inconsistent',
      detail:
        records < previous.records
          ? `the log has ${records} records, the last checkpoint ${previous.records}`
          : `record ${previous.records} differs from the last checkpoint`,
    };
  if (onlyIfMoved && previous && records === previous.records) return { written: null, reason: 'unchanged' };
  const cp = signCheckpoint(
    { records, hash: r.hash, algorithm: r.algorithm, keyId: r.key_id, at: now.toISOString() },
    keys,
  );
  return { written: cp, name: await store.put(cp) };
}

export interface CheckpointLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * Every server process checkpoints on a timer (when the head moved since the newest checkpoint it knows), and the
 * writer asks it for that newest checkpoint (`latest`) so as never to number a record at or below it again.
 */
export function createCheckpointJob(deps: {
  database: Database;
  store: CheckpointStore;
  keys: SigningKeys;
  now: () => Date;
  log: CheckpointLog;
}) {
  let latest: Anchor | null = null;
  let running: Promise<unknown> = Promise.resolve();

  async function run(onlyIfMoved: boolean): Promise<CheckpointOutcome> {
    // Another process may have written a newer one to a shared store.
    const stored = await latestAnchor(deps.store, deps.keys);
    if (stored && (!latest || stored.records > latest.records)) latest = stored;
    const out = await takeCheckpoint(deps.database, deps.store, deps.keys, deps.now(), latest, { onlyIfMoved });
    if (out.written) {
      latest = { records: out.written.records, hash: out.written.hash };
      deps.log.info({ records: out.written.records, store: deps.store.where }, 'audit checkpoint written');
    } else if (out.reason === 'inconsistent')
      deps.log.error(
        { detail: out.detail, store: deps.store.where },
        'audit checkpoint refused: the log disagrees with the last checkpoint (run npm run audit:verify)',
      );
    return out;
  }

  return {
    /** Read the newest stored checkpoint (at start). */
    async load() {
      latest = await latestAnchor(deps.store, deps.keys);
    },
    latest: (): Anchor | null => latest,
    /** A checkpoint now (on demand), whether or not the head moved. */
    checkpoint(): Promise<CheckpointOutcome> {
      const out = running.catch(() => undefined).then(() => run(false));
      running = out;
      return out;
    },
    /** Checkpoint every `ms` when the head moved (0 = never); returns stop(). */
    schedule(ms: number): () => Promise<void> {
      if (ms <= 0) return async () => undefined;
      const timer = setInterval(() => {
        running = running
          .catch(() => undefined)
          .then(() => run(true))
          .catch((err: unknown) => deps.log.error({ err }, 'audit checkpoint failed'));
      }, ms);
      timer.unref();
      return async () => {
        clearInterval(timer);
        await running.catch(() => undefined);
      };
    },
  };
}

export type CheckpointJob = ReturnType<typeof createCheckpointJob>;
