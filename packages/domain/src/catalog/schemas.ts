import { z } from 'zod';
import { isoDate, version } from '../common/schemas.ts';
import { DOMAINS } from '../organization/schemas.ts';
import { normaliseDomain } from './domains.ts';
import { isFen, toBasisPoints } from './money.ts';

/*
 * Contracts of the enforcement-matter catalog (SPEC §1). Field-level failures carry snake_case rule ids as their
 * message, like the organization contracts, so the web and the importer can say which rule a field broke.
 * All money is integer fen (see money.ts).
 */

// The value lists live in kinds.ts (no zod): the web's light pages import them without the schemas.
import type { PARTY_TYPES, TIERS, CIRCUMSTANCES } from './kinds.ts';
import { MATTER_KINDS, LIST_TYPES, TOWN_POWERS, TRANSFER_SCOPES, MULTIPLE_BASES } from './kinds.ts';
export {
  MATTER_KINDS,
  LIST_TYPES,
  TOWN_POWERS,
  TRANSFER_SCOPES,
  PARTY_TYPES,
  TIERS,
  CIRCUMSTANCES,
  MULTIPLE_BASES,
} from './kinds.ts';

export type MatterKind = (typeof MATTER_KINDS)[number];
export type ListType = (typeof LIST_TYPES)[number];
export type TownPower = (typeof TOWN_POWERS)[number];
export type PartyType = (typeof PARTY_TYPES)[number];
export type Tier = (typeof TIERS)[number];
export type Circumstance = (typeof CIRCUMSTANCES)[number];
export type MultipleBase = (typeof MULTIPLE_BASES)[number];

const fen = z.number().refine(isFen, 'amount_integer_fen');
const multiple = z.number().refine((m) => toBasisPoints(m) !== null, 'multiple_non_negative_at_most_4_decimals');
const percent = z.number().int('percent_integer').min(0, 'percent_0_to_100').max(100, 'percent_0_to_100');
const label = z.string().trim().min(1).max(100);

// ---------------------------------------------------------------------------------------------------------------
// Discretion benchmark (裁量基准)
// ---------------------------------------------------------------------------------------------------------------

export const fixedBasis = z
  .strictObject({ kind: z.literal('fixed'), minFen: fen, maxFen: fen })
  .refine((b) => b.minFen <= b.maxFen, { path: ['maxFen'], message: 'max_not_below_min' });

export const perUnitBasis = z
  .strictObject({
    kind: z.literal('per_unit'),
    rateMinFen: fen,
    rateMaxFen: fen,
    /** m², m³, 株 … as the article counts. */
    unit: label,
    /** A cap on the total ("最高不超过10万元"), or null. */
    capFen: fen.nullable().default(null),
  })
  .refine((b) => b.rateMinFen <= b.rateMaxFen, { path: ['rateMaxFen'], message: 'max_not_below_min' });

export const multipleFallback = z
  .strictObject({
    minFen: fen,
    maxFen: fen,
    /** The fallback applies when the base is absent or zero, or below this amount (不足 X 元); null: only then. */
    belowFen: fen.nullable().default(null),
    /**
     * Wording "超过 X 元的…倍" puts X itself under the fallback; "X 元以上的…倍" (the default) puts it under the
     * multiple, because 以上 includes the bound.
     */
    thresholdTakesFallback: z.boolean().default(false),
  })
  .refine((b) => b.minFen <= b.maxFen, { path: ['maxFen'], message: 'max_not_below_min' });

export const multipleBasis = z
  .strictObject({
    kind: z.literal('multiple'),
    base: z.enum(MULTIPLE_BASES, 'multiple_base_unknown'),
    /** The article's word for the base, e.g. 临时建设工程造价, 耕地开垦费. */
    baseLabel: label.nullable().default(null),
    /** Decimals, at most 4 places: 0.05 is 5 %, 3 is three times. "一倍以下" has minMultiple 0. */
    minMultiple: multiple,
    maxMultiple: multiple,
    fallback: multipleFallback.nullable().default(null),
    /** "违法所得不足1万元的按1万元计算": a base below this counts as this. */
    countBaseAtLeastFen: fen.nullable().default(null),
  })
  .refine((b) => b.minMultiple <= b.maxMultiple, { path: ['maxMultiple'], message: 'max_not_below_min' });

export const noFineBasis = z.strictObject({ kind: z.literal('none') });

export const fineBasis = z.discriminatedUnion('kind', [fixedBasis, perUnitBasis, multipleBasis, noFineBasis]);
export type FineBasis = z.output<typeof fineBasis>;

export const tierRule = z.strictObject({
  individual: fineBasis,
  organisation: fineBasis,
  /** "可以处…罚款": the fine is discretionary (the agency may order correction only). */
  discretionary: z.boolean().default(false),
  /** The wording of the tier in the article, e.g. 情节严重, 逾期不改正. */
  label: label.nullable().default(null),
});
export type TierRule = z.output<typeof tierRule>;

export const circumstanceBand = z
  .strictObject({ fromPct: percent, toPct: percent })
  .refine((b) => b.fromPct <= b.toPct, { path: ['toPct'], message: 'band_to_not_below_from' });
