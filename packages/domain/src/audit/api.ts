import { z } from 'zod';
import { isoDate, pageOf, pageQuery } from '../common/schemas.ts';

/*
 * The audit-log reader (全过程记录, SPEC §6): supervisors look up what was done to a record, by whom, and when, and
 * whether the chain is intact. Read-only; personal data in before/after is masked for readers without `pii.read`.
 */

const code = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'audit_code');

export const auditQuery = pageQuery.extend({
  /** The subject: its type (`event`, `person`, `matter`, …) and, optionally, its id. */
  entityType: code.optional(),
  entityId: z.string().trim().min(1).max(80).optional(),
  /** Who acted (a user id). */
  actorId: z.uuid().optional(),
  /** What was done (`event.dispatch`). */
  action: code.optional(),
  /** China dates, inclusive. */
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditRecord = z.object({
  seq: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorRole: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  clientIp: z.string().nullable(),
  requestId: z.string().nullable(),
  hash: z.string(),
});
export type AuditRecord = z.infer<typeof auditRecord>;

export const auditPage = pageOf(auditRecord);

/**
 * The chain's verification as last run (the chain under its key, the head row, every signed checkpoint): intact, or
 * one finding per problem (deleted, truncated, edited, re-chained records); `running` while one is under way.
 */
export const auditVerification = z.object({
  state: z.enum(['never', 'running', 'done']),
  checkedAt: z.string().nullable(),
  ok: z.boolean().nullable(),
  records: z.number().nullable(),
  findings: z.array(
    z.object({ kind: z.string(), from: z.number().nullable(), to: z.number().nullable(), line: z.string() }),
  ),
});
export type AuditVerification = z.infer<typeof auditVerification>;
