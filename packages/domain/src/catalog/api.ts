import { z } from 'zod';
import { bilingualText, instant, INT4_MAX, isoDate, searchText } from '../common/schemas.ts';
import { regionId } from '../organization/schemas.ts';
import { factsInput, partyInput } from './discretion.ts';
import { LIST_TYPES, MATTER_KINDS, matterDomain, matterVersionFields, TIERS } from './schemas.ts';

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

// ── Response contracts ───────────────────────────────────────────────────────────────────────────────────────────

/** GET /api/catalog/matters (and the public twin): a ranked page; the cursor is the position in the result. */
export const matterPage = z.object({
  items: z.array(matterSummary),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});

/** A version's date and announcement. */
export const versionInfo = z.object({ version: z.number().int(), effectiveFrom: z.string(), announcement: z.string() });
export type VersionInfo = z.infer<typeof versionInfo>;

/** GET /api/catalog/matters/:id: the version in force on `asOf` (null: none had taken effect), the latest, all dates. */
export const matterResponse = z.object({
  matter: matterVersionFields.nullable(),
  asOf: z.string(),
  latest: matterVersionFields,
  versions: z.array(versionInfo),
});
export type MatterResponse = z.infer<typeof matterResponse>;

/** The public matter page: the version in force, without internal routing (town powers, agencies, team codes). */
export const publicMatterVersion = matterVersionFields.omit({
  townPowers: true,
  defaultTownPower: true,
  delegatingAgency: true,
  department: true,
  professionalTeam: true,
});
export type PublicMatterVersion = z.infer<typeof publicMatterVersion>;
export const publicMatterResponse = z.object({
  matter: publicMatterVersion,
  asOf: z.string(),
  versions: z.array(versionInfo),
});
export type PublicMatterResponse = z.infer<typeof publicMatterResponse>;

/** A field a version changed against the one before (`legalBasis.article`, `townPowers.331081101`). */
export const fieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });

/** GET /api/catalog/matters/:id/history. */
export const matterHistory = z.object({ versions: z.array(versionInfo.extend({ changes: z.array(fieldChange) })) });
export type MatterHistory = z.infer<typeof matterHistory>;

const unitRef = z.object({ id: z.string(), code: z.string(), name: z.string() });
const jurisdictionRuleId = z.enum([
  'JUR-EMPOWERED',
  'JUR-DELEGATED',
  'JUR-EXTENDED',
  'JUR-DISPATCHED',
  'JUR-PROFESSIONAL',
  'JUR-DEPARTMENT',
  'ZJ-9',
  'JUR-NOT-IN-FORCE',
  'JUR-UNPUBLISHED',
  'JUR-UNRESOLVED',
]);

/** Who acts on a matter at a place on a date, in whose name and why — or the rule that refuses (ZJ-9 …). */
export const jurisdictionResult = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    team: unitRef,
    agency: unitRef,
    subjectName: z.string(),
    actingMode: z.enum(['own_name', 'delegated', 'extended_assist', 'dispatched', 'professional', 'department']),
    assistingTeam: unitRef.optional(),
    ruleId: jurisdictionRuleId,
    explanation: bilingualText,
  }),
  z.object({
    ok: z.literal(false),
    ruleId: jurisdictionRuleId,
    reason: bilingualText,
    referTo: z.object({ team: unitRef, subjectName: z.string() }).optional(),
  }),
]);

/** POST /api/catalog/matters/:id/jurisdiction. */
export const jurisdictionResponse = z.object({
  town: z.object({ id: z.string(), name: z.string(), townMode: z.enum(['empowered', 'dispatched']) }),
  date: z.string(),
  result: jurisdictionResult,
});
export type JurisdictionResponse = z.infer<typeof jurisdictionResponse>;

const moneyRange = z.object({ minFen: z.number(), maxFen: z.number() });
const explanation = z.object({ ruleId: z.string(), article: z.string(), zh: z.string(), en: z.string() });

/** A recommended fine with its ranges and the rules that decided it (SPEC §5). */
export const fineRecommendation = z.object({
  outcome: z.enum(['penalise', 'must_not_penalise', 'may_waive', 'no_fine_basis']),
  decidedBy: z.string(),
  tier: z.enum(TIERS).nullable(),
  statutoryRange: moneyRange.nullable(),
  legalRange: moneyRange.nullable(),
  recommendedRange: moneyRange.nullable(),
  adjustment: z.enum(['none', 'lighter', 'reduced', 'heavier', 'offset']),
  commitmentEligible: z.boolean(),
  penaltyArticle: z.string(),
  rangeIssue: explanation.nullable(),
  explanation: z.array(explanation),
});

/** A proposed fine checked against the recommendation. */
export const fineCheck = z.union([
  z.object({ ok: z.literal(true), needsReason: z.literal(false) }),
  z.object({
    ok: z.literal(true),
    needsReason: z.literal(true),
    ruleId: z.literal('DISC-OUTSIDE-RECOMMENDED'),
    zh: z.string(),
    en: z.string(),
  }),
  z.object({ ok: z.literal(false), ruleId: z.string(), article: z.string(), zh: z.string(), en: z.string() }),
]);

/** POST /api/catalog/matters/:id/discretion. */
export const discretionResponse = z.object({ recommendation: fineRecommendation, check: fineCheck.nullable() });
export type DiscretionResponse = z.infer<typeof discretionResponse>;

/** POST /api/catalog/town-powers/withdrawals: the new version of each matter. */
export const withdrawalResult = z.object({
  versions: z.array(z.object({ matterId: z.string(), version: z.number().int() })),
});
export type WithdrawalResult = z.infer<typeof withdrawalResult>;

/** One published list (首违不罚, 轻微不罚, 告知承诺) as in force on a date; version 0: none published yet. */
export const catalogList = z.object({
  kind: z.enum(LIST_KINDS),
  version: z.number().int(),
  effectiveFrom: z.string().nullable(),
  announcement: z.string().nullable(),
  matters: z.array(matterSummary),
});
export type CatalogList = z.infer<typeof catalogList>;
export const catalogLists = z.object({ lists: z.array(catalogList) });

/** POST /api/catalog/lists/:kind/versions: the version written. */
export const listVersion = z.object({
  id: z.string(),
  kind: z.enum(LIST_KINDS),
  version: z.number().int(),
  effectiveFrom: z.string(),
  announcement: z.string(),
  matterIds: z.array(z.string()),
  createdAt: instant,
  createdBy: z.string().nullable(),
});

/** GET /api/catalog/coverage: the figures the reform reports. */
export const coverage = z.object({
  total: z.number().int(),
  byListType: z.array(z.object({ listType: z.enum(LIST_TYPES), items: z.number().int(), sharePct: z.number() })),
  domains: z.object({
    withMatters: z.number().int(),
    coveredByComprehensive: z.number().int(),
    sharePct: z.number(),
    known: z.number().int(),
  }),
  perDomain: z.array(z.object({ domain: z.string(), total: z.number().int(), comprehensive: z.number().int() })),
  towns: z.array(
    z.object({
      townId: z.string(),
      name: z.string(),
      townMode: z.enum(['empowered', 'dispatched']).nullable(),
      empowered: z.number().int(),
      delegated: z.number().int(),
      extended: z.number().int(),
    }),
  ),
});
export type Coverage = z.infer<typeof coverage>;

/** POST /api/catalog/import as JSON: how many matters were (or, with dryRun, would be) imported. */
export const catalogImportResult = z.object({ imported: z.number().int(), dryRun: z.boolean() });
