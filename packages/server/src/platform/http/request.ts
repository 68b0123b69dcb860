import type { FastifyRequest } from 'fastify';
import { DomainError } from '@openenforce/domain/errors';
import type { Permission } from '@openenforce/domain/organization';
import type { Actor } from '../audit/index.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import { assertPasswordChangeNotPending } from './security.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
  }
}

/**
 * The signed-in user, or AUTH_REQUIRED; AUTH_PASSWORD_CHANGE_REQUIRED while the user must change their password
 * (except on the routes marked for it). Public routes never ask, so they answer as usual.
 */
export function requireUser(req: FastifyRequest): SessionUser {
  if (!req.user) throw new DomainError('AUTH_REQUIRED');
  assertPasswordChangeNotPending(req);
  return req.user;
}

/** The signed-in user holding `permission`, or FORBIDDEN naming the permission that is missing. */
export function requirePermission(req: FastifyRequest, permission: Permission): SessionUser {
  const user = requireUser(req);
  if (!user.permissions.includes(permission))
    throw new DomainError('FORBIDDEN', [{ path: 'permission', rule: permission }]);
  return user;
}

/** Who and where, for the audit log. */
export function actorOf(req: FastifyRequest): Actor {
  return { id: req.user?.id ?? null, role: req.user?.role ?? 'anonymous', clientIp: req.ip, requestId: req.id };
}
