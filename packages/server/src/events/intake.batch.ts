import { getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { DomainError } from '@openenforce/domain/errors';
import type { Actor, AuditEntry } from '../platform/audit/index.ts';
import type { Db } from '../platform/db/index.ts';
import type { PlatformDeps } from '../platform/deps.ts';
import { eventsRepository as repo, type EventInsert, type EventRow, type StepInsert } from './events.repository.ts';
import { events, eventSteps } from './events.schema.ts';

/*
 * Group commit of intake (SPEC §3 intake from every channel). Every event's audit record is appended under one
 * advisory lock (the chain is serialised), so one transaction per report bounds throughput at one report per lock
 * hold. Reports that arrive while a batch is being written wait for the next one, which then writes them all in
 * one transaction: events, first timeline rows, photos, one audit append, one NOTIFY. Under a light load a batch
 * holds one report and nothing waits; under a heavy load the batches grow and the lock is taken once per batch.
 * Whatever fails in a batch (a photo already attached, a constraint) makes each of its reports try alone, so one
 * bad report answers with its own error and never takes its neighbours down.
 */

export interface IntakeItem {
  row: EventInsert & { id: string };
  step: Omit<StepInsert, 'eventId'>;
  photoIds: readonly string[];
  /** Photos may only be the reporter's own, not yet attached (null: uploaded without a session). */
  uploader: string | null;
  actor: Actor;
}

/** The stored event, or null when another delivery of the same (source, external id) was stored first. */
type Outcome = EventRow | null;

interface Waiting {
  item: IntakeItem;
  resolve(v: Outcome): void;
  reject(e: unknown): void;
}

const MAX_BATCH = 200;

export function createIntakeBatcher(deps: PlatformDeps, feedChannel: string) {
  const db = deps.database.db;
  let queue: Waiting[] = [];
  let writing = false;

  /**
   * `take` is called once the transaction has begun: reports that became ready while it waited for the database
   * (a pooled connection, or PGlite's one connection busy with their own duplicate checks) join this batch.
   */
  async function write(take: () => readonly IntakeItem[]): Promise<Map<string, EventRow>> {
    const now = deps.clock.now();
    return db.transaction(async (tx) => {
      const items = take();
      const fresh = await insertUnnest(
        tx,
        events,
        items.map((i) => i.row),
        sql`ON CONFLICT DO NOTHING RETURNING id`,
      );
      const inserted =
        fresh.length === 0
          ? []
          : await tx
              .select()
              .from(events)
              .where(
                inArray(
                  events.id,
                  fresh.map((r) => String(r['id'])),
                ),
              );
      const byId = new Map(inserted.map((r) => [r.id, r]));
      const stored = items.filter((i) => byId.has(i.row.id));
      if (stored.length === 0) return byId;
      const steps = await insertUnnest(
        tx,
        eventSteps,
        stored.map((i) => ({ ...i.step, eventId: i.row.id })),
        sql`RETURNING id, event_id`,
      );
      const stepOf = new Map(steps.map((s) => [String(s['event_id']), Number(s['id'])]));
      for (const i of stored) {
        if (i.photoIds.length === 0) continue;
        const n = await repo.attachPhotos(tx, i.photoIds, i.row.id, stepOf.get(i.row.id)!, i.uploader);
        if (n !== i.photoIds.length)
          throw new DomainError('REFERENCE_INVALID', [{ path: 'body.photoIds', rule: 'own_unattached_photo' }]);
      }
      const entries: AuditEntry[] = stored.map((i) => ({
        action: 'event.report',
        entityType: 'event',
        entityId: i.row.id,
        after: { ...i.row, citizenTokenHash: undefined },
        actor: i.actor,
      }));
      await deps.audit.append(tx, stored[0]!.actor, entries, now);
      const feed = stored.map((i) =>
        JSON.stringify({
          kind: 'event',
          id: i.row.id,
          action: 'report',
          status: 'reported',
          townId: i.row.townId ?? null,
          teamId: null,
        }),
      );
      await tx.execute(sql`SELECT pg_notify(${feedChannel}, p) FROM unnest(${sql.param(feed)}::text[]) AS p`);
      return byId;
    });
  }

  async function drain() {
    writing = true;
    try {
      while (queue.length > 0) {
        // One turn of the event loop first: on PGlite a transaction's queries run back to back on the main thread
        // and would starve the requests behind them, so that every batch held one report.
        await new Promise((r) => setImmediate(r));
        let batch: Waiting[] = [];
        const take = () => {
          batch = queue.slice(0, MAX_BATCH);
          queue = queue.slice(batch.length);
          return batch.map((w) => w.item);
        };
        try {
          const byId = await write(take);
          for (const w of batch) w.resolve(byId.get(w.item.row.id) ?? null);
        } catch (err) {
          if (batch.length <= 1) {
            batch[0]?.reject(err);
            continue;
          }
          // One of them spoiled the batch: each on its own, so that only that one fails.
          for (const w of batch) {
            try {
              w.resolve((await write(() => [w.item])).get(w.item.row.id) ?? null);
            } catch (e) {
              w.reject(e);
            }
          }
        }
      }
    } finally {
      writing = false;
    }
  }

  return {
    /** Store one report with the next batch; resolves once its transaction has committed. */
    submit(item: IntakeItem): Promise<Outcome> {
      return new Promise<Outcome>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (!writing) void drain();
      });
    },
    /** Reports waiting for the batch under way (for tests and figures). */
    pending: () => queue.length,
  };
}

export type IntakeBatcher = ReturnType<typeof createIntakeBatcher>;

/**
 * A multi-row insert through unnest (ARCHITECTURE.md: bulk writes go through unnest): one array parameter per
 * column, whatever the number of rows. Drizzle's multi-row VALUES builds a parameter per cell, which costs more
 * CPU than the database spends on the rows. Columns come from the table definition, values go through each
 * column's own driver mapping (dates, JSON); columns no row sets keep their defaults.
 */
async function insertUnnest(
  tx: Db,
  table: PgTable,
  rows: readonly Record<string, unknown>[],
  tail: SQL,
): Promise<Record<string, unknown>[]> {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r).filter((k) => r[k] !== undefined)))].filter(
    (k) => columns[k] !== undefined,
  );
  const names = keys.map((k) => sql.identifier(columns[k]!.name));
  const arrays = keys.map((k) => {
    const col = columns[k]!;
    const type = col.getSQLType();
    if (type.endsWith('[]')) throw new Error(`insertUnnest: array column ${col.name} is not supported`);
    // json(b) travels as text and is cast back per element.
    const json = type === 'jsonb' || type === 'json';
    const values = rows.map((r) => {
      const v = r[k];
      if (v === null || v === undefined) return null;
      const mapped = col.mapToDriverValue(v);
      return json && typeof mapped !== 'string' ? JSON.stringify(mapped) : mapped;
    });
    return { param: sql`${sql.param(values)}::${sql.raw(json ? 'text' : type)}[]`, json };
  });
  const aliases = keys.map((_k, i) => sql.raw(`c${i}`));
  const select = arrays.map((a, i) => (a.json ? sql`${aliases[i]}::jsonb` : sql`${aliases[i]}`));
  const res = await tx.execute(sql`
    INSERT INTO ${table} (${sql.join(names, sql`, `)})
    SELECT ${sql.join(select, sql`, `)}
      FROM unnest(${sql.join(
        arrays.map((a) => a.param),
        sql`, `,
      )}) AS u(${sql.join(aliases, sql`, `)})
    ${tail}`);
  return (res as unknown as { rows: Record<string, unknown>[] }).rows;
}
