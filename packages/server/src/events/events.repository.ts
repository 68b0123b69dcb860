import { and, desc, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import { OPEN_STATUSES, type EventListQuery } from '@openenforce/domain/events';
import type { DataScope } from '@openenforce/domain/organization';
import { teams } from '../organization/index.ts';
import { decodeCursor, encodeCursor, likeEscape, type Db } from '../platform/db/index.ts';
import { executePrepared } from '../platform/db/prepared.ts';
import { eventPhotos, events, eventSteps } from './events.schema.ts';

export type EventRow = typeof events.$inferSelect;
export type EventInsert = typeof events.$inferInsert;
export type StepInsert = typeof eventSteps.$inferInsert;

/** Data scope (SPEC §2): a town user sees the town's events; by id too (404, as if absent). */
export function scopeOfEvents(scope: DataScope): SQL | undefined {
  return scope.kind === 'county' ? undefined : eq(events.townId, scope.townId);
}

const RUNNING = ['dispatched', 'accepted', 'returned', 'rectifying'];

/** The command centre's queues as conditions. */
function queueCondition(queue: EventListQuery['queue'], userTeamId: string | null, userId: string): SQL | undefined {
  switch (queue) {
    case 'untriaged':
      return eq(events.status, 'reported');
    case 'to_dispatch':
      return eq(events.status, 'triaged');
    case 'returned':
      return eq(events.status, 'returned');
    case 'overdue':
      return and(inArray(events.status, RUNNING), eq(events.escalation, 'red'));
    case 'warning':
      return and(inArray(events.status, RUNNING), eq(events.escalation, 'yellow'));
    case 'low_rating':
      return lte(events.rating, 2);
    case 'mine':
      // Led by the user's team, or assisted by it (joint handling).
      return userTeamId
        ? and(
            sql`(${events.teamId} = ${userTeamId} OR ${events.assistingTeamIds} @> ARRAY[${userTeamId}]::uuid[])`,
            inArray(events.status, ['dispatched', 'accepted', 'rectifying']),
          )
        : sql`false`;
    case 'reported_by_me':
      return eq(events.reporterUserId, userId);
    default:
      return undefined;
  }
}

const CHINA = sql.raw(`'Asia/Shanghai'`);

/** One report's duplicate search: its index in the batch, category, box and window start. */
export interface DuplicateProbe {
  i: number;
  category: string;
  minLng: number;
  maxLng: number;
  minLat: number;
  maxLat: number;
  since: Date;
}
export interface NearCandidate {
  id: string;
  seq: number;
  lng: number;
  lat: number;
  reportedAt: Date;
}
interface NearRow {
  probe: number;
  id: string;
  seq: number;
  lng: number;
  lat: number;
  reported_ms: number;
}
const OPEN_SQL = sql.raw(`status IN (${OPEN_STATUSES.map((x) => `'${x}'`).join(', ')})`);

export const eventsRepository = {
  async byExternalId(db: Db, source: string, externalId: string) {
    const rows = await db
      .select()
      .from(events)
      .where(and(eq(events.source, source), eq(events.externalId, externalId)));
    return rows[0];
  },

  async insertStep(db: Db, step: StepInsert): Promise<number> {
    const rows = await db.insert(eventSteps).values(step).returning({ id: eventSteps.id });
    return rows[0]!.id;
  },

  /** The event, locked for the step (FOR UPDATE), within scope. */
  async lock(db: Db, id: string, scope: DataScope) {
    const rows = await db
      .select()
      .from(events)
      .where(and(eq(events.id, id), scopeOfEvents(scope)))
      .for('update');
    return rows[0];
  },

  async get(db: Db, id: string, scope: DataScope) {
    const rows = await db
      .select()
      .from(events)
      .where(and(eq(events.id, id), scopeOfEvents(scope)));
    return rows[0];
  },

  async byTokenHash(db: Db, hash: string) {
    const rows = await db.select().from(events).where(eq(events.citizenTokenHash, hash));
    return rows[0];
  },

  async update(db: Db, id: string, set: Partial<EventInsert>) {
    const rows = await db
      .update(events)
      .set({ ...set, version: sql`${events.version} + 1` })
      .where(eq(events.id, id))
      .returning();
    return rows[0]!;
  },

  /**
   * Open events of each probe's category inside its lng/lat box reported since its `since`, for many reports in
   * one statement (index: category, lat; partial open), tagged with the probe's index. The open statuses are
   * literals so that the partial index applies.
   */
  async openNearMany(db: Db, probes: readonly DuplicateProbe[]): Promise<(NearCandidate & { probe: number })[]> {
    if (probes.length === 0) return [];
    const rows = await executePrepared(
      db,
      sql`
      SELECT u.i::int AS probe, e.id, e.seq::float8 AS seq, e.lng, e.lat,
             (extract(epoch FROM e.reported_at) * 1000)::float8 AS reported_ms
        FROM json_to_recordset(${JSON.stringify(probes)}::json)
             AS u(i int, category text, "minLng" float8, "maxLng" float8, "minLat" float8, "maxLat" float8, since timestamptz)
       CROSS JOIN LATERAL (
             SELECT id, seq, lng, lat, reported_at FROM events
              WHERE category = u.category AND ${OPEN_SQL}
                AND lat BETWEEN u."minLat" AND u."maxLat" AND lng BETWEEN u."minLng" AND u."maxLng"
                AND reported_at >= u.since
              LIMIT 50) e`,
    );
    return (rows as unknown as NearRow[]).map((r) => ({
      probe: r.probe,
      id: r.id,
      seq: r.seq,
      lng: r.lng,
      lat: r.lat,
      reportedAt: new Date(r.reported_ms),
    }));
  },

  /** Newest first, keyset on seq. */
  async list(db: Db, scope: DataScope, q: EventListQuery, user: { teamId: string | null; id: string }) {
    const before = decodeCursor(q.cursor, events.seq);
    const statuses = q.status?.split(',');
    const where = and(
      scopeOfEvents(scope),
      queueCondition(q.queue, user.teamId, user.id),
      statuses ? inArray(events.status, statuses) : undefined,
      q.source ? eq(events.source, q.source) : undefined,
      q.category ? eq(events.category, q.category) : undefined,
      q.townId ? eq(events.townId, q.townId) : undefined,
      q.teamId ? eq(events.teamId, q.teamId) : undefined,
      q.from ? gte(events.reportedAt, sql`(${q.from}::date)::timestamp AT TIME ZONE ${CHINA}`) : undefined,
      q.to ? lt(events.reportedAt, sql`((${q.to}::date + 1)::timestamp) AT TIME ZONE ${CHINA}`) : undefined,
      q.q
        ? sql`(${events.description} LIKE ${`%${likeEscape(q.q)}%`} OR ${events.address} LIKE ${`%${likeEscape(q.q)}%`})`
        : undefined,
      before !== undefined ? lt(events.seq, Number(before)) : undefined,
    );
    const rows = await db
      .select({ e: events, teamName: teams.name })
      .from(events)
      .leftJoin(teams, eq(teams.id, events.teamId))
      .where(where)
      .orderBy(desc(events.seq))
      .limit(q.limit + 1);
    const items = rows.slice(0, q.limit);
    const nextCursor = rows.length > q.limit ? encodeCursor(String(items[items.length - 1]!.e.seq)) : null;
    return { items, nextCursor };
  },

  async timeline(db: Db, id: string) {
    return db.select().from(eventSteps).where(eq(eventSteps.eventId, id)).orderBy(eventSteps.id);
  },

  async photos(db: Db, id: string) {
    return db
      .select({
        id: eventPhotos.id,
        kind: eventPhotos.kind,
        mime: eventPhotos.mime,
        bytes: eventPhotos.bytes,
        stepId: eventPhotos.stepId,
        uploadedAt: eventPhotos.uploadedAt,
      })
      .from(eventPhotos)
      .where(eq(eventPhotos.eventId, id))
      .orderBy(eventPhotos.uploadedAt);
  },

  /** Attach uploaded photos to an event and step: only the uploader's own, not yet attached. Returns how many. */
  async attachPhotos(db: Db, ids: readonly string[], eventId: string, stepId: number, uploader: string | null) {
    if (ids.length === 0) return 0;
    const rows = await db
      .update(eventPhotos)
      .set({ eventId, stepId })
      .where(
        and(
          inArray(eventPhotos.id, [...ids]),
          sql`${eventPhotos.eventId} IS NULL`,
          uploader ? eq(eventPhotos.uploadedBy, uploader) : sql`${eventPhotos.uploadedBy} IS NULL`,
        ),
      )
      .returning({ id: eventPhotos.id, kind: eventPhotos.kind });
    return rows.length;
  },

  async countPhotos(db: Db, eventId: string) {
    const rows = await db
      .select({ kind: eventPhotos.kind, n: sql<number>`count(*)::int` })
      .from(eventPhotos)
      .where(eq(eventPhotos.eventId, eventId))
      .groupBy(eventPhotos.kind);
    const by = Object.fromEntries(rows.map((r) => [r.kind, r.n]));
    return { before: (by['before'] ?? 0) + (by['report'] ?? 0), after: by['after'] ?? 0 };
  },

  async photo(db: Db, id: string) {
    const rows = await db
      .select({ photo: eventPhotos, townId: events.townId })
      .from(eventPhotos)
      .leftJoin(events, eq(events.id, eventPhotos.eventId))
      .where(eq(eventPhotos.id, id));
    return rows[0];
  },

  /** Merged reports of a master (they follow its status). */
  async mergedInto(db: Db, masterId: string) {
    return db
      .select({ id: events.id, seq: events.seq, source: events.source, reportedAt: events.reportedAt })
      .from(events)
      .where(eq(events.masterId, masterId))
      .orderBy(events.seq);
  },
};
