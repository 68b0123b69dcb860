import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';

/**
 * Region tree: county → town (乡镇/街道) → village (村/社区) → grid (网格).
 * `id` is the region code (e.g. 331081, 331081001, 331081001001, 331081001001001): stable across re-seeds.
 * `townId` is denormalised on every row below a town: it is the data-scope column (SPEC §2).
 */
export const regions = pgTable(
  'regions',
  {
    id: text('id').primaryKey(),
    parentId: text('parent_id').references((): AnyPgColumn => regions.id),
    level: text('level', { enum: ['county', 'town', 'village', 'grid'] }).notNull(),
    name: text('name').notNull(),
    /** Only on towns: empowered (赋权, town team acts in its own name) or dispatched (派驻 squad of the county bureau). */
    townMode: text('town_mode', { enum: ['empowered', 'dispatched'] }),
    /** street (街道) or town (镇) — a label only; powers follow townMode. */
    townKind: text('town_kind', { enum: ['town', 'street'] }),
    townId: text('town_id').references((): AnyPgColumn => regions.id),
    /** GeoJSON Polygon or MultiPolygon, WGS-84 (lng, lat). */
    boundary: jsonb('boundary').$type<GeoJsonPolygon>(),
    centroidLng: doublePrecision('centroid_lng'),
    centroidLat: doublePrecision('centroid_lat'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('regions_parent_idx').on(t.parentId),
    index('regions_level_town_idx').on(t.level, t.townId),
    index('regions_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
  ],
);

export type GeoJsonPolygon =
  { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** An agency (机关): the county bureau, a department, or a town government. */
export const agencies = pgTable(
  'agencies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['bureau', 'department', 'town_government'] }).notNull(),
    /** Whether the agency may act (sign decisions) in its own name: the enforcement subject (执法主体). */
    mayActInOwnName: boolean('may_act_in_own_name').notNull().default(true),
    townId: text('town_id'),
    domains: text('domains')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('agencies_town_idx').on(t.townId),
    index('agencies_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
  ],
);

/**
 * Teams (执法队伍), brigades (大队) and squads (中队). "1+8+1": one comprehensive team, eight professional
 * brigades, one mobile brigade; town teams for empowered towns and dispatched squads for streets.
 */
export const teams = pgTable(
  'teams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    parentId: uuid('parent_id').references((): AnyPgColumn => teams.id),
    level: text('level', { enum: ['team', 'brigade', 'squad'] }).notNull(),
    kind: text('kind', { enum: ['comprehensive', 'professional', 'mobile', 'town', 'dispatched'] }).notNull(),
    townId: text('town_id'),
    domains: text('domains')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('teams_agency_idx').on(t.agencyId),
    index('teams_town_idx').on(t.townId),
    index('teams_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
  ],
);

/** A person: officer, auxiliary, grid worker, operator, etc. Name, phone and ID number are personal data. */
export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employeeNo: text('employee_no').notNull().unique(),
    /** personal */
    name: text('name').notNull(),
    gender: text('gender', { enum: ['male', 'female'] }),
    /** personal */
    phone: text('phone'),
    /** personal */
    idNumber: text('id_number'),
    role: text('role').notNull(),
    isAuxiliary: boolean('is_auxiliary').notNull().default(false),
    teamId: uuid('team_id').references(() => teams.id),
    agencyId: uuid('agency_id').references(() => agencies.id),
    townId: text('town_id'),
    /** For grid workers: the grid they walk. */
    gridId: text('grid_id').references(() => regions.id),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('people_team_idx').on(t.teamId),
    // Keyset pages of one town, in the list's order (employee number).
    index('people_town_employee_no_idx').on(t.townId, t.employeeNo),
    index('people_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
  ],
);

/** Enforcement certificate (执法证): number, domain scope, validity (ZJ art. 28: valid 5 years). */
export const certificates = pgTable(
  'certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    number: text('number').notNull().unique(),
    domains: text('domains').array().notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }).notNull(),
    issuer: text('issuer'),
    townId: text('town_id'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('certificates_person_idx').on(t.personId),
    index('certificates_town_idx').on(t.townId, t.validTo),
    index('certificates_town_number_idx').on(t.townId, t.number),
  ],
);
