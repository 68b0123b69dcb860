import { and, desc, eq, gte, lt } from 'drizzle-orm';
import { chinaMidnight } from '@openenforce/domain/common';
import type { AuditQuery, AuditRecord, AuditVerification } from '@openenforce/domain/audit';
import { DomainError } from '@openenforce/domain/errors';
import { maskPersonalFields } from '@openenforce/domain/privacy';
import type { Database, Db } from '../db/index.ts';
import { auditLog } from './audit.schema.ts';
import { verifyAuditChain } from './verify.ts';

/*
 * The audit-log reader (SPEC §6 full-process record) for supervisors: records by subject, actor, action and time,
 * newest first, keyset-paged on seq; personal fields masked unless the reader holds pii.read. And the chain's
 * verification: run on demand, once at a time per process, its last result kept for the screen (a walk of the whole
 * chain takes seconds at a million records, too long to run per page view).
 */

const DAY_MS = 86_400_000;

export async function listAuditRecords(
  db: Db,
  q: AuditQuery,
  opts: { fullPersonalData: boolean },
): Promise<{ items: AuditRecord[]; nextCursor: string | null }> {
  const before = q.cursor === undefined ? undefined : Number(Buffer.from(q.cursor, 'base64url').toString());
  if (before !== undefined && !Number.isSafeInteger(before))
    throw new DomainError('VALIDATION_FAILED', [{ path: 'query.cursor', rule: 'cursor' }]);
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      and(
        q.entityType ? eq(auditLog.entityType, q.entityType) : undefined,
        q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
        q.actorId ? eq(auditLog.actorId, q.actorId) : undefined,
        q.action ? eq(auditLog.action, q.action) : undefined,
        q.from ? gte(auditLog.at, chinaMidnight(q.from).toISOString()) : undefined,
        q.to ? lt(auditLog.at, new Date(chinaMidnight(q.to).getTime() + DAY_MS).toISOString()) : undefined,
        before !== undefined ? lt(auditLog.seq, before) : undefined,
      ),
    )
    .orderBy(desc(auditLog.seq))
    .limit(q.limit + 1);
  const items = rows.slice(0, q.limit).map((r) => ({
    seq: r.seq,
    at: new Date(r.at).toISOString(),
    actorId: r.actorId,
    actorRole: r.actorRole,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    before: opts.fullPersonalData ? r.before : maskPersonalFields(r.entityType, r.before),
    after: opts.fullPersonalData ? r.after : maskPersonalFields(r.entityType, r.after),
    clientIp: r.clientIp,
    requestId: r.requestId,
    hash: r.hash,
  }));
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > q.limit && last ? Buffer.from(String(last.seq)).toString('base64url') : null,
  };
}

/** Verification of the chain on demand: one run at a time in this process, the last result kept. */
export function createAuditVerifier(database: Database, now: () => Date) {
  let last: AuditVerification = {
    state: 'never',
    checkedAt: null,
    ok: null,
    records: null,
    brokenAt: null,
    reason: null,
  };
  let running: Promise<void> | null = null;
  return {
    status: (): AuditVerification => (running ? { ...last, state: 'running' } : last),
    /** Start a run unless one is under way; resolves when it has finished. */
    start(): Promise<void> {
      running ??= verifyAuditChain(database)
        .then((r) => {
          last = {
            state: 'done',
            checkedAt: now().toISOString(),
            ok: r.ok,
            records: r.records,
            brokenAt: r.ok ? null : r.brokenAt,
            reason: r.ok ? null : r.reason,
          };
        })
        .finally(() => {
          running = null;
        });
      return running;
    },
  };
}

export type AuditVerifier = ReturnType<typeof createAuditVerifier>;
