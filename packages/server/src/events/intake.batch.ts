import { sql } from 'drizzle-orm';
import { boxAround, rankDuplicates } from '@openenforce/domain/events';
import { DomainError } from '@openenforce/domain/errors';
import type { Actor, AuditEntry } from '../platform/audit/index.ts';
import { insertedRow, insertFrom } from '../platform/db/bulk.ts';
import type { Db } from '../platform/db/index.ts';
import { executePrepared } from '../platform/db/prepared.ts';
import type { PlatformDeps } from '../platform/deps.ts';
import { publishLive } from '../platform/notifications/index.ts';
import {
  eventsRepository as repo,
  photosLinked,
  type EventInsert,
  type EventRow,
  type NearCandidate,
  type StepInsert,
} from './events.repository.ts';
import { events, eventSteps } from './events.schema.ts';
import { reporterPersonalData, type FeedMessage } from './events.shared.ts';

/*
 * Group commit of intake (SPEC §3 intake from every channel). Every event's audit record is appended under one
 * advisory lock (the chain is serialised), so one transaction per report bounds throughput at one report per lock
 * hold. Reports that arrive while a batch is being written wait for the next one, which then writes them all in
 * one transaction: the duplicate search, events, first timeline rows, photos, one audit append, one NOTIFY — a
 * handful of statements however many reports (each statement is a round trip and a wake-up of a database
 * backend, which on a small machine cost more than the rows). Under a light load a batch holds one report and
 * nothing waits; under a heavy load the batches grow and the lock is taken once per batch.
 * Whatever fails in a batch (a photo already attached, a constraint) makes each of its reports try alone, so one
 * bad report answers with its own error and never takes its neighbours down.
 */

export interface IntakeItem {
  /** The event; `suggestedMasterId` may be preset (the reporter chose a duplicate), else the nearest is suggested. */
  row: EventInsert & { id: string; category: string; lng: number; lat: number };
  step: Omit<StepInsert, 'subjectId'>;
  photoIds: readonly string[];
  /** Photos may only be the reporter's own, not yet attached (null: uploaded without a session). */
  uploader: string | null;
  actor: Actor;
  /**
   * The category's duplicate rule (SPEC §3): open events of the category within the radius and window. Null: no
   * search (a report not yet placed has no real point to compare).
   */
  duplicateRule: { radiusM: number; windowHours: number } | null;
}

export type Duplicate = NearCandidate & { distanceM: number };

/**
 * The stored event with its duplicates (nearest first), or null when another delivery of the same (source,
 * external id) was stored first.
 */
export type IntakeOutcome = Stored | null;
interface Stored {
  event: EventRow;
  duplicates: Duplicate[];
}

interface Waiting {
  item: IntakeItem;
  resolve(v: IntakeOutcome): void;
  reject(e: unknown): void;
}

const MAX_BATCH = 200;

