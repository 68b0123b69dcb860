import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Full-process record (全过程记录, GB118): append-only and hash-chained. The database refuses UPDATE, DELETE and
 * TRUNCATE on it (trigger in migration 0001; the server's role has no such privilege either, migration 0015).
 * `hash` = HMAC-H(audit key, prevHash ‖ canonical record), H = SHA-256 or SM3; records written before the chain
 * was keyed have the plain H (their `algorithm` says which). Personal fields of before/after are sealed
 * (personal.ts).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    actorId: text('actor_id'),
    actorRole: text('actor_role').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    beforeDigest: text('before_digest'),
    afterDigest: text('after_digest'),
    clientIp: text('client_ip'),
    requestId: text('request_id'),
    algorithm: text('algorithm', { enum: ['sha256', 'sm3', 'hmac-sha256', 'hmac-sm3'] }).notNull(),
    /** Fingerprint of the HMAC key of a keyed record (keys.ts); null for the unkeyed records of old. */
    keyId: text('key_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_entity_idx').on(t.entityType, t.entityId), index('audit_actor_idx').on(t.actorId, t.at)],
);

/**
 * The chain's head as the writers last committed it: one row whose `seq` the database never lets go back
 * (trigger, migration 0015). Deleting the newest records therefore leaves the head ahead of the log, and the
 * writer continues after the gap — recording it — instead of numbering new records over the deleted ones.
 */
export const auditHead = pgTable(
  'audit_head',
  {
    id: integer('id').primaryKey(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [check('audit_head_one_row', sql`${t.id} = 1`)],
);

/**
 * Each data subject's key for the personal fields of audit records, wrapped by the master key (never stored here).
 * Deleting a row erases that subject's personal data from the whole audit log (crypto-shredding, PIPL art. 47).
 */
export const auditSubjectKeys = pgTable('audit_subject_keys', {
  /** `person:<uuid>`, `user:<uuid>`, `phone:<keyed digest>`, … (personal.ts). */
  subject: text('subject').primaryKey(),
  wrappedKey: text('wrapped_key').notNull(),
  /** Fingerprint of the master key that wrapped it. */
  masterKeyId: text('master_key_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});
