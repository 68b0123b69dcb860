import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import type { EventInsert, EventRow, StepInsert } from '../events.repository.ts';
import { events, eventSteps } from '../events.schema.ts';

/** Rows per INSERT: an event has ≈ 55 columns, well under PostgreSQL's 65,535 bind parameters. */
const CHUNK = 200;

export const hotlineRepository = {
  /** Ticket numbers already taken in by the hotline channel (import, API or the console). */
  async existingTickets(db: Db, tickets: readonly string[]): Promise<Set<string>> {
    if (tickets.length === 0) return new Set();
    const found = new Set<string>();
    for (let i = 0; i < tickets.length; i += 1000) {
      const rows = await db
        .select({ t: events.externalId })
        .from(events)
        .where(and(eq(events.source, 'hotline'), inArray(events.externalId, tickets.slice(i, i + 1000))));
      for (const r of rows) if (r.t) found.add(r.t);
    }
    return found;
  },

  /**
   * Insert the events and their first timeline rows, in the caller's transaction. A ticket someone else took in
   * meanwhile violates events_source_external_id_key: the whole file rolls back (409).
   */
  async insertAll(tx: Db, rows: readonly EventInsert[], steps: readonly StepInsert[]): Promise<EventRow[]> {
    const out: EventRow[] = [];
    for (let i = 0; i < rows.length; i += CHUNK)
      out.push(
        ...(await tx
          .insert(events)
          .values(rows.slice(i, i + CHUNK))
          .returning()),
      );
    for (let i = 0; i < steps.length; i += CHUNK) await tx.insert(eventSteps).values(steps.slice(i, i + CHUNK));
    return out;
  },
};
