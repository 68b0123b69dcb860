import { asc, eq } from 'drizzle-orm';
import type { Actor } from '../audit/index.ts';
import { users } from '../auth/auth.schema.ts';
import type { Db } from '../db/index.ts';
import { fileCustody, type CustodyAction } from './files.schema.ts';

/**
 * One entry of a file's chain of custody, for the caller to insert in the transaction of the act it records (the
 * act's audit record goes in the same transaction): who (the signed-in user and role), when (the step's clock
 * read), what, why (the purpose given) and, for a grant, transfer or revocation, which agency.
 */
export function custodyRow(
  fileId: string,
  action: CustodyAction,
  actor: Actor,
  at: Date,
  o: { purpose?: string | null; agencyId?: string | null } = {},
): typeof fileCustody.$inferInsert {
  return {
    fileId,
    action,
    actorId: actor.id,
    actorRole: actor.id ? actor.role : null,
    purpose: o.purpose ?? null,
    agencyId: o.agencyId ?? null,
    at,
  };
}

/** A file's chain of custody, in the order it happened, with the names of the users who acted. */
export async function readCustody(db: Db, fileId: string) {
  const rows = await db
    .select({ row: fileCustody, name: users.displayName })
    .from(fileCustody)
    .leftJoin(users, eq(users.id, fileCustody.actorId))
    .where(eq(fileCustody.fileId, fileId))
    .orderBy(asc(fileCustody.id));
  return rows.map(({ row, name }) => ({
    id: row.id,
    action: row.action,
    at: row.at.toISOString(),
    actor: row.actorId ? { id: row.actorId, name: name ?? null, role: row.actorRole } : null,
    purpose: row.purpose,
    agencyId: row.agencyId,
  }));
}
