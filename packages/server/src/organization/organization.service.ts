import { and, eq, gte, isNotNull, lt, lte, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { DomainError } from '@openenforce/domain/errors';
import { centroidOf, type PolygonGeometry } from '@openenforce/domain/geo';
import { EXPIRING_WITHIN_DAYS, levelBelow, type DataScope } from '@openenforce/domain/organization';
import type * as contract from '@openenforce/domain/organization';
import type { Actor } from '../platform/audit/index.ts';
import { chinaToday } from '../platform/clock.ts';
import type { PlatformDeps } from '../platform/deps.ts';
import type { Db } from '../platform/db/index.ts';
import { certificates, people, regions, teams } from './organization.schema.ts';
import { assertWritableTown } from './organization.policy.ts';
import {
  getEntity,
  insertEntity,
  listEntities,
  personalDataOf,
  scopeCondition,
  specs,
  updateEntity,
  type EntitySpec,
  type ListOptions,
} from './organization.tables.ts';
import type { RegionDirectory } from './region-directory.ts';

type Spec = EntitySpec<PgTable>;

/** Regions as a GeoJSON FeatureCollection, in id order. */
async function featureCollection<P>(db: Db, where: SQL, props: (r: typeof regions.$inferSelect) => P) {
  const rows = await db.select().from(regions).where(where).orderBy(regions.id);
  return {
    type: 'FeatureCollection' as const,
    features: rows.map((x) => ({ type: 'Feature' as const, id: x.id, properties: props(x), geometry: x.boundary })),
  };
}

/** NOTIFY channel: the region directory changed; every server process reloads its copy. */
export const DIRECTORY_CHANNEL = 'org_directory_changed';

export function createOrganizationService(deps: PlatformDeps, directory: RegionDirectory) {
  const { database, audit, clock } = deps;
  const db = database.db;

  async function getOrThrow(tx: Db, s: Spec, scope: DataScope, id: string, forUpdate = false) {
    const row = await getEntity(tx, s, scope, id, forUpdate);
    if (!row) throw new DomainError('NOT_FOUND', [{ path: 'params.id', rule: `${s.type}_in_scope` }]);
    return row as Record<string, unknown>;
  }

  /** Regions and teams feed the in-memory directory: reload it here, and tell the other server processes. */
  async function refreshDirectory(s: Spec) {
    if (s.type !== 'region' && s.type !== 'team') return;
    await directory.load(db);
    await database.notify(db, DIRECTORY_CHANNEL, s.type);
  }

  /** Create: scope check, insert, audit — one transaction. */
  async function create(s: Spec, scope: DataScope, values: Record<string, unknown>, actor: Actor) {
    assertWritableTown(scope, values.townId as string | null, 'body.townId');
    const now = clock.now();
    const row = await db.transaction(async (tx) => {
      const row = await insertEntity(tx, s, values as never);
      await audit.append(
        tx,
        actor,
        {
          action: `${s.type}.create`,
          entityType: s.type,
          entityId: String(row.id),
          after: row,
          ...personalDataOf(s, String(row.id)),
        },
        now,
      );
      return row as Record<string, unknown>;
    });
    await refreshDirectory(s);
    return row;
  }

  /** Update with the version the client read; a stale version is a 409, never a silent overwrite. */
  async function update(
    s: Spec,
    scope: DataScope,
    id: string,
    patch: { version: number } & Record<string, unknown>,
    actor: Actor,
  ) {
    const { version, ...changes } = patch;
    if ('townId' in changes) assertWritableTown(scope, changes.townId as string | null, 'body.townId');
    const now = clock.now();
    const row = await db.transaction(async (tx) => {
      const before = await getOrThrow(tx, s, scope, id, true);
      const after = await updateEntity(tx, s, id, version, changes as never, now);
      if (!after) {
        throw new DomainError('CONFLICT_STALE_VERSION', [
          { path: 'body.version', rule: `current_version:${String(before.version)}` },
        ]);
      }
      await audit.append(
        tx,
        actor,
        { action: `${s.type}.update`, entityType: s.type, entityId: id, before, after, ...personalDataOf(s, id) },
        now,
      );
      return after as Record<string, unknown>;
    });
    await refreshDirectory(s);
    return row;
  }

  const list = (s: Spec, scope: DataScope, o: ListOptions) => listEntities(db, s, scope, o);

  function assertTown(townId: unknown) {
    if (typeof townId === 'string' && directory.get(townId)?.level !== 'town') {
      throw new DomainError('REFERENCE_INVALID', [{ path: 'body.townId', rule: 'town_exists' }]);
    }
  }

  /**
   * A boundary must lie in its parent's and must not cover another region of its level: the point → grid lookup has
   * to give one answer. Checked at the boundary's interior point (its centroid), which catches a region drawn in
   * the wrong town or on top of a neighbour; exact polygon overlay is left to GIS tools.
   */
  function assertFits(
    id: string,
    level: 'county' | 'town' | 'village' | 'grid',
    parentId: string | null,
    boundary: PolygonGeometry,
  ) {
    const [lng, lat] = centroidOf(boundary);
    const other = directory.sameLevelAt(level, lng, lat, id);
    if (other) throw new DomainError('VALIDATION_FAILED', [{ path: 'body.boundary', rule: `overlaps:${other}` }]);
    if (parentId && directory.contains(parentId, lng, lat) === false) {
      throw new DomainError('VALIDATION_FAILED', [{ path: 'body.boundary', rule: `outside_parent:${parentId}` }]);
    }
  }

  async function personRefs(p: { townId: string | null; gridId: string | null; teamId: string | null }) {
    assertTown(p.townId);
    if (p.gridId) {
      const grid = directory.get(p.gridId);
      if (grid?.level !== 'grid')
        throw new DomainError('REFERENCE_INVALID', [{ path: 'body.gridId', rule: 'grid_exists' }]);
      if (grid.townId !== p.townId)
        throw new DomainError('VALIDATION_FAILED', [{ path: 'body.gridId', rule: 'grid_in_town' }]);
    }
    if (!p.teamId) return { agencyId: null };
    const [team] = await db
      .select({ townId: teams.townId, agencyId: teams.agencyId })
      .from(teams)
      .where(eq(teams.id, p.teamId));
    if (!team) throw new DomainError('REFERENCE_INVALID', [{ path: 'body.teamId', rule: 'team_exists' }]);
    if (team.townId && team.townId !== p.townId)
      throw new DomainError('VALIDATION_FAILED', [{ path: 'body.teamId', rule: 'team_in_town' }]);
    return { agencyId: team.agencyId };
  }

  return {
    list,
    get: (s: Spec, scope: DataScope, id: string) => getOrThrow(db, s, scope, id),

    /** Every town's boundary: the outline of the county that every map draws (names and modes are public). */
    townBoundaries: () =>
      featureCollection(db, eq(regions.level, 'town'), (x) => ({
        id: x.id,
        name: x.name,
        townMode: x.townMode,
        townKind: x.townKind,
      })),

    /**
     * Grid boundaries within the reader's scope, of one town when asked (another town's, for a town user: none).
     * Grids drawn without a boundary have nothing to show on a map.
     */
    gridBoundaries: (scope: DataScope, townId: string | undefined) =>
      featureCollection(
        db,
        and(
          eq(regions.level, 'grid'),
          isNotNull(regions.boundary),
          scopeCondition(specs.region as Spec, scope),
          townId ? eq(regions.townId, townId) : undefined,
        )!,
        (x) => ({ id: x.id, name: x.name, villageId: x.parentId, townId: x.townId }),
      ),
    create,
    update,

    listRegions(scope: DataScope, q: z.infer<typeof contract.regionListQuery>) {
      const filters: (SQL | undefined)[] = [
        q.level ? eq(regions.level, q.level) : undefined,
        q.parentId ? eq(regions.parentId, q.parentId) : undefined,
        q.townId ? eq(regions.townId, q.townId) : undefined,
      ];
      return list(specs.region as Spec, scope, { ...q, filters });
    },

    /** A region under an existing parent one level up; its town (scope) is its own id for towns, else the parent's. */
    async createRegion(scope: DataScope, body: z.infer<typeof contract.regionCreate>, actor: Actor) {
      const parent = directory.get(body.parentId);
      if (!parent || parent.level === 'grid')
        throw new DomainError('REFERENCE_INVALID', [{ path: 'body.parentId', rule: 'parent_region_exists' }]);
      if (levelBelow(parent.level) !== body.level) {
        throw new DomainError('VALIDATION_FAILED', [
          { path: 'body.level', rule: `level_below_parent:${levelBelow(parent.level)}` },
        ]);
      }
      const townId = body.level === 'town' ? body.id : parent.townId;
      if (body.boundary) assertFits(body.id, body.level, body.parentId, body.boundary);
      return create(specs.region as Spec, scope, { ...body, townId, ...centroidColumns(body.boundary) }, actor);
    },

    async updateRegion(scope: DataScope, id: string, patch: z.infer<typeof contract.regionPatch>, actor: Actor) {
      const region = directory.get(id);
      if (patch.townMode !== undefined && region && region.level !== 'town') {
        throw new DomainError('VALIDATION_FAILED', [{ path: 'body.townMode', rule: 'town_mode_only_for_towns' }]);
      }
      if (patch.boundary && region) assertFits(id, region.level, region.parentId, patch.boundary);
      const geometry = patch.boundary === undefined ? {} : centroidColumns(patch.boundary);
      return update(specs.region as Spec, scope, id, { ...patch, ...geometry }, actor);
    },

    listPeople(scope: DataScope, q: z.infer<typeof contract.personListQuery>) {
      const filters = [
        q.townId ? eq(people.townId, q.townId) : undefined,
        q.teamId ? eq(people.teamId, q.teamId) : undefined,
        q.role ? eq(people.role, q.role) : undefined,
      ];
      return list(specs.person as Spec, scope, { ...q, filters });
    },

    listCertificates(scope: DataScope, q: z.infer<typeof contract.certificateListQuery>) {
      const today = chinaToday(clock);
      const soon = addDays(today, EXPIRING_WITHIN_DAYS);
      const status: Record<string, SQL | undefined> = {
        valid: and(lte(certificates.validFrom, today), gte(certificates.validTo, today)),
        expired: lt(certificates.validTo, today),
        expiring: and(gte(certificates.validTo, today), lte(certificates.validTo, soon)),
      };
      const filters = [
        q.personId ? eq(certificates.personId, q.personId) : undefined,
        q.status ? status[q.status] : undefined,
      ];
      return list(specs.certificate as Spec, scope, { ...q, filters });
    },

    /** A certificate belongs to its holder's town (data scope follows the person). */
    async createCertificate(scope: DataScope, body: z.infer<typeof contract.certificateCreate>, actor: Actor) {
      const person = await getOrThrow(db, specs.person as Spec, scope, body.personId);
      if (person.isAuxiliary)
        throw new DomainError('VALIDATION_FAILED', [
          { path: 'body.personId', rule: 'ZJ-30: auxiliaries_hold_no_certificate' },
        ]);
      return create(specs.certificate as Spec, scope, { ...body, townId: person.townId }, actor);
    },

    /** A team's or agency's town must exist and be a town. */
    async assertTeamRefs(body: Record<string, unknown>) {
      assertTown(body.townId);
    },

    /**
     * A person's town is a town; their grid lies in that town; their team (if it belongs to a town) is in that town.
     * The agency follows the team. Applied to the record as it will be after the write (create, or row + patch).
     */
    async createPerson(scope: DataScope, body: z.infer<typeof contract.personCreate>, actor: Actor) {
      return create(specs.person as Spec, scope, { ...body, ...(await personRefs(body)) }, actor);
    },

    async updatePerson(scope: DataScope, id: string, patch: z.infer<typeof contract.personPatch>, actor: Actor) {
      const current = await getOrThrow(db, specs.person as Spec, scope, id);
      const merged = { ...current, ...patch } as {
        townId: string | null;
        gridId: string | null;
        teamId: string | null;
      };
      const derived = 'teamId' in patch || 'townId' in patch || 'gridId' in patch ? await personRefs(merged) : {};
      return update(specs.person as Spec, scope, id, { ...patch, ...derived }, actor);
    },
  };
}

export type OrganizationService = ReturnType<typeof createOrganizationService>;

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

function centroidColumns(boundary: PolygonGeometry | null) {
  if (!boundary) return { centroidLng: null, centroidLat: null };
  const [lng, lat] = centroidOf(boundary);
  return { centroidLng: lng, centroidLat: lat };
}
