import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import {
  addPeriod,
  dueAfterPause,
  levelAt,
  minLevel,
  warnAtFraction,
  type ClockSpec,
  type DeadlineLevel,
} from '@openenforce/domain/deadlines';
import type { WorkingCalendar } from '@openenforce/domain/calendar';
import { insertFrom } from '../db/bulk.ts';
import type { Db } from '../db/index.ts';
import { deadlines, type DeadlineRow } from './deadlines.schema.ts';

/*
 * The deadlines API, used inside the caller's transaction (a clock starts, stops or moves with the step that decides
 * it, or not at all). Due times come from the working-day calendar (`addPeriod`: a date past the calendar's data is
 * a CALENDAR_OUT_OF_RANGE error, never a guess). Every function takes `now`: the step's one reading of the clock.
 */

/** What a clock is on: any context's aggregate. */
export interface Subject {
  type: string;
  id: string;
  townId: string | null;
}

export interface StartClock {
  subject: Subject;
  kind: string;
  ruleId: string;
  clock: ClockSpec;
  /** The due time when it is set by hand (a dispatcher's deadline), instead of `clock` from `now`. */
  dueAt?: Date;
  /** Yellow when less than this fraction of start → due remains (default: no yellow), or an explicit instant. */
  warnFraction?: number;
  warnAt?: Date | null;
  /** The level it starts at (a clock restarted past its due time may start red without escalating again). */
  level?: DeadlineLevel;
}

const open = (s: Subject, kind: string) =>
  and(
    eq(deadlines.subjectType, s.type),
    eq(deadlines.subjectId, s.id),
    eq(deadlines.kind, kind),
    isNull(deadlines.metAt),
    isNull(deadlines.stoppedAt),
  );

/** A clock written as it stands (bulk loads of history: the demo year, imports), times already computed. */
export interface ClockRecord {
  subject: Subject;
  kind: string;
  ruleId: string;
  clock: ClockSpec;
  startedAt: Date;
  dueAt: Date;
  warnAt: Date | null;
  level: DeadlineLevel;
}

/** Write many clocks in one statement (set-based), in the caller's transaction. */
export async function insertClocks(tx: Db, clocks: readonly ClockRecord[], now: Date): Promise<void> {
  for (let i = 0; i < clocks.length; i += 10_000) {
    const rows = clocks.slice(i, i + 10_000).map((c) => ({
      subjectType: c.subject.type,
      subjectId: c.subject.id,
      townId: c.subject.townId,
      kind: c.kind,
      ruleId: c.ruleId,
      clockType: c.clock.type,
      period: c.clock.n,
      startedAt: c.startedAt,
      dueAt: c.dueAt,
      warnAt: c.warnAt,
      level: c.level,
      updatedAt: now,
    }));
    await tx.execute(insertFrom(deadlines, rows));
  }
}

/** After the due time moved by `shift` ms: the warning moves with it, and the level comes down if it is no longer due. */
function moved(row: DeadlineRow, dueAt: Date, now: Date) {
  const shift = dueAt.getTime() - row.dueAt.getTime();
  const warnAt = row.warnAt ? new Date(row.warnAt.getTime() + shift) : null;
  return { dueAt, warnAt, level: minLevel(row.level, levelAt({ dueAt, warnAt }, now)) };
}