export type CircumstanceBand = z.output<typeof circumstanceBand>;

/**
 * Where each circumstance lies within the legal range, in percent from the minimum (0) to the maximum (100).
 * Defaults, configurable per matter: 轻微 0–30 %, 一般 30–70 %, 较重 70–90 %, 严重 90–100 %.
 * (严重 here is a circumstance inside one statutory range; a statutory 情节严重 with its own range is a tier.)
 */
export const DEFAULT_BANDS: Readonly<Record<Circumstance, CircumstanceBand>> = Object.freeze({
  minor: Object.freeze({ fromPct: 0, toPct: 30 }),
  ordinary: Object.freeze({ fromPct: 30, toPct: 70 }),
  serious: Object.freeze({ fromPct: 70, toPct: 90 }),
  grave: Object.freeze({ fromPct: 90, toPct: 100 }),
});

export const discretionBenchmark = z.strictObject({
  tiers: z.strictObject({
    first: tierRule,
    failure_to_correct: tierRule.nullable().default(null),
    serious: tierRule.nullable().default(null),
  }),
  /** Overrides of DEFAULT_BANDS for this matter; a circumstance left out keeps its default. */
  bands: z
    .strictObject({
      minor: circumstanceBand.optional(),
      ordinary: circumstanceBand.optional(),
      serious: circumstanceBand.optional(),
      grave: circumstanceBand.optional(),
    })
    .default({}),
  /**
   * 从轻 keeps the fine in the lower part of the range: below this percentage. 从重 keeps it above. Default 50
   * (the midpoint), as most provincial benchmark rules read "lower part" and "upper part".
   */
  splitPct: percent.default(50),
  /** 减轻: the recommended reduced fine starts at this percentage of the statutory minimum. Default 0. */
  reducedFloorPct: percent.default(0),
  /** APL-33(c): a law or administrative regulation makes this matter punishable without fault. Default false. */
  strictLiability: z.boolean().default(false),
  /** Where the benchmark comes from, e.g. 大盘镇综合行政执法事项裁量基准(2023年). */
  source: z.string().trim().max(200).nullable().default(null),
});
export type DiscretionBenchmark = z.output<typeof discretionBenchmark>;
export type DiscretionBenchmarkInput = z.input<typeof discretionBenchmark>;

// ---------------------------------------------------------------------------------------------------------------
// Matter version (执法事项 and its versions)
// ---------------------------------------------------------------------------------------------------------------

/** Control and invisible characters, except tab and line breaks (law texts have paragraphs). */
// eslint-disable-next-line no-control-regex
const CONTROL = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e]*$/u;

/** Long catalog texts: NFC, trimmed, no control characters. */
const text = (max: number) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().max(max, 'text_too_long').regex(CONTROL, 'no_control_characters'));
const required = (max: number) => text(max).pipe(z.string().min(1, 'required'));

/** County catalog codes are 12 digits (330275012000); our own codes may use letters, digits, - and _. */
export const matterCode = z
  .string()
  .trim()
  .min(1, 'required')
  .max(40, 'text_too_long')
  .regex(/^[A-Za-z0-9_-]+$/, 'matter_code_characters');

/** A domain; the department names county catalogs use (农业农村 …) are accepted and stored canonically. */
export const matterDomain = z
  .string()
  .transform((s, ctx) => {
    const d = normaliseDomain(s);
    if (d === null) {
      ctx.addIssue({ code: 'custom', message: 'domain_unknown' });
      return z.NEVER;
    }
    return d;
  })
  .pipe(z.enum(DOMAINS));

export const legalReference = z.strictObject({
  /** The law's name with its book-title marks: 《中华人民共和国档案法》. */
  law: required(100),
  /** 第四十九条第二款. Empty when the penalty article itself defines the act (see data/SOURCES.md). */
  article: text(200),
  text: text(5000),
});
export type LegalReference = z.output<typeof legalReference>;

/** Town power per town; town ids are 9-digit region codes (331081101). */
const townPowers = z.record(z.string(), z.enum(TOWN_POWERS, 'town_power_unknown')).superRefine((powers, ctx) => {
  for (const id of Object.keys(powers))
    if (!/^\d{9}$/.test(id)) ctx.addIssue({ code: 'custom', path: [id], message: 'town_code' });
});

export const matterFlags = z.strictObject({
  /** 首违不罚: on the county's first-violation list (APL-33(b)). */
  firstViolationWaiver: z.boolean().default(false),
  /** 轻微违法告知承诺制: on the published light-violation list (ZJ-LV). */
  lightViolationCommitment: z.boolean().default(false),
  /** High-frequency matter with a standard case template (seed 002: 13 templates). */
  highFrequency: z.boolean().default(false),
});

