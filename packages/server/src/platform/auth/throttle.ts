import type { FailureStats } from './auth.repository.ts';

export interface ThrottleSettings {
  /** Failures of one account from one address before delays start. */
  freePerAccount: number;
  /** Failures from one address (any account) before delays start. */
  freePerAddress: number;
  maxDelayMs: number;
}

/**
 * Progressive delay: after `free` failures, the next attempt must wait 1 s after the last failure, then 2 s, 4 s …
 * up to `maxDelayMs`. A delay, not a lock: it ends by itself, and it is counted per account *from one address* and
 * per address — so failures from an attacker's address never delay the owner at another address.
 */
export function delayAfter(failures: number, free: number, maxDelayMs: number): number {
  if (failures < free) return 0;
  const exponent = Math.min(failures - free, 30);
  return Math.min(1000 * 2 ** exponent, maxDelayMs);
}

/** Milliseconds this attempt must still wait (0 = go ahead), the longer of the per-account and per-address delays. */
export function waitBeforeAttempt(stats: FailureStats, s: ThrottleSettings, now: Date): number {
  const remaining = (count: number, last: Date | null, free: number) =>
    last ? Math.max(0, last.getTime() + delayAfter(count, free, s.maxDelayMs) - now.getTime()) : 0;
  return Math.max(
    remaining(stats.pair.count, stats.pair.last, s.freePerAccount),
    remaining(stats.ip.count, stats.ip.last, s.freePerAddress),
  );
}
