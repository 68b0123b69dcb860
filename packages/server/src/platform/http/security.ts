import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '@openenforce/domain/errors';
import type { Config } from '../../config.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route answers a user whose password must be changed (me, logout, the change itself). */
    whilePasswordMustChange?: boolean;
    /** Check the Origin of this state-changing request even without a session cookie (the login form). */
    checkOrigin?: boolean;
  }
}

/**
 * A client's X-Request-Id is kept for log correlation only when it is short and plain (an upstream proxy's id);
 * anything else — long, or with characters that could forge log lines — is replaced by a fresh UUID.
 */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * The `trustProxy` setting of Fastify: only the configured proxies' X-Forwarded-* headers are believed. With none
 * configured the client address is the TCP peer, so a client-chosen X-Forwarded-For cannot dodge login throttling.
 */
export function trustedProxies(config: Config): string[] | false {
  return config.TRUST_PROXY && config.TRUST_PROXY.length > 0 ? config.TRUST_PROXY : false;
}

/**
 * Where map tiles may come from (img-src): the configured tile URL's origin, its `{s}` subdomain placeholder as a
 * wildcard (`https://t{s}.tianditu.gov.cn/…` → `https://*.tianditu.gov.cn`).
 */
export function tileSource(url: string | undefined): string | null {
  const m = url ? /^(https?):\/\/([^/?#]+)/i.exec(url) : null;
  if (!m) return null;
  const [, scheme, host] = m as unknown as [string, string, string];
  const labels = host.split('.');
  if (!labels.some((l) => l.includes('{'))) return `${scheme}://${host}`;
  if (labels.slice(1).some((l) => l.includes('{'))) return `${scheme}:`;
  return `${scheme}://*.${labels.slice(1).join('.')}`;
}

/**
 * Browser security headers (helmet): a Content-Security-Policy without inline script; `style-src 'unsafe-inline'`
 * because Ant Design's CSS-in-JS and Leaflet write style elements and attributes at run time; framing refused
 * (`frame-ancestors 'none'`, X-Frame-Options DENY); Referrer-Policy `strict-origin-when-cross-origin` (tile servers
 * such as 天地图 check the referring site for their keys; paths and tokens are never sent elsewhere); HSTS and
 * `upgrade-insecure-requests` only behind HTTPS (COOKIE_SECURE), where they cannot break a plain-HTTP install.
 */
export async function registerSecurityHeaders(app: FastifyInstance, config: Config): Promise<void> {
  const tiles = tileSource(config.MAP_TILE_URL);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...(tiles ? [tiles] : [])],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        // The document template editor previews the PDF it rendered (a blob: URL) in a frame of this page.
        frameSrc: ["'self'", 'blob:'],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(config.COOKIE_SECURE ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    strictTransportSecurity: config.COOKIE_SECURE ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    // Map tiles and other sites' images are not loaded with CORS: requiring it would blank the map.
    crossOriginEmbedderPolicy: false,
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Defence against cross-site request forgery beside the SameSite=Strict cookie: a state-changing request that
 * carries the session cookie (and the login) must come from this origin or a configured one. Browsers send Origin
 * on every cross-origin POST (Sec-Fetch-Site too); a request with neither Origin nor Referer is not a browser's
 * forgery and passes. Machine channels (API key, HMAC) send no session cookie and are not affected.
 */
export function installOriginCheck(app: FastifyInstance, config: Config, sessionCookie: string): void {
  const allowed = new Set((config.ALLOWED_ORIGINS ?? []).map((o) => new URL(o).origin));
  app.addHook('onRequest', async (req) => {
    if (SAFE_METHODS.has(req.method)) return;
    if (!req.cookies[sessionCookie] && !req.routeOptions.config?.checkOrigin) return;
    if (!sameOrigin(req, allowed))
      throw new DomainError('ORIGIN_REFUSED', [{ path: 'headers.origin', rule: 'same_origin_or_allowed' }]);
  });
}

function sameOrigin(req: FastifyRequest, allowed: Set<string>): boolean {
  const origin = headerOrigin(req.headers.origin) ?? headerOrigin(req.headers.referer);
  if (origin === undefined) return req.headers['sec-fetch-site'] !== 'cross-site';
  if (origin === null) return false; // "null" (a sandboxed frame, a file:) or unparsable
  if (allowed.has(origin)) return true;
  return sameHost(new URL(origin), req.host);
}

/**
 * The origin names the Host the browser addressed (X-Forwarded-Host only from a trusted proxy). The scheme is not
 * compared: behind a TLS-terminating proxy this process sees http while the browser's origin says https. A default
 * port may be written or left out on either side (`localhost` = `localhost:80`, `x:443` = `https://x`).
 */
function sameHost(origin: URL, host: string): boolean {
  let addressed: URL;
  try {
    addressed = new URL(`http://${host}`);
  } catch {
    return false;
  }
  if (origin.hostname !== addressed.hostname) return false;
  // A Host without a port (or with :80, which URL drops) was addressed on the default port of the browser's scheme.
  if (addressed.port === '') return origin.port === '';
  return (origin.port || (origin.protocol === 'https:' ? '443' : '80')) === addressed.port;
}

/** undefined when absent, null when present but not a usable origin. */
function headerOrigin(value: string | string[] | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === 'null') return null;
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

/**
 * While an account must change its password (a temporary one, or a demo account outside demo mode), every route
 * that needs the session answers 403 AUTH_PASSWORD_CHANGE_REQUIRED (requireUser calls this), except those marked
 * `whilePasswordMustChange`: who am I, log out, change the password. Public routes and the web app's files never
 * ask for the session and load as usual (the web app then shows the change form).
 */
export function assertPasswordChangeNotPending(req: FastifyRequest): void {
  if (!req.user?.mustChangePassword) return;
  if (req.routeOptions.config?.whilePasswordMustChange) return;
  throw new DomainError('AUTH_PASSWORD_CHANGE_REQUIRED', [{ path: 'session', rule: 'change_password_first' }]);
}
