import type { ClockEffects } from '@openenforce/domain/workflow';
import type { Db } from '../db/index.ts';
import type { Deadlines, Subject } from '../deadlines/index.ts';

/*
 * A procedure row's clocks, applied by the stepper in the step's transaction with the step's instant: the rows say
 * which clocks a step starts, meets, pauses, resumes or extends (ADR 0003), so no context writes that bookkeeping by
 * hand. What a row cannot know — the amount of an approved extension, a due time the step computes — the context's
 * `apply` says (`ClockValues`).
 */

/** What the step's `apply` adds to its row's clocks. */
export interface ClockValues {
  /** The approved extension, in the clock's unit, for every kind the row extends. */
  extendBy?: number;
  /** Due times the step computed, for started clocks whose row fixes no period. */
  dueAt?: Readonly<Record<string, Date>>;
  /**
   * Kinds whose due time cannot be computed (TIME-4: the period reaches a year without calendar data). They are not
   * started or extended here — an open clock of the kind is stopped — and the context keeps them flagged, never
   * guessed, until the calendar has the year.
   */
  unresolved?: readonly string[];
}

/** How a record's clocks are kept: the platform's deadlines, the record as their subject, the default warning. */
export interface RecordClocks<Row> {
  deadlines: Deadlines;
  subject(row: Row): Subject;
  /** Yellow when less than this fraction of the period remains (a row's own `warnFraction` wins). */
  warnFraction: number;
}

/** One clock change, as the step's audit record lists it. */
export interface ClockChange {
  kind: string;
  op: 'start' | 'meet' | 'pause' | 'resume' | 'extend' | 'unresolved';
  dueAt?: string;
}

/**
 * Apply a row's clock effects in order — meet, pause, resume, extend, then start (a clock started afresh replaces an
 * open one of its kind) — and say what changed. A row that needs a value its step did not give is a programming
 * error, not a client's: it throws a plain Error (500), never a refusal.
 */
export async function applyClocks<Row>(
  tx: Db,
  spec: RecordClocks<Row> | undefined,
  row: Row,
  effects: ClockEffects | undefined,
  values: ClockValues | undefined,
  now: Date,
): Promise<ClockChange[]> {
  if (!effects) return [];
  if (!spec) throw new Error('the procedure declares clocks but the aggregate keeps none (AggregateSpec.clocks)');
  const { deadlines } = spec;
  const subject = spec.subject(row);
  const changes: ClockChange[] = [];
  const note = (kind: string, op: ClockChange['op'], r: { dueAt: Date } | null) => {
    if (r) changes.push({ kind, op, dueAt: r.dueAt.toISOString() });
  };
  for (const kind of effects.stop ?? []) note(kind, 'meet', await deadlines.meet(tx, subject, kind, now));
  for (const kind of effects.pause ?? []) note(kind, 'pause', await deadlines.pause(tx, subject, kind, now));
  for (const kind of effects.resume ?? []) note(kind, 'resume', await deadlines.resume(tx, subject, kind, now));
  const unresolved = new Set(values?.unresolved ?? []);
  for (const kind of unresolved) {
    await deadlines.stop(tx, subject, kind, now);
    changes.push({ kind, op: 'unresolved' });
  }
  for (const kind of effects.extend ?? []) {
    if (unresolved.has(kind)) continue;
    if (values?.extendBy === undefined) throw new Error(`clock ${kind}: the step extends it without an amount`);
    note(kind, 'extend', await deadlines.extend(tx, subject, kind, values.extendBy, now));
  }
  for (const c of effects.start ?? []) {
    if (unresolved.has(c.kind)) continue;
    const dueAt = values?.dueAt?.[c.kind];
    if (dueAt === undefined && (c.clock === undefined || c.amount === undefined))
      throw new Error(`clock ${c.kind}: the row fixes no period and the step gave no due time`);
    await deadlines.stop(tx, subject, c.kind, now);
    const started = await deadlines.start(
      tx,
      {
        subject,
        kind: c.kind,
        ruleId: c.rule,
        clock: { type: c.clock ?? 'calendar_days', n: c.amount ?? 0 },
        ...(dueAt !== undefined ? { dueAt } : {}),
        warnFraction: c.warnFraction ?? spec.warnFraction,
      },
      now,
    );
    note(c.kind, 'start', started);
  }
  return changes;
}
