import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { loginRequest, me, passwordChangeRequest } from '@openenforce/domain/auth';
import { DomainError } from '@openenforce/domain/errors';
import type { Config } from '../../config.ts';
import { actorOf, noContent, PUBLIC, requireUser, SESSION_COOKIE, typed } from '../http/index.ts';
import type { AuthService, SessionUser } from './auth.service.ts';

const tags = ['auth'];
/** Routes a user whose password must be changed may still call (see the gate in platform/http/security.ts). */
const duringPasswordChange = { whilePasswordMustChange: true };

export function registerAuthRoutes(
  app: FastifyInstance,
  auth: AuthService,
  config: Config,
  townName: (id: string) => string | null,
): void {
  const r = typed(app);
  const present = (u: SessionUser) => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    scopeTownId: u.scopeTownId,
    scopeTownName: u.scopeTownId ? townName(u.scopeTownId) : null,
    personId: u.personId,
    scopeTeamId: u.scopeTeamId,
    permissions: [...u.permissions],
    mustChangePassword: u.mustChangePassword,
  });

  r.post(
    '/api/auth/login',
    {
      // A login form posted from another site would sign the victim in as the attacker: the Origin check applies.
      config: { ...PUBLIC, checkOrigin: true },
      schema: { tags, summary: '登录 Log in', body: loginRequest, response: { 200: z.object({ user: me }) } },
    },
    async (req, reply) => {
      try {
        const { token, user } = await auth.login(req.body.username, req.body.password, actorOf(req));
        reply.setCookie(SESSION_COOKIE, token, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: config.COOKIE_SECURE,
          maxAge: config.SESSION_MAX_HOURS * 3600,
        });
        return { user: present(user) };
      } catch (err) {
        // The delay in seconds, as the standard header too (the detail says the same: `retry_after:<s>`).
        const wait = err instanceof DomainError && err.code === 'AUTH_THROTTLED' ? err.details[0]?.rule : undefined;
        if (wait) reply.header('retry-after', wait.slice('retry_after:'.length));
        throw err;
      }
    },
  );

  r.post(
    '/api/auth/logout',
    { config: duringPasswordChange, schema: { tags, summary: '退出 Log out', response: { 204: noContent } } },
    async (req, reply) => {
      const user = requireUser(req);
      await auth.logout(user, actorOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/auth/me',
    {
      config: duringPasswordChange,
      schema: { tags, summary: '当前用户 Current user', response: { 200: z.object({ user: me }) } },
    },
    async (req) => ({
      user: present(requireUser(req)),
    }),
  );

  r.post(
    '/api/auth/password',
    {
      config: duringPasswordChange,
      schema: { tags, summary: '修改密码 Change password', body: passwordChangeRequest, response: { 204: noContent } },
    },
    async (req, reply) => {
      const user = requireUser(req);
      await auth.changePassword(user, req.body.currentPassword, req.body.newPassword, actorOf(req));
      return reply.status(204).send();
    },
  );
}
