import { and, desc, eq, gte, lt } from 'drizzle-orm';
import { chinaMidnight } from '@openenforce/domain/common';
import type { AuditQuery, AuditRecord, AuditVerification } from '@openenforce/domain/audit';
import { maskPersonalFields } from '@openenforce/domain/privacy';
import { decodeCursor, encodeCursor, type Database, type Db } from '../db/index.ts';
import { auditLog } from './audit.schema.ts';
import type { SecretKey } from './keys.ts';
import { openFields, sealedSubjects, subjectKeysForRead } from './personal.ts';
import type { Audit } from './setup.ts';
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
  master: SecretKey,
  q: AuditQuery,
  opts: { fullPersonalData: boolean },
): Promise<{ items: AuditRecord[]; nextCursor: string | null }> {
  const cursor = decodeCursor(q.cursor, auditLog.seq);
  const before = cursor === undefined ? undefined : Number(cursor);
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
  const page = rows.slice(0, q.limit);
  // Sealed personal fields (personal.ts) open only for a reader with the right; records written before sealing
  // carry them in clear and are masked by the domain's rule.
  const subjects = new Set<string>();
  for (const r of page) {
    sealedSubjects(r.before, subjects);
    sealedSubjects(r.after, subjects);
  }
  const keys = await subjectKeysForRead(db, master, subjects);
  const view = (entityType: string, v: unknown) => {
    const opened = openFields(v, keys, opts.fullPersonalData);
    return opts.fullPersonalData ? opened : maskPersonalFields(entityType, opened);
  };
  const items = page.map((r) => ({
    seq: r.seq,
    at: new Date(r.at).toISOString(),
    actorId: r.actorId,
    actorRole: r.actorRole,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    before: view(r.entityType, r.before),
    after: view(r.entityType, r.after),
    clientIp: r.clientIp,
    requestId: r.requestId,
    hash: r.hash,
  }));
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > q.limit && last ? encodeCursor(String(last.seq)) : null,
  };
}

/**
 * The reader the routes use: records through `listAuditRecords` with this installation's keys, and verification of
 * the chain on demand (key and signed checkpoints included): one run at a time, the last result kept.
 */
export function createAuditReader(database: Database, audit: Audit, now: () => Date) {
  let last: AuditVerification = { state: 'never', checkedAt: null, ok: null, records: null, findings: [] };
  let running: Promise<void> | null = null;
  return {
    list: (q: AuditQuery, opts: { fullPersonalData: boolean }) =>
      listAuditRecords(database.db, audit.keys.personal, q, opts),
    status: (): AuditVerification => (running ? { ...last, state: 'running' } : last),
    /** Start a run unless one is under way; resolves when it has finished. */
    start(): Promise<void> {
      running ??= (async () => {
        const report = await verifyAuditChain(database, {
          key: audit.keys.chain,
          checkpoints: { stored: await audit.store.list(), keys: audit.signing },
        });
        last = {
          state: 'done',
          checkedAt: now().toISOString(),
          ok: report.ok,
          records: report.records,
          findings: report.findings.map((f) => ({
            kind: f.kind,
            from: f.from ?? null,
            to: f.to ?? null,
            line: f.line,
          })),
        };
      })().finally(() => {
        running = null;
      });
      return running;
    },
  };
}

export type AuditReader = ReturnType<typeof createAuditReader>;

/** An audit record as a reader sees it: personal fields opened, masked or marked erased (personal.ts). */
export interface AuditRecordView {
  seq: number;
  at: string;
  actorId: string | null;
  actorRole: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  clientIp: string | null;
  requestId: string | null;
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  /** Records after this one (keyset paging), oldest first. */
  afterSeq?: number;
  limit?: number;
}

/**
 * Read audit records back. Personal fields are opened only for a reader with the right to see personal data
 * (`personal`); others see them masked; a field whose subject was erased reads as erased for everyone.
 */
export async function readAuditRecords(
  database: Database,
  master: SecretKey,
  filter: AuditFilter,
  reader: { personal: boolean },
): Promise<AuditRecordView[]> {
  const where: string[] = ['seq > $1'];
  const params: unknown[] = [filter.afterSeq ?? 0];
  if (filter.entityType !== undefined) where.push(`entity_type = $${params.push(filter.entityType)}`);
  if (filter.entityId !== undefined) where.push(`entity_id = $${params.push(filter.entityId)}`);
  const rows = await database.query<Record<string, unknown>>(
    `SELECT seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, actor_id, actor_role, action,
            entity_type, entity_id, before, after, client_ip, request_id
       FROM audit_log WHERE ${where.join(' AND ')} ORDER BY seq LIMIT $${params.push(filter.limit ?? 100)}`,
    params,
  );
  const subjects = new Set<string>();
  for (const r of rows) {
    sealedSubjects(r['before'], subjects);
    sealedSubjects(r['after'], subjects);
  }
  const keys = await subjectKeysForRead(database.db, master, subjects);
  return rows.map((r) => ({
    seq: Number(r['seq']),
    at: String(r['at']),
    actorId: (r['actor_id'] as string | null) ?? null,
    actorRole: String(r['actor_role']),
    action: String(r['action']),
    entityType: String(r['entity_type']),
    entityId: String(r['entity_id']),
    before: openFields(r['before'], keys, reader.personal),
    after: openFields(r['after'], keys, reader.personal),
    clientIp: (r['client_ip'] as string | null) ?? null,
    requestId: (r['request_id'] as string | null) ?? null,
  }));
}
