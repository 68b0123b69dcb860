import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, testServer, type TestServer } from '../../../test/harness.ts';
import { lastNumber, takeNumber, type Sequence } from './numbering.ts';

/*
 * Gapless numbering: concurrent takers in separate transactions never share a number, a rolled-back transaction
 * gives its number back, and sequences are kept apart per issuer, kind and year.
 */
describe.each(DRIVERS)('numbering on %s', (driver) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer(driver);
  });
  afterAll(() => s?.close());

  const now = new Date('2026-12-03T02:00:00Z');

  it('concurrent transactions take distinct numbers without gaps; a failed one gives its number back', async () => {
    const seq: Sequence = { issuer: 'agency-a', kind: 'case.general', year: 2026 };
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        s.database.db.transaction(async (tx) => {
          const n = await takeNumber(tx, seq, now);
          if (i % 5 === 4) throw new Error(`refused after taking ${n}`);
          return n;
        }),
      ),
    );
    const issued = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(8);
    expect([...issued].sort((a, b) => a - b)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
    expect(await lastNumber(s.database.db, seq)).toBe(32);
  });

  it('keeps a sequence per issuer, kind and year', async () => {
    const take = (q: Sequence) => s.database.db.transaction((tx) => takeNumber(tx, q, now));
    expect(await take({ issuer: 'agency-b', kind: 'case.general', year: 2026 })).toBe(1);
    expect(await take({ issuer: 'agency-b', kind: 'case.general', year: 2026 })).toBe(2);
    expect(await take({ issuer: 'agency-b', kind: 'case.simple', year: 2026 })).toBe(1);
    expect(await take({ issuer: 'agency-b', kind: 'case.general', year: 2027 })).toBe(1);
    expect(await take({ issuer: 'agency-c', kind: 'case.general', year: 2026 })).toBe(1);
    expect(await lastNumber(s.database.db, { issuer: 'agency-z', kind: 'x', year: 2026 })).toBe(0);
  });
});
