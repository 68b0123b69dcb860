import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { WorkingCalendar } from '@openenforce/domain/calendar';
import {
  CASE_CLOCK_KINDS,
  caseClockDue,
  caseClockRules,
  caseSettings,
  daysLeft,
  type CaseClockKind,
  type CaseClockView,
  type CaseFacts,
  type CaseSettings,
  type CaseStepInput,
} from '@openenforce/domain/cases';
import { chinaDate } from '@openenforce/domain/common';
import { levelAt } from '@openenforce/domain/deadlines';
import type { ClockEffects } from '@openenforce/domain/workflow';
import type { Db } from '../platform/db/index.ts';
import { deadlines, type DeadlineRow, type Deadlines, type Subject } from '../platform/deadlines/index.ts';
import type { ClockValues } from '../platform/workflow/index.ts';
import { caseAgencySettings, cases } from './cases.schema.ts';
import { CASE_SUBJECT } from './cases.repository.ts';
import type { FlaggedClock } from './facts.ts';

/*
 * A case's statutory clocks (issue 10 §5) on the platform's deadlines. The procedure's rows say which clocks a step
 * starts, meets, pauses and extends; here each started clock gets its due time from the domain (`caseClockDue`: the
 * unit per TIME-1, the roll-over per the agency's TIME-2 setting, months per 民法典 art. 202). A due time the calendar
 * cannot give (TIME-4: a year without data) is never guessed: the clock is kept flagged on the case and started on
 * the deadlines by `recomputeCaseClocks` once the calendar has the year.
 */

const isCaseClock = (k: string): k is CaseClockKind => (CASE_CLOCK_KINDS as readonly string[]).includes(k);

/** The actions whose approved `days` extend the clocks their row extends (APL-60, APL-67 deferral, ACL-25). */
function extensionDays(input: CaseStepInput): number | undefined {
  if (input.action === 'approve_extension' || input.action === 'approve_deferral' || input.action === 'extend_seizure')
    return input.days;
  return undefined;
}

/**
 * What the stepper needs for a step's clocks (due times, the extension, the kinds it cannot compute), and the case's
 * flagged clocks after it. Runs inside the step's transaction, before the clocks are applied.
 */
export async function planClocks(
  tx: Db,
  dl: Deadlines,
  subject: Subject,
  effects: ClockEffects,
  facts: CaseFacts,
  input: CaseStepInput,
  now: Date,
  flaggedBefore: readonly FlaggedClock[],
): Promise<{ values: ClockValues; flagged: FlaggedClock[] }> {
  const ended = new Set([...(effects.stop ?? []), ...(effects.start ?? []).map((c) => c.kind)]);
  let flagged = flaggedBefore.filter((f) => !ended.has(f.kind));
  const dueAt: Record<string, Date> = {};
  const unresolved: string[] = [];
  for (const c of effects.start ?? []) {
    if (!isCaseClock(c.kind)) continue;
    const due = caseClockDue(c.kind, now, facts.calendar, facts.settings);
    if (due.ok) dueAt[c.kind] = due.dueAt;
    else {
      unresolved.push(c.kind);
      flagged.push({ kind: c.kind, rule: c.rule, startedAt: now.toISOString(), extraDays: 0, reason: due.reason });
    }
  }
  const extendBy = extensionDays(input);
  for (const kind of effects.extend ?? []) {
    if (!isCaseClock(kind) || extendBy === undefined) continue;
    const held = flagged.find((f) => f.kind === kind);
    if (held) {
      // A flagged clock keeps its extensions until it can be computed.
      flagged = flagged.map((f) => (f === held ? { ...f, extraDays: f.extraDays + extendBy } : f));
      unresolved.push(kind);
      continue;
    }
    const open = await dl.open(tx, subject, kind);
    if (!open) continue;
    const due = caseClockDue(kind, open.startedAt, facts.calendar, facts.settings, open.extendedBy + extendBy);
    if (!due.ok) {
      unresolved.push(kind);
      flagged.push({
        kind,
        rule: open.ruleId,
        startedAt: open.startedAt.toISOString(),
        extraDays: open.extendedBy + extendBy,
        reason: due.reason,
      });
    }
  }
  return {
    values: {
      dueAt,
      ...(extendBy !== undefined ? { extendBy } : {}),
      ...(unresolved.length > 0 ? { unresolved } : {}),
    },
    flagged,
  };
}

