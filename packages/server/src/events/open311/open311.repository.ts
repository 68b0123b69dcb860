import { and, desc, eq, gte, inArray, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { isPublished, type EventStatus, type PublicationRule } from '@openenforce/domain/events';
import { teamNames } from '../../organization/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { events } from '../events.schema.ts';
import type { RequestRow } from './open311.format.ts';

const master = alias(events, 'master');

export interface RequestFilter {
  /** The requested service_request_ids (public ids); when given, nothing else filters. */
  publicIds?: string[];
  codes?: string[];
  from: Date;
  to: Date;
  /** open | closed, by the effective status (a merged report's is its master's). */
  status?: ('open' | 'closed')[];
  limit: number;
}

const columns = {
  e: events,
  m: {
    id: master.id,
    publicId: master.publicId,
    source: master.source,
    category: master.category,
    status: master.status,
    updatedAt: master.updatedAt,
    deadline: master.deadline,
    subjectName: master.subjectName,
    teamId: master.teamId,
  },
};

type Joined = {
  e: typeof events.$inferSelect;
  m: {
    id: string | null;
    publicId: string | null;
    source: string | null;
    category: string | null;
    status: string | null;
    updatedAt: Date | null;
    deadline: Date | null;
    subjectName: string | null;
    teamId: string | null;
  } | null;
};

/** The rows as requests, with the responsible teams' names (the organisation's, read by its function). */
async function toRequestRows(db: Db, rows: Joined[], rule: PublicationRule): Promise<RequestRow[]> {
  const names = await teamNames(
    db,
    rows.flatMap((r) => [r.e.teamId, r.m?.teamId ?? null]),
  );
  return rows.map((r) => toRequestRow(r, rule, (id) => (id ? (names.get(id) ?? null) : null)));
}

function toRequestRow(r: Joined, rule: PublicationRule, teamName: (id: string | null) => string | null): RequestRow {
  const m = r.m?.id ? r.m : null;
  return {
    publicId: r.e.publicId!,
    status: r.e.status as EventStatus,
    source: r.e.source,
    category: r.e.category,
    description: r.e.description,
    address: r.e.address,
    mediaUrl: r.e.mediaUrl,
    lng: r.e.lng,
    lat: r.e.lat,
    reportedAt: r.e.reportedAt,
    updatedAt: r.e.updatedAt,
    deadline: r.e.deadline,
    // A merged report is handled under its master: the master's team and subject are responsible.
    teamName: m ? teamName(m.teamId) : teamName(r.e.teamId),
    subjectName: m ? m.subjectName : r.e.subjectName,
    master: m
      ? {
          // The master is named only when it is published itself; else it is "another request".
          publicId: m.publicId && isPublished(rule, { source: m.source!, category: m.category! }) ? m.publicId : null,
          status: m.status as EventStatus,
          updatedAt: m.updatedAt!,
          deadline: m.deadline,
        }
      : null,
  };
}

/** A merged report follows its master's status. */
const EFFECTIVE_STATUS = sql`CASE WHEN ${events.status} = 'merged' AND ${master.id} IS NOT NULL THEN ${master.status} ELSE ${events.status} END`;

function base(db: Db) {
  return db.select(columns).from(events).leftJoin(master, eq(master.id, events.masterId));
}

/**
 * The published events (the publication rule as SQL): a public id (given at intake to what the rule then published)
 * and, the rule as it is now, its source and category — a narrowed setting hides events at once.
 */
function published(rule: PublicationRule): SQL {
  return and(
    isNotNull(events.publicId),
    inArray(events.source, [...rule.sources]),
    rule.categories === null ? undefined : inArray(events.category, [...rule.categories]),
  )!;
}

export const open311Repository = {
  /** GET requests.json: the published events, newest first (index events_public_reported_idx), at most `limit`. */
  async list(db: Db, rule: PublicationRule, f: RequestFilter): Promise<RequestRow[]> {
    let where: SQL | undefined;
    if (f.publicIds) {
      where = inArray(events.publicId, f.publicIds.length > 0 ? f.publicIds : ['']);
    } else {
      const status =
        f.status && f.status.length === 1
          ? f.status[0] === 'closed'
            ? sql`${EFFECTIVE_STATUS} = 'closed'`
            : sql`${EFFECTIVE_STATUS} <> 'closed'`
          : undefined;
      where = and(
        gte(events.reportedAt, f.from),
        lte(events.reportedAt, f.to),
        f.codes ? inArray(events.category, f.codes) : undefined,
        status,
      );
    }
    const rows = await base(db)
      .where(and(published(rule), where))
      .orderBy(desc(events.reportedAt), desc(events.seq))
      .limit(f.limit);
    return toRequestRows(db, rows, rule);
  },

  /** One published service request by its public id, or undefined. */
  async byPublicId(db: Db, rule: PublicationRule, publicId: string): Promise<RequestRow | undefined> {
    const rows = await base(db).where(and(published(rule), eq(events.publicId, publicId)));
    const [row] = await toRequestRows(db, rows, rule);
    return row;
  },

  /**
   * The citizen's own request by their token: its public id while it is published (else null — the token still
   * follows it through /api/public/events/:token).
   */
  async publicIdByTokenHash(
    db: Db,
    rule: PublicationRule,
    hash: string,
  ): Promise<{ publicId: string | null } | undefined> {
    const rows = await db
      .select({ publicId: events.publicId, source: events.source, category: events.category })
      .from(events)
      .where(eq(events.citizenTokenHash, hash));
    const r = rows[0];
    if (!r) return undefined;
    return { publicId: r.publicId && isPublished(rule, r) ? r.publicId : null };
  },
};
