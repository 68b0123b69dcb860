import { ERRORS, type ApiErrorBody, type ErrorCode, type ErrorDetail } from '@openenforce/domain/errors';

/**
 * The one HTTP client of the web app. The session is an httpOnly cookie set by the server, so every request is
 * same-origin with credentials; errors arrive as `{code, message: {zh, en}, details}` (ApiErrorBody).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
    /** Seconds from a Retry-After header (throttling and lockout), when the server sends one. */
    readonly retryAfter: number | null = null,
  ) {
    super(body.code);
    this.name = 'ApiError';
  }
  get code(): ErrorCode {
    return this.body.code;
  }
  get details(): ErrorDetail[] {
    return this.body.details;
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  /** JSON body, or FormData for uploads. */
  body?: unknown;
  /** Extra request headers (an upload's `X-Content-SHA256`). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

type UnauthorizedListener = () => void;
let onUnauthorized: UnauthorizedListener | null = null;

/** The auth provider registers here: a 401 on any call (session expired) sends the user back to the login page. */
export function setUnauthorizedListener(listener: UnauthorizedListener | null): void {
  onUnauthorized = listener;
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

function fallbackBody(status: number): ApiErrorBody {
  const code: ErrorCode =
    status === 401
      ? 'AUTH_REQUIRED'
      : status === 403
        ? 'FORBIDDEN'
        : status === 404
          ? 'ROUTE_NOT_FOUND'
          : status === 409
            ? 'CONFLICT_STALE_VERSION'
            : status === 413
              ? 'BODY_TOO_LARGE'
              : status === 429
                ? 'RATE_LIMITED'
                : status === 503
                  ? 'NOT_READY'
                  : status >= 400 && status < 500
                    ? 'VALIDATION_FAILED'
                    : 'INTERNAL';
  const e = ERRORS[code];
  return { code, message: { zh: e.zh, en: e.en }, details: [] };
}

/**
 * An error the web raises itself, worded by the catalogue. Not the domain's `errorBody`: that one words details from
 * the whole rule catalogue, and importing it here would put every rule's words into the first load of every page.
 */
export function clientError(status: number, code: ErrorCode): ApiError {
  const e = ERRORS[code];
  return new ApiError(status, { code, message: { zh: e.zh, en: e.en }, details: [] });
}

function isErrorBody(x: unknown): x is ApiErrorBody {
  if (!x || typeof x !== 'object') return false;
  const o = x as Record<string, unknown>;
  const m = o.message as Record<string, unknown> | undefined;
  return typeof o.code === 'string' && !!m && typeof m === 'object' && typeof m.zh === 'string';
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', query, body, signal } = options;
  const headers: Record<string, string> = { ...options.headers, accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }

  let res: Response;
  try {
    res = await fetch(withQuery(path, query), { method, headers, body: payload, credentials: 'same-origin', signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    // Network down or server restarting: present it like a 503 so the UI has one error path.
    throw new ApiError(0, fallbackBody(503));
  }

  const isJson = (res.headers.get('content-type') ?? '').includes('json');
  const data: unknown = res.status === 204 ? undefined : isJson ? await res.json().catch(() => undefined) : undefined;
  if (res.ok) return data as T;

  const retry = Number(res.headers.get('retry-after'));
  const error = new ApiError(
    res.status,
    isErrorBody(data) ? { ...data, details: data.details ?? [] } : fallbackBody(res.status),
    Number.isFinite(retry) && retry > 0 ? retry : null,
  );
  if (res.status === 401 && path !== '/api/auth/login' && path !== '/api/auth/me') onUnauthorized?.();
  throw error;
}

/** A page of a keyset-paginated list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

/** A binary answer (a rendered PDF or DOCX) as a Blob; failures as ApiError, like `api`. */
export async function apiBlob(path: string, options: RequestOptions = {}): Promise<Blob> {
  const { method = 'GET', query, body, signal } = options;
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(withQuery(path, query), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    signal,
  }).catch((err: Error) => {
    if (err.name === 'AbortError') throw err;
    throw new ApiError(0, fallbackBody(503));
  });
  if (res.ok) return res.blob();
  const data: unknown = await res.json().catch(() => undefined);
  if (res.status === 401) onUnauthorized?.();
  throw new ApiError(
    res.status,
    isErrorBody(data) ? { ...data, details: data.details ?? [] } : fallbackBody(res.status),
  );
}
