import { and, asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { GrantView } from '@openenforce/domain/files';
import type { Db } from '../db/index.ts';
import { fileGrants, type GrantRow } from './files.schema.ts';

const revocations = alias(fileGrants, 'revocations');

/** The grants of a file, each with the time of its revocation (null while it holds), oldest first. */
export async function grantsOf(db: Db, fileId: string): Promise<(GrantRow & { revokedAt: Date | null })[]> {
  const rows = await db
    .select({ grant: fileGrants, revokedAt: revocations.at })
    .from(fileGrants)
    .leftJoin(revocations, eq(revocations.revokes, fileGrants.id))
    .where(and(eq(fileGrants.fileId, fileId), eq(fileGrants.kind, 'grant')))
    .orderBy(asc(fileGrants.at), asc(fileGrants.id));
  return rows.map((r) => ({ ...r.grant, revokedAt: r.revokedAt }));
}

/** The grant of the file to the agency that holds now (not revoked), if any. */
export async function liveGrant(db: Db, fileId: string, agencyId: string): Promise<GrantRow | undefined> {
  const rows = await db
    .select()
    .from(fileGrants)
    .where(
      and(
        eq(fileGrants.fileId, fileId),
        eq(fileGrants.agencyId, agencyId),
        eq(fileGrants.kind, 'grant'),
        sql`NOT EXISTS (SELECT 1 FROM file_grants r WHERE r.revokes = ${fileGrants.id})`,
      ),
    )
    .limit(1);
  return rows[0];
}

export const presentGrant = (g: GrantRow & { revokedAt: Date | null }): GrantView => ({
  id: g.id,
  agencyId: g.agencyId,
  purpose: g.purpose,
  transfer: g.transfer,
  by: g.by,
  at: g.at.toISOString(),
  revokedAt: g.revokedAt?.toISOString() ?? null,
});
