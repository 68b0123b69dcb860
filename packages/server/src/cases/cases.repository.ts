import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { CaseListQuery, CaseSettings } from '@openenforce/domain/cases';
import { CHINA_TIME_ZONE, chinaDate, chinaMidnight } from '@openenforce/domain/common';
import { DomainError } from '@openenforce/domain/errors';
import { scopeTown, type DataScope } from '@openenforce/domain/organization';
import { atLevelSql, deadlines, instant, RUNNING_CLOCK } from '../platform/deadlines/index.ts';
import { likeEscape, type Db } from '../platform/db/index.ts';
import { files } from '../platform/files/index.ts';
import { caseAgencySettings, caseFiles, cases, caseSteps } from './cases.schema.ts';
import type { FlaggedClock } from './facts.ts';

export type CaseRow = typeof cases.$inferSelect;
export type CaseInsert = typeof cases.$inferInsert;
/** A case as the stepper holds it: the row and its agency's settings (what `caseFacts` needs besides the calendar). */
export type CaseRecord = CaseRow & { agencySettings: Partial<CaseSettings> | null };

/** The subject type of a case's clocks on the platform's deadlines. */
export const CASE_SUBJECT = 'case';

/**
 * Data scope (SPEC §2) as SQL, on every read and lock of cases, by id too (404, as if absent): a town user sees the
 * cases of acts in the town; a county department's staff those of its domains; county users every case.
 */
export function scopeOfCases(scope: DataScope): SQL | undefined {
  const town = scopeTown(scope);
  if (scope.kind !== 'agency') return town === null ? undefined : eq(cases.townId, town);
  return and(
    town === null ? undefined : eq(cases.townId, town),
    scope.domains.length === 0 ? sql`false` : inArray(cases.domain, [...scope.domains]),
  );
}

const clocksOf = sql`${deadlines.subjectType} = ${CASE_SUBJECT} AND ${deadlines.subjectId} = ${cases.id}::text`;
const CLOCK = { dueAt: sql`${deadlines.dueAt}`, warnAt: sql`${deadlines.warnAt}`, running: RUNNING_CLOCK };
const CHINA = sql.raw(`'${CHINA_TIME_ZONE}'`);

/** The list's keyset: opened_at and id, newest first. A forged cursor is a 400 naming the field. */
function cursorKey(cursor: string | undefined): { at: string; id: string } | undefined {
  if (!cursor) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([0-9a-f-]{36})$/.exec(text);
  if (!m || Number.isNaN(Date.parse(m[1]!)))
    throw new DomainError('VALIDATION_FAILED', [{ path: 'query.cursor', rule: 'cursor' }]);
  return { at: m[1]!, id: m[2]! };
}
const cursorOf = (r: { openedAt: Date; id: string }) =>
  Buffer.from(`${r.openedAt.toISOString()}|${r.id}`, 'utf8').toString('base64url');

/** What a list row carries besides the case: its most urgent running clock. */
export type CaseListRow = CaseRow & { nextDueAt: Date | null; colour: 'none' | 'yellow' | 'red' };

