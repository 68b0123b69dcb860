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

  r.get(
    '/api/document-templates/:kind',
    {
      schema: {
        tags,
        summary: '模板当前版本 The current version of a template (the editor opens it)',
        params: z.object({ kind: documentKind }),
        response: { 200: templateVersionView },
      },
    },
    async (req) => {
      requirePermission(req, 'document.template');
      return service.templateView(req.params.kind);
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
}
