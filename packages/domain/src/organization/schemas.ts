import { z } from 'zod';
import { displayName, isoDate, pageQuery, searchText, version } from '../common/schemas.ts';
import { ROLES } from './roles.ts';

// The list lives in domain-list.ts (no zod), for the web's light pages.
import { DOMAINS } from './domain-list.ts';
export { DOMAINS } from './domain-list.ts';

export const regionLevel = z.enum(['county', 'town', 'village', 'grid']);
export const townMode = z.enum(['empowered', 'dispatched']);
export const regionId = z.string().regex(/^\d{6}(\d{3}){0,3}$/, 'region_code');
export const entityId = z.uuid();

export const region = z.object({
  id: regionId,
  parentId: z.string().nullable(),
  level: regionLevel,
  name: z.string(),
  townMode: townMode.nullable(),
  townKind: z.enum(['town', 'street']).nullable(),
  townId: z.string().nullable(),
  centroid: z.tuple([z.number(), z.number()]).nullable(),
  version,
});
export type Region = z.infer<typeof region>;

export const regionDetail = region.extend({
  path: z.array(z.object({ id: z.string(), name: z.string(), level: regionLevel })),
  childCount: z.number().int(),
});

export const regionListQuery = pageQuery.extend({
  level: regionLevel.optional(),
  parentId: regionId.optional(),
  townId: regionId.optional(),
  q: searchText.optional(),
});

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
/** A closed linear ring: at least 4 positions, the last equal to the first (RFC 7946 §3.1.6). */
const ring = z
  .array(position)
  .min(4)
  .max(10_000)
  .refine((r) => r[0]![0] === r.at(-1)![0] && r[0]![1] === r.at(-1)![1], 'ring_closed');
export const polygonGeometry = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1).max(100) }),
  z.strictObject({
    type: z.literal('MultiPolygon'),
    coordinates: z.array(z.array(ring).min(1).max(100)).min(1).max(100),
  }),
]);

const LEVEL_BELOW = { county: 'town', town: 'village', village: 'grid' } as const;

/**
 * A new region under an existing parent: its code extends the parent's by three digits (331081 → 331081001), and
 * its level is the one below the parent's. The service checks the parent; the shape is checked here.
 */
export const regionCreate = z
  .strictObject({
    id: regionId,
    parentId: regionId,
    level: z.enum(['town', 'village', 'grid']),
    name: displayName,
    townMode: townMode.nullable().default(null),
    townKind: z.enum(['town', 'street']).nullable().default(null),
    boundary: polygonGeometry.nullable().default(null),
  })
  .refine((r) => r.id.length === r.parentId.length + 3 && r.id.startsWith(r.parentId), {
    path: ['id'],
    message: 'code_extends_parent_by_3_digits',
  })
  .refine((r) => (r.level === 'town') === (r.townMode !== null), {
    path: ['townMode'],
    message: 'town_mode_only_and_always_for_towns',
  });

export function levelBelow(level: 'county' | 'town' | 'village'): 'town' | 'village' | 'grid' {
  return LEVEL_BELOW[level];
}

export const regionPatch = z.strictObject({
  version,
  name: displayName.optional(),
  townMode: townMode.optional(),
  boundary: polygonGeometry.nullable().optional(),
});

export const locateQuery = z.object({
  lng: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
});
export const locateResult = z.object({
  grid: z.object({ id: z.string(), name: z.string() }),
  village: z.object({ id: z.string(), name: z.string() }),
  town: z.object({ id: z.string(), name: z.string(), townMode: townMode.nullable() }),
  squad: z.object({ id: z.string(), name: z.string() }).nullable(),
});

const domainList = z.array(z.enum(DOMAINS)).max(DOMAINS.length);

/**
 * A PATCH body: every field optional and WITHOUT defaults (zod's .partial() keeps defaults, which would reset the
 * fields a client left out), plus the version the client read (optimistic concurrency).
 */
function patchOf<T extends z.ZodRawShape>(fields: T) {
  return z.strictObject(fields).partial().extend({ version });
}
const code = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_-]+$/, 'code_characters');

export const agency = z.object({
  id: entityId,
  code: z.string(),
  name: z.string(),
  kind: z.enum(['bureau', 'department', 'town_government']),
  mayActInOwnName: z.boolean(),
  townId: z.string().nullable(),
  domains: z.array(z.string()),
  version,
});
const agencyFields = {
  code,
  name: displayName,
  kind: agency.shape.kind,
  mayActInOwnName: z.boolean(),
  townId: regionId.nullable(),
  domains: domainList,
};
export const agencyCreate = z.strictObject({
  ...agencyFields,
  townId: agencyFields.townId.default(null),
  domains: agencyFields.domains.default([]),
});
export const agencyPatch = patchOf(agencyFields);

export const team = z.object({
  id: entityId,
  code: z.string(),
  name: z.string(),
  agencyId: entityId,
  agencyName: z.string().optional(),
  parentId: entityId.nullable(),
  level: z.enum(['team', 'brigade', 'squad']),
  kind: z.enum(['comprehensive', 'professional', 'mobile', 'town', 'dispatched']),
  townId: z.string().nullable(),
  domains: z.array(z.string()),
  version,
});
const teamFields = {
  code,
  name: displayName,
  agencyId: entityId,
  parentId: entityId.nullable(),
  level: team.shape.level,
  kind: team.shape.kind,
  townId: regionId.nullable(),
  domains: domainList,
};
export const teamCreate = z.strictObject({
  ...teamFields,
  parentId: teamFields.parentId.default(null),
  townId: teamFields.townId.default(null),
  domains: teamFields.domains.default([]),
});
export const teamPatch = patchOf(teamFields);

