import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { MatterVersion } from '@openenforce/domain/catalog';

/**
 * An enforcement matter (执法事项). Its content lives in `matter_versions`, one row per change, never overwritten
 * (SPEC §1: "history is never overwritten"). The columns here repeat the latest version's searchable fields, so that
 * search and lists read one narrow table; they are rewritten with every new version, in the same transaction.
 */
export const matters = pgTable(
  'matters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').unique(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    domain: text('domain').notNull(),
    listType: text('list_type').notNull(),
    sourceDepartment: text('source_department').notNull(),
    /** Law names of the legal and penalty basis, for "search by law". */
    lawNames: text('law_names').notNull(),
    /** name ‖ code ‖ law names: one trigram-indexed column for substring search. */
    searchText: text('search_text').notNull(),
    published: boolean('published').notNull(),
    withdrawn: boolean('withdrawn').notNull(),
    firstViolationWaiver: boolean('first_violation_waiver').notNull(),
    lightViolationCommitment: boolean('light_violation_commitment').notNull(),
    highFrequency: boolean('high_frequency').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    /** The latest version number: also the optimistic-concurrency token of the matter. */
    version: integer('version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('matters_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('matters_domain_name_idx').on(t.domain, t.name),
    index('matters_list_type_idx').on(t.listType),
  ],
);

/** One version of a matter: the whole validated MatterVersion as jsonb, with its date and announcement. */
export const matterVersions = pgTable(
  'matter_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    matterId: uuid('matter_id')
      .notNull()
      .references(() => matters.id),
    version: integer('version').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    announcement: text('announcement').notNull(),
    data: jsonb('data').$type<MatterVersion>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: text('created_by'),
  },
  (t) => [
    unique('matter_versions_matter_version_uq').on(t.matterId, t.version),
    index('matter_versions_asof_idx').on(t.matterId, t.effectiveFrom),
  ],
);

/**
 * Published lists over matters (首违不罚清单, 轻微违法不予处罚清单, 轻微违法告知承诺制清单): versioned like matters,
 * each version the whole list as it stands from its date.
 */
export const matterLists = pgTable(
  'matter_lists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', {
      enum: ['first_violation_waiver', 'minor_no_penalty', 'light_violation_commitment'],
    }).notNull(),
    version: integer('version').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    announcement: text('announcement').notNull(),
    matterIds: uuid('matter_ids').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: text('created_by'),
  },
  (t) => [unique('matter_lists_kind_version_uq').on(t.kind, t.version)],
);
