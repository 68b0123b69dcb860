import type { PgTable } from 'drizzle-orm/pg-core';
import type { Actor, AuditEntry } from '../../platform/audit/index.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { personalDataOf, type PersonalSpec } from '../organization.tables.ts';

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters for a dozen columns. */
const CHUNK = 500;

/**
 * Insert every row set-based and one audit record per created row, in ONE transaction: a file is imported whole or
 * not at all (a constraint that fails half-way, e.g. a number someone else just took, rolls everything back).
 */
export async function insertAllWithAudit(
  deps: PlatformDeps,
  table: PgTable,
  values: readonly object[],
  audit: { action: string; entityType: string; personal?: PersonalSpec },
  actor: Actor,
): Promise<number> {
  const now = deps.clock.now();
  await deps.database.db.transaction(async (tx) => {
    const entries: AuditEntry[] = [];
    for (let i = 0; i < values.length; i += CHUNK) {
      const created = (await tx
        .insert(table)
        .values(values.slice(i, i + CHUNK) as never)
        .returning()) as { id: string }[];
      for (const row of created)
        entries.push({
          action: audit.action,
          entityType: audit.entityType,
          entityId: String(row.id),
          after: row,
          ...personalDataOf(audit, String(row.id)),
        });
    }
    await deps.audit.append(tx, actor, entries, now);
  });
  return values.length;
}