export const casesRepository = {
  async insert(tx: Db, row: CaseInsert): Promise<CaseRow> {
    const [saved] = await tx.insert(cases).values(row).returning();
    return saved!;
  },

  /** The case with its agency's settings, within scope; locked for a step when `lock`. */
  async record(db: Db, id: string, scope: DataScope, lock = false): Promise<CaseRecord | undefined> {
    const q = db
      .select({ c: cases, settings: caseAgencySettings.settings })
      .from(cases)
      .leftJoin(caseAgencySettings, eq(caseAgencySettings.agencyId, cases.agencyId))
      .where(and(eq(cases.id, id), scopeOfCases(scope)));
    const rows = lock ? await q.for('update', { of: cases }) : await q;
    const r = rows[0];
    return r ? { ...r.c, agencySettings: r.settings } : undefined;
  },

  /** Write a step's change and bump the version; the record as it now is. */
  async save(tx: Db, id: string, set: Partial<CaseInsert>): Promise<CaseRecord> {
    const [row] = await tx
      .update(cases)
      .set({ ...set, version: sql`${cases.version} + 1` })
      .where(eq(cases.id, id))
      .returning();
    const [s] = await tx
      .select({ settings: caseAgencySettings.settings })
      .from(caseAgencySettings)
      .where(eq(caseAgencySettings.agencyId, row!.agencyId));
    return { ...row!, agencySettings: s?.settings ?? null };
  },

  /** The case's flagged clocks (TIME-4), written beside the step that flagged them. */
  async setFlagged(tx: Db, id: string, flagged: FlaggedClock[]): Promise<CaseRow> {
    const [row] = await tx.update(cases).set({ flaggedClocks: flagged }).where(eq(cases.id, id)).returning();
    return row!;
  },

  /** The agency's case configuration (number pattern, abbreviation, settings), or undefined for the defaults. */
  async agencySettings(db: Db, agencyId: string) {
    const rows = await db.select().from(caseAgencySettings).where(eq(caseAgencySettings.agencyId, agencyId));
    return rows[0];
  },

  async byEvent(db: Db, eventId: string) {
    const rows = await db.select().from(cases).where(eq(cases.sourceEventId, eventId));
    return rows[0];
  },

  async timeline(db: Db, id: string) {
    return db.select().from(caseSteps).where(eq(caseSteps.subjectId, id)).orderBy(asc(caseSteps.id));
  },

  /** The evidence register's files (capture time and place from the file's metadata). */
  async evidenceFiles(db: Db, id: string) {
    return db
      .select({
        id: files.id,
        mime: files.mime,
        bytes: files.bytes,
        capturedAt: files.capturedAt,
        stepId: caseFiles.stepId,
      })
      .from(caseFiles)
      .innerJoin(files, eq(files.id, caseFiles.fileId))
      .where(eq(caseFiles.ownerId, id));
  },

  /** A page of cases within scope, newest first, with the most urgent running clock of each. */
  async list(
    db: Db,
    scope: DataScope,
    q: CaseListQuery,
    user: { personId: string | null; teamIds: readonly string[] },
    now: Date,
  ): Promise<{ items: CaseListRow[]; nextCursor: string | null }> {
    const after = cursorKey(q.cursor);
    const at = instant(now);
    const colourOf = (level: 'yellow' | 'red') =>
      sql`EXISTS (SELECT 1 FROM ${deadlines} WHERE ${clocksOf} AND ${atLevelSql(level, CLOCK, at)})`;
    const where = and(
      scopeOfCases(scope),
      q.status ? eq(cases.status, q.status) : undefined,
      q.procedure ? eq(cases.procedure, q.procedure) : undefined,
      q.teamId ? eq(cases.teamId, q.teamId) : undefined,
      q.matterId ? eq(cases.matterId, q.matterId) : undefined,
      q.party ? sql`${cases.partyName} ILIKE ${`%${likeEscape(q.party)}%`}` : undefined,
      q.q
        ? or(
            sql`${cases.number} ILIKE ${`%${likeEscape(q.q)}%`}`,
            sql`${cases.summary} ILIKE ${`%${likeEscape(q.q)}%`}`,
            sql`${cases.partyName} ILIKE ${`%${likeEscape(q.q)}%`}`,
            sql`${cases.matterName} ILIKE ${`%${likeEscape(q.q)}%`}`,
          )
        : undefined,
      q.colour === 'red'
        ? colourOf('red')
        : q.colour === 'yellow'
          ? colourOf('yellow')
          : q.colour === 'none'
            ? sql`NOT ${colourOf('red')} AND NOT ${colourOf('yellow')}`
            : undefined,
      queueCondition(q.queue, user, now),
      after ? sql`(${cases.openedAt}, ${cases.id}) < (${after.at}::timestamptz, ${after.id}::uuid)` : undefined,
    );
    const rows = await db
      .select({
        c: cases,
        nextDueAt: sql<
          string | null
        >`(SELECT min(${deadlines.dueAt}) FROM ${deadlines} WHERE ${clocksOf} AND ${RUNNING_CLOCK})`,
        red: sql<boolean>`${colourOf('red')}`,
        yellow: sql<boolean>`${colourOf('yellow')}`,
      })
      .from(cases)
      .where(where)
      .orderBy(desc(cases.openedAt), desc(cases.id))
      .limit(q.limit + 1);
    const items = rows.slice(0, q.limit).map((r) => ({
      ...r.c,
      nextDueAt: r.nextDueAt ? new Date(r.nextDueAt) : null,
      colour: r.red ? ('red' as const) : r.yellow ? ('yellow' as const) : ('none' as const),
    }));
    return { items, nextCursor: rows.length > q.limit ? cursorOf(items[items.length - 1]!) : null };
  },
};

/** The China midnight that ends `now`'s China day. */
const endOfChinaDay = (now: Date) => new Date(chinaMidnight(chinaDate(now)).getTime() + 86_400_000);

/** The queues of issue 10 §9 as conditions (the states each role's work waits in; clocks at their level `now`). */
function queueCondition(
  queue: CaseListQuery['queue'],
  user: { personId: string | null; teamIds: readonly string[] },
  now: Date,
): SQL | undefined {
  const open = sql`${cases.status} NOT IN ('closed', 'archived', 'not_filed', 'transferred')`;
  switch (queue) {
    case 'mine': {
      const byPerson = user.personId ? sql`${cases.investigatorIds} @> ARRAY[${user.personId}]::uuid[]` : sql`false`;
      const byTeam =
        user.teamIds.length > 0
          ? sql`(${cases.teamId} IN ${user.teamIds} AND ${cases.investigatorIds} = '{}')`
          : sql`false`;
      return and(open, or(byPerson, byTeam));
    }
    case 'approve':
      return inArray(cases.status, ['filing_pending', 'decision_pending', 'transfer_pending']);
    case 'review':
      return and(
        inArray(cases.status, ['deliberating']),
        sql`coalesce(${cases.facts}->>'legalReview', 'none') = 'none'`,
      );
    case 'hearings_week':
      return and(
        eq(cases.status, 'hearing'),
        sql`(${cases.facts}->'hearing'->>'scheduledFor') BETWEEN to_char(${instant(now)} AT TIME ZONE ${CHINA}, 'YYYY-MM-DD') AND to_char((${instant(now)} + interval '7 days') AT TIME ZONE ${CHINA}, 'YYYY-MM-DD')`,
      );
    case 'due_today':
      // Due today: the period's last day is today (its due instant is the China midnight that ends today).
      return sql`EXISTS (SELECT 1 FROM ${deadlines} WHERE ${clocksOf} AND ${RUNNING_CLOCK} AND ${deadlines.dueAt} > ${instant(now)} AND ${deadlines.dueAt} <= ${instant(endOfChinaDay(now))})`;
    case 'overdue':
      return sql`EXISTS (SELECT 1 FROM ${deadlines} WHERE ${clocksOf} AND ${RUNNING_CLOCK} AND ${deadlines.dueAt} <= ${instant(now)})`;
    default:
      return undefined;
  }
}
