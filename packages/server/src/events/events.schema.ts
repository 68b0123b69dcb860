import { sql } from 'drizzle-orm';
import type { EventStatus, Proposal } from '@openenforce/domain/events';
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { stepsTable } from '../platform/workflow/steps-table.ts';
import { fileLinks } from '../platform/files/files.schema.ts';
import { OPEN_SQL, RUNNING_SQL } from './running.ts';

/** The domain's open and running statuses as SQL (running.ts): the partial indexes below and the queries share them. */
const OPEN = OPEN_SQL;
const RUNNING = RUNNING_SQL;

/**
 * An event (事件): one report from any channel, through its whole lifecycle (SPEC §3). The columns are the current
 * state; `event_steps` is the timeline; the audit log holds every change with its before and after.
 * Personal data (marked ⚠): reporter name and phone.
 */
export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Sequence for the human-readable number SJ-yyyymmdd-seq. */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull().unique(),
    source: text('source').notNull(),
    /** Hotline ticket number, Open311 client's id, camera alarm id, referral number: idempotency per source. */
    externalId: text('external_id'),
    category: text('category').notNull(),
    description: text('description').notNull(),
    urgency: text('urgency', { enum: ['normal', 'urgent'] }).notNull(),
    lng: doublePrecision('lng').notNull(),
    lat: doublePrecision('lat').notNull(),
    address: text('address'),
    /**
     * An address the county's directory could not place (an Open311 address_string): the event waits at triage for
     * the operator to confirm where it is; lng/lat are then the county's own point, and town, village and grid null.
     */
    locationUnresolved: boolean('location_unresolved').notNull().default(false),
    /** A picture the reporter linked (Open311 media_url): kept as given, shown to operators, never fetched. */
    mediaUrl: text('media_url'),
    townId: text('town_id'),
    villageId: text('village_id'),
    gridId: text('grid_id'),
    status: text('status').$type<EventStatus>().notNull(),
    escalation: text('escalation', { enum: ['none', 'yellow', 'red'] })
      .notNull()
      .default('none'),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
    reporterUserId: uuid('reporter_user_id'),
    /** ⚠ personal data */
    reporterName: text('reporter_name'),
    /** ⚠ personal data */
    reporterPhone: text('reporter_phone'),
    /** Open311 token / citizen's verification link: SHA-256 of the random token handed to the citizen. */
    citizenTokenHash: text('citizen_token_hash'),
    /**
     * The id under which the event is published on Open311 (service_request_id): random, so published requests
     * cannot be enumerated, and set only on the events that are published (the OPEN311_PUBLISH_* settings at intake).
     * The event number (SJ…) stays internal.
     */
    publicId: text('public_id'),
    /** The nearest open event the intake found within the category's duplicate window (offered to the operator). */
    suggestedMasterId: uuid('suggested_master_id'),
    masterId: uuid('master_id'),
    matterId: uuid('matter_id'),
    /**
     * The matter's domain (执法领域), copied whenever the matter is set (intake's proposal, triage): the data-scope
     * column of a county agency's staff (SPEC §2: an agency sees its domains' events). Null while no matter is known.
     */
    domain: text('domain'),
    /** The jurisdiction engine's proposal at intake: team, subject, rule, explanation. */
    proposal: jsonb('proposal').$type<Proposal>(),
    teamId: uuid('team_id'),
    assistingTeamIds: uuid('assisting_team_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    subjectName: text('subject_name'),
    triagedAt: timestamp('triaged_at', { withTimezone: true }),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
    deadline: timestamp('deadline', { withTimezone: true }),
    /** When the event turns yellow (precomputed so that the escalation job reads an index). */
    warnAt: timestamp('warn_at', { withTimezone: true }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    handledAt: timestamp('handled_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    outcome: text('outcome'),
    outcomeDetail: jsonb('outcome_detail').$type<Record<string, unknown>>(),
    /** The case's number when the outcome is "case to be filed" (the cases context opens it; migration 0022). */
    caseHandle: text('case_handle'),
    /** The case opened from this event (the cases context's id; the case stores the event too). */
    caseId: uuid('case_id'),
    rectifyDue: timestamp('rectify_due', { withTimezone: true }),
    reopenCount: integer('reopen_count').notNull().default(0),
    returnCount: integer('return_count').notNull().default(0),
    urgeCount: integer('urge_count').notNull().default(0),
    rating: smallint('rating'),
    ratingComment: text('rating_comment'),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
    /** Closed within the deadline (set at close; null while open or when never dispatched). */
    onTime: boolean('on_time'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Every report pays for every index it enters: a column that is still null at intake (a citizen token, a case
    // handle, a team, a master, a dispatch time) is indexed only once it has a value (partial indexes; a query for
    // `col = x` implies `col IS NOT NULL`, so the planner uses them). Migration 0009.
    uniqueIndex('events_source_external_id_key')
      .on(t.source, t.externalId)
      .where(sql`external_id IS NOT NULL`),
    uniqueIndex('events_citizen_token_hash_key')
      .on(t.citizenTokenHash)
      .where(sql`citizen_token_hash IS NOT NULL`),
    uniqueIndex('events_case_handle_key')
      .on(t.caseHandle)
      .where(sql`case_handle IS NOT NULL`),
    // Open311: one published request by its public id, and the published ones newest first (only they enter).
    uniqueIndex('events_public_id_key')
      .on(t.publicId)
      .where(sql`public_id IS NOT NULL`),
    index('events_public_reported_idx')
      .on(t.reportedAt, t.seq)
      .where(sql`public_id IS NOT NULL`),
    // A county agency's scope (SPEC §2): its domains' events, newest first. Migration 0019.
    index('events_domain_seq_idx')
      .on(t.domain, t.seq)
      .where(sql`domain IS NOT NULL`),
    // Also, in custom SQL (drizzle-kit cannot express INCLUDE), the big screen's covering indexes of migration 0008:
    // events_reported_cover_idx (reported_at, seq) INCLUDE (town_id, source, category, status, escalation, deadline,
    // warn_at, lng, lat, id) — also every reported_at range — and events_closed_cover_idx (closed_at) INCLUDE
    // (town_id, on_time) WHERE status = 'closed' — the only query on closed_at.
    index('events_town_reported_idx').on(t.townId, t.reportedAt),
    // The big screen's "dispatched today".
    index('events_dispatched_at_idx')
      .on(t.dispatchedAt)
      .where(sql`dispatched_at IS NOT NULL`),
    index('events_team_status_idx')
      .on(t.teamId, t.status)
      .where(sql`team_id IS NOT NULL`),
    index('events_master_idx')
      .on(t.masterId)
      .where(sql`master_id IS NOT NULL`),
    index('events_status_idx').on(t.status, t.reportedAt).where(OPEN),
    // Duplicate check: open events of a category near a point.
    index('events_open_category_lat_idx').on(t.category, t.lat).where(OPEN),
    // Escalation job: running events that reach their warning time or deadline.
    index('events_warn_idx')
      .on(t.warnAt)
      .where(sql`${RUNNING} AND escalation = 'none'`),
    index('events_deadline_idx')
      .on(t.deadline)
      .where(sql`${RUNNING} AND escalation <> 'red'`),
    index('events_low_rating_idx')
      .on(t.ratedAt)
      .where(sql`rating <= 2`),
  ],
);

/**
 * The timeline: one row per step, with who, when, where and why (platform/workflow's steps table; `subjectId` is
 * the event). Append-only (trigger).
 */
export const eventSteps = stepsTable(
  'event_steps',
  'event_id',
  () => events.id,
  (t) => [
    index('event_steps_shirk_idx')
      .on(t.teamId, t.at)
      .where(sql`action = 'arbitrate' AND (detail->>'justified') = 'false'`),
  ],
);

/**
 * An event's photos (report, before, after): links to platform files, each with the step that attached it. A photo
 * belongs to one event (single owner): it is attached once, by the step that used it. Until migration 0013 this was
 * the table `event_photos`; a view of that name remains for readers of the old shape.
 */
export const eventFiles = fileLinks(
  'event_files',
  'event_id',
  () => events.id,
  // A party's signature drawn on the phone at handling is linked like a photo, as the evidence it is.
  ['report', 'before', 'after', 'signature'],
  {
    singleOwner: true,
  },
);

/** Event categories: the shipped defaults (domain EVENT_CATEGORIES) as rows a county may change. */
export const eventCategories = pgTable('event_categories', {
  code: text('code').primaryKey(),
  data: jsonb('data').notNull(),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
