import { randomUUID } from 'node:crypto';
import {
  applyMatterUpdate,
  LIST_KINDS,
  buildOrgSnapshot,
  checkProposedFine,
  diffVersions,
  matterAsOf,
  recommendFine,
  resolveJurisdiction,
  type MatterCreate,
  type MatterUpdate,
  type MatterVersion,
  type OrgSnapshot,
} from '@openenforce/domain/catalog';
import { DomainError } from '@openenforce/domain/errors';
import type { z } from 'zod';
import type * as cat from '@openenforce/domain/catalog';
import { loadOrgSnapshotRows, type RegionDirectory } from '../organization/index.ts';
import type { Actor } from '../platform/audit/index.ts';
import { chinaToday } from '../platform/clock.ts';
import type { Db } from '../platform/db/index.ts';
import type { PlatformDeps } from '../platform/deps.ts';
import { catalogRepository as repo } from './catalog.repository.ts';
import { coverageOf } from './coverage.ts';

/** NOTIFY channel: the catalog or the organisation changed; cached jurisdiction snapshots are rebuilt. */
export const CATALOG_CHANNEL = 'catalog_changed';

export function createCatalogService(deps: PlatformDeps, directory: RegionDirectory) {
  const { database, audit, clock } = deps;
  const db = database.db;
  let org: Promise<OrgSnapshot> | null = null;
  // Inside a transaction pass it: a first load then reads through it (PGlite's one connection would wait for it).
  const snapshot = (executor: Db = db) => (org ??= loadOrgSnapshotRows(executor).then(buildOrgSnapshot));

  const notFound = () => new DomainError('NOT_FOUND', [{ path: 'params.id', rule: 'matter_exists' }]);

  async function history(id: string, executor: Db = db): Promise<MatterVersion[]> {
    const rows = await repo.versions(executor, id);
    if (rows.length === 0) throw notFound();
    return rows.map((r) => r.data);
  }

  /*
   * Matter versions for the event centre's intake (thousands a second): cached per process. Versions are immutable;
   * a new version invalidates the cache here and, through CATALOG_CHANNEL, in every other process.
   */
  let versionCache = new Map<string, Promise<MatterVersion[]>>();
  let idByName = new Map<string, Promise<{ id: string; domain: string } | null>>();
  const cachedVersions = (id: string, executor: Db = db) => {
    let hit = versionCache.get(id);
    if (!hit) {
      hit = history(id, executor);
      versionCache.set(id, hit);
      hit.catch(() => versionCache.delete(id));
    }
    return hit;
  };
  const changed = async () => {
    versionCache = new Map();
    idByName = new Map();
    await database.notify(database.db, CATALOG_CHANNEL, 'matter');
  };

  return {
    /** Another process changed the organisation or the catalog: rebuild the snapshot and caches on next use. */
    invalidate() {
      org = null;
      versionCache = new Map();
      idByName = new Map();
    },

    /** A matter by its exact name (event categories name their matter): id and domain, cached. */
    matterByName(name: string) {
      let hit = idByName.get(name);
      if (!hit) {
        hit = repo.findByName(db, name);
        idByName.set(name, hit);
      }
      return hit;
    },

    /**
     * The matter version in force on `day`, or null (cached versions). Inside a transaction pass it: a cache miss
     * then reads through it (on PGlite's one connection a read beside an open transaction would wait for it).
     */
    async matterInForce(matterId: string, day: string, executor?: Db) {
      return matterAsOf(await cachedVersions(matterId, executor), day) ?? null;
    },

    /**
     * Jurisdiction for a matter at a town on a day, from cached versions and the shared snapshot (no query once
     * warm). Inside a transaction pass it, as for `matterInForce`.
     */
    async resolveCached(
      matterId: string,
      place: { townId: string; townMode: 'empowered' | 'dispatched' },
      day: string,
      executor?: Db,
    ) {
      return resolveJurisdiction(await cachedVersions(matterId, executor), place, day, await snapshot(executor));
    },

    /** A new matter: version 1, with its date and announcement, audited in the same transaction. */
    async createMatter(body: MatterCreate, actor: Actor) {
      const id = randomUUID();
      const v: MatterVersion = { ...body, matterId: id, version: 1 };
      const now = clock.now();
      await db.transaction(async (tx) => {
        if (v.code && (await repo.codesTaken(tx, [v.code])).size > 0) {
          throw new DomainError('CONFLICT_DUPLICATE', [{ path: 'body.code', rule: 'unique' }]);
        }
        await repo.insertMatter(tx, id, v, actor.id, now);
        await audit.append(tx, actor, { action: 'matter.create', entityType: 'matter', entityId: id, after: v }, now);
      });
      await changed();
      return v;
    },

    /**
     * A change is a new version (history is never overwritten): the client sends the version it read, the date
     * the change takes effect and the announcement that made it.
     */
    async updateMatter(id: string, update: MatterUpdate, actor: Actor) {
      const now = clock.now();
      const saved = await db.transaction(async (tx) => {
        const row = await repo.lockMatter(tx, id);
        if (!row) throw notFound();
        const current = (await repo.latestVersion(tx, id))!;
        const result = applyMatterUpdate(current, update);
        if (!result.ok) {
          const stale = result.details.some((d) => d.rule === 'stale_version');
          const details = result.details.map((d) => ({
            ...d,
            path: `body.${d.path}`,
            ...(stale ? { rule: `current_version:${current.version}` } : {}),
          }));
          throw new DomainError(stale ? 'CONFLICT_STALE_VERSION' : 'VALIDATION_FAILED', details);
        }
        if (
          result.version.code &&
          result.version.code !== current.code &&
          (await repo.codesTaken(tx, [result.version.code])).size > 0
        ) {
          throw new DomainError('CONFLICT_DUPLICATE', [{ path: 'body.code', rule: 'unique' }]);
        }
        await repo.appendVersion(tx, id, result.version, actor.id, now);
        await audit.append(
          tx,
          actor,
          { action: 'matter.version', entityType: 'matter', entityId: id, before: current, after: result.version },
          now,
        );
        return result.version;
      });
      await changed();
      return saved;
    },

    /**
     * Withdraw a town's power over some matters (as counties do): one new version per matter, dated, with the
     * announcement; all or nothing.
     */
    async withdrawTownPower(
      townId: string,
      matterIds: string[],
      effectiveFrom: string,
      announcement: string,
      actor: Actor,
    ) {
      if (directory.get(townId)?.level !== 'town')
        throw new DomainError('REFERENCE_INVALID', [{ path: 'body.townId', rule: 'town_exists' }]);
      const now = clock.now();
      const saved = await db.transaction(async (tx) => {
        const out: MatterVersion[] = [];
        for (const [i, id] of matterIds.entries()) {
          const row = await repo.lockMatter(tx, id);
          if (!row)
            throw new DomainError('REFERENCE_INVALID', [{ path: `body.matterIds.${i}`, rule: 'matter_exists' }]);
          const current = (await repo.latestVersion(tx, id))!;
          const result = applyMatterUpdate(current, {
            version: current.version,
            effectiveFrom,
            announcement,
            townPowers: { ...current.townPowers, [townId]: 'none' },
          });
          if (!result.ok)
            throw new DomainError(
              'VALIDATION_FAILED',
              result.details.map((d) => ({ ...d, path: `body.matterIds.${i}.${d.path}` })),
            );
          await repo.appendVersion(tx, id, result.version, actor.id, now);
          await audit.append(
            tx,
            actor,
            {
              action: 'matter.withdraw_town_power',
              entityType: 'matter',
              entityId: id,
              before: current,
              after: result.version,
            },
            now,
          );
          out.push(result.version);
        }
        return out;
      });
      await changed();
      return saved;
    },

    /** The matter as of a date (default today), with the list of its versions. */
    async getMatter(id: string, asOf: string | undefined) {
      const row = await repo.findMatter(db, id);
      if (!row) throw notFound();
      const versions = await history(id);
      const date = asOf ?? chinaToday(clock);
      const inForce = matterAsOf(versions, date);
      return {
        matter: inForce,
        asOf: date,
        latest: versions.at(-1)!,
        versions: versions.map((v) => ({
          version: v.version,
          effectiveFrom: v.effectiveFrom,
          announcement: v.announcement,
        })),
      };
    },

    /**
     * The public matter page (portal): the version in force today, only if it is published and not withdrawn, and
     * without internal routing (town powers, delegating agency, department and team codes).
     */
    async getPublicMatter(id: string) {
      if (!(await repo.findMatter(db, id))) throw notFound();
      const today = chinaToday(clock);
      const all = await history(id);
      const v = matterAsOf(all, today);
      if (!v || !v.published || v.withdrawn) throw notFound();
      // The dates and announcements of the versions in force so far are public; future ones are not yet.
      const versions = all
        .filter((x) => x.effectiveFrom <= today)
        .map((x) => ({ version: x.version, effectiveFrom: x.effectiveFrom, announcement: x.announcement }));
      const {
        townPowers: _t,
        defaultTownPower: _d,
        delegatingAgency: _a,
        department: _dep,
        professionalTeam: _p,
        ...open
      } = v;
      return { matter: open, asOf: today, versions };
    },

    /** Every version with the fields it changed against the one before. */
    async history(id: string) {
      const versions = await history(id);
      return versions.map((v, i) => ({
        version: v.version,
        effectiveFrom: v.effectiveFrom,
        announcement: v.announcement,
        changes: i === 0 ? [] : diffVersions(versions[i - 1]!, v),
      }));
    },

    search: (o: Parameters<typeof repo.search>[1]) => repo.search(db, o),

    /** Who acts on this matter at this place on this date, in whose name, and why (SPEC §1). */
    async jurisdiction(
      matterId: string,
      place: { townId?: string | undefined; lng?: number | undefined; lat?: number | undefined },
      date: string | undefined,
    ) {
      const townId =
        place.townId ??
        (place.lng !== undefined && place.lat !== undefined
          ? directory.locate(place.lng, place.lat)?.town.id
          : undefined);
      const town = townId ? directory.get(townId) : undefined;
      if (!town || town.level !== 'town' || !town.townMode) {
        throw new DomainError(townId ? 'REFERENCE_INVALID' : 'ORG_POINT_OUTSIDE', [
          { path: place.townId ? 'body.townId' : 'body', rule: 'town_exists' },
        ]);
      }
      const versions = await history(matterId);
      const day = date ?? chinaToday(clock);
      return {
        town: { id: town.id, name: town.name, townMode: town.townMode },
        date: day,
        result: resolveJurisdiction(versions, { townId: town.id, townMode: town.townMode }, day, await snapshot()),
      };
    },

    /** The discretion benchmark applied to a party and facts; optionally checks a proposed fine. */
    async recommend(
      matterId: string,
      date: string | undefined,
      party: z.infer<typeof cat.partyInput>,
      facts: z.infer<typeof cat.factsInput>,
      proposedFen?: number,
    ) {
      const versions = await history(matterId);
      const v = matterAsOf(versions, date ?? chinaToday(clock));
      if (!v) throw new DomainError('CATALOG_JURISDICTION_REFUSED', [{ path: 'body.date', rule: 'JUR-NOT-IN-FORCE' }]);
      const recommendation = recommendFine(v, party, facts);
      return {
        recommendation,
        check: proposedFen === undefined ? null : checkProposedFine(recommendation, proposedFen),
      };
    },

    /** The published lists (首违不罚, 轻微不罚, 告知承诺) as in force on a date, with their matters. */
    async lists(asOf: string | undefined, publishedOnly = false) {
      const date = asOf ?? chinaToday(clock);
      return Promise.all(
        LIST_KINDS.map(async (kind) => {
          const row = await repo.latestList(db, kind, date);
          const found = row
            ? await repo.search(db, { ids: row.matterIds, publishedOnly, offset: 0, limit: 5000 })
            : { items: [] };
          return {
            kind,
            version: row?.version ?? 0,
            effectiveFrom: row?.effectiveFrom ?? null,
            announcement: row?.announcement ?? null,
            matters: found.items,
          };
        }),
      );
    },

    /** A new version of a list: the whole list from its date; the previous versions stay. */
    async publishList(kind: (typeof LIST_KINDS)[number], body: z.infer<typeof cat.listVersionCreate>, actor: Actor) {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const current = await repo.latestList(tx, kind);
        if ((current?.version ?? 0) !== body.baseVersion) {
          throw new DomainError('CONFLICT_STALE_VERSION', [
            { path: 'body.baseVersion', rule: `current_version:${current?.version ?? 0}` },
          ]);
        }
        if (current && body.effectiveFrom < current.effectiveFrom) {
          throw new DomainError('VALIDATION_FAILED', [
            { path: 'body.effectiveFrom', rule: 'effective_from_not_before_previous' },
          ]);
        }
        const ids = [...new Set(body.matterIds)];
        const known = await repo.search(tx, { ids, offset: 0, limit: 5000 });
        const missing = ids.findIndex((id) => !known.items.some((m) => m.id === id));
        if (missing >= 0)
          throw new DomainError('REFERENCE_INVALID', [{ path: `body.matterIds.${missing}`, rule: 'matter_exists' }]);
        const row = {
          id: randomUUID(),
          kind,
          version: (current?.version ?? 0) + 1,
          effectiveFrom: body.effectiveFrom,
          announcement: body.announcement,
          matterIds: ids,
          createdAt: now,
          createdBy: actor.id,
        };
        await repo.insertList(tx, row);
        await audit.append(
          tx,
          actor,
          {
            action: 'matter_list.publish',
            entityType: 'matter_list',
            entityId: `${kind}:${row.version}`,
            before: current ?? null,
            after: row,
          },
          now,
        );
        return row;
      });
    },

    /** Coverage figures the reform reports (seed 002): items and shares per list type, domains, town powers. */
    async coverage(asOf: string | undefined) {
      const versions = await repo.versionsAsOf(db, asOf ?? chinaToday(clock));
      const towns = (await loadOrgSnapshotRows(db)).towns;
      return coverageOf(versions, towns);
    },
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
