import type { FastifyInstance } from 'fastify';
import { auditPage, auditQuery, auditVerification } from '@openenforce/domain/audit';
import { maySeePersonalData } from '@openenforce/domain/privacy';
import { requirePermission, typed } from '../http/index.ts';
import type { AuditReader } from './reader.ts';

const tags = ['audit'];

/** The audit-log reader for supervisors (audit.read): records by subject, actor and time; chain verification. */
export function registerAuditRoutes(app: FastifyInstance, reader: AuditReader): void {
  const r = typed(app);

  r.get(
    '/api/audit',
    {
      schema: {
        tags,
        summary: '全过程记录 Audit records by subject, actor, action and time (newest first)',
        querystring: auditQuery,
        response: { 200: auditPage },
      },
    },
    async (req) => {
      const user = requirePermission(req, 'audit.read');
      return reader.list(req.query, { fullPersonalData: maySeePersonalData(user.permissions) });
    },
  );

  r.get(
    '/api/audit/verification',
    {
      schema: {
        tags,
        summary: '审计链校验结果 The chain verification as last run',
        response: { 200: auditVerification },
      },
    },
    async (req) => {
      requirePermission(req, 'audit.read');
      return reader.status();
    },
  );

  r.post(
    '/api/audit/verification',
    {
      schema: {
        tags,
        summary: '校验审计链 Verify the whole chain now (one run at a time); answers when it has finished',
        response: { 200: auditVerification },
      },
    },
    async (req) => {
      requirePermission(req, 'audit.read');
      await reader.start();
      return reader.status();
    },
  );
}
