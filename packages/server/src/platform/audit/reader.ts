import type { Database } from '../db/index.ts';
import type { SecretKey } from './keys.ts';
import { openFields, sealedSubjects, subjectKeysForRead } from './personal.ts';

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