/** The case's running clocks as its detail shows them: rule, start, period, unit, due, days left, level, flag. */
export function clockViews(
  rows: readonly DeadlineRow[],
  flagged: readonly FlaggedClock[],
  settings: CaseSettings,
  now: Date,
): CaseClockView[] {
  const rules = caseClockRules(settings);
  const running = rows
    .filter((r) => r.metAt === null && r.stoppedAt === null)
    .map((r): CaseClockView => {
      const rule = isCaseClock(r.kind) ? rules[r.kind] : null;
      const dueOn = chinaDate(new Date(r.dueAt.getTime() - 1));
      return {
        kind: r.kind,
        rule: r.ruleId,
        label: rule ? { zh: rule.zh, en: rule.en } : { zh: r.kind, en: r.kind },
        startedAt: r.startedAt.toISOString(),
        period: rule?.amount ?? r.period,
        unit: rule?.unit ?? r.clockType,
        dueAt: r.dueAt.toISOString(),
        dueOn,
        daysLeft: daysLeft(dueOn, now),
        level: r.pausedAt ? 'none' : levelAt({ dueAt: r.dueAt, warnAt: r.warnAt }, now),
        extendedBy: r.extendedBy,
        paused: r.pausedAt !== null,
        flag: null,
      };
    });
  const held = flagged.map((f): CaseClockView => {
    const rule = rules[f.kind];
    return {
      kind: f.kind,
      rule: f.rule,
      label: { zh: rule.zh, en: rule.en },
      startedAt: f.startedAt,
      period: rule.amount,
      unit: rule.unit,
      dueAt: null,
      dueOn: null,
      daysLeft: null,
      level: 'none',
      extendedBy: f.extraDays,
      paused: false,
      flag: f.reason,
    };
  });
  return [...running, ...held];
}

export interface RecomputeCounts {
  cases: number;
  clocks: number;
  moved: number;
  resolved: number;
  ms: number;
}

/**
 * Recompute every clock of the open cases on the calendar as it now is (after a year's arrangement or an override is
 * entered): each running clock's due time from its start, period and approved extensions, and every flagged clock
 * (TIME-4) started once its due time can be computed. Set-based: one read of the clocks, one of the flagged cases,
 * one UPDATE … FROM (VALUES …) for the moved clocks, one insert for the resolved ones.
 */