/** The fields an administrator edits; a version adds identity, number, effective date and announcement. */
const matterFields = {
  code: matterCode.nullable(),
  name: required(300),
  kind: z.enum(MATTER_KINDS, 'matter_kind_unknown'),
  domain: matterDomain,
  legalBasis: legalReference,
  /** The article that sets the penalty; null for matters that are not penalties. */
  penaltyBasis: legalReference.nullable(),
  /** 划出部门, as the catalog writes it (温岭市市场监督管理局). */
  sourceDepartment: required(200),
  /** 划转范围: all or part of the department's power moved; null when the matter was not transferred. */
  transferScope: z.enum(TRANSFER_SCOPES, 'transfer_scope_unknown').nullable(),
  /** 具体职责边界: the responsibility-boundary text. Required with a partial transfer. */
  responsibilityBoundary: text(5000).nullable(),
  listType: z.enum(LIST_TYPES, 'list_type_unknown'),
  /** Town power per town id; a town left out has `defaultTownPower`. */
  townPowers,
  defaultTownPower: z.enum(TOWN_POWERS, 'town_power_unknown'),
  /** The agency (code or exact name) whose power a town exercises by delegation (委托), in whose name it acts. */
  delegatingAgency: required(200).nullable(),
  /** Code of the professional brigade that handles a `professional` matter (else the brigade of the domain). */
  professionalTeam: matterCode.nullable(),
  /** Code of the department that handles an `in_department` matter (管执一体). */
  department: matterCode.nullable(),
  flags: matterFlags,
  published: z.boolean(),
  /** A withdrawn matter stays in history; from this version's date it is no longer in force. */
  withdrawn: z.boolean(),
  discretion: discretionBenchmark.nullable(),
};

type Issue = { path: string[]; message: string };

/** Cross-field rules of a whole matter version (also run on the result of applying an update). */
function matterRules(m: {
  kind: MatterKind;
  penaltyBasis: unknown;
  transferScope: string | null;
  responsibilityBoundary: string | null;
  listType: ListType;
  professionalTeam: string | null;
  department: string | null;
  townPowers: Record<string, TownPower>;
  defaultTownPower: TownPower;
  delegatingAgency: string | null;
}): Issue[] {
  const issues: Issue[] = [];
  if (m.kind === 'penalty' && m.penaltyBasis === null)
    issues.push({ path: ['penaltyBasis'], message: 'penalty_basis_required_for_penalty' });
  if (m.transferScope === 'part' && !m.responsibilityBoundary)
    issues.push({ path: ['responsibilityBoundary'], message: 'responsibility_boundary_required_for_part' });
  if (m.listType === 'in_department' && m.department === null)
    issues.push({ path: ['department'], message: 'department_required_for_in_department' });
  const delegated = m.defaultTownPower === 'delegated' || Object.values(m.townPowers).includes('delegated');
  if (delegated && m.delegatingAgency === null)
    issues.push({ path: ['delegatingAgency'], message: 'delegating_agency_required_for_delegated' });
  return issues;
}

function addIssues(ctx: z.RefinementCtx, issues: Issue[]): void {
  for (const i of issues) ctx.addIssue({ code: 'custom', path: i.path, message: i.message });
}

/** The fields of a stored version, without the cross-field rules (the response contract: checked when written). */
export const matterVersionFields = z.strictObject({
  matterId: z.string().min(1),
  version,
  ...matterFields,
  effectiveFrom: isoDate,
  /** The announcement that made this version (e.g. 磐政〔2025〕58号). */
  announcement: required(200),
});

/** A stored matter version: one row of the catalog history. */
export const matterVersion = matterVersionFields.superRefine((m, ctx) => addIssues(ctx, matterRules(m)));
export type MatterVersion = z.output<typeof matterVersion>;

/** POST body: a new matter (version 1). Optional fields have the defaults shown. */
export const matterCreate = z
  .strictObject({
    ...matterFields,
    code: matterFields.code.default(null),
    penaltyBasis: matterFields.penaltyBasis.default(null),
    transferScope: matterFields.transferScope.default(null),
    responsibilityBoundary: matterFields.responsibilityBoundary.default(null),
    townPowers: matterFields.townPowers.default({}),
    defaultTownPower: matterFields.defaultTownPower.default('none'),
    delegatingAgency: matterFields.delegatingAgency.default(null),
    professionalTeam: matterFields.professionalTeam.default(null),
    department: matterFields.department.default(null),
    flags: matterFlags.default({ firstViolationWaiver: false, lightViolationCommitment: false, highFrequency: false }),
    published: matterFields.published.default(false),
    withdrawn: z.literal(false, 'new_matter_not_withdrawn').default(false),
    discretion: matterFields.discretion.default(null),
    effectiveFrom: isoDate,
    announcement: required(200),
  })
  .superRefine((m, ctx) => addIssues(ctx, matterRules(m)));
export type MatterCreate = z.output<typeof matterCreate>;

/**
 * PUT/PATCH body: a change makes a NEW version (history is never overwritten). Every field is optional and has no
 * default (so an omitted field keeps its value); the version the client read (optimistic concurrency), the date the
 * change takes effect and its announcement are required. Cross-field rules run on the merged result
 * (`applyMatterUpdate` in versions.ts).
 */
export const matterUpdate = z
  .strictObject(matterFields)
  .partial()
  .extend({ version, effectiveFrom: isoDate, announcement: required(200) });
export type MatterUpdate = z.output<typeof matterUpdate>;
