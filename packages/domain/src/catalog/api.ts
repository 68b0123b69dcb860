import { z } from 'zod';
import { INT4_MAX, isoDate, searchText } from '../common/schemas.ts';
import { regionId } from '../organization/schemas.ts';
import { factsInput, partyInput } from './discretion.ts';
import { LIST_TYPES, MATTER_KINDS, matterDomain } from './schemas.ts';

/** GET /api/catalog/matters: ranked search; the cursor is the position in the ranked result. */
export const matterSearchQuery = z.object({
  q: searchText.optional(),
  domain: z.string().max(20).optional(),
  listType: z.enum(LIST_TYPES).optional(),
  kind: z.enum(MATTER_KINDS).optional(),
  cursor: z
    .string()
    .regex(/^\d{1,6}$/, 'cursor')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const matterSummary = z.object({
  id: z.string(),
  code: z.string().nullable(),
  name: z.string(),
  kind: z.string(),
  domain: z.string(),
  listType: z.string(),
  sourceDepartment: z.string(),
  lawNames: z.string(),
  published: z.boolean(),
  withdrawn: z.boolean(),
  firstViolationWaiver: z.boolean(),
  lightViolationCommitment: z.boolean(),
  highFrequency: z.boolean(),
  effectiveFrom: z.string(),
  version: z.number(),
});
export type MatterSummary = z.infer<typeof matterSummary>;

export const asOfQuery = z.object({ asOf: isoDate.optional() });

/** POST /api/catalog/town-powers/withdrawals: a dated, versioned withdrawal of a town's power over matters. */
export const townPowerWithdrawal = z.strictObject({
  townId: regionId,
  matterIds: z.array(z.uuid()).min(1).max(5000),
  effectiveFrom: isoDate,
  announcement: z.string().trim().min(1).max(200),
});

/** POST /api/catalog/matters/:id/jurisdiction: a town, or a point that resolves to one. */
export const jurisdictionQuery = z
  .strictObject({
    townId: regionId.optional(),
    lng: z.number().min(-180).max(180).optional(),
    lat: z.number().min(-90).max(90).optional(),
    date: isoDate.optional(),
  })
  .refine((p) => p.townId !== undefined || (p.lng !== undefined && p.lat !== undefined), {
    path: ['townId'],
    message: 'town_or_point_required',
  });

/** POST /api/catalog/matters/:id/discretion: recommend a fine; optionally check a proposed one (integer fen). */
export const discretionQuery = z.strictObject({
  date: isoDate.optional(),
  party: partyInput,
  facts: factsInput,
  proposedFen: z.number().int().positive().optional(),
});

export const LIST_KINDS = ['first_violation_waiver', 'minor_no_penalty', 'light_violation_commitment'] as const;
export const listVersionCreate = z.strictObject({
  matterIds: z.array(z.uuid()).max(5000),
  effectiveFrom: isoDate,
  announcement: z.string().trim().min(1).max(200),
  /** The version the client read (0 for a list that has none yet): optimistic concurrency. */
  baseVersion: z.number().int().min(0).max(INT4_MAX),
});

/** POST /api/catalog/import: the date and announcement the imported matters take effect with (version 1). */
export const catalogImportQuery = z.object({
  dryRun: z.enum(['true', 'false']).optional(),
  effectiveFrom: isoDate,
  announcement: z.string().trim().min(1).max(200),
  published: z.enum(['true', 'false']).optional(),
  /**
   * The domain of rows that state none and whose 划出部门 names none (the county's 7-column layout has no domain
   * column; the domain is read from the department where it can be).
   */
  defaultDomain: matterDomain.optional(),
});

export const catalogExportQuery = z.object({
  asOf: isoDate.optional(),
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});