export async function recomputeCaseClocks(
  db: Db,
  calendar: WorkingCalendar,
  warnFraction: number,
  now: Date,
): Promise<RecomputeCounts> {
  const t0 = performance.now();
  return db.transaction(async (tx) => {
    const settingsRows = await tx
      .select({ agencyId: caseAgencySettings.agencyId, settings: caseAgencySettings.settings })
      .from(caseAgencySettings);
    const byAgency = new Map(settingsRows.map((r) => [r.agencyId, caseSettings(r.settings)]));
    const defaults = caseSettings();
    // One rule table per agency, not per clock.
    const rulesOf = new Map<string, ReturnType<typeof caseClockRules>>();
    const rulesFor = (agencyId: string) => {
      let r = rulesOf.get(agencyId);
      if (!r) rulesOf.set(agencyId, (r = caseClockRules(byAgency.get(agencyId) ?? defaults)));
      return r;
    };
    const running = await tx
      .select({
        id: deadlines.id,
        subjectId: deadlines.subjectId,
        kind: deadlines.kind,
        startedAt: deadlines.startedAt,
        dueAt: deadlines.dueAt,
        extendedBy: deadlines.extendedBy,
        pausedMs: deadlines.pausedMs,
        agencyId: cases.agencyId,
      })
      .from(deadlines)
      .innerJoin(cases, sql`${cases.id}::text = ${deadlines.subjectId}`)
      .where(
        and(
          eq(deadlines.subjectType, CASE_SUBJECT),
          isNull(deadlines.metAt),
          isNull(deadlines.stoppedAt),
          isNull(deadlines.pausedAt),
        ),
      );
    const moved: { id: string; dueAt: Date }[] = [];
    for (const r of running) {
      if (!isCaseClock(r.kind)) continue;
      const rule = rulesFor(r.agencyId)[r.kind];
      // Month windows and hand-set due times are not a function of the calendar's working days alone: kept.
      if (rule.unit === 'months') continue;
      const due = caseClockDue(r.kind, r.startedAt, calendar, byAgency.get(r.agencyId) ?? defaults, r.extendedBy);
      if (!due.ok) continue;
      const at = new Date(due.dueAt.getTime() + r.pausedMs);
      if (at.getTime() !== r.dueAt.getTime()) moved.push({ id: r.id, dueAt: at });
    }
    for (let i = 0; i < moved.length; i += 5_000) {
      const chunk = moved.slice(i, i + 5_000);
      const values = sql.join(
        chunk.map((m) => sql`(${m.id}::uuid, ${m.dueAt.toISOString()}::timestamptz)`),
        sql`, `,
      );
      await tx.execute(sql`
        UPDATE deadlines d SET due_at = v.due_at,
               warn_at = CASE WHEN d.warn_at IS NULL THEN NULL ELSE d.warn_at + (v.due_at - d.due_at) END,
               updated_at = ${now.toISOString()}::timestamptz
          FROM (VALUES ${values}) AS v(id, due_at) WHERE d.id = v.id`);
    }
    // Flagged clocks (TIME-4) that the calendar can now compute.
    const held = await tx
      .select({ id: cases.id, townId: cases.townId, agencyId: cases.agencyId, flagged: cases.flaggedClocks })
      .from(cases)
      .where(sql`jsonb_array_length(${cases.flaggedClocks}) > 0`);
    let resolved = 0;
    const keep: { id: string; flagged: FlaggedClock[] }[] = [];
    const start: (typeof deadlines.$inferInsert)[] = [];
    for (const c of held) {
      const s = byAgency.get(c.agencyId) ?? defaults;
      const left: FlaggedClock[] = [];
      for (const f of c.flagged) {
        const startedAt = new Date(f.startedAt);
        const due = caseClockDue(f.kind, startedAt, calendar, s, f.extraDays);
        if (!due.ok) {
          left.push(f);
          continue;
        }
        resolved++;
        const rule = rulesFor(c.agencyId)[f.kind];
        const span = due.dueAt.getTime() - startedAt.getTime();
        start.push({
          subjectType: CASE_SUBJECT,
          subjectId: c.id,
          townId: c.townId,
          kind: f.kind,
          ruleId: f.rule,
          clockType: rule.unit === 'months' ? 'calendar_days' : rule.unit,
          period: rule.unit === 'months' ? 0 : rule.amount,
          startedAt,
          dueAt: due.dueAt,
          warnAt: new Date(due.dueAt.getTime() - span * warnFraction),
          extendedBy: f.extraDays,
          level: 'none',
          updatedAt: now,
        });
      }
      if (left.length !== c.flagged.length) keep.push({ id: c.id, flagged: left });
    }
    if (start.length > 0) await tx.insert(deadlines).values(start);
    for (const k of keep)
      await tx
        .update(cases)
        .set({ flaggedClocks: k.flagged })
        .where(inArray(cases.id, [k.id]));
    return {
      cases: new Set([...running.map((r) => r.subjectId), ...held.map((h) => h.id)]).size,
      clocks: running.length,
      moved: moved.length,
      resolved,
      ms: performance.now() - t0,
    };
  });
}