export function createIntakeBatcher(deps: PlatformDeps) {
  const db = deps.database.db;
  let queue: Waiting[] = [];
  let writing = false;

  /**
   * `take` is called once the transaction has begun: reports that became ready while it waited for the database
   * (a pooled connection, or PGlite's one connection busy with their own duplicate checks) join this batch.
   */
  async function write(take: () => readonly IntakeItem[]): Promise<Map<string, Stored>> {
    const now = deps.clock.now();
    return db.transaction(async (tx) => {
      const items = take();
      const searched = items.filter((i) => i.duplicateRule !== null);
      const found = await findDuplicates(
        tx,
        searched.map((i) => ({ category: i.row.category, lng: i.row.lng, lat: i.row.lat, ...i.duplicateRule! })),
        now,
      );
      const byItem = new Map(searched.map((i, k) => [i, found[k]!]));
      const duplicates = items.map((i) => byItem.get(i) ?? []);
      const rows = items.map((i, k) => ({
        ...i.row,
        suggestedMasterId: i.row.suggestedMasterId ?? duplicates[k]![0]?.id ?? null,
      }));
      const steps = items.map((i, k) => ({
        ...i.step,
        subjectId: i.row.id,
        detail: {
          ...(i.step.detail as object),
          duplicates: duplicates[k]!.slice(0, 3).map((d) => ({ id: d.id, distanceM: d.distanceM })),
        },
      }));
      // One statement: the events, and the first timeline row of each one stored (a repeated delivery is not).
      const inserted = await executePrepared(
        tx,
        sql`WITH ev AS (${insertFrom(events, rows)} ON CONFLICT DO NOTHING RETURNING id, seq),
                 st AS (${insertFrom(eventSteps, steps, sql`JOIN ev ON ev.id = u.event_id`)} RETURNING id, event_id)
            SELECT ev.id, ev.seq, st.id AS step_id FROM ev JOIN st ON st.event_id = ev.id`,
      );
      const out = new Map<string, Stored>();
      const indexOf = new Map(items.map((i, k) => [i.row.id, k]));
      for (const returned of inserted) {
        const k = indexOf.get(String(returned['id']))!;
        const event = insertedRow(events, rows[k]!, returned);
        out.set(event.id, { event, duplicates: duplicates[k]! });
      }
      const stored = items.filter((i) => out.has(i.row.id));
      if (stored.length === 0) return out;
      const stepOf = new Map(inserted.map((r) => [String(r['id']), Number(r['step_id'])]));
      for (const i of stored) {
        if (i.photoIds.length === 0) continue;
        const n = await repo.attachPhotos(tx, i.photoIds, i.row.id, stepOf.get(i.row.id)!, i.uploader);
        if (n !== i.photoIds.length)
          throw new DomainError('REFERENCE_INVALID', [{ path: 'body.photoIds', rule: 'own_unattached_photo' }]);
      }
      const entries: AuditEntry[] = stored.flatMap((i) => [
        {
          action: 'event.report',
          entityType: 'event',
          entityId: i.row.id,
          after: { ...out.get(i.row.id)!.event, citizenTokenHash: undefined },
          actor: i.actor,
          personal: reporterPersonalData(i.row),
        },
        ...(i.photoIds.length > 0
          ? [{ ...photosLinked(i.row.id, stepOf.get(i.row.id)!, i.photoIds), actor: i.actor }]
          : []),
      ]);
      await deps.audit.append(tx, stored[0]!.actor, entries, now);
      const feed = stored.map((i): FeedMessage => ({
        kind: 'event',
        id: i.row.id,
        action: 'report',
        status: 'reported',
        townId: i.row.townId ?? null,
        domain: i.row.domain ?? null,
        teamId: null,
      }));
      await publishLive(deps.database, tx, feed);
      return out;
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
    submit(item: IntakeItem): Promise<IntakeOutcome> {
      return new Promise<IntakeOutcome>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (!writing) void drain();
      });
    },
    /** Reports waiting for the batch under way (for tests and figures). */
    pending: () => queue.length,
  };
}

export type IntakeBatcher = ReturnType<typeof createIntakeBatcher>;

/** One duplicate search: a report's category and point, and the category's radius and window. */
export interface DuplicateSearch {
  category: string;
  lng: number;
  lat: number;
  radiusM: number;
  windowHours: number;
}

/**
 * Each report's open duplicates (SPEC §3), nearest first, found for all of them in one statement: the batch's
 * reports, or one report offered its duplicates before submit. Reports of the same batch do not see each other
 * (as concurrent reports never did).
 */
export async function findDuplicates(tx: Db, searches: readonly DuplicateSearch[], now: Date): Promise<Duplicate[][]> {
  const probes = searches.map((d, k) => ({
    i: k,
    category: d.category,
    ...boxAround(d.lng, d.lat, d.radiusM),
    since: new Date(now.getTime() - d.windowHours * 3_600_000),
  }));
  const found: NearCandidate[][] = searches.map(() => []);
  for (const { probe, ...c } of await repo.openNearMany(tx, probes)) found[probe]!.push(c);
  return searches.map((d, k) =>
    rankDuplicates({ lng: d.lng, lat: d.lat, at: now }, found[k]!, d.radiusM, d.windowHours),
  );
}
