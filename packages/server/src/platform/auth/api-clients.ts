import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { DomainError } from '@openenforce/domain/errors';
import type { Actor } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import { apiClients } from './api-clients.schema.ts';
import { tokenHashOf } from './tokens.ts';
import type { ApiKeyCache } from './api-key-cache.ts';

/*
 * Machine clients (api_clients): a client presents an API key (only its SHA-256 is stored) or signs each delivery
 * with HMAC-SHA256 over "timestamp.rawBody". A client may use only the channel of its `kind`, which the context that
 * offers the channel names.
 */

export type ApiClient = typeof apiClients.$inferSelect;

/**
 * The active client of `kind` holding this API key, or API_KEY_INVALID (the same answer for absent and wrong). With a
 * cache, a key found lately is not read again (api-key-cache.ts says how a revocation reaches it).
 */
export async function clientByKey(
  db: Db,
  key: string | undefined,
  kind: string,
  path: string,
  cache?: { keys: ApiKeyCache<ApiClient>; now: number },
): Promise<ApiClient> {
  if (!key || key.length > 200)
    throw new DomainError('API_KEY_INVALID', [{ path, rule: key ? 'key_known' : 'required' }]);
  const keyHash = tokenHashOf(key);
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
export async function clientById(db: Db, id: string, kind: string): Promise<ApiClient | undefined> {
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
 * the channel and the client's id as the role (`<kind>:<id>`).
 */
export function clientActor(client: ApiClient, req: { ip: string; id: string }): Actor {
  return { id: null, role: `${client.kind}:${client.id}`, clientIp: req.ip, requestId: req.id };
}