/** Mainland mobile number. */
export const phone = z.string().regex(/^1[3-9]\d{9}$/, 'mobile_phone');
/** GB 11643 resident identity number, checksum verified. */
export const idNumber = z
  .string()
  .regex(/^\d{17}[\dX]$/, 'id_number_format')
  .refine(validIdChecksum, 'id_number_checksum');

export function validIdChecksum(id: string): boolean {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const check = '10X98765432';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * w[i]!;
  return check[sum % 11] === id[17];
}

export const person = z.object({
  id: entityId,
  employeeNo: z.string(),
  name: z.string(),
  gender: z.enum(['male', 'female']).nullable(),
  /** Personal data: masked unless the reader may see it (rule 9). */
  phone: z.string().nullable(),
  /** Personal data: masked unless the reader may see it (rule 9). */
  idNumber: z.string().nullable(),
  role: z.enum(ROLES),
  isAuxiliary: z.boolean(),
  teamId: entityId.nullable(),
  teamName: z.string().nullable().optional(),
  townId: z.string().nullable(),
  gridId: z.string().nullable(),
  active: z.boolean(),
  version,
});
export type Person = z.infer<typeof person>;
const personFields = {
  employeeNo: code,
  name: displayName,
  gender: z.enum(['male', 'female']).nullable(),
  phone: phone.nullable(),
  idNumber: idNumber.nullable(),
  role: z.enum(ROLES),
  isAuxiliary: z.boolean(),
  teamId: entityId.nullable(),
  townId: regionId.nullable(),
  gridId: regionId.nullable(),
  active: z.boolean(),
};
export const personCreate = z.strictObject({
  ...personFields,
  gender: personFields.gender.default(null),
  phone: personFields.phone.default(null),
  idNumber: personFields.idNumber.default(null),
  isAuxiliary: personFields.isAuxiliary.default(false),
  teamId: personFields.teamId.default(null),
  townId: personFields.townId.default(null),
  gridId: personFields.gridId.default(null),
  active: personFields.active.default(true),
});
export const personPatch = patchOf(personFields);
export const personListQuery = pageQuery.extend({
  q: searchText.optional(),
  townId: regionId.optional(),
  teamId: entityId.optional(),
  role: z.enum(ROLES).optional(),
});

export const certificate = z.object({
  id: entityId,
  personId: entityId,
  personName: z.string().optional(),
  number: z.string(),
  domains: z.array(z.string()),
  validFrom: z.string(),
  validTo: z.string(),
  issuer: z.string().nullable(),
  townId: z.string().nullable(),
  version,
});
export const certificateCreate = z
  .strictObject({
    personId: entityId,
    number: z.string().trim().min(4).max(40),
    domains: domainList.min(1),
    validFrom: isoDate,
    validTo: isoDate,
    issuer: z.string().trim().max(60).nullable().default(null),
  })
  .refine((c) => c.validFrom <= c.validTo, { path: ['validTo'], message: 'valid_to_not_before_valid_from' });
export const certificatePatch = z
  .strictObject({
    version,
    number: z.string().trim().min(4).max(40).optional(),
    domains: domainList.min(1).optional(),
    validFrom: isoDate.optional(),
    validTo: isoDate.optional(),
    issuer: z.string().trim().max(60).nullable().optional(),
  })
  .refine((c) => !c.validFrom || !c.validTo || c.validFrom <= c.validTo, {
    path: ['validTo'],
    message: 'valid_to_not_before_valid_from',
  });
export const certificateListQuery = pageQuery.extend({
  q: searchText.optional(),
  personId: entityId.optional(),
  status: z.enum(['valid', 'expired', 'expiring']).optional(),
});

export const listQuery = pageQuery.extend({ q: searchText.optional() });

// ── The map's GeoJSON (GET /api/org/regions/:id/boundary, /api/org/map/towns, /api/org/map/grids) ─────────────────

const outPosition = z.array(z.number());
/** A stored boundary as sent: Polygon or MultiPolygon (checked when it was saved, not again on the way out). */
export const boundaryGeometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(outPosition)) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(outPosition))) }),
]);
export type BoundaryGeometry = z.infer<typeof boundaryGeometry>;

const featureOf = <P extends z.ZodType>(properties: P) =>
  z.object({ type: z.literal('Feature'), id: z.string(), properties, geometry: boundaryGeometry.nullable() });
const collectionOf = <P extends z.ZodType>(properties: P) =>
  z.object({ type: z.literal('FeatureCollection'), features: z.array(featureOf(properties)) });

export const regionFeature = featureOf(
  z.object({ id: z.string(), name: z.string(), level: regionLevel, townId: z.string().nullable() }),
);
export type RegionFeature = z.infer<typeof regionFeature>;

export const townProps = z.object({
  id: z.string(),
  name: z.string(),
  townMode: townMode.nullable(),
  townKind: z.enum(['town', 'street']).nullable(),
});
export type TownProps = z.infer<typeof townProps>;
export const townsMap = collectionOf(townProps);

export const gridProps = z.object({
  id: z.string(),
  name: z.string(),
  villageId: z.string().nullable(),
  townId: z.string().nullable(),
});
export type GridProps = z.infer<typeof gridProps>;
export const gridsMap = collectionOf(gridProps);

/** POST /api/org/import/people | certificates: how many rows were (or, with dryRun, would be) imported. */
export const importResult = z.object({ imported: z.number().int(), dryRun: z.boolean() });
