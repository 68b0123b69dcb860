import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { numberSequences } from './numbering.schema.ts';

/*
 * Gapless numbers. `take` increments the sequence's row inside the caller's transaction: the row lock serialises
 * concurrent takers (in any number of processes) until the caller commits or rolls back, so numbers are issued in
 * commit order, never twice, and a rolled-back step returns its number. That lock is the price: keep the take late
 * in the transaction (after the checks that may refuse it) so the row is held briefly.
 */

export interface Sequence {
  issuer: string;
  kind: string;
  year: number;
}

/** Take the next number of a sequence (1 for a sequence's first), in the caller's transaction. */
export async function takeNumber(tx: Db, s: Sequence, now: Date): Promise<number> {
  const rows = await tx
    .insert(numberSequences)
    .values({ issuer: s.issuer, kind: s.kind, year: s.year, last: 1, updatedAt: now })
    .onConflictDoUpdate({
      target: [numberSequences.issuer, numberSequences.kind, numberSequences.year],
      set: { last: sql`${numberSequences.last} + 1`, updatedAt: now },
    })
    .returning({ last: numberSequences.last });
  return rows[0]!.last;
}

/** The last number issued in a sequence (0 before the first). */
export async function lastNumber(db: Db, s: Sequence): Promise<number> {
  const rows = await db
    .select({ last: numberSequences.last })
    .from(numberSequences)
    .where(
      and(eq(numberSequences.issuer, s.issuer), eq(numberSequences.kind, s.kind), eq(numberSequences.year, s.year)),
    );
  return rows[0]?.last ?? 0;
}
