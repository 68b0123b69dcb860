import { randomBytes, randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import {
  checkData,
  documentNumber,
  parseTemplate,
  SHIPPED_TEMPLATES,
  type DocumentData,
  type TemplateBody,
  type VerifyView,
} from '@openenforce/domain/documents';
import { chinaDate } from '@openenforce/domain/common';
import { DomainError } from '@openenforce/domain/errors';
import type { Actor } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import type { PlatformDeps } from '../deps.ts';
import { runInWorker } from '../jobs/index.ts';
import { takeNumber } from '../numbering/index.ts';
import { documentFiles, documents, documentTemplates } from './documents.schema.ts';
import { fontFiles } from './fonts.ts';
import type { RenderInput, RenderResult } from './render.ts';
import type { DocxInput } from './docx.ts';

/*
 * The document engine's use cases. It names no context: a calling context passes the subject it is about
 * (type and id), the issuing enforcement subject and the data; the engine checks the data against the template,
 * numbers at issue only (platform/numbering, in the issuing transaction, so a failed issue gives its number back),
 * renders in a worker thread, stores the bytes with their SHA-256 and a verification code, and never edits an issued
 * document (a database trigger holds that too).
 */

const RENDER_MODULE = new URL('./render.ts', import.meta.url);
const DOCX_MODULE = new URL('./docx.ts', import.meta.url);
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

export function createDocumentService(deps: PlatformDeps) {
  const { database, audit, clock, config } = deps;
  const db = database.db;
  const fonts = fontFiles(config);

  async function render(input: Omit<RenderInput, 'fonts'>): Promise<{ pdf: Uint8Array; sha256: string }> {
    const r = await runInWorker<RenderResult>(RENDER_MODULE, 'renderPdf', { ...input, fonts });
    if (!r.ok) throw new DomainError(r.code, r.details);
    return r;
  }

  /** The kind's newest template version; the shipped version 1 is stored on first use. */
  async function currentTemplate(tx: Db, kind: string): Promise<{ version: number; body: TemplateBody }> {
    const row = (
      await tx
        .select()
        .from(documentTemplates)
        .where(eq(documentTemplates.kind, kind))
        .orderBy(desc(documentTemplates.version))
        .limit(1)
    )[0];
    if (row) return { version: row.version, body: parseTemplate(kind, row.body) };
    const shipped = SHIPPED_TEMPLATES[kind];
    if (!shipped) throw new DomainError('DOCUMENT_TEMPLATE_NOT_FOUND', [{ path: 'kind', rule: 'exists' }]);
    await tx
      .insert(documentTemplates)
      .values({ kind, version: 1, body: shipped, createdAt: clock.now() })
      .onConflictDoNothing();
    return { version: 1, body: parseTemplate(kind, shipped) };
  }

  async function templateAt(tx: Db, kind: string, version: number): Promise<TemplateBody> {
    const row = (
      await tx
        .select()
        .from(documentTemplates)
        .where(and(eq(documentTemplates.kind, kind), eq(documentTemplates.version, version)))
    )[0];
    if (!row) throw new DomainError('DOCUMENT_TEMPLATE_NOT_FOUND', [{ path: 'kind', rule: 'exists' }]);
    return parseTemplate(kind, row.body);
  }

  async function getRow(id: string): Promise<DocumentRow> {
    const row = (await db.select().from(documents).where(eq(documents.id, id)))[0];
    if (!row) throw new DomainError('DOCUMENT_NOT_FOUND', [{ path: 'id', rule: 'exists' }]);
    return row;
  }

  return {
    currentTemplate: (kind: string) => currentTemplate(db, kind),

    /** The newest version of every stored or shipped kind. */
    async listTemplates() {
      for (const kind of Object.keys(SHIPPED_TEMPLATES)) await currentTemplate(db, kind);
      const rows = await db
        .select({ kind: documentTemplates.kind, version: documentTemplates.version, body: documentTemplates.body })
        .from(documentTemplates)
        .orderBy(documentTemplates.kind, desc(documentTemplates.version));
      const newest = new Map<string, { kind: string; version: number; title: string }>();
      for (const r of rows)
        if (!newest.has(r.kind))
          newest.set(r.kind, { kind: r.kind, version: r.version, title: (r.body as TemplateBody).title });
      return [...newest.values()];
    },

    /** Save a new version of a kind's template (append-only): the body is checked before it is stored. */
    async saveTemplate(kind: string, body: unknown, actor: Actor) {
      const parsed = parseTemplate(kind, body);
      const now = clock.now();
      return db.transaction(async (tx) => {
        const { version } = await currentTemplate(tx, kind).catch(() => ({ version: 0 }));
        const row = (
          await tx
            .insert(documentTemplates)
            .values({ kind, version: version + 1, body: parsed, createdBy: actor.id, createdAt: now })
            .returning()
        )[0]!;
        await audit.append(
          tx,
          actor,
          { action: 'document_template.version', entityType: 'document_template', entityId: `${kind}@${row.version}` },
          now,
        );
        return { kind, version: row.version, body: parsed, createdAt: now.toISOString() };
      });
    },

    /** A preview (template editor, draft): rendered as a draft, never numbered, nothing stored. */
    async preview(req: {
      kind: string;
      body?: unknown;
      data: DocumentData;
      issuerName: string;
      format: 'pdf' | 'docx';
    }) {
      const template =
        req.body === undefined ? (await currentTemplate(db, req.kind)).body : parseTemplate(req.kind, req.body);
      const input = { template, data: req.data, issuerName: req.issuerName, number: null, verification: null };
      if (req.format === 'docx') return docx(input);
      return (await render({ ...input, at: clock.now().toISOString() })).pdf;
    },

    /** A draft document in the caller's transaction: data checked against the kind's current template. */
    async createDraft(tx: Db, doc: NewDocument, actor: Actor, now: Date): Promise<string> {
      const { version, body } = await currentTemplate(tx, doc.kind);
      checkData(body, doc.data);
      const id = randomUUID();
      await tx.insert(documents).values({
        id,
        subjectType: doc.subjectType,
        subjectId: doc.subjectId,
        kind: doc.kind,
        templateVersion: version,
        data: doc.data,
        issuerId: doc.issuer.id,
        issuerName: doc.issuer.name,
        numberPrefix: doc.issuer.numberPrefix,
        state: 'draft',
        supersedes: doc.supersedes ?? null,
        createdBy: actor.id,
        createdAt: now,
      });
      await audit.append(
        tx,
        actor,
        {
          action: 'document.draft',
          entityType: 'document',
          entityId: id,
          after: { kind: doc.kind, templateVersion: version },
        },
        now,
      );
      return id;
    },

    /**
     * Issue a draft: take its number (gapless, per issuer, kind and year), render it with the number and a
     * verification code, store the bytes and their SHA-256. One transaction: a refusal (a second issue, a character
     * no font has) rolls the number back.
     */
    async issue(id: string, actor: Actor) {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const row = (await tx.select().from(documents).where(eq(documents.id, id)).for('update'))[0];
        if (!row) throw new DomainError('DOCUMENT_NOT_FOUND', [{ path: 'id', rule: 'exists' }]);
        if (row.state !== 'draft') throw new DomainError('DOCUMENT_ALREADY_ISSUED', [{ path: 'id', rule: 'draft' }]);
        const template = await templateAt(tx, row.kind, row.templateVersion);
        const year = Number(chinaDate(now).slice(0, 4));
        const n = await takeNumber(tx, { issuer: row.issuerId, kind: `doc.${row.kind}`, year }, now);
        const number = documentNumber(row.numberPrefix, template.numberWord, year, n);
        const code = verificationCode();
        const { pdf, sha256 } = await render({
          template,
          data: row.data as DocumentData,
          issuerName: row.issuerName,
          number,
          verification: { code, url: `${config.DOCUMENT_VERIFY_URL}/verify/${code}` },
          at: now.toISOString(),
        });
        await tx.insert(documentFiles).values({ documentId: id, pdf: Buffer.from(pdf).toString('base64') });
        await tx
          .update(documents)
          .set({
            state: 'issued',
            number,
            sha256,
            verificationCode: code,
            sizeBytes: pdf.byteLength,
            issuedAt: now,
            issuedBy: actor.id,
          })
          .where(eq(documents.id, id));
        if (row.supersedes)
          await tx.update(documents).set({ supersededBy: id }).where(eq(documents.id, row.supersedes));
        await audit.append(
          tx,
          actor,
          { action: 'document.issue', entityType: 'document', entityId: id, after: { number, sha256, code } },
          now,
        );
        return { id, number, sha256, verificationCode: code, sizeBytes: pdf.byteLength };
      });
    },

    get: getRow,

    /** The document's bytes: an issued one's stored PDF; a draft rendered now (marked draft); DOCX from the data. */
    async file(id: string, format: 'pdf' | 'docx'): Promise<{ bytes: Uint8Array; row: DocumentRow }> {
      const row = await getRow(id);
      const template = await templateAt(db, row.kind, row.templateVersion);
      const data = row.data as DocumentData;
      if (format === 'docx')
        return {
          row,
          bytes: await docx({ template, data, issuerName: row.issuerName, number: row.number, verification: null }),
        };
      if (row.state !== 'draft') {
        const f = (await db.select().from(documentFiles).where(eq(documentFiles.documentId, id)))[0]!;
        return { row, bytes: Buffer.from(f.pdf, 'base64') };
      }
      const r = await render({
        template,
        data,
        issuerName: row.issuerName,
        number: null,
        verification: null,
        at: clock.now().toISOString(),
      });
      return { row, bytes: r.pdf };
    },

    /** What a party or a court sees for a verification code: no personal data. */
    async verify(code: string): Promise<VerifyView> {
      const row = (await db.select().from(documents).where(eq(documents.verificationCode, code)))[0];
      if (!row || row.state === 'draft')
        throw new DomainError('DOCUMENT_NOT_FOUND', [{ path: 'code', rule: 'exists' }]);
      const template = await templateAt(db, row.kind, row.templateVersion);
      return {
        title: template.title,
        number: row.number!,
        issuer: row.issuerName,
        issuedOn: chinaDate(row.issuedAt!),
        sha256: row.sha256!,
        state: row.state,
        superseded: row.supersededBy !== null,
      };
    },
  };

  async function docx(input: Omit<DocxInput, never>): Promise<Uint8Array> {
    return runInWorker<Uint8Array>(DOCX_MODULE, 'renderDocx', input);
  }
}

export type DocumentService = ReturnType<typeof createDocumentService>;
