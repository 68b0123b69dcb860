import { DomainError } from '@openenforce/domain/errors';

/*
 * A fixed-window limit on an anonymous action per client address (the public "track my report" lookup): at most
 * `max` attempts per `windowMs`, then 429 RATE_LIMITED with the seconds to wait. Kept in the process's memory: with
 * several server processes each counts its own share, so the effective limit is `max` × processes — still far
 * from what guessing needs. The client address is `request.ip`, which believes X-Forwarded-For only from
 * TRUST_PROXY addresses (security.ts), so rotating that header buys nothing.
 */
export function createRateLimiter(o: { max: number; windowMs: number; now?: () => number }) {
  const now = o.now ?? Date.now;
  const windows = new Map<string, { start: number; n: number }>();
  return {
    /** Count an attempt of `key`; throws 429 once the window's attempts are used up. */
    hit(key: string): void {
      const t = now();
      // Forget expired windows now and then, so that the map stays small.
      if (windows.size > 10_000) for (const [k, w] of windows) if (t - w.start >= o.windowMs) windows.delete(k);
      let w = windows.get(key);
      if (!w || t - w.start >= o.windowMs) windows.set(key, (w = { start: t, n: 0 }));
      w.n += 1;
      if (w.n > o.max) {
        const wait = Math.ceil((w.start + o.windowMs - t) / 1000);
        throw new DomainError('RATE_LIMITED', [{ path: 'client', rule: `retry_after:${wait}` }]);
      }
    },
  };
}
