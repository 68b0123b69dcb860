import { chinaDate } from '@openenforce/domain/common';

/** Time is injected (ARCHITECTURE.md rule 7): production uses the system clock, tests a fixed one. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(iso: string): Clock & { set(iso: string): void; advance(ms: number): void } {
  let t = new Date(iso).getTime();
  return {
    now: () => new Date(t),
    set: (v) => {
      t = new Date(v).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/** Today's date (YYYY-MM-DD) in China Standard Time, which is what deadlines and validity are counted in. */
export function chinaToday(clock: Clock): string {
  return chinaDate(clock.now());
}
