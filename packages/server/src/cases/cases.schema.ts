import { sql } from 'drizzle-orm';
import type { CaseSettings, CaseState } from '@openenforce/domain/cases';
import {
  bigint,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { fileLinks } from '../platform/files/files.schema.ts';
import { stepsTable } from '../platform/workflow/steps-table.ts';
import type { FlaggedClock, StoredFacts } from './facts.ts';

/**
 * A penalty case (处罚案件, SPEC §5): its number (一案一码), who acts in whose name (the jurisdiction decision and the
 * matter version applicable, kept as decided: a later catalog change never moves an open case), the act, the party,
 * the amounts along the way, where it came from, and `facts` — the domain's `CaseFacts` as the guards read them (the
 * repository's `caseFacts` builds them; the columns beside it are copies for lists, filters and scope).
 * Personal data (marked ⚠): the party's name, ID number and address.
 */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 一案一码: the formatted number (e.g. 温综执罚立〔2026〕第00123号), gapless per agency, year and kind. */
    number: text('number').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    /** The agency in whose name the case is handled (the enforcement subject's agency) and the subject's legal name. */
    agencyId: uuid('agency_id').notNull(),
    subjectName: text('subject_name'),
    teamId: uuid('team_id'),
    /** Where the act happened: the data scope of town teams. */
    townId: text('town_id'),
    /** The matter's domain (执法领域): the data scope of a county department's staff. */
    domain: text('domain'),
    procedure: text('procedure', { enum: ['simple', 'general'] }),
    status: text('status').$type<CaseState>().notNull(),
    matterId: uuid('matter_id'),
    matterCode: text('matter_code'),
    matterName: text('matter_name'),
    /** APL-37: the version applied (kept as decided at opening). */
    matterVersion: integer('matter_version'),
    /** The jurisdiction engine's decision at opening (team, subject, acting mode, rule id, explanation) or refusal. */
    jurisdiction: jsonb('jurisdiction').notNull(),
    /** APL-37: which version applies and why (zh/en). */
    applicable: jsonb('applicable'),
    actDate: text('act_date').notNull(),
    actPlace: text('act_place'),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    partyKind: text('party_kind', { enum: ['citizen', 'organisation', 'other_organisation'] }),
    /** ⚠ personal data */
    partyName: text('party_name'),
    /** ⚠ personal data: resident identity number (GB 11643) or unified social credit code (GB 32100). */
    partyIdNumber: text('party_id_number'),
    /** ⚠ personal data */
    partyAddress: text('party_address'),
    fineProposedFen: bigint('fine_proposed_fen', { mode: 'number' }),
    fineNotifiedFen: bigint('fine_notified_fen', { mode: 'number' }),
    fineDecidedFen: bigint('fine_decided_fen', { mode: 'number' }),
    source: text('source', { enum: ['event', 'inspection', 'referral', 'agency_transfer', 'direct'] }).notNull(),
    /** The event it was opened from (source `event`). */
    sourceEventId: uuid('source_event_id'),
    /** The inspection, referral or transfer letter it came from. */
    sourceRef: text('source_ref'),
    summary: text('summary').notNull(),
    facts: jsonb('facts').$type<StoredFacts>().notNull(),
    /** TIME-4: clocks whose due date falls in a year without calendar data — kept flagged, never guessed. */
    flaggedClocks: jsonb('flagged_clocks')
      .$type<FlaggedClock[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** The person ids of the investigators (APL-42), for "my cases". */
    investigatorIds: uuid('investigator_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    openedBy: uuid('opened_by'),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('cases_number_key').on(t.number),
    uniqueIndex('cases_agency_year_seq_key').on(t.agencyId, t.year, t.seq),
    uniqueIndex('cases_source_event_key')
      .on(t.sourceEventId)
      .where(sql`source_event_id IS NOT NULL`),
    index('cases_opened_idx').on(t.openedAt, t.id),
    index('cases_town_opened_idx').on(t.townId, t.openedAt),
    index('cases_team_status_idx').on(t.teamId, t.status),
    index('cases_status_opened_idx').on(t.status, t.openedAt),
    index('cases_matter_idx').on(t.matterId),
    index('cases_domain_idx')
      .on(t.domain)
      .where(sql`domain IS NOT NULL`),
    index('cases_investigators_idx').using('gin', t.investigatorIds),
    index('cases_party_trgm_idx').using('gin', sql`${t.partyName} gin_trgm_ops`),
    index('cases_summary_trgm_idx').using('gin', sql`${t.summary} gin_trgm_ops`),
  ],
);

/** The case's timeline (platform/workflow's steps table): one row per step, append-only (trigger, migration 0022). */
export const caseSteps = stepsTable('case_steps', 'case_id', () => cases.id);

/** Files of the evidence register (APL-46): links to platform files, each with the step that registered it. */
export const caseFiles = fileLinks('case_files', 'case_id', () => cases.id, ['evidence'], { singleOwner: true });

/**
 * An agency's case configuration: its number pattern and abbreviation (温综执), and the figures that vary by province or
 * sector (`CaseSettings`, documented defaults in the domain): an agency without a row uses the defaults.
 */
export const caseAgencySettings = pgTable('case_agency_settings', {
  agencyId: uuid('agency_id').primaryKey(),
  abbreviation: text('abbreviation').notNull(),
  numberPattern: text('number_pattern').notNull(),
  settings: jsonb('settings')
    .$type<Partial<CaseSettings>>()
    .notNull()
    .default(sql`'{}'::jsonb`),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
