import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import * as cs from '@openenforce/domain/cases';
import { actorOf, requirePermission, requireUser, typed, uploadPart } from '../platform/http/index.ts';
import type { EvidenceUploads } from './evidence.ts';
import { presentDetail, presentSummary, seesParty } from './cases.present.ts';
import type { CasesService } from './cases.service.ts';

const tags = ['cases'];
const idParams = z.object({ id: z.uuid() });

/** Routes are thin: validate (zod) → authorize → one use case → present. */
export function registerCaseRoutes(app: FastifyInstance, cases: CasesService, evidence: EvidenceUploads): void {
  const r = typed(app);
  const ctx = (req: FastifyRequest) => ({ user: requireUser(req), actor: actorOf(req) });
  const result = (
    row: { id: string; number: string; status: cs.CaseState; version: number },
    stepId: number | null,
    replayed: boolean,
  ) => ({
    id: row.id,
    number: row.number,
    status: row.status,
    version: row.version,
    stepId,
    replayed,
  });

  r.post(
    '/api/cases',
    {
      schema: {
        tags,
        summary: '登记案件（案源）Open a case directly, from an inspection, a referral or a transfer',
        body: cs.caseOpen,
        response: { 201: cs.caseStepResult },
      },
    },
    async (req, reply) => {
      requirePermission(req, 'case.handle');
      const row = await cases.open(req.body, ctx(req));
      return reply.status(201).send(result(row, null, false));
    },
  );

  r.post(
    '/api/cases/evidence',
    {
      schema: {
        tags,
        summary: '上传证据文件 Upload an evidence file (multipart: file), registered by the record_evidence step',
        response: { 201: cs.evidenceUpload },
      },
    },
    async (req, reply) => {
      requirePermission(req, 'case.handle');
      return reply.status(201).send(await evidence(await uploadPart(req), actorOf(req)));
    },
  );

  r.get(
    '/api/cases',
    {
      schema: {
        tags,
        summary: '案件列表与待办 Cases: filters, queues, paging',
        querystring: cs.caseListQuery,
        response: { 200: cs.casePage },
      },
    },
    async (req) => {
      const user = requirePermission(req, 'case.read');
      const page = await cases.list(req.query, user);
      const full = seesParty(user.permissions);
      return {
        items: page.items.map((c) =>
          presentSummary(c, {
            teamName: c.teamId ? (page.names.get(c.teamId) ?? null) : null,
            full,
            colour: c.colour,
            nextDueAt: c.nextDueAt,
          }),
        ),
        nextCursor: page.nextCursor,
      };
    },
  );

  r.get(
    '/api/cases/:id',
    {
      schema: {
        tags,
        summary: '案件详情：全过程、法定期限、证据 Case with its timeline, clocks and evidence',
        params: idParams,
        response: { 200: cs.caseDetail },
      },
    },
    async (req) => {
      const user = requirePermission(req, 'case.read');
      return presentDetail(await cases.detail(req.params.id, user.scope), seesParty(user.permissions));
    },
  );

  r.get(
    '/api/cases/:id/actions',
    {
      schema: {
        tags,
        summary: '可执行的办案环节 What may I do here (each step: allowed, or the rules that refuse it)',
        params: idParams,
        response: { 200: cs.caseActionsView },
      },
    },
    async (req) => {
      const user = requirePermission(req, 'case.read');
      const out = await cases.actions(req.params.id, user);
      return {
        version: out.version,
        state: out.state,
        actions: out.actions.map((a) => ({
          action: a.action,
          allowed: a.allowed,
          reasons: a.reasons.map((x) => ({ rule: x.rule, zh: x.zh, en: x.en, ...(x.path ? { path: x.path } : {}) })),
        })),
      };
    },
  );

  // One route per action: each with its own body schema (OpenAPI and the web's forms read them).
  for (const action of cs.CASE_STEP_ACTIONS) {
    r.post(
      `/api/cases/:id/steps/${action}`,
      {
        schema: {
          tags,
          summary: `办案环节 Case step: ${action}`,
          params: idParams,
          body: cs.CASE_STEP_BODIES[action],
          response: { 200: cs.caseStepResult },
        },
      },
      async (req, reply) => {
        const c = ctx(req);
        // Authorize first: a role that may never take this step hears so before scope or version are looked at.
        cases.assertPermitted(c.user, action);
        const out = await cases.step(req.params.id, action, req.body as cs.CaseStepBody<typeof action>, c);
        if (out.replayed) reply.header('idempotent-replayed', 'true');
        return result(out.row, out.stepId, out.replayed);
      },
    );
  }
}