export function createDeadlines(calendar: () => WorkingCalendar) {
  return {
    /** Start a clock; its due time from the calendar unless set by hand. One open clock per (subject, kind). */
    async start(tx: Db, c: StartClock, now: Date): Promise<DeadlineRow> {
      const dueAt = c.dueAt ?? addPeriod(now, c.clock, calendar());
      const warnAt =
        c.warnAt !== undefined
          ? c.warnAt
          : c.warnFraction !== undefined
            ? warnAtFraction(now, dueAt, c.warnFraction)
            : null;
      const rows = await tx
        .insert(deadlines)
        .values({
          subjectType: c.subject.type,
          subjectId: c.subject.id,
          townId: c.subject.townId,
          kind: c.kind,
          ruleId: c.ruleId,
          clockType: c.clock.type,
          period: c.clock.n,
          startedAt: now,
          dueAt,
          warnAt,
          level: c.level ?? 'none',
          updatedAt: now,
        })
        .returning();
      return rows[0]!;
    },

    /** The clock was met (the work it timed is done): it stops escalating and keeps its record. */
    async meet(tx: Db, s: Subject, kind: string, now: Date): Promise<DeadlineRow | null> {
      const rows = await tx
        .update(deadlines)
        .set({ metAt: now, pausedAt: null, updatedAt: now })
        .where(open(s, kind))
        .returning();
      return rows[0] ?? null;
    },

    /** The clock stops without being met (superseded by a new one, withdrawn). */
    async stop(tx: Db, s: Subject, kind: string, now: Date): Promise<DeadlineRow | null> {
      const rows = await tx
        .update(deadlines)
        .set({ stoppedAt: now, pausedAt: null, updatedAt: now })
        .where(open(s, kind))
        .returning();
      return rows[0] ?? null;
    },

    /** Pause (中止): the time from now until `resume` does not count. A paused clock does not escalate. */
    async pause(tx: Db, s: Subject, kind: string, now: Date): Promise<DeadlineRow | null> {
      const rows = await tx
        .update(deadlines)
        .set({ pausedAt: now, updatedAt: now })
        .where(and(open(s, kind), isNull(deadlines.pausedAt)))
        .returning();
      return rows[0] ?? null;
    },

    /** Resume a paused clock: the due and warning times move on by the time paused, in the clock's unit. */
    async resume(tx: Db, s: Subject, kind: string, now: Date): Promise<DeadlineRow | null> {
      const [row] = await tx
        .select()
        .from(deadlines)
        .where(and(open(s, kind), sql`${deadlines.pausedAt} IS NOT NULL`))
        .for('update');
      if (!row) return null;
      const dueAt = dueAfterPause(row.dueAt, { type: row.clockType }, row.pausedAt!, now, calendar());
      const rows = await tx
        .update(deadlines)
        .set({
          ...moved(row, dueAt, now),
          pausedAt: null,
          pausedMs: row.pausedMs + (now.getTime() - row.pausedAt!.getTime()),
          updatedAt: now,
        })
        .where(eq(deadlines.id, row.id))
        .returning();
      return rows[0]!;
    },

    /** An approved extension of `by` units of the clock (e.g. APL-60): due and warning times move on. */
    async extend(tx: Db, s: Subject, kind: string, by: number, now: Date): Promise<DeadlineRow | null> {
      const [row] = await tx.select().from(deadlines).where(open(s, kind)).for('update');
      if (!row) return null;
      const dueAt = addPeriod(row.dueAt, { type: row.clockType, n: by }, calendar());
      const rows = await tx
        .update(deadlines)
        .set({ ...moved(row, dueAt, now), extendedBy: row.extendedBy + by, updatedAt: now })
        .where(eq(deadlines.id, row.id))
        .returning();
      return rows[0]!;
    },

    /** The subject's open clock of a kind, if any. */
    async open(db: Db, s: Subject, kind: string): Promise<DeadlineRow | null> {
      const rows = await db.select().from(deadlines).where(open(s, kind));
      return rows[0] ?? null;
    },

    /** Every clock of a subject, met and stopped ones too, oldest first. */
    async list(db: Db, s: { type: string; id: string }): Promise<DeadlineRow[]> {
      return (
        db
          .select()
          .from(deadlines)
          .where(and(eq(deadlines.subjectType, s.type), eq(deadlines.subjectId, s.id)))
          // A clock restarted in the same instant follows the one it replaced: closed ones first.
          .orderBy(
            asc(deadlines.startedAt),
            sql`(${deadlines.metAt} IS NULL AND ${deadlines.stoppedAt} IS NULL)`,
            asc(deadlines.id),
          )
      );
    },
  };
}

export type Deadlines = ReturnType<typeof createDeadlines>;
