import { and, desc, eq, gte, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { parseEventNo, type EventFilterQuery, type EventListQuery, type EventStatus } from '@openenforce/domain/events';
import { scopeTown, type DataScope } from '@openenforce/domain/organization';
import { decodeCursor, encodeCursor, likeEscape, type Db } from '../platform/db/index.ts';
import { executePrepared } from '../platform/db/prepared.ts';
import type { AuditEntry } from '../platform/audit/index.ts';
import { countLinks, files, linkAudit, linkedFiles, linkFiles } from '../platform/files/index.ts';
import { eventFiles, events, eventSteps } from './events.schema.ts';
import { atLevelSql, instant } from '../platform/deadlines/index.ts';
import { OPEN_SQL } from './running.ts';
import { EVENT_CLOCK } from './sla.ts';
import { CHINA_TIME_ZONE } from '@openenforce/domain/common';

export type EventRow = typeof events.$inferSelect;
export type EventInsert = typeof events.$inferInsert;
export type StepInsert = typeof eventSteps.$inferInsert;

/**
 * Data scope (SPEC §2) as SQL, on every read and lock of events, by id too (404, as if absent): a town user sees the
 * town's events (index on town_id); a county agency's staff the events of its domains (partial index on domain, seq)
 * and their own reports. The domain's `eventInScope` states the same rule for rows already read.
 */
export function scopeOfEvents(scope: DataScope): SQL | undefined {
  const town = scopeTown(scope);
  if (scope.kind !== 'agency') return town === null ? undefined : eq(events.townId, town);
  const mine = eq(events.reporterUserId, scope.userId);
  return and(
    town === null ? undefined : eq(events.townId, town),
    scope.domains.length === 0 ? mine : or(inArray(events.domain, [...scope.domains]), mine),
  );
}

/** The kinds of photo an upload may declare (POST /api/events/photos?kind=…). */
const PHOTO_KINDS: readonly string[] = eventFiles.kind.enumValues;

/**
 * The command centre's queues as conditions. Overdue and warning are the deadline's level at `now` (the deadlines
 * module's one rule, as on the big screen), not the level the escalation job last wrote.
 */
function queueCondition(
  queue: EventListQuery['queue'],
  userTeamId: string | null,
  userId: string,
  now: Date,
): SQL | undefined {
  switch (queue) {
    case 'untriaged':
      return eq(events.status, 'reported');
    case 'to_dispatch':
      return eq(events.status, 'triaged');
    case 'returned':
      return eq(events.status, 'returned');
    case 'overdue':
      return atLevelSql('red', EVENT_CLOCK, instant(now));
    case 'warning':
      return atLevelSql('yellow', EVENT_CLOCK, instant(now));
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

const CHINA = sql.raw(`'${CHINA_TIME_ZONE}'`);

type ListUser = { teamId: string | null; id: string };

/**
 * The list's filters as one condition (data scope first): the list, its count and its export read the same rows.
 * The phone is matched on its digits' ending (a call-back knows "the number ending 4444").
 */
function filterCondition(scope: DataScope, q: EventFilterQuery, user: ListUser, now: Date): SQL | undefined {
  const statuses = q.status?.split(',');
  const no = q.no ? parseEventNo(q.no) : null;
  return and(
    scopeOfEvents(scope),
    queueCondition(q.queue, user.teamId, user.id, now),
    statuses ? inArray(events.status, statuses as EventStatus[]) : undefined,
    q.source ? eq(events.source, q.source) : undefined,
    q.category ? eq(events.category, q.category) : undefined,
    q.townId ? eq(events.townId, q.townId) : undefined,
    q.teamId ? eq(events.teamId, q.teamId) : undefined,
    q.from ? gte(events.reportedAt, sql`(${q.from}::date)::timestamp AT TIME ZONE ${CHINA}`) : undefined,
    q.to ? lt(events.reportedAt, sql`((${q.to}::date + 1)::timestamp) AT TIME ZONE ${CHINA}`) : undefined,
    q.q
      ? sql`(${events.description} LIKE ${`%${likeEscape(q.q)}%`} OR ${events.address} LIKE ${`%${likeEscape(q.q)}%`})`
      : undefined,
    no ? eq(events.seq, no.seq) : undefined,
    no?.day ? sql`to_char(${events.reportedAt} AT TIME ZONE ${CHINA}, 'YYYYMMDD') = ${no.day}` : undefined,
    q.phone
      ? sql`regexp_replace(coalesce(${events.reporterPhone}, ''), '[^0-9]', '', 'g') LIKE ${`%${q.phone}`}`
      : undefined,
  );
}

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
  /** Its data-scope columns: the duplicates offered to a reporter are only those in the reporter's scope. */
  townId: string | null;
  domain: string | null;
  reporterUserId: string | null;
}
interface NearRow {
  probe: number;
  id: string;
  seq: number;
  lng: number;
  lat: number;
  reported_ms: number;
  town_id: string | null;
  domain: string | null;
  reporter_user_id: string | null;
}

/** The audit record of photos attached to an event by a step (in the step's transaction). */
export const photosLinked = (eventId: string, stepId: number, photoIds: readonly string[]): AuditEntry =>
  linkAudit(eventFiles, eventId, stepId, photoIds);

export const eventsRepository = {
  async byExternalId(db: Db, source: string, externalId: string) {
    const rows = await db
      .select()
      .from(events)
      .where(and(eq(events.source, source), eq(events.externalId, externalId)));
    return rows[0];
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
      SELECT u.i::int AS probe, e.id, e.seq::float8 AS seq, e.lng, e.lat, e.town_id, e.domain, e.reporter_user_id,
             (extract(epoch FROM e.reported_at) * 1000)::float8 AS reported_ms
        FROM json_to_recordset(${JSON.stringify(probes)}::json)
             AS u(i int, category text, "minLng" float8, "maxLng" float8, "minLat" float8, "maxLat" float8, since timestamptz)
       CROSS JOIN LATERAL (
             SELECT id, seq, lng, lat, reported_at, town_id, domain, reporter_user_id FROM events
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
      townId: r.town_id,
      domain: r.domain,
      reporterUserId: r.reporter_user_id,
    }));
  },

  /** Newest first, keyset on seq. */
  async list(db: Db, scope: DataScope, q: EventListQuery, user: ListUser, now: Date) {
    const before = decodeCursor(q.cursor, events.seq);
    const rows = await db
      .select()
      .from(events)
      .where(
        and(filterCondition(scope, q, user, now), before !== undefined ? lt(events.seq, Number(before)) : undefined),
      )
      .orderBy(desc(events.seq))
      .limit(q.limit + 1);
    const items = rows.slice(0, q.limit);
    const nextCursor = rows.length > q.limit ? encodeCursor(String(items[items.length - 1]!.seq)) : null;
    return { items, nextCursor };
  },

  /** How many events the list's filters select (the same condition as `list`, so counts match the pages). */
  async count(db: Db, scope: DataScope, q: EventFilterQuery, user: ListUser, now: Date) {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(events)
      .where(filterCondition(scope, q, user, now));
    return row!.n;
  },

  async timeline(db: Db, id: string) {
    return db.select().from(eventSteps).where(eq(eventSteps.subjectId, id)).orderBy(eventSteps.id);
  },

  /** An event's photos, oldest upload first. */
  async photos(db: Db, id: string) {
    const rows = await linkedFiles(db, eventFiles, id);
    return rows.map((p) => ({
      id: p.id,
      kind: p.kind,
      mime: p.mime,
      bytes: p.bytes,
      stepId: p.stepId,
      uploadedAt: p.uploadedAt,
    }));
  },

  /** Attach uploaded photos to an event and step: only the uploader's own, not yet attached. Returns how many. */
  async attachPhotos(db: Db, ids: readonly string[], eventId: string, stepId: number, uploader: string | null) {
    const linked = await linkFiles(db, eventFiles, { ownerId: eventId, fileIds: ids, stepId, uploader });
    return linked.length;
  },

  async countPhotos(db: Db, eventId: string) {
    const by = await countLinks(db, eventFiles, eventId);
    return { before: (by['before'] ?? 0) + (by['report'] ?? 0), after: by['after'] ?? 0 };
  },

  /**
   * A photo with its event's town and domain (for the data scope), or its uploader's own photo not yet attached. Other
   * files (uploaded for other purposes and not linked to an event) are not photos of the event centre.
   */
  async photo(db: Db, id: string) {
    const rows = await db
      .select({
        file: files,
        eventId: eventFiles.ownerId,
        stepId: eventFiles.stepId,
        kind: eventFiles.kind,
        townId: events.townId,
        domain: events.domain,
        reporterUserId: events.reporterUserId,
      })
      .from(files)
      .leftJoin(eventFiles, eq(eventFiles.fileId, files.id))
      .leftJoin(events, eq(events.id, eventFiles.ownerId))
      .where(eq(files.id, id));
    const r = rows[0];
    if (!r || (!r.eventId && !PHOTO_KINDS.includes(r.file.purpose ?? ''))) return undefined;
    const { file } = r;
    return {
      photo: {
        id: file.id,
        eventId: r.eventId,
        stepId: r.stepId,
        kind: r.kind ?? file.purpose!,
        mime: file.mime,
        bytes: file.bytes,
        sha256: file.sha256,
        storageKey: file.storageKey,
        fileName: file.originalName,
        uploadedBy: file.uploadedBy,
        uploadedAt: file.uploadedAt,
      },
      townId: r.townId,
      domain: r.domain,
      reporterUserId: r.reporterUserId,
    };
  },

  /** Which of these events `scope` holds: the others are named to the reader as absent (a foreign master …). */
  async visibleIds(db: Db, ids: readonly (string | null)[], scope: DataScope): Promise<Set<string>> {
    const wanted = [...new Set(ids.filter((i): i is string => i !== null))];
    const condition = scopeOfEvents(scope);
    if (wanted.length === 0 || condition === undefined) return new Set(wanted);
    const rows = await db
      .select({ id: events.id })
      .from(events)
      .where(and(inArray(events.id, wanted), condition));
    return new Set(rows.map((r) => r.id));
  },

  /** Merged reports of a master (they follow its status) that the reader's scope holds. */
  async mergedInto(db: Db, masterId: string, scope: DataScope) {
    return db
      .select({ id: events.id, seq: events.seq, source: events.source, reportedAt: events.reportedAt })
      .from(events)
      .where(and(eq(events.masterId, masterId), scopeOfEvents(scope)))
      .orderBy(events.seq);
  },
};
