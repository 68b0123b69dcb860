import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { DomainError } from '@openenforce/domain/errors';
import {
  EVENT_CATEGORIES,
  proposalOf,
  type categoryPatch,
  type EventCategory,
  type EventReport,
} from '@openenforce/domain/events';
import { eventInScope, type DataScope } from '@openenforce/domain/organization';
import type { CatalogService } from '../catalog/index.ts';
import type { RegionDirectory } from '../organization/index.ts';
import type { Actor } from '../platform/audit/index.ts';
import { chinaToday } from '../platform/clock.ts';
import type { Db } from '../platform/db/index.ts';
import type { PlatformDeps } from '../platform/deps.ts';
import { publishLive } from '../platform/notifications/index.ts';
import { eventsRepository as repo, type EventInsert } from './events.repository.ts';
import { eventCategories } from './events.schema.ts';
import { CATEGORIES_CHANNEL, eventNo, hashToken, type Channel, type FeedMessage } from './events.shared.ts';
import { createIntakeBatcher, findDuplicates } from './intake.batch.ts';
import { publicationRule, publicIdFor } from './publication.ts';

/**
 * Intake (SPEC §3): the event categories a county keeps, and a report from any channel — located, routed by the
 * catalog and the jurisdiction engine, checked for duplicates and stored by the group commit (intake.batch.ts).
 * The lifecycle steps that follow are in events.service.ts, which offers these with them.
 */
