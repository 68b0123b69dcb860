import { sql, type SQL } from 'drizzle-orm';
import { CHINA_TIME_ZONE } from '@openenforce/domain/common';
import type { Db } from '../platform/db/index.ts';
import { events } from './events.schema.ts';

/**
 * Set-based writes of many events at once (the demo year, imports of history): every column travels as one array
 * parameter through unnest, a chunk of rows per statement. Timestamps are ISO strings; jsonb columns that repeat
 * (the jurisdiction proposal, outcome details) are passed once as a lookup array and referenced by 1-based index.
 */
export interface EventColumns {
  /** Event numbers to insert (identity overridden), e.g. older history written after newer; omitted = next ones. */
  seq?: number[];
  id: string[];
  source: string[];
  externalId: (string | null)[];
  category: string[];
  description: string[];
  urgency: string[];
  lng: number[];
  lat: number[];
  address: (string | null)[];
  townId: string[];
  villageId: string[];
  gridId: string[];
  status: string[];
  escalation: string[];
  reportedAt: string[];
  reporterUserId: (string | null)[];
  reporterName: (string | null)[];
  suggestedMasterId: (string | null)[];
  masterId: (string | null)[];
  matterId: (string | null)[];
  domain: (string | null)[];
  publicId: (string | null)[];
  /** 1-based index into `proposals`, or null. */
  proposal: (number | null)[];
  teamId: (string | null)[];
  subjectName: (string | null)[];
  triagedAt: (string | null)[];
  dispatchedAt: (string | null)[];
  deadline: (string | null)[];
  warnAt: (string | null)[];
  acceptedAt: (string | null)[];
  handledAt: (string | null)[];
  closedAt: (string | null)[];
  outcome: (string | null)[];
  /** 1-based index into `details`, or null. */
  outcomeDetail: (number | null)[];
  rectifyDue: (string | null)[];
  reopenCount: number[];
  returnCount: number[];
  urgeCount: number[];
  rating: (number | null)[];
  ratingComment: (string | null)[];
  ratedAt: (string | null)[];
  onTime: (boolean | null)[];
  version: number[];
  updatedAt: string[];
}

export interface StepColumns {
  eventId: string[];
  at: string[];
  action: string[];
  fromStatus: (string | null)[];
  toStatus: string[];
  actorRole: string[];
  actorName: (string | null)[];
  teamId: (string | null)[];
  reason: (string | null)[];
  /** JSON text or null. */
  detail: (string | null)[];
}

const CHUNK = 10_000;

function slice<T extends object>(cols: T, from: number, to: number): T {
  return Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, (v as unknown[]).slice(from, to)])) as T;
}

