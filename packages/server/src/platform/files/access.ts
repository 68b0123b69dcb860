import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { and, eq, sql } from 'drizzle-orm';
import { DomainError } from '@openenforce/domain/errors';
import type { CustodyView, FileView, GrantRequest, GrantView } from '@openenforce/domain/files';
import type { Actor } from '../audit/index.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import type { Db } from '../db/index.ts';
import type { PlatformDeps } from '../deps.ts';
import { custodyRow, readCustody } from './custody.ts';
import type { FileService } from './files.service.ts';
import { fileCustody, fileGrants, type FileRow } from './files.schema.ts';
import { grantsOf, liveGrant, presentGrant } from './grants.ts';

/** Who reads: the signed-in user (their data scope, team and person decide what they see). */
export type FileReader = Pick<SessionUser, 'id' | 'role' | 'scope' | 'personId' | 'scopeTeamId'>;

/**
 * A kind of record that files are linked to, as its context declares it: whether the file is linked to such a record
 * (null: not linked here) and, if so, whether the reader's data scope holds that record. A file is seen as its
 * record is — the platform knows no record kind; each context registers its own.
 */
export interface FileSubject {
  visibility(db: Db, fileId: string, reader: FileReader): Promise<boolean | null>;
}

/** What the platform needs to know of agencies (the organisation's, passed in by the app). */
export interface AgencyLookup {
  /** The agency the user works for (their person's, else their team's), or null. */
  ofUser(reader: FileReader): Promise<string | null>;
  exists(agencyId: string): Promise<boolean>;
}

type Access = 'scope' | 'grant';

/**
 * Grants of one file are written one at a time: a transaction-scoped advisory lock (the tables are append-only, so
 * the server's role may not take row locks on them — SELECT … FOR UPDATE needs the UPDATE privilege).
 */
const grantLock = (fileId: string) => sql`SELECT pg_advisory_xact_lock(hashtext(${`file_grants:${fileId}`}))`;

const notFound = () => new DomainError('NOT_FOUND', [{ path: 'params.id', rule: 'file_exists' }]);

/**
 * Reading and sharing files with their chain of custody. A file is visible to a reader when the record it is linked
 * to is in the reader's scope (every registered subject asked), when it is linked to nothing and the reader
 * uploaded it, or through a grant that holds to the reader's agency. Every view, download, grant, transfer and
 * revocation writes a custody row and its audit record in one transaction; a refusal writes nothing.
 */