export function createIntakeService(deps: PlatformDeps, directory: RegionDirectory, catalog: CatalogService) {
  const { database, audit, clock } = deps;
  const db = database.db;
  let categories = new Map<string, EventCategory>(EVENT_CATEGORIES.map((c) => [c.code, c]));
  const batcher = createIntakeBatcher(deps);
  const publication = publicationRule(deps.config);
  let categoryRows = new Map<string, { active: boolean; version: number }>();

  async function loadCategories() {
    await db
      .insert(eventCategories)
      .values(EVENT_CATEGORIES.map((c) => ({ code: c.code, data: c })))
      .onConflictDoNothing();
    const rows = await db.select().from(eventCategories);
    categoryRows = new Map(rows.map((r) => [r.code, { active: r.active, version: r.version }]));
    categories = new Map(rows.filter((r) => r.active).map((r) => [r.code, r.data as EventCategory]));
  }

  function categoryOrThrow(code: string, path = 'body.category'): EventCategory {
    const c = categories.get(code);
    if (!c) throw new DomainError('EVENT_CATEGORY_UNKNOWN', [{ path, rule: 'category_exists' }]);
    return c;
  }

  function locateOrThrow(lng: number, lat: number, path = 'body') {
    const loc = directory.locate(lng, lat);
    if (!loc) throw new DomainError('EVENT_OUTSIDE_COUNTY', [{ path: `${path}.lng`, rule: 'inside_county' }]);
    return loc;
  }

  /** Category → matter (catalog) → jurisdiction at the town (the engine's proposal, with its explanation). */
  async function propose(
    category: EventCategory,
    town: { id: string; townMode: 'empowered' | 'dispatched' | null },
    day: string,
  ) {
    const none = { matterId: null, domain: null, proposal: null };
    if (!category.matterName || !town.townMode) return none;
    const matter = await catalog.matterByName(category.matterName);
    if (!matter) return none;
    const r = await catalog.resolveCached(matter.id, { townId: town.id, townMode: town.townMode }, day);
    const proposal = proposalOf(r);
    // The matter's domain travels with it: the data scope of the agency responsible for the domain (SPEC §2).
    return { matterId: matter.id, domain: matter.domain, proposal };
  }

  async function duplicatesOf(category: EventCategory, lng: number, lat: number, at: Date) {
    const rule = { radiusM: category.duplicateRadiusM, windowHours: category.duplicateWindowHours };
    const [found] = await findDuplicates(db, [{ category: category.code, lng, lat, ...rule }], at);
    return found!;
  }

  async function publish(tx: Db, m: FeedMessage) {
    await publishLive(database, tx, m);
  }

  return {
    loadCategories,
    categories: () => [...categories.values()].map((c) => ({ ...c, version: categoryRows.get(c.code)?.version ?? 1 })),

    /** A county's own deadlines, duplicate window or matter for a category: versioned, audited, reloaded everywhere. */
    async updateCategory(code: string, patch: z.infer<typeof categoryPatch>, actor: Actor) {
      const now = clock.now();
      if (patch.matterName && !(await catalog.matterByName(patch.matterName)))
        throw new DomainError('REFERENCE_INVALID', [{ path: 'body.matterName', rule: 'matter_exists' }]);
      const updated = await db.transaction(async (tx) => {
        const [row] = await tx.select().from(eventCategories).where(eq(eventCategories.code, code)).for('update');
        if (!row) throw new DomainError('NOT_FOUND', [{ path: 'params.code', rule: 'category_exists' }]);
        if (row.version !== patch.version)
          throw new DomainError('CONFLICT_STALE_VERSION', [
            { path: 'body.version', rule: `current_version:${row.version}` },
          ]);
        const { version: _v, active, ...fields } = patch;
        const data = { ...(row.data as EventCategory), ...fields };
        const [saved] = await tx
          .update(eventCategories)
          .set({ data, active: active ?? row.active, version: row.version + 1, updatedAt: now })
          .where(eq(eventCategories.code, code))
          .returning();
        await audit.append(
          tx,
          actor,
          { action: 'event_category.update', entityType: 'event_category', entityId: code, before: row, after: saved },
          now,
        );
        return saved!;
      });
      await database.notify(db, CATEGORIES_CHANNEL, code);
      await loadCategories();
      return { ...(updated.data as EventCategory), active: updated.active, version: updated.version };
    },
    category: (code: string) => categories.get(code),
    categoryOrThrow,

    /** Batch intake (hotline import): the matter and team `report` proposes for a category at a town, today. */
    propose: (category: EventCategory, town: { id: string; townMode: 'empowered' | 'dispatched' | null }) =>
      propose(category, town, chinaToday(clock)),
    /** Batch intake: the open events a report at this point and time duplicates (nearest first). */
    duplicatesAt: (category: EventCategory, lng: number, lat: number, at: Date) => duplicatesOf(category, lng, lat, at),
    /** Batch intake: tell the live feed, inside the caller's transaction. */
    publish: (tx: Db, m: FeedMessage) => publish(tx, m),

    /**
     * Offered before submit: open events of the category within its radius and window that the reporter's scope
     * holds (another town's or another domain's events are not theirs to see, nor to pick as the same problem).
     */
    async duplicates(category: string, lng: number, lat: number, scope: DataScope) {
      const c = categoryOrThrow(category, 'query.category');
      locateOrThrow(lng, lat, 'query');
      const found = await duplicatesOf(c, lng, lat, clock.now());
      return found
        .filter((d) => eventInScope(scope, d))
        .map((d) => ({
          id: d.id,
          no: eventNo(d),
          distanceM: d.distanceM,
          reportedAt: d.reportedAt.toISOString(),
        }));
    },

    /**
     * Intake from any channel: locate (grid, village, town), propose matter and team (jurisdiction), look for a
     * duplicate, store the event with its first timeline row, photos and audit record, and tell the live feed.
     * Idempotent by (source, external id): a repeated delivery returns the event already stored (looked up only
     * when the batch did not store it).
     */
    async report(input: EventReport, ch: Channel) {
      const category = categoryOrThrow(input.category);
      // Not placed: no town, so no jurisdiction proposal and no duplicate search (the point is the county's own).
      const unplaced = ch.locationUnresolved === true;
      const loc = unplaced ? null : locateOrThrow(input.lng, input.lat);
      const now = clock.now();
      const reportedAt = input.occurredAt ? new Date(Math.min(Date.parse(input.occurredAt), now.getTime())) : now;
      // A repeated delivery of (source, external id) is found by the batch's insert (ON CONFLICT DO NOTHING), not
      // by a lookup before it: a statement per delivery saved, and no window between a lookup and the insert.
      const { matterId, domain, proposal } = loc
        ? await propose(category, loc.town, chinaToday(clock))
        : { matterId: null, domain: null, proposal: null };
      const token = ch.citizenToken ? randomBytes(18).toString('base64url') : null;
      const row: EventInsert = {
        id: randomUUID(),
        source: ch.source,
        externalId: input.externalId ?? null,
        category: category.code,
        description: input.description,
        urgency: input.urgency,
        lng: input.lng,
        lat: input.lat,
        address: input.address ?? null,
        locationUnresolved: unplaced,
        mediaUrl: ch.mediaUrl ?? null,
        townId: loc?.town.id ?? null,
        villageId: loc?.village.id ?? null,
        gridId: loc?.grid.id ?? null,
        status: 'reported',
        reportedAt,
        reporterUserId: ch.userId,
        reporterName: input.reporterName ?? ch.actorName ?? null,
        reporterPhone: input.reporterPhone ?? null,
        citizenTokenHash: token ? hashToken(token) : null,
        publicId: publicIdFor(publication, { source: ch.source, category: category.code }),
        // Else the nearest open duplicate, which the batch looks up with the other reports' (intake.batch.ts).
        suggestedMasterId: input.duplicateOf ?? null,
        matterId,
        domain,
        proposal,
        // Set here rather than left to the column defaults: the batch builds the stored row from these values.
        assistingTeamIds: [],
        createdAt: now,
        updatedAt: now,
      };
      // Group commit: written with the reports that arrive meanwhile, in one transaction (intake.batch.ts).
      const stored = await batcher.submit({
        row: { ...row, id: row.id!, category: category.code, lng: input.lng, lat: input.lat },
        step: {
          at: now,
          action: 'report',
          fromStatus: null,
          toStatus: 'reported',
          actorId: ch.actor.id,
          actorRole: ch.actor.role,
          actorName: ch.actorName ?? null,
          teamId: null,
          lng: input.lng,
          lat: input.lat,
          clientIp: ch.actor.clientIp,
          detail: { source: ch.source },
        },
        photoIds: input.photoIds,
        uploader: ch.userId,
        actor: ch.actor,
        duplicateRule: unplaced
          ? null
          : { radiusM: category.duplicateRadiusM, windowHours: category.duplicateWindowHours },
      });
      if (!stored) {
        const existing = await repo.byExternalId(db, ch.source, input.externalId!);
        return { event: existing!, duplicates: [], replay: true, token: null };
      }
      // The nearest duplicate is suggested to the command centre whatever its town; the reporter is offered only the
      // ones their scope holds (machines and citizens: none).
      const offered = ch.scope ? stored.duplicates.filter((d) => eventInScope(ch.scope!, d)) : [];
      return { ...stored, duplicates: offered, replay: false, token };
    },
  };
}

export type IntakeService = ReturnType<typeof createIntakeService>;
