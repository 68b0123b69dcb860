import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Full-process record (全过程记录, GB118): append-only and hash-chained. The database refuses UPDATE, DELETE and
 * TRUNCATE on it (trigger in migration 0001). `hash` = H(prevHash ‖ canonical record), H = SHA-256 or SM3.
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
    algorithm: text('algorithm', { enum: ['sha256', 'sm3'] }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_entity_idx').on(t.entityType, t.entityId), index('audit_actor_idx').on(t.actorId, t.at)],
);
