import type { SessionUser } from './auth.service.ts';

/**
 * Sessions recently read from the database, so that a request does not pay a query to learn who sent it. An entry
 * lives at most `ttlMs` (the interval at which last_seen_at is touched anyway); a logout or password change evicts
 * at once here and, through NOTIFY, in every other server process (see SESSIONS_CHANNEL).
 */
export class SessionCache {
  private entries = new Map<string, { user: SessionUser; fetchedAt: number; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(tokenHash: string, now: number): SessionUser | null {
    const e = this.entries.get(tokenHash);
    if (!e) return null;
    if (now - e.fetchedAt >= this.ttlMs || now >= e.expiresAt) {
      this.entries.delete(tokenHash);
      return null;
    }
    return e.user;
  }

  set(user: SessionUser, now: number, expiresAt: number): void {
    // Maps iterate in insertion order: the first key is the oldest entry.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(user.tokenHash, { user, fetchedAt: now, expiresAt });
  }

  /** `token:<hash>` evicts one session; `user:<id>` every session of a user; `all` every session. */
  evict(key: string): void {
    if (key === 'all') this.entries.clear();
    else if (key.startsWith('token:')) this.entries.delete(key.slice(6));
    else if (key.startsWith('user:')) {
      const id = key.slice(5);
      for (const [hash, e] of this.entries) if (e.user.id === id) this.entries.delete(hash);
    }
  }
}
