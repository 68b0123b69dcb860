import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { files } from '../files/index.ts';

/*
 * Documents (platform/documents): templates as data with append-only versions, and the documents rendered from
 * them. A document records the template version and the data it was built from; once issued it is never edited (a
 * trigger refuses it): a correction is a new document that supersedes it.
 */

export const documentTemplates = pgTable(
  'document_templates',
  {
    kind: text('kind').notNull(),
    version: integer('version').notNull(),
    /** The template body (domain/documents `templateBody`), checked before it is stored. */
    body: jsonb('body').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.version] }), check('document_templates_version', sql`${t.version} >= 1`)],
);

export const DOCUMENT_STATES = ['draft', 'issued', 'served'] as const;

export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey(),
    /** What the document is about, named by the calling context — the platform names none. */
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    kind: text('kind').notNull(),
    templateVersion: integer('template_version').notNull(),
    /** The data the document was built from (as checked against the template). */
    data: jsonb('data').notNull(),
    /** The issuing enforcement subject: its id (the numbering issuer), full name and number prefix. */
    issuerId: text('issuer_id').notNull(),
    issuerName: text('issuer_name').notNull(),
    numberPrefix: text('number_prefix').notNull(),
    state: text('state', { enum: DOCUMENT_STATES }).notNull(),
    /** The printed document number (文号), set at issue only. */
    number: text('number'),
    sha256: text('sha256'),
    /** The issued PDF in platform/files (local or S3): the bytes whose SHA-256 is `sha256`. */
    fileId: uuid('file_id').references(() => files.id),
    /** Short public code for /verify (no personal data behind it). */
    verificationCode: text('verification_code'),
    sizeBytes: integer('size_bytes'),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
    issuedBy: uuid('issued_by'),
    /** Service (送达): when, and the record (method, day, recipient, consent — APL-61). */
    servedAt: timestamp('served_at', { withTimezone: true }),
    servedBy: uuid('served_by'),
    service: jsonb('service'),
    supersedes: uuid('supersedes'),
    supersededBy: uuid('superseded_by'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('documents_subject').on(t.subjectType, t.subjectId),
    uniqueIndex('documents_verification_code').on(t.verificationCode),
    uniqueIndex('documents_number').on(t.issuerId, t.number),
    check(
      'documents_served_complete',
      sql`${t.state} <> 'served' OR (${t.servedAt} IS NOT NULL AND ${t.service} IS NOT NULL)`,
    ),
    check(
      'documents_issued_complete',
      sql`${t.state} = 'draft' OR (${t.number} IS NOT NULL AND ${t.sha256} IS NOT NULL AND ${t.verificationCode} IS NOT NULL AND ${t.issuedAt} IS NOT NULL)`,
    ),
  ],
);

/**
 * Issued PDFs of the first engine (before migration 0022), kept base64 in the database; documents issued since are in
 * platform/files (`documents.file_id`). Read-only: nothing writes here any more.
 */
export const documentFiles = pgTable('document_files', {
  documentId: uuid('document_id')
    .primaryKey()
    .references(() => documents.id),
  pdf: text('pdf_base64').notNull(),
});