export const eventsBulkRepository = {
  /** Insert events in the given order (so that `seq` follows it), with their lookup arrays for jsonb columns. */
  async insertEvents(db: Db, cols: EventColumns, proposals: readonly string[], details: readonly string[]) {
    const n = cols.id.length;
    for (let i = 0; i < n; i += CHUNK) {
      const c = slice(cols, i, Math.min(n, i + CHUNK));
      const p = <K extends keyof EventColumns>(k: K) => sql.param(c[k]);
      // Explicit event numbers: one more column, and the identity overridden.
      const withSeq = (frag: SQL) => (c.seq ? frag : sql``);
      await db.execute(sql`
        INSERT INTO events (${withSeq(sql`seq, `)}id, source, external_id, category, description, urgency, lng, lat,
          address, town_id, village_id, grid_id, status, escalation, reported_at, reporter_user_id, reporter_name,
          suggested_master_id, master_id, matter_id, domain, public_id, proposal, team_id, subject_name, triaged_at, dispatched_at,
          deadline, warn_at, accepted_at, handled_at, closed_at, outcome, outcome_detail, rectify_due, reopen_count,
          return_count, urge_count, rating, rating_comment, rated_at, on_time, version, created_at, updated_at)
        ${withSeq(sql`OVERRIDING SYSTEM VALUE`)}
        SELECT ${withSeq(sql`u.seq, `)}u.id, u.source, u.external_id, u.category, u.description, u.urgency, u.lng,
               u.lat, u.address, u.town_id, u.village_id, u.grid_id, u.status, u.escalation, u.reported_at,
               u.reporter_user_id, u.reporter_name, u.suggested_master_id, u.master_id, u.matter_id, u.domain,
               u.public_id, l.proposals[u.proposal], u.team_id, u.subject_name, u.triaged_at, u.dispatched_at, u.deadline,
               u.warn_at, u.accepted_at, u.handled_at, u.closed_at, u.outcome, l.details[u.outcome_detail],
               u.rectify_due, u.reopen_count, u.return_count, u.urge_count, u.rating, u.rating_comment, u.rated_at,
               u.on_time, u.version, u.reported_at, u.updated_at
          FROM (SELECT ${sql.param(proposals)}::jsonb[] AS proposals, ${sql.param(details)}::jsonb[] AS details) l,
               unnest(${withSeq(sql`${p('seq')}::bigint[], `)}${p('id')}::uuid[], ${p('source')}::text[],
                 ${p('externalId')}::text[], ${p('category')}::text[], ${p('description')}::text[],
                 ${p('urgency')}::text[], ${p('lng')}::float8[], ${p('lat')}::float8[], ${p('address')}::text[],
                 ${p('townId')}::text[], ${p('villageId')}::text[], ${p('gridId')}::text[], ${p('status')}::text[],
                 ${p('escalation')}::text[], ${p('reportedAt')}::timestamptz[], ${p('reporterUserId')}::uuid[],
                 ${p('reporterName')}::text[], ${p('suggestedMasterId')}::uuid[], ${p('masterId')}::uuid[],
                 ${p('matterId')}::uuid[], ${p('domain')}::text[], ${p('publicId')}::text[], ${p('proposal')}::int[], ${p('teamId')}::uuid[],
                 ${p('subjectName')}::text[], ${p('triagedAt')}::timestamptz[], ${p('dispatchedAt')}::timestamptz[],
                 ${p('deadline')}::timestamptz[], ${p('warnAt')}::timestamptz[], ${p('acceptedAt')}::timestamptz[],
                 ${p('handledAt')}::timestamptz[], ${p('closedAt')}::timestamptz[], ${p('outcome')}::text[],
                 ${p('outcomeDetail')}::int[], ${p('rectifyDue')}::timestamptz[], ${p('reopenCount')}::int[],
                 ${p('returnCount')}::int[], ${p('urgeCount')}::int[], ${p('rating')}::smallint[],
                 ${p('ratingComment')}::text[], ${p('ratedAt')}::timestamptz[], ${p('onTime')}::boolean[],
                 ${p('version')}::int[], ${p('updatedAt')}::timestamptz[])
            AS u(${withSeq(sql`seq, `)}id, source, external_id, category, description, urgency, lng, lat, address,
                 town_id, village_id, grid_id, status, escalation, reported_at, reporter_user_id, reporter_name,
                 suggested_master_id, master_id, matter_id, domain, public_id, proposal, team_id, subject_name,
                 triaged_at, dispatched_at,
                 deadline, warn_at, accepted_at, handled_at, closed_at, outcome, outcome_detail, rectify_due,
                 reopen_count, return_count, urge_count, rating, rating_comment, rated_at, on_time, version, updated_at)`);
    }
  },

  /** Insert timeline rows in the given order (ids follow it: keep each event's steps in time order). */
  async insertSteps(db: Db, cols: StepColumns) {
    const n = cols.eventId.length;
    for (let i = 0; i < n; i += CHUNK) {
      const c = slice(cols, i, Math.min(n, i + CHUNK));
      const p = <K extends keyof StepColumns>(k: K) => sql.param(c[k]);
      await db.execute(sql`
        INSERT INTO event_steps (event_id, at, action, from_status, to_status, actor_role, actor_name, team_id,
          reason, detail)
        SELECT u.event_id, u.at, u.action, u.from_status, u.to_status, u.actor_role, u.actor_name, u.team_id,
               u.reason, u.detail::jsonb
          FROM unnest(${p('eventId')}::uuid[], ${p('at')}::timestamptz[], ${p('action')}::text[],
                 ${p('fromStatus')}::text[], ${p('toStatus')}::text[], ${p('actorRole')}::text[],
                 ${p('actorName')}::text[], ${p('teamId')}::uuid[], ${p('reason')}::text[], ${p('detail')}::text[])
            AS u(event_id, at, action, from_status, to_status, actor_role, actor_name, team_id, reason, detail)`);
    }
  },

  /** Case handles follow the event number (seq is known only after insert): AJ-SJyyyymmdd000123; of `ids` if given. */
  async numberCaseHandles(db: Db, ids?: readonly string[]) {
    await db.execute(sql`
      UPDATE events
         SET case_handle = 'AJ-SJ' || to_char(reported_at AT TIME ZONE '${sql.raw(CHINA_TIME_ZONE)}', 'YYYYMMDD') || lpad(seq::text, greatest(6, length(seq::text)), '0')
       WHERE outcome = 'case_filed' AND case_handle IS NULL
         ${ids ? sql`AND id = ANY(${sql.param(ids)}::uuid[])` : sql``}`);
  },

  /** Which of `ids` are present. */
  async existing(db: Db, ids: readonly string[]): Promise<Set<string>> {
    const res = await db.execute<{ id: string }>(sql`SELECT id FROM events WHERE id = ANY(${sql.param(ids)}::uuid[])`);
    return new Set((res as unknown as { rows: { id: string }[] }).rows.map((r) => r.id));
  },

  /** Let the identity hand out numbers after `upTo` (event numbers up to it are written explicitly, later on). */
  async reserveSeq(db: Db, upTo: number) {
    await db.execute(sql`
      SELECT setval(pg_get_serial_sequence('events', 'seq'),
                    greatest(${upTo}::bigint, (SELECT coalesce(max(seq), 0) FROM events), 1))`);
  },

  /**
   * Run a bulk load into the (empty) event tables the fast way: their secondary indexes are dropped first and
   * rebuilt afterwards (one sort per index instead of a b-tree insert per row), and — for a superuser, as on PGlite
   * and the test clusters — the foreign-key triggers are skipped for rows built consistent by construction.
   * Everything runs in the caller's transaction, so a failure leaves the indexes as they were. Definitions come from
   * pg_indexes, so the rebuilt indexes are exactly the migrated ones. `keepIndexes` for tables that are not empty
   * (rebuilding would cost the whole table, and DROP INDEX locks out readers): only the triggers are skipped.
   */
  async bulkLoad<T>(tx: Db, load: () => Promise<T>, { keepIndexes = false } = {}): Promise<T> {
    const indexes = keepIndexes
      ? null
      : await tx.execute<{ name: string; def: string }>(sql`
          SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
           WHERE i.schemaname = current_schema() AND i.tablename IN ('events', 'event_steps')
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`);
    const rows = indexes ? (indexes as unknown as { rows: { name: string; def: string }[] }).rows : [];
    const su = await tx.execute<{ su: boolean }>(sql`SELECT rolsuper AS su FROM pg_roles WHERE rolname = current_user`);
    const superuser = (su as unknown as { rows: { su: boolean }[] }).rows[0]?.su === true;
    for (const r of rows) await tx.execute(sql.raw(`DROP INDEX ${quoteIdent(r.name)}`));
    if (superuser) await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    const out = await load();
    if (superuser) await tx.execute(sql`SET LOCAL session_replication_role = origin`);
    for (const r of rows) await tx.execute(sql.raw(r.def));
    return out;
  },

  async count(db: Db): Promise<number> {
    return db.$count(events);
  },
};

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