export function createFileAccess(deps: PlatformDeps, files: FileService, agencies: AgencyLookup) {
  const { database, audit, clock } = deps;
  const db = database.db;
  const subjects: FileSubject[] = [];

  async function accessOf(row: FileRow, reader: FileReader): Promise<Access | null> {
    const verdicts = await Promise.all(subjects.map((s) => s.visibility(db, row.id, reader)));
    if (verdicts.includes(true)) return 'scope';
    if (!verdicts.includes(false) && row.uploadedBy === reader.id) return 'scope';
    const agency = await agencies.ofUser(reader);
    if (agency && (await liveGrant(db, row.id, agency))) return 'grant';
    return null;
  }

  /** The file and how the reader sees it; NOT_FOUND (404) when it is absent or out of the reader's sight. */
  async function find(id: string, reader: FileReader): Promise<{ row: FileRow; access: Access }> {
    const row = await files.get(db, id);
    const access = row ? await accessOf(row, reader) : null;
    if (!row || !access) throw notFound();
    return { row, access };
  }

  const record = files.recordCustody;

  const present = async (row: FileRow, access: Access): Promise<FileView> => ({
    id: row.id,
    sha256: row.sha256,
    kind: row.purpose,
    mime: row.mime,
    bytes: row.bytes,
    uploadedAt: row.uploadedAt.toISOString(),
    uploadedBy: row.uploadedBy,
    capturedAt: row.capturedAt?.toISOString() ?? null,
    lat: row.lat,
    lng: row.lng,
    accuracy: row.accuracy,
    device: row.device,
    access,
    grants: (await grantsOf(db, row.id)).map(presentGrant),
  });

  return {
    /** A context declares the records its files are linked to (once, at start). */
    registerSubject(subject: FileSubject) {
      subjects.push(subject);
    },

    /** Whether the reader may see the file (for a context that serves a file through its own route). */
    visible: async (row: FileRow, reader: FileReader) => (await accessOf(row, reader)) !== null,

    /** The file's facts (recorded as a view). */
    async view(id: string, reader: FileReader, actor: Actor, purpose?: string): Promise<FileView> {
      const { row, access } = await find(id, reader);
      await record(row.id, 'view', actor, { purpose });
      return present(row, access);
    },

    /**
     * The file's bytes (recorded as a download). The object is opened before the record is written, so that a store
     * outage records nothing; a failed record closes the stream.
     */
    async download(
      id: string,
      reader: FileReader,
      actor: Actor,
      purpose?: string,
    ): Promise<{ row: FileRow; stream: Readable }> {
      const { row } = await find(id, reader);
      const stream = await files.open(row.storageKey);
      try {
        await record(row.id, 'download', actor, { purpose });
      } catch (err) {
        stream.destroy();
        throw err;
      }
      return { row, stream };
    },

    async custody(id: string, reader: FileReader): Promise<CustodyView> {
      const { row } = await find(id, reader);
      return { fileId: row.id, sha256: row.sha256, items: await readCustody(db, row.id) };
    },

    /**
     * Share the file with another agency: a grant row on the same stored object (never a copy). Only a reader who
     * sees the file by scope shares it (not a recipient through a grant). A grant that already holds for the agency
     * is answered as it is (`created: false`), so a repeated request shares once.
     */
    async grant(
      id: string,
      reader: FileReader,
      actor: Actor,
      body: Required<GrantRequest>,
    ): Promise<{ grant: GrantView; created: boolean }> {
      const { row, access } = await find(id, reader);
      if (access !== 'scope') throw notFound();
      if (!(await agencies.exists(body.agencyId)))
        throw new DomainError('FILE_GRANT_REFUSED', [{ path: 'body.agencyId', rule: 'agency_exists' }]);
      if ((await agencies.ofUser(reader)) === body.agencyId)
        throw new DomainError('FILE_GRANT_REFUSED', [{ path: 'body.agencyId', rule: 'own_agency' }]);
      const now = clock.now();
      return db.transaction(async (tx) => {
        // Two requests for the same agency at once: the second waits here and then finds the first's grant.
        await tx.execute(grantLock(row.id));
        const existing = await liveGrant(tx, row.id, body.agencyId);
        if (existing) return { grant: presentGrant({ ...existing, revokedAt: null }), created: false };
        const grant = {
          id: randomUUID(),
          fileId: row.id,
          agencyId: body.agencyId,
          kind: 'grant' as const,
          revokes: null,
          transfer: body.transfer,
          purpose: body.purpose,
          by: actor.id,
          at: now,
        };
        await tx.insert(fileGrants).values(grant);
        const action = body.transfer ? 'transfer' : 'grant';
        await tx
          .insert(fileCustody)
          .values(custodyRow(row.id, action, actor, now, { purpose: body.purpose, agencyId: body.agencyId }));
        await audit.append(
          tx,
          actor,
          {
            action: `file.${action}`,
            entityType: 'file',
            entityId: row.id,
            after: { grantId: grant.id, agencyId: grant.agencyId, purpose: grant.purpose },
          },
          now,
        );
        return { grant: presentGrant({ ...grant, revokedAt: null }), created: true };
      });
    },

    /** End a grant: a revocation row naming it (the grant row stays). */
    async revoke(id: string, grantId: string, reader: FileReader, actor: Actor, reason: string): Promise<GrantView> {
      const { row, access } = await find(id, reader);
      if (access !== 'scope') throw notFound();
      const now = clock.now();
      return db.transaction(async (tx) => {
        // Revocations of one file's grants run one at a time (the unique index on `revokes` backs this up).
        await tx.execute(grantLock(row.id));
        const [grant] = await tx
          .select()
          .from(fileGrants)
          .where(and(eq(fileGrants.id, grantId), eq(fileGrants.fileId, row.id), eq(fileGrants.kind, 'grant')));
        if (!grant) throw new DomainError('NOT_FOUND', [{ path: 'params.grantId', rule: 'grant_exists' }]);
        const [done] = await tx.select().from(fileGrants).where(eq(fileGrants.revokes, grant.id));
        if (done) throw new DomainError('FILE_GRANT_REFUSED', [{ path: 'params.grantId', rule: 'grant_live' }]);
        await tx.insert(fileGrants).values({
          id: randomUUID(),
          fileId: row.id,
          agencyId: grant.agencyId,
          kind: 'revoke',
          revokes: grant.id,
          transfer: false,
          purpose: reason,
          by: actor.id,
          at: now,
        });
        await tx
          .insert(fileCustody)
          .values(custodyRow(row.id, 'revoke', actor, now, { purpose: reason, agencyId: grant.agencyId }));
        await audit.append(
          tx,
          actor,
          {
            action: 'file.revoke',
            entityType: 'file',
            entityId: row.id,
            after: { grantId: grant.id, agencyId: grant.agencyId, reason },
          },
          now,
        );
        return presentGrant({ ...grant, revokedAt: now });
      });
    },
  };
}

export type FileAccess = ReturnType<typeof createFileAccess>;
