/**
 * Machine clients recently found by their API key, so that a channel taking hundreds of deliveries a second does not
 * read api_clients for each one. Only hits are kept (an unknown or revoked key is looked up every time, as before).
 *
 * Invalidation: a change to an api_clients row (revoked, deactivated, deleted, key replaced) raises a NOTIFY on
 * API_CLIENTS_CHANNEL from a trigger (migration 0018), whoever makes it — an administrator's screen, a script or
 * psql. Every server process listens and evicts that key at once; when notifications may have been lost (the
 * listening connection came back) it forgets every key. The TTL bounds what a missed notification could cost.
 */
export const API_CLIENTS_CHANNEL = 'api_clients_changed';
export const API_KEY_CACHE_TTL_MS = 30_000;

export class ApiKeyCache<T> {
  private entries = new Map<string, { client: T; fetchedAt: number }>();
  /** Bumped by every eviction: a lookup that was under way meanwhile may have read the old row, and is not kept. */
  private generation = 0;

  constructor(
    private readonly ttlMs = API_KEY_CACHE_TTL_MS,
    private readonly maxEntries = 1_000,
  ) {}

  /** The client holding the key (by its hash) of this kind: cached, else `load`ed (a throw is not cached). */
  async get(keyHash: string, kind: string, now: number, load: () => Promise<T>): Promise<T> {
    const k = `${kind}:${keyHash}`;
    const e = this.entries.get(k);
    if (e && now - e.fetchedAt < this.ttlMs) return e.client;
    if (e) this.entries.delete(k);
    const generation = this.generation;
    const client = await load();
    if (generation !== this.generation) return client;
    // Maps iterate in insertion order: the first key is the oldest entry.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(k, { client, fetchedAt: now });
    return client;
  }

  /** A NOTIFY payload: the key hash of the changed row (every kind), or '' / 'all' for everything. */
  evict(keyHash: string): void {
    this.generation += 1;
    if (keyHash === '' || keyHash === 'all') return this.clear();
    for (const k of this.entries.keys()) if (k.endsWith(`:${keyHash}`)) this.entries.delete(k);
  }

  clear(): void {
    this.generation += 1;
    this.entries.clear();
  }
}
