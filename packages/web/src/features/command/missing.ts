import { ApiError } from '../../app/api.ts';

/**
 * A server without the endpoint (an older build): 404, or — for paths under /api/events — the request taken by
 * `/api/events/:id` with an id that is not a uuid.
 */
export function missingEndpoint(err: unknown): boolean {
  return (
    err instanceof ApiError &&
    (err.status === 404 || (err.status === 400 && err.details.some((d) => d.path === 'params.id')))
  );
}
