import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '@openenforce/domain/errors';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route answers without a session: it is public (login, the portal, health), or it checks credentials of
     * its own (an API key, a webhook signature, a citizen's token). Every other route needs a signed-in user.
     */
    public?: boolean;
  }
}

/** Route option for the routes that need no session: `{ config: PUBLIC, schema: … }`. */
export const PUBLIC = { public: true } as const;

/**
 * Secure by default: an anonymous request to a route not marked PUBLIC is refused with 401 before its body is parsed
 * or validated, so that an anonymous caller learns nothing about a protected route's fields (and a route added
 * without thinking about it is not open). Runs in onRequest, after the session cookie is read. Unknown URLs pass
 * (404 for everyone), as do the web app's files and the API documentation (marked in `publicPlugins`).
 */
export function refuseAnonymous(req: FastifyRequest): void {
  if (req.user || req.is404 || req.routeOptions.config.public === true) return;
  throw new DomainError('AUTH_REQUIRED');
}

/**
 * Register plugins whose every route is public (the API docs, the web app's files). They are registered on the root
 * instance — the web app's `reply.sendFile` must reach the not-found handler — so routes are marked only while
 * `register` runs.
 */
export async function publicPlugins(app: FastifyInstance, register: () => PromiseLike<unknown>): Promise<void> {
  let marking = true;
  app.addHook('onRoute', (route) => {
    if (marking) route.config = { ...(route.config ?? {}), public: true };
  });
  try {
    await register();
  } finally {
    marking = false;
  }
}

/**
 * The OpenAPI document says which operations need the session cookie (the same flag the hook reads), so clients and
 * the fuzz test know which answer 401 to an anonymous caller.
 */
export function withSecurity<I extends { route: { config?: unknown } }, O extends { schema?: unknown }>(
  transform: (input: I) => O,
) {
  return (input: I): O => {
    const out = transform(input);
    const open = (input.route.config as { public?: boolean } | undefined)?.public === true;
    return { ...out, schema: { ...(out.schema as object), security: open ? [] : [{ session: [] }] } };
  };
}
