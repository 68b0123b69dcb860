import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { DomainError } from '@openenforce/domain/errors';
import type { Actor } from '../../platform/audit/index.ts';
import type { ApiKeyCache } from '../../platform/auth/api-key-cache.ts';
import type { Db } from '../../platform/db/index.ts';
import { hashToken } from '../events.service.ts';
import { apiClients } from '../events.schema.ts';

/*
 * Machine clients of the intake channels (api_clients): Open311 apps and the 12345 hotline present an API key (only
 * its SHA-256 is stored); video-AI platforms sign each delivery with HMAC-SHA256 over "timestamp.rawBody".
 */

export type ApiClientKind = 'open311' | 'hotline' | 'video_ai';
export type ApiClient = typeof apiClients.$inferSelect;

/**
 * The active client of `kind` holding this API key, or API_KEY_INVALID (the same answer for absent and wrong). With a
 * cache, a key found lately is not read again (api-key-cache.ts says how a revocation reaches it).
 */
export async function clientByKey(
  db: Db,
  key: string | undefined,
  kind: ApiClientKind,
  path: string,
  cache?: { keys: ApiKeyCache<ApiClient>; now: number },
): Promise<ApiClient> {
  if (!key || key.length > 200)
    throw new DomainError('API_KEY_INVALID', [{ path, rule: key ? 'key_known' : 'required' }]);
  const keyHash = hashToken(key);
  const load = async () => {
    const rows = await db
      .select()
      .from(apiClients)
      .where(and(eq(apiClients.keyHash, keyHash), eq(apiClients.kind, kind), eq(apiClients.active, true)));
    if (!rows[0]) throw new DomainError('API_KEY_INVALID', [{ path, rule: 'key_known' }]);
    return rows[0];
  };
  return cache ? cache.keys.get(keyHash, kind, cache.now, load) : load();
}

/** The active client of `kind` by id (webhooks name themselves in X-Client-Id), or undefined. */
export async function clientById(db: Db, id: string, kind: ApiClientKind): Promise<ApiClient | undefined> {
  const rows = await db
    .select()
    .from(apiClients)
    .where(and(eq(apiClients.id, id), eq(apiClients.kind, kind), eq(apiClients.active, true)));
  return rows[0];
}

/** `sha256=<hex>` of HMAC-SHA256(secret, timestamp + "." + rawBody). */
export function webhookSignature(secret: string, timestamp: string, rawBody: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex')}`;
}

/** Constant-time comparison of a presented signature with the expected one (lengths compared first, safely). */
export function signatureMatches(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Who acts for a machine client in the audit log and on the timeline: no user id (step rows take users' uuids),
 * the channel and the client's id as the role, e.g. "open311:demo-open311".
 */
export function clientActor(client: ApiClient, req: { ip: string; id: string }): Actor {
  return { id: null, role: `${client.kind}:${client.id}`, clientIp: req.ip, requestId: req.id };
}
