import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import {
  checkData,
  documentNumber,
  parseTemplate,
  serviceRecord,
  SHIPPED_TEMPLATES,
  type DocumentData,
  type DocumentView,
  type SignerValue,
  type TemplateBody,
  type VerifyView,
} from '@openenforce/domain/documents';
import { chinaDate } from '@openenforce/domain/common';
import { DomainError } from '@openenforce/domain/errors';
import type { Actor } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import type { PlatformDeps } from '../deps.ts';
import type { FileService } from '../files/index.ts';
import { runInWorker } from '../jobs/index.ts';
import { takeNumber } from '../numbering/index.ts';
import { documentFiles, documents, documentTemplates } from './documents.schema.ts';
import { fontFiles } from './fonts.ts';
import {
  verificationCode,
  viewOf,
  type DocumentRow,
  type NewDocument,
  type ServedDocument,
  type ServedListener,
} from './documents.model.ts';
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
export function createDocumentService(deps: PlatformDeps, files: FileService) {
  const { database, audit, clock, config } = deps;
  const db = database.db;
  const fonts = fontFiles(config);
  const servedListeners: ServedListener[] = [];

  /**
   * Signature images of the data's signers, as PNG data URLs for the renderer: a data URL as given, a stored file
   * (platform/files, PNG only) read from the store. The worker thread has no database: it gets the bytes.
   */
  async function signatureImages(tx: Db, t: TemplateBody, data: DocumentData): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const f of t.fields) {
      if (f.type !== 'signature') continue;
      const v = data[f.name] as SignerValue | undefined;
      if (!v || typeof v !== 'object' || Array.isArray(v) || v.refused) continue;
      if (v.image) out[f.name] = v.image;
      else if (v.imageFileId) {
        const file = await files.get(tx, v.imageFileId);
        if (!file || file.mime !== 'image/png')
          throw new DomainError('DOCUMENT_DATA_INVALID', [
            {
              path: `data.${f.name}.imageFileId`,
              rule: 'png_file',
              message: { zh: '签名图片须为已上传的PNG文件', en: 'the signature must be an uploaded PNG file' },
            },
          ]);
        out[f.name] = `data:image/png;base64,${(await files.readBytes(file.storageKey)).toString('base64')}`;
      }
    }
    return out;
  }

  async function titleOf(tx: Db, kind: string, version: number): Promise<string> {
    return (await templateAt(tx, kind, version)).title;
  }

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

  /** A draft document in the caller's transaction: data checked against the kind's current template. */
  async function createDraft(tx: Db, doc: NewDocument, actor: Actor, now: Date): Promise<string> {
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
  }

  /** Issue a draft in `tx` (see `issue`). */
  async function issueIn(tx: Db, id: string, actor: Actor, now: Date) {
    const row = (await tx.select().from(documents).where(eq(documents.id, id)).for('update'))[0];
    if (!row) throw new DomainError('DOCUMENT_NOT_FOUND', [{ path: 'id', rule: 'exists' }]);
    if (row.state !== 'draft')
      throw new DomainError('DOCUMENT_ALREADY_ISSUED', [{ path: 'id', rule: 'document_draft' }]);
    const template = await templateAt(tx, row.kind, row.templateVersion);
    const data = row.data as DocumentData;
    const signatures = await signatureImages(tx, template, data);
    const year = Number(chinaDate(now).slice(0, 4));
    const n = await takeNumber(tx, { issuer: row.issuerId, kind: `doc.${row.kind}`, year }, now);
    const number = documentNumber(row.numberPrefix, template.numberWord, year, n);
    const code = verificationCode();
    const { pdf, sha256 } = await render({
      template,
      data,
      issuerName: row.issuerName,
      number,
      verification: { code, url: `${config.DOCUMENT_VERIFY_URL}/verify/${code}` },
      signatures,
      at: now.toISOString(),
    });
    const file = await files.storeBytes(
      tx,
      pdf,
      { type: 'pdf', purpose: 'document', name: `${number}.pdf` },
      actor,
      now,
    );
    await tx
      .update(documents)
      .set({
        state: 'issued',
        number,
        sha256,
        fileId: file.id,
        verificationCode: code,
        sizeBytes: pdf.byteLength,
        issuedAt: now,
        issuedBy: actor.id,
      })
      .where(eq(documents.id, id));
    if (row.supersedes) await tx.update(documents).set({ supersededBy: id }).where(eq(documents.id, row.supersedes));
    await audit.append(
      tx,
      actor,
      {
        action: 'document.issue',
        entityType: 'document',
        entityId: id,
        after: { number, sha256, code, fileId: file.id, supersedes: row.supersedes },
      },
      now,
    );
    return { id, number, sha256, verificationCode: code, sizeBytes: pdf.byteLength, fileId: file.id };
  }

  return {
    currentTemplate: (kind: string) => currentTemplate(db, kind),

    /** The current version of a kind, as the template editor opens it. */
    async templateView(kind: string) {
      const { version, body } = await currentTemplate(db, kind);
      const row = (
        await db
          .select({ createdAt: documentTemplates.createdAt })
          .from(documentTemplates)
          .where(and(eq(documentTemplates.kind, kind), eq(documentTemplates.version, version)))
      )[0]!;
      return { kind, version, body, createdAt: row.createdAt.toISOString() };
    },

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
      const signatures = await signatureImages(db, template, req.data);
      return (await render({ ...input, signatures, at: clock.now().toISOString() })).pdf;
    },

    /** A draft document in the caller's transaction: data checked against the kind's current template. */
    createDraft,

    /**
     * Issue a draft: take its number (gapless, per issuer, kind and year), render it with the number and a
     * verification code, store the bytes in platform/files with their SHA-256. One transaction: a refusal (a second
     * issue, a character no font has) rolls the number back.
     */
    async issue(id: string, actor: Actor) {
      const now = clock.now();
      return db.transaction((tx) => issueIn(tx, id, actor, now));
    },

    /**
     * Reissue an issued document: a new document (new number, the corrected data or the same) that supersedes it,
     * in one transaction; the old one is kept as it was, marked superseded, never overwritten.
     */
    async reissue(id: string, data: DocumentData | undefined, actor: Actor) {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const old = (await tx.select().from(documents).where(eq(documents.id, id)).for('update'))[0];
        if (!old) throw new DomainError('DOCUMENT_NOT_FOUND', [{ path: 'id', rule: 'exists' }]);
        if (old.state === 'draft')
          throw new DomainError('DOCUMENT_NOT_ISSUED', [{ path: 'id', rule: 'document_issued' }]);
        if (old.supersededBy) throw new DomainError('DOCUMENT_SUPERSEDED', [{ path: 'id', rule: 'document_current' }]);
        const newId = await createDraft(
          tx,
          {
            subjectType: old.subjectType,
            subjectId: old.subjectId,
            kind: old.kind,
            data: data ?? (old.data as DocumentData),
            issuer: { id: old.issuerId, name: old.issuerName, numberPrefix: old.numberPrefix },
            supersedes: old.id,
          },
          actor,
          now,
        );
        return issueIn(tx, newId, actor, now);
      });
    },

    /**
     * Serve an issued document (送达): record how, when and to whom (APL-61: electronic service only with the
     * party's signed consent, a stored file), audited, and tell the listeners in the same transaction.
     */
    async serve(id: string, input: unknown, actor: Actor) {
      const parsed = serviceRecord.safeParse(input);
      if (!parsed.success)
        throw new DomainError(
          'DOCUMENT_SERVICE_INVALID',
          parsed.error.issues.map((i) => ({
            path: i.path.join('.'),
            rule: i.code === 'custom' ? i.message : i.code,
          })),
        );
      const record = parsed.data;
      const now = clock.now();
      return db.transaction(async (tx) => {
        const row = (await tx.select().from(documents).where(eq(documents.id, id)).for('update'))[0];
        if (!row) throw new DomainError('DOCUMENT_NOT_FOUND', [{ path: 'id', rule: 'exists' }]);
        if (row.state === 'draft')
          throw new DomainError('DOCUMENT_NOT_ISSUED', [{ path: 'id', rule: 'document_issued' }]);
        if (row.state === 'served')
          throw new DomainError('DOCUMENT_ALREADY_SERVED', [{ path: 'id', rule: 'document_issued' }]);
        if (row.supersededBy) throw new DomainError('DOCUMENT_SUPERSEDED', [{ path: 'id', rule: 'document_current' }]);
        // Served on or after the day of issue, and not in the future (China time).
        if (record.servedOn < chinaDate(row.issuedAt!) || record.servedOn > chinaDate(now))
          throw new DomainError('DOCUMENT_SERVICE_INVALID', [{ path: 'servedOn', rule: 'served_on_range' }]);
        if (record.consentFileId && !(await files.get(tx, record.consentFileId)))
          throw new DomainError('DOCUMENT_SERVICE_INVALID', [{ path: 'consentFileId', rule: 'APL-61' }]);
        await tx
          .update(documents)
          .set({ state: 'served', service: record, servedAt: now, servedBy: actor.id })
          .where(eq(documents.id, id));
        await audit.append(
          tx,
          actor,
          {
            action: 'document.serve',
            entityType: 'document',
            entityId: id,
            after: { ...record, recipient: undefined },
          },
          now,
        );
        const served: ServedDocument = {
          id,
          subjectType: row.subjectType,
          subjectId: row.subjectId,
          kind: row.kind,
          number: row.number!,
          service: record,
          servedAt: now,
        };
        for (const l of servedListeners) await l(tx, served, actor, now);
        return viewOf(
          { ...row, state: 'served', service: record, servedAt: now, servedBy: actor.id },
          await titleOf(tx, row.kind, row.templateVersion),
        );
      });
    },

    /** Subscribe to service (送达): the hook other contexts use to start clocks from the day of service. */
    onServed(listener: ServedListener): void {
      servedListeners.push(listener);
    },

    /** The documents of a subject, newest first, with their state (draft, issued, served, superseded). */
    async list(subjectType: string, subjectId: string): Promise<DocumentView[]> {
      const rows = await db
        .select()
        .from(documents)
        .where(and(eq(documents.subjectType, subjectType), eq(documents.subjectId, subjectId)))
        .orderBy(desc(documents.createdAt), desc(documents.id));
      const titles = new Map<string, string>();
      const out: DocumentView[] = [];
      for (const r of rows) {
        const key = `${r.kind}@${r.templateVersion}`;
        if (!titles.has(key)) titles.set(key, await titleOf(db, r.kind, r.templateVersion));
        out.push(viewOf(r, titles.get(key)!));
      }
      return out;
    },

    async view(id: string): Promise<DocumentView> {
      const row = await getRow(id);
      return viewOf(row, await titleOf(db, row.kind, row.templateVersion));
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
        if (row.fileId) {
          const f = (await files.get(db, row.fileId))!;
          return { row, bytes: await files.readBytes(f.storageKey) };
        }
        // Issued before migration 0022: the bytes are in the database.
        const f = (await db.select().from(documentFiles).where(eq(documentFiles.documentId, id)))[0]!;
        return { row, bytes: Buffer.from(f.pdf, 'base64') };
      }
      const r = await render({
        template,
        data,
        issuerName: row.issuerName,
        number: null,
        verification: null,
        signatures: await signatureImages(db, template, data),
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
