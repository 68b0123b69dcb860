import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  batchAccepted,
  batchRequest,
  documentFileQuery,
  documentIdParams,
  documentListQuery,
  documentListView,
  documentView,
  issueView,
  reissueRequest,
  serveRequest,
  documentKind,
  previewRequest,
  saveTemplateRequest,
  templateListView,
  templateVersionView,
  verifyParams,
  verifyView,
  type VerifyView,
} from '@openenforce/domain/documents';
import { PUBLIC } from '../http/access.ts';
import { actorOf, requirePermission, typed } from '../http/index.ts';
import type { PlatformDeps } from '../deps.ts';
import type { JobRunner } from '../jobs/index.ts';
import { enqueueBatch } from './documents.batch.ts';
import type { DocumentService } from './documents.service.ts';

const tags = ['documents'];
const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** Binary answers: declared for the API document; the bytes themselves are not serialised. */
const bytes = z.any().describe('PDF or DOCX bytes');

export function registerDocumentRoutes(
  app: FastifyInstance,
  service: DocumentService,
  deps: PlatformDeps,
  jobs: JobRunner,
): void {
  const r = typed(app);

  r.get(
    '/api/documents',
    {
      schema: {
        tags,
        summary: '文书列表 The documents of a subject, with their state',
        querystring: documentListQuery,
        response: { 200: documentListView },
      },
    },
    async (req) => {
      requirePermission(req, 'document.read');
      return { items: await service.list(req.query.subjectType, req.query.subjectId) };
    },
  );

  r.get(
    '/api/documents/:id',
    {
      schema: {
        tags,
        summary: '文书 One document and its state',
        params: documentIdParams,
        response: { 200: documentView },
      },
    },
    async (req) => {
      requirePermission(req, 'document.read');
      return service.view(req.params.id);
    },
  );

  r.post(
    '/api/documents/:id/issue',
    {
      schema: {
        tags,
        summary: '签发文书 Issue a draft: number, render, store with its SHA-256',
        params: documentIdParams,
        response: { 200: issueView },
      },
    },
    async (req) => {
      requirePermission(req, 'document.issue');
      return service.issue(req.params.id, actorOf(req));
    },
  );

  r.post(
    '/api/documents/:id/reissue',
    {
      schema: {
        tags,
        summary: '重新出具 Reissue: a new version with a new number; the old one is marked superseded',
        params: documentIdParams,
        body: reissueRequest,
        response: { 201: issueView },
      },
    },
    async (req, reply) => {
      requirePermission(req, 'document.issue');
      return reply.status(201).send(await service.reissue(req.params.id, req.body.data, actorOf(req)));
    },
  );

  r.post(
    '/api/documents/:id/serve',
    {
      schema: {
        tags,
        summary: '送达 Record the service of an issued document (method, date; APL-61)',
        params: documentIdParams,
        body: serveRequest,
        response: { 200: documentView },
      },
    },
    async (req) => {
      requirePermission(req, 'document.issue');
      return service.serve(req.params.id, req.body, actorOf(req));
    },
  );

  r.post(
    '/api/documents/batch',
    {
      schema: {
        tags,
        summary: '批量签发 Issue and render many documents in the background (progress: GET /api/jobs/:id)',
        body: batchRequest,
        response: { 202: batchAccepted },
      },
    },
    async (req, reply) => {
      requirePermission(req, 'document.issue');
      return reply.status(202).send(await enqueueBatch(deps, jobs, req.body.documentIds, actorOf(req)));
    },
  );

  r.get(
    '/api/document-templates',
    {
      schema: {
        tags,
        summary: '文书模板 Document templates (newest version of each kind)',
        response: { 200: templateListView },
      },
    },
    async (req) => {
      requirePermission(req, 'document.template');
      return { items: await service.listTemplates() };
    },
  );

  r.post(
    '/api/document-templates/:kind/versions',
    {
      schema: {
        tags,
        summary: '保存模板新版本 Save a new version of a template (append-only)',
        params: z.object({ kind: documentKind }),
        body: saveTemplateRequest,
        response: { 201: templateVersionView },
      },
    },
    async (req, reply) => {
      requirePermission(req, 'document.template');
      const saved = await service.saveTemplate(req.params.kind, req.body.body, actorOf(req));
      return reply.status(201).send(saved);
    },
  );

  r.post(
    '/api/document-templates/preview',
    {
      schema: {
        tags,
        summary: '模板预览 Render a draft preview of a template with sample data (PDF or DOCX)',
        body: previewRequest,
        response: { 200: bytes },
      },
    },
    async (req, reply) => {
      requirePermission(req, 'document.template');
      const out = await service.preview(req.body);
      return reply.type(req.body.format === 'docx' ? DOCX : PDF).send(Buffer.from(out));
    },
  );

  r.get(
    '/api/documents/:id/file',
    {
      schema: {
        tags,
        summary: '文书文件 A document as PDF (issued: the stored bytes) or DOCX',
        params: documentIdParams,
        querystring: documentFileQuery,
        response: { 200: bytes },
      },
    },
    async (req, reply) => {
      requirePermission(req, 'document.read');
      const { bytes: out, row } = await service.file(req.params.id, req.query.format);
      const ext = req.query.format;
      return reply
        .type(ext === 'docx' ? DOCX : PDF)
        .header('content-disposition', `inline; filename="document-${row.id}.${ext}"`)
        .send(Buffer.from(out));
    },
  );

  r.get(
    '/api/verify/:code',
    {
      config: PUBLIC,
      schema: {
        tags,
        summary: '文书核验 Verify an issued document by its code (public)',
        params: verifyParams,
        response: { 200: verifyView },
      },
    },
    async (req) => service.verify(req.params.code),
  );

  r.get(
    '/verify/:code',
    {
      config: PUBLIC,
      schema: {
        tags,
        summary: '文书核验页 The public verification page',
        params: verifyParams,
        response: { 200: z.string() },
      },
    },
    async (req, reply) =>
      reply.type('text/html; charset=utf-8').send(verifyPage(await service.verify(req.params.code))),
  );
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function verifyPage(v: VerifyView): string {
  const row = (zh: string, en: string, value: string) =>
    `<tr><th>${zh}<br><small>${en}</small></th><td>${esc(value)}</td></tr>`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>文书核验 Document verification</title><style>body{font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}
th{text-align:left;padding:.4rem 1rem .4rem 0;vertical-align:top}td{word-break:break-all}</style></head><body>
<h1>文书核验 <small>Document verification</small></h1>
<p>${v.superseded ? '⚠ 此文书已被重新出具的版本取代 This document has been superseded by a reissue.' : '✓ 此文书由下列机关签发 This document was issued as follows.'}</p>
<table>${row('文书', 'Document', v.title)}${row('文号', 'Number', v.number)}${row('签发机关', 'Issued by', v.issuer)}${row('签发日期', 'Issued on', v.issuedOn)}${row('SHA-256', 'Hash of the PDF', v.sha256)}${row('状态', 'State', v.state === 'served' ? '已送达 served' : '已签发 issued')}</table>
</body></html>`;
}
