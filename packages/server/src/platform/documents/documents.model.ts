import { randomBytes } from 'node:crypto';
import type { DocumentData, DocumentView, ServiceRecord } from '@openenforce/domain/documents';
import type { Actor } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import type { documents } from './documents.schema.ts';

/* The engine's records and what it tells callers: an issuer, a new document, a served document, a document's view. */

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I/L: read aloud or typed from paper

export function verificationCode(): string {
  const b = randomBytes(8);
  const c = [...b].map((x) => CODE_ALPHABET[x % CODE_ALPHABET.length]).join('');
  return `${c.slice(0, 4)}-${c.slice(4)}`;
}

export interface Issuer {
  /** The enforcement subject's id: the numbering issuer. */
  id: string;
  /** Its full name, printed at the head of every page and over the seal. */
  name: string;
  /** Its number prefix, e.g. 温综执 in 温综执罚决字〔2026〕第123号. */
  numberPrefix: string;
}

export interface NewDocument {
  subjectType: string;
  subjectId: string;
  kind: string;
  data: DocumentData;
  issuer: Issuer;
  /** A reissue names the issued document it replaces. */
  supersedes?: string;
}

export type DocumentRow = typeof documents.$inferSelect;

/** What a subscriber to service hears (a context starts its clocks from `service.servedOn`). */
export interface ServedDocument {
  id: string;
  subjectType: string;
  subjectId: string;
  kind: string;
  number: string;
  service: ServiceRecord;
  servedAt: Date;
}

/**
 * A listener to service (送达), run in the serving transaction: what it writes commits with the service or not at
 * all, and a listener that throws refuses the service. The platform names no listener; contexts register theirs.
 */
export type ServedListener = (tx: Db, served: ServedDocument, actor: Actor, now: Date) => Promise<void>;

/** The state a screen shows: superseded once a reissue replaced the document. */
export function viewOf(row: DocumentRow, title: string): DocumentView {
  return {
    id: row.id,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    kind: row.kind,
    title,
    templateVersion: row.templateVersion,
    state: row.supersededBy ? 'superseded' : row.state,
    number: row.number,
    sha256: row.sha256,
    fileId: row.fileId,
    sizeBytes: row.sizeBytes,
    verificationCode: row.verificationCode,
    issuedAt: row.issuedAt?.toISOString() ?? null,
    service: row.service ?? null,
    supersedes: row.supersedes,
    supersededBy: row.supersededBy,
    createdAt: row.createdAt.toISOString(),
  };
}
