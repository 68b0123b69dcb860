import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { executePrepared } from '../db/prepared.ts';
import type { SecretKey } from './keys.ts';

/*
 * Personal data in the audit log (PIPL): the fields of a record's before/after that name or reach a person (a
 * reporter's name and phone, a person's ID number) are stored encrypted, each data subject under a key of its own
 * (AES-256-GCM). Those keys live in `audit_subject_keys`, outside the append-only log, wrapped by the master key
 * (AUDIT_PII_KEY or its key file, never in the database). Erasing a subject deletes its key: every sealed field of
 * theirs becomes unreadable, everywhere and at once, while the chain still verifies — digests cover the stored
 * ciphertext, not the clear text (crypto-shredding).
 */

/** Which fields of an entry's before/after are personal, and whose they are. */
export interface PersonalFields {
  /** The data subject: an id used as it is (`person:<uuid>`, `user:<uuid>`) or an identifier that is itself personal. */
  subject: Subject;
  /** Top-level keys of before/after to seal; null values are left as they are. */
  fields: readonly string[];
}

/**
 * A subject named by a value that is itself personal (a citizen known only by the phone number they reported with)
 * is stored as a keyed digest of it, so the key table does not list phone numbers: `phone:<digest>`.
 */
export type Subject = string | { kind: IdentifierKind; value: string };

/** Identifiers that are personal data themselves, stored as keyed digests. */
export const IDENTIFIER_KINDS = ['phone'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** What a sealed field holds in the stored before/after. */
export interface Sealed {
  $personal: { subject: string; box: string };
}

export const isSealed = (v: unknown): v is Sealed =>
  typeof v === 'object' && v !== null && typeof (v as Partial<Sealed>).$personal?.box === 'string';

/** A reader without the right to see personal data sees this instead of the value. */
export const MASKED = '***';
/** Shown for a field whose subject was erased: the key is gone, the value cannot be read by anyone. */
export const ERASED = '[erased 已删除]';

/** Keys derived from the master key, once per master key and purpose (every sealed append wraps and unwraps). */
const derived = new WeakMap<Buffer, Map<string, Buffer>>();
function derive(master: SecretKey, info: string): Buffer {
  let byInfo = derived.get(master.secret);
  if (!byInfo) derived.set(master.secret, (byInfo = new Map()));
  let key = byInfo.get(info);
  if (!key)
    byInfo.set(
      info,
      (key = Buffer.from(hkdfSync('sha256', master.secret, Buffer.alloc(0), `openenforce audit ${info}`, 32))),
    );
  return key;
}

/** The stored name of a subject: ids as they are; personal identifiers as a keyed digest of their normal form. */
export function subjectName(master: SecretKey, s: Subject): string {
  if (typeof s === 'string') return s;
  const normal = normalise(s.kind, s.value);
  const digest = createHmac('sha256', derive(master, 'subject id')).update(`${s.kind}:${normal}`).digest('hex');
  return `${s.kind}:${digest.slice(0, 32)}`;
}

/** `phone:13800001234` names the subject by the identifier (digested); anything else is a stored subject name. */
export function parseSubject(master: SecretKey, text: string): string {
  const m = /^([a-z-]+):(.+)$/.exec(text.trim());
  const kind = m?.[1] as IdentifierKind | undefined;
  if (m && kind && IDENTIFIER_KINDS.includes(kind) && !/^[0-9a-f]{32}$/.test(m[2]!))
    return subjectName(master, { kind, value: m[2]! });
  return text.trim();
}

function normalise(kind: IdentifierKind, value: string): string {
  switch (kind) {
    case 'phone': {
      // The same number however it was typed: digits only, without China's country code.
      const digits = value.replace(/\D/g, '');
      return digits.replace(/^(?:0086|86)(?=1\d{10}$)/, '');
    }
  }
}

function seal(key: Buffer, subject: string, field: string, value: unknown): Sealed {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(`${subject}\n${field}`));
  const body = Buffer.concat([c.update(JSON.stringify(value), 'utf8'), c.final()]);
  return { $personal: { subject, box: Buffer.concat([iv, body, c.getAuthTag()]).toString('base64') } };
}

function unseal(key: Buffer, field: string, s: Sealed): unknown {
  const raw = Buffer.from(s.$personal.box, 'base64');
  const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  d.setAAD(Buffer.from(`${s.$personal.subject}\n${field}`));
  d.setAuthTag(raw.subarray(raw.length - 16));
  return JSON.parse(Buffer.concat([d.update(raw.subarray(12, raw.length - 16)), d.final()]).toString('utf8'));
}

/** A copy of `value` (a record's before or after) with the personal fields sealed under the subject's key. */
export function sealFields(value: unknown, fields: readonly string[], subject: string, key: Buffer): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const f of fields) if (out[f] != null) out[f] = seal(key, subject, f, out[f]);
  return out;
}

