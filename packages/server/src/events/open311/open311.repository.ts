import { and, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { EventStatus } from '@openenforce/domain/events';
import { teamNames } from '../../organization/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { events } from '../events.schema.ts';
import { eventNo } from '../events.service.ts';
import type { RequestRow } from './open311.format.ts';

const master = alias(events, 'master');

/** "SJ20261122000042" → its sequence number (the date part is checked against the row afterwards). */
export function seqOf(no: string): number | null {
  const m = /^SJ(\d{8})(\d{6,15})$/.exec(no);
  return m ? Number(m[2]) : null;
}

export interface RequestFilter {
  /** Sequence numbers of the requested service_request_ids; when given, nothing else filters. */
  seqs?: number[];
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
    seq: master.seq,
    reportedAt: master.reportedAt,
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
    seq: number | null;
    reportedAt: Date | null;
    status: string | null;
    updatedAt: Date | null;
    deadline: Date | null;
    subjectName: string | null;
    teamId: string | null;
  } | null;
};

/** The rows as requests, with the responsible teams' names (the organisation's, read by its function). */
async function toRequestRows(db: Db, rows: Joined[]): Promise<RequestRow[]> {
  const names = await teamNames(
    db,
    rows.flatMap((r) => [r.e.teamId, r.m?.teamId ?? null]),
  );
  return rows.map((r) => toRequestRow(r, (id) => (id ? (names.get(id) ?? null) : null)));
}

function toRequestRow(r: Joined, teamName: (id: string | null) => string | null): RequestRow {
  const m = r.m?.id ? r.m : null;
  return {
    no: eventNo(r.e),
    status: r.e.status as EventStatus,
    source: r.e.source,
    category: r.e.category,
    description: r.e.description,
    address: r.e.address,
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
          no: eventNo({ seq: m.seq!, reportedAt: m.reportedAt! }),
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

export const open311Repository = {
  /** GET requests.json: newest first (index events_reported_at_idx), at most `limit`. */
  async list(db: Db, f: RequestFilter): Promise<RequestRow[]> {
    let where: SQL | undefined;
    if (f.seqs) {
      where = inArray(events.seq, f.seqs.length > 0 ? f.seqs : [-1]);
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
    const rows = await base(db).where(where).orderBy(desc(events.reportedAt), desc(events.seq)).limit(f.limit);
    return toRequestRows(db, rows);
  },

  /** One service request by its number (SJ…), or undefined (the date part must match too). */
  async byNo(db: Db, no: string): Promise<RequestRow | undefined> {
    const seq = seqOf(no);
    if (seq === null || !Number.isSafeInteger(seq)) return undefined;
    const rows = await base(db).where(eq(events.seq, seq));
    const [row] = await toRequestRows(db, rows);
    return row?.no === no ? row : undefined;
  },

  /** The request a citizen token belongs to. */
  async byTokenHash(db: Db, hash: string): Promise<RequestRow | undefined> {
    const rows = await base(db).where(eq(events.citizenTokenHash, hash));
    const [row] = await toRequestRows(db, rows);
    return row;
  },
};
