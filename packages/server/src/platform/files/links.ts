import { and, eq, getTableName, inArray, sql } from 'drizzle-orm';
import type { AuditEntry } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import { files, type FileLinkTable } from './files.schema.ts';

/** A file as a record shows it: the file's facts and its link's kind and step. */
export interface LinkedFile {
  id: string;
  kind: string;
  mime: string;
  bytes: number;
  stepId: number | null;
  uploadedAt: Date;
  capturedAt: Date | null;
  lng: number | null;
  lat: number | null;
}

/**
 * Link uploaded files to a record (and the step that used them), each with the kind its upload declared. Only
 * the `uploader`'s own files are linked (null: files uploaded without a signed-in user), only those whose declared
 * purpose is one of the table's kinds, and in a single-owner table only files not yet linked to a record of that
 * kind (a concurrent link of the same file waits for this one and then links nothing). One statement.
 * Returns what was linked: fewer than asked means some file was not the uploader's, unknown, or already linked.
 */
export async function linkFiles(
  db: Db,
  table: FileLinkTable,
  o: { ownerId: string; fileIds: readonly string[]; stepId: number | null; uploader: string | null },
): Promise<{ fileId: string; kind: string }[]> {
  if (o.fileIds.length === 0) return [];
  const kinds = table.kind.enumValues as readonly string[];
  return db
    .insert(table)
    .select(
      db
        .select({
          ownerId: sql`${o.ownerId}::uuid`.as('owner_id'),
          fileId: files.id,
          stepId: sql`${o.stepId}::bigint`.as('step_id'),
          kind: files.purpose,
        })
        .from(files)
        .where(
          and(
            inArray(files.id, [...o.fileIds]),
            o.uploader ? eq(files.uploadedBy, o.uploader) : sql`${files.uploadedBy} IS NULL`,
            inArray(files.purpose, [...kinds]),
          ),
        ),
    )
    .onConflictDoNothing()
    .returning({ fileId: table.fileId, kind: table.kind });
}

/** The audit record of a link, to append in the linking transaction (the step's own record says what it did). */
export function linkAudit(
  table: FileLinkTable,
  ownerId: string,
  stepId: number | null,
  fileIds: readonly string[],
): AuditEntry {
  return { action: 'file.link', entityType: getTableName(table), entityId: ownerId, after: { stepId, fileIds } };
}

/** A record's files, oldest upload first. */
export async function linkedFiles(db: Db, table: FileLinkTable, ownerId: string): Promise<LinkedFile[]> {
  return db
    .select({
      id: files.id,
      kind: table.kind,
      mime: files.mime,
      bytes: files.bytes,
      stepId: table.stepId,
      uploadedAt: files.uploadedAt,
      capturedAt: files.capturedAt,
      lng: files.lng,
      lat: files.lat,
    })
    .from(table)
    .innerJoin(files, eq(files.id, table.fileId))
    .where(eq(table.ownerId, ownerId))
    .orderBy(files.uploadedAt, files.id);
}

/** How many files of each kind a record has. */
export async function countLinks(db: Db, table: FileLinkTable, ownerId: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ kind: table.kind, n: sql<number>`count(*)::int` })
    .from(table)
    .where(eq(table.ownerId, ownerId))
    .groupBy(table.kind);
  return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
}
