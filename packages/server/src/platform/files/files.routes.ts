import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DomainError } from '@openenforce/domain/errors';
import {
  custodyView,
  fileAck,
  fileIdParams,
  fileReadQuery,
  fileUploadQuery,
  fileView,
  grantParams,
  grantRequest,
  grantView,
  revokeRequest,
  SHA256_HEADER,
  type FileKind,
} from '@openenforce/domain/files';
import type { Config } from '../../config.ts';
import { actorOf, fileResponse, requirePermission, requireUser, typed, uploadPart } from '../http/index.ts';
import type { FileAccess } from './access.ts';
import type { FileService, UploadPolicy } from './files.service.ts';
import { FILE_TYPES, typesOf, type FileFamily, type FileTypeName } from './types.ts';

const tags = ['files'];

/** The limit of each family, from configuration (FILE_MAX_*_BYTES). */
function familyLimits(config: Config): Record<FileFamily, number> {
  return {
    photo: config.FILE_MAX_PHOTO_BYTES,
    video: config.FILE_MAX_VIDEO_BYTES,
    audio: config.FILE_MAX_AUDIO_BYTES,
    pdf: config.FILE_MAX_PDF_BYTES,
    office: config.FILE_MAX_OFFICE_BYTES,
  };
}

/** What each kind of upload accepts: its types (by their bytes) and each type's family limit. */
export function uploadPolicies(config: Config): Record<FileKind, UploadPolicy> {
  const limits = familyLimits(config);
  const policy = (types: FileTypeName[]): UploadPolicy => {
    const maxBytesByType = Object.fromEntries(types.map((t) => [t, limits[FILE_TYPES[t].family]]));
    return { types, maxBytesByType, maxBytes: Math.max(...Object.values(maxBytesByType)) };
  };
  return {
    photo: policy(typesOf('photo')),
    video: policy(typesOf('video')),
    audio: policy(typesOf('audio')),
    document: policy([...typesOf('pdf'), ...typesOf('office')]),
    // A signature drawn on the phone's screen is a PNG (the canvas's own encoding).
    signature: policy(['png']),
    evidence: policy(Object.keys(FILE_TYPES) as FileTypeName[]),
  };
}

/**
 * The platform's files routes: upload with the phone's hash, the file's facts, its bytes, its chain of custody and
 * its grants. Visibility follows the file's record (each context registers its own, see FileAccess).
 */
export function registerFileRoutes(app: FastifyInstance, files: FileService, access: FileAccess, config: Config) {
  const r = typed(app);
  const policies = uploadPolicies(config);
  const allMedia = [...new Set(Object.values(FILE_TYPES).map((t) => t.mime))];

  r.post(
    '/api/files',
    {
      schema: {
        tags,
        summary:
          '上传证据文件 Upload an evidence file (multipart: file; header X-Content-SHA256: the SHA-256 computed on the phone)',
        querystring: fileUploadQuery,
        headers: z.object({ [SHA256_HEADER]: z.string().optional() }),
        response: { 201: fileAck },
      },
    },
    async (req, reply) => {
      requirePermission(req, 'file.upload');
      const { kind, capturedAt, lat, lng, accuracy, device } = req.query;
      const policy = policies[kind];
      const upload = await uploadPart(req, { maxBytes: policy.maxBytes });
      if (!upload.sha256) {
        upload.stream.resume();
        throw new DomainError('VALIDATION_FAILED', [{ path: `headers.${SHA256_HEADER}`, rule: 'sha256_required' }]);
      }
      const capture = Object.fromEntries(
        Object.entries({ capturedAt, lat, lng, accuracy, device }).filter(([, v]) => v !== undefined),
      );
      const row = await files.upload({ ...upload, purpose: kind, capture }, policy, actorOf(req));
      return reply.status(201).send({ id: row.id, sha256: row.sha256, kind, mime: row.mime, bytes: row.bytes });
    },
  );

  r.get(
    '/api/files/:id',
    {
      schema: {
        tags,
        summary: '文件信息 A file: hash, type, capture time, place and device, grants (recorded as a view)',
        params: fileIdParams,
        querystring: fileReadQuery,
        response: { 200: fileView },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return access.view(req.params.id, user, actorOf(req), req.query.purpose);
    },
  );

  r.get(
    '/api/files/:id/content',
    {
      schema: {
        tags,
        summary: '下载文件 The bytes of a file (recorded in its chain of custody as a download)',
        params: fileIdParams,
        querystring: fileReadQuery,
        response: { 200: fileResponse(allMedia, '文件 The file') },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const { row, stream } = await access.download(req.params.id, user, actorOf(req), req.query.purpose);
      const ext = row.storageKey.slice(row.storageKey.lastIndexOf('.') + 1);
      reply
        .header('Content-Type', row.mime)
        .header('Content-Length', row.bytes)
        .header('Content-Disposition', `attachment; filename="file-${row.id}.${ext}"`)
        .header('X-Content-SHA256', row.sha256)
        // Every download is a custody entry: no shared or stored copy may answer for the server.
        .header('Cache-Control', 'private, no-store');
      return reply.send(stream);
    },
  );

  r.get(
    '/api/files/:id/custody',
    {
      schema: {
        tags,
        summary: '保管链 The chain of custody of a file: every receipt, view, download, grant, transfer, revocation',
        params: fileIdParams,
        response: { 200: custodyView },
      },
    },
    async (req) => {
      const user = requirePermission(req, 'file.custody');
      return access.custody(req.params.id, user);
    },
  );

  r.post(
    '/api/files/:id/grants',
    {
      schema: {
        tags,
        summary: '共享给其他机关 Share a file with another agency (a grant on the same stored file, not a copy)',
        params: fileIdParams,
        body: grantRequest,
        response: { 200: grantView, 201: grantView },
      },
    },
    async (req, reply) => {
      const user = requirePermission(req, 'file.share');
      const { grant, created } = await access.grant(req.params.id, user, actorOf(req), req.body);
      return reply.status(created ? 201 : 200).send(grant);
    },
  );

  r.post(
    '/api/files/:id/grants/:grantId/revoke',
    {
      schema: {
        tags,
        summary: '撤销共享 Revoke a grant (a revocation row; the grant stays on record)',
        params: grantParams,
        body: revokeRequest,
        response: { 200: grantView },
      },
    },
    async (req) => {
      const user = requirePermission(req, 'file.share');
      return access.revoke(req.params.id, req.params.grantId, user, actorOf(req), req.body.reason);
    },
  );
}
