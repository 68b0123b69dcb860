import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  userAccount,
  userAction,
  userCreate,
  userListQuery,
  userPatch,
  userWithPassword,
  type UserAccount,
} from '@openenforce/domain/auth';
import { pageOf } from '@openenforce/domain/common';
import type { RegionDirectory } from '../organization/index.ts';
import { actorOf, requirePermission, typed } from '../platform/http/index.ts';
import type { AccountRow } from './accounts.repository.ts';
import type { AccountsService } from './accounts.service.ts';

const tags = ['accounts'];
const idParams = z.object({ id: z.uuid() });

/** Administrators' user accounts: parse → `user.admin` and data scope → one use case → present. */
export function registerAccountRoutes(app: FastifyInstance, accounts: AccountsService, directory: RegionDirectory) {
  const r = typed(app);
  /** Never the password hash; the town's name from the directory. */
  const present = (u: AccountRow & { recentFailures: number }): UserAccount => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role as UserAccount['role'],
    status: u.status,
    scopeTownId: u.scopeTownId,
    scopeTownName: u.scopeTownId ? directory.townName(u.scopeTownId) : null,
    scopeTeamId: u.scopeTeamId,
    scopeTeamName: u.scopeTeamName,
    personId: u.personId,
    personName: u.personName,
    mustChangePassword: u.mustChangePassword,
    recentFailures: u.recentFailures,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
    version: u.version,
  });

  r.get(
    '/api/admin/users',
    {
      schema: {
        tags,
        summary: '用户账号列表 User accounts',
        querystring: userListQuery,
        response: { 200: pageOf(userAccount) },
      },
    },
    async (req) => {
      const admin = requirePermission(req, 'user.admin');
      const page = await accounts.list(admin.scope, req.query);
      return { ...page, items: page.items.map(present) };
    },
  );

  r.get(
    '/api/admin/users/:id',
    { schema: { tags, summary: '用户账号 User account', params: idParams, response: { 200: userAccount } } },
    async (req) => {
      const admin = requirePermission(req, 'user.admin');
      return present(await accounts.get(admin.scope, req.params.id));
    },
  );

  r.post(
    '/api/admin/users',
    {
      schema: {
        tags,
        summary: '新建账号（返回一次性临时密码） Create an account (returns its temporary password once)',
        body: userCreate,
        response: { 201: userWithPassword },
      },
    },
    async (req, reply) => {
      const admin = requirePermission(req, 'user.admin');
      const { user, temporaryPassword } = await accounts.create(admin.scope, req.body, actorOf(req));
      // The temporary password is shown once: no cache may keep it.
      return reply
        .status(201)
        .header('cache-control', 'no-store')
        .send({ user: present(user), temporaryPassword });
    },
  );

  r.patch(
    '/api/admin/users/:id',
    {
      schema: {
        tags,
        summary: '修改角色、数据范围、人员 Edit role, scope, person',
        params: idParams,
        body: userPatch,
        response: { 200: userAccount },
      },
    },
    async (req) => {
      const admin = requirePermission(req, 'user.admin');
      return present(await accounts.update(admin, req.params.id, req.body, actorOf(req)));
    },
  );

  for (const [action, status, summary] of [
    ['disable', 'disabled', '停用账号（立即结束其会话） Disable (its sessions end at once)'],
    ['enable', 'active', '启用账号 Re-enable'],
  ] as const) {
    r.post(
      `/api/admin/users/:id/${action}`,
      { schema: { tags, summary, params: idParams, body: userAction, response: { 200: userAccount } } },
      async (req) => {
        const admin = requirePermission(req, 'user.admin');
        return present(await accounts.setStatus(admin, req.params.id, req.body.version, status, actorOf(req)));
      },
    );
  }

  r.post(
    '/api/admin/users/:id/reset-password',
    {
      schema: {
        tags,
        summary: '重置密码（一次性临时密码，须在下次登录时修改） Reset the password (temporary, shown once)',
        params: idParams,
        body: userAction,
        response: { 200: userWithPassword },
      },
    },
    async (req, reply) => {
      const admin = requirePermission(req, 'user.admin');
      reply.header('cache-control', 'no-store');
      const { user, temporaryPassword } = await accounts.resetPassword(
        admin,
        req.params.id,
        req.body.version,
        actorOf(req),
      );
      return { user: present(user), temporaryPassword };
    },
  );

  r.post(
    '/api/admin/users/:id/unlock',
    {
      schema: {
        tags,
        summary: '解除登录限制 Lift the login delays',
        params: idParams,
        response: { 200: userAccount },
      },
    },
    async (req) => {
      const admin = requirePermission(req, 'user.admin');
      return present(await accounts.unlock(admin, req.params.id, actorOf(req)));
    },
  );
}