/**
 * A stored before/after as a reader may see it: each sealed field opened (`personal`: the reader has the right and
 * the subject's key exists), masked (no right) or marked erased (the key is gone).
 */
export function openFields(value: unknown, keys: ReadonlyMap<string, Buffer>, personal: boolean): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [f, v] of Object.entries(out)) {
    if (!isSealed(v)) continue;
    const key = keys.get(v.$personal.subject);
    out[f] = !key ? ERASED : personal ? unseal(key, f, v) : MASKED;
  }
  return out;
}

/** The subjects whose keys reading `value` needs. */
export function sealedSubjects(value: unknown, into: Set<string>): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
  for (const v of Object.values(value)) if (isSealed(v)) into.add(v.$personal.subject);
}

function wrap(master: SecretKey, subject: string, key: Buffer): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', derive(master, 'subject key wrap'), iv);
  c.setAAD(Buffer.from(subject));
  const body = Buffer.concat([c.update(key), c.final()]);
  return Buffer.concat([iv, body, c.getAuthTag()]).toString('base64');
}

function unwrap(master: SecretKey, subject: string, wrapped: string, masterId: string): Buffer {
  if (masterId !== master.id)
    throw new Error(
      `audit subject key of ${subject} is wrapped by master key ${masterId}; this process has ${master.id} (AUDIT_PII_KEY)`,
    );
  const raw = Buffer.from(wrapped, 'base64');
  const d = createDecipheriv('aes-256-gcm', derive(master, 'subject key wrap'), raw.subarray(0, 12));
  d.setAAD(Buffer.from(subject));
  d.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([d.update(raw.subarray(12, raw.length - 16)), d.final()]);
}

interface KeyRow {
  subject: string;
  wrapped_key: string;
  master_key_id: string;
}

/**
 * The keys of `subjects` for writing, created for those that have none yet — in the caller's transaction, so a key
 * exists exactly when a record sealed with it does. One statement however many subjects (intake appends per batch).
 */
export async function subjectKeysForWrite(
  tx: Db,
  master: SecretKey,
  subjects: ReadonlySet<string>,
  now: Date,
): Promise<Map<string, Buffer>> {
  const wanted = [...subjects].map((subject) => ({ subject, wrapped: wrap(master, subject, randomBytes(32)) }));
  // A key inserted here is not seen by the statement's own SELECT (one snapshot): the union has no duplicates. One
  // that a concurrent transaction committed meanwhile is in neither part: read again below.
  const rows = (await executePrepared(
    tx,
    sql`
    WITH wanted AS (SELECT * FROM json_to_recordset(${JSON.stringify(wanted)}::json) AS u(subject text, wrapped text)),
    created AS (
      INSERT INTO audit_subject_keys (subject, wrapped_key, master_key_id, created_at)
      SELECT subject, wrapped, ${master.id}, ${now.toISOString()}::timestamptz FROM wanted
      ON CONFLICT (subject) DO NOTHING
      RETURNING subject, wrapped_key, master_key_id)
    SELECT subject, wrapped_key, master_key_id FROM created
    UNION ALL
    SELECT k.subject, k.wrapped_key, k.master_key_id FROM audit_subject_keys k JOIN wanted w USING (subject)`,
  )) as unknown as KeyRow[];
  const out = new Map(rows.map((r) => [r.subject, unwrap(master, r.subject, r.wrapped_key, r.master_key_id)]));
  const missing = [...subjects].filter((s) => !out.has(s));
  if (missing.length > 0) for (const [s, k] of await subjectKeysForRead(tx, master, new Set(missing))) out.set(s, k);
  return out;
}

/** The keys of `subjects` that exist (an erased subject has none). */
export async function subjectKeysForRead(
  db: Db,
  master: SecretKey,
  subjects: ReadonlySet<string>,
): Promise<Map<string, Buffer>> {
  if (subjects.size === 0) return new Map();
  const rows = (await executePrepared(
    db,
    sql`SELECT subject, wrapped_key, master_key_id FROM audit_subject_keys
         WHERE subject IN (SELECT value FROM json_array_elements_text(${JSON.stringify([...subjects])}::json))`,
  )) as unknown as KeyRow[];
  return new Map(rows.map((r) => [r.subject, unwrap(master, r.subject, r.wrapped_key, r.master_key_id)]));
}

/** Delete a subject's key (crypto-shredding); the key's creation time if there was one. */
export async function deleteSubjectKey(tx: Db, subject: string): Promise<string | null> {
  const rows = await executePrepared(
    tx,
    sql`DELETE FROM audit_subject_keys WHERE subject = ${subject} RETURNING created_at::text AS created`,
  );
  return rows.length > 0 ? String(rows[0]!['created']) : null;
}
