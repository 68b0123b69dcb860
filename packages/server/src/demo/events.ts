import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { WorkingCalendar } from '@openenforce/domain/calendar';
import { EVENT_CATEGORIES, proposalOf } from '@openenforce/domain/events';
import { createCatalogService } from '../catalog/index.ts';
import {
  eventClockRecords,
  eventsBulkRepository,
  publicationRule,
  type EventColumns,
  type StepColumns,
} from '../events/index.ts';
import type { PublicationRule } from '@openenforce/domain/events';
import { RegionDirectory } from '../organization/index.ts';
import { people, regions, teams, type GeoJsonPolygon } from '../organization/organization.schema.ts';
import { SYSTEM_ACTOR, type AuditEntry } from '../platform/audit/index.ts';
import { auditLog } from '../platform/audit/audit.schema.ts';
import { users } from '../platform/auth/auth.schema.ts';
import { createCalendarService } from '../platform/calendar/index.ts';
import { chinaToday } from '../platform/clock.ts';
import { insertClocks } from '../platform/deadlines/index.ts';
import type { Db } from '../platform/db/index.ts';
import type { PlatformDeps } from '../platform/deps.ts';
import { streamFor } from './random.ts';

/*
 * A year of demo events (SPEC §7 "a year of events … so that `npm start` shows a living system"): N events over the
 * 365 days before the clock's today and today up to now, drawn deterministically (fixed seed, relative to today).
 *
 * Each event gets a full planned lifecycle first (report → triage → dispatch → [return → arbitrate] → accept →
 * handle [→ rectification → recheck] [→ failed verification → handle again] → verify → rate), with a deadline from
 * its category's SLA on the working-day calendar; the plan is then cut at the clock's now, so recent events are
 * open at whatever stage their plan had reached. A few recent events are "stuck" at a stage on purpose (backlog),
 * which also guarantees that even a small seed shows every status. Team = the jurisdiction engine's proposal for
 * the category's matter in the town (town team in empowered towns, dispatched squad in streets).
 *
 * Built as column arrays in memory and written with unnest, a chunk per statement. The year may be written in parts
 * (newest first, a transaction each: `npm start` writes about a month before it listens and the rest in the
 * background); every event keeps its place and number in the one deterministic year, so a stopped seed is resumed
 * by the next start and several processes never write an event twice (see `startDemoEvents`).
 */

import {
  columns,
  DEMO_EVENTS_SEED,
  OUTCOME_DETAILS,
  planDemoEvents,
  TOWN_WEIGHTS,
  type Context,
  type Ev,
  type GridInfo,
} from './event-plan.ts';

/** Events per transaction after the first part: PGlite's one connection is busy for a fraction of a second each. */
export const DEMO_EVENTS_CHUNK = 500;
/** Serialises demo seeders across processes; under it each part re-checks which of its events are present. */
const SEED_LOCK = 7_204_314;
/** Fresh planner statistics every so many events written in the background (and at the end). */
const ANALYZE_EVERY = 20_000;

export interface DemoEventsOptions {
  /** How many events (the newest) `startDemoEvents` writes before it returns; default all of them. */
  first?: number;
  /** Events per transaction after the first part (default DEMO_EVENTS_CHUNK). */
  chunk?: number;
  /** The generator's seed (default DEMO_EVENTS_SEED); the audit records are per seed. */
  seed?: number;
  /** After each part: the year's events present so far and in all. */
  onProgress?: (present: number, total: number) => void;
  /** Stops the rest between two parts (a process shutting down); the next start resumes. */
  signal?: AbortSignal;
}

export interface DemoEventsStart {
  /** Events written by the first part (0 when it was there already, or there is no demo year to seed). */
  written: number;
  /** The year's events present after the first part, and in all. */
  present: number;
  total: number;
  /** Writes the rest, newest first, one transaction per part, yielding between parts; null when nothing is left. */
  rest: (() => Promise<number>) | null;
}

/**
 * The seed's plan: the instant the year is drawn relative to, and its size. Recorded in the audit log with the first
 * part when the year is written in several transactions, so that a later start (or another process) draws exactly
 * the same year and writes only the events that are missing (ids are deterministic). A `demo.seed` record closes it.
 */
interface Plan {
  now: string;
  count: number;
  recorded: boolean;
}

interface Year {
  plan: Plan;
  seed: number;
  /** The year's events and timeline rows in all (the event number, seq, is the report order's index + 1). */
  count: number;
  steps: number;
  /** Newest first, one transaction each; a duplicate report goes with the report it was merged into. */
  parts: Part[];
  proposals: string[];
}

/**
 * One part's rows, ready to insert. The planned events are objects with their timelines (≈ 2.6 KB each: a year of
 * 100,000 held ≈ 260 MB for the whole background fill); once planned, each part is kept as its insert columns,
 * JSON and gzipped (a few hundred bytes an event), and only the part being written is expanded.
 */
interface Part {
  ids: string[];
  rows: PartRows | Buffer;
}

interface PartRows {
  events: EventColumns;
  steps: StepColumns;
  /** The running events' deadline clocks (times in ms). */
  clocks: {
    id: string;
    townId: string;
    status: string;
    sla: Ev['category']['sla']['normal'];
    dispatchedAt: number | null;
    deadline: number | null;
    warnAt: number | null;
    escalation: string;
  }[];
}

function partRows(events: readonly Ev[], indices: readonly number[], rule: PublicationRule): PartRows {
  const { events: evs, steps } = columns(
    indices.map((i) => events[i]!),
    indices.map((i) => i + 1),
    rule,
  );
  const clocks = indices.map((i) => {
    const e = events[i]!;
    return {
      id: e.id,
      townId: e.townId,
      status: e.status,
      sla: e.category.sla[e.urgency],
      dispatchedAt: e.dispatchedAt,
      deadline: e.deadline,
      warnAt: e.warnAt,
      escalation: e.escalation,
    };
  });
  return { events: evs, steps, clocks };
}

const expand = (rows: PartRows | Buffer): PartRows =>
  Buffer.isBuffer(rows) ? (JSON.parse(gunzipSync(rows).toString('utf8')) as PartRows) : rows;

/** The rows of the events in `keep` (ids) only: a part that another process had partly written. */
function only(rows: PartRows, keep: ReadonlySet<string>): PartRows {
  const at = rows.events.id.flatMap((id, k) => (keep.has(id) ? [k] : []));
  const pick = <C extends object>(cols: C, index: readonly number[]): C =>
    Object.fromEntries(
      Object.entries(cols).map(([name, values]) => [name, index.map((k) => (values as unknown[])[k])]),
    ) as C;
  const stepAt = rows.steps.eventId.flatMap((id, k) => (keep.has(id) ? [k] : []));
  return {
    events: pick(rows.events, at),
    steps: pick(rows.steps, stepAt),
    clocks: rows.clocks.filter((c) => keep.has(c.id)),
  };
}

/** Another process planned (or finished) the year first: go on with its plan. */
class PlanTaken extends Error {
  constructor(readonly state: Plan | 'done') {
    super('demo events: planned by another process');
  }
}

async function readPlan(db: Db, seed: number): Promise<Plan | 'done' | null> {
  const rows = await db
    .select({ action: auditLog.action, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'events'), eq(auditLog.entityId, `seed:${seed}`)));
  if (rows.some((r) => r.action === 'demo.seed')) return 'done';
  const start = rows.find((r) => r.action === 'demo.seed.start')?.after as { now: string; count: number } | undefined;
  return start ? { now: start.now, count: start.count, recorded: true } : null;
}

/**
 * Seed the demo year once, after the county and its catalog: the newest `first` events now, the rest by `rest()`.
 * Nothing is seeded when `count` is 0, the year is complete, or events exist that this seed did not plan. A year that
 * was begun (by an earlier start or another process) is continued with its recorded plan, whatever `count` says.
 */
export async function startDemoEvents(
  deps: PlatformDeps,
  count: number,
  options: DemoEventsOptions = {},
): Promise<DemoEventsStart> {
  const seed = options.seed ?? DEMO_EVENTS_SEED;
  const db = deps.database.db;
  const nothing: DemoEventsStart = { written: 0, present: 0, total: 0, rest: null };
  let state = await readPlan(db, seed);
  for (;;) {
    if (state === 'done') return nothing;
    if (!state) {
      if (count <= 0 || (await eventsBulkRepository.count(db)) > 0) return nothing;
      state = { now: deps.clock.now().toISOString(), count, recorded: false };
    }
    const year = await drawYear(deps, state, seed, options.first ?? Infinity, options.chunk ?? DEMO_EVENTS_CHUNK);
    if (!year) return nothing;
    try {
      const written = await writePart(deps, year, 0);
      const present = year.parts[0]!.ids.length;
      options.onProgress?.(present, year.count);
      if (written > 0) await analyze(deps);
      const rest = year.parts.length > 1 ? () => writeRest(deps, year, options) : null;
      return { written, present, total: year.count, rest };
    } catch (err) {
      if (!(err instanceof PlanTaken)) throw err;
      state = err.state;
    }
  }
}

/** The whole demo year in the caller's flow (tests, benchmarks, `cli seed`). Returns how many events were written. */
export async function seedDemoEvents(
  deps: PlatformDeps,
  count: number,
  options: DemoEventsOptions = {},
): Promise<number> {
  const start = await startDemoEvents(deps, count, options);
  return start.written + (start.rest ? await start.rest() : 0);
}

async function drawYear(
  deps: PlatformDeps,
  plan: Plan,
  seed: number,
  first: number,
  chunk: number,
): Promise<Year | null> {
  const ctx = await loadContext(deps, plan.count, new Date(plan.now), seed);
  if (!ctx) return null;
  const events = planDemoEvents(ctx, seed);
  const rule = publicationRule(deps.config);
  const index = new Map(events.map((e, i) => [e.id, i]));
  // A duplicate's root is the first report of the problem (a duplicate may have been merged into a duplicate).
  const root = events.map((e) => {
    let r = e;
    while (r.suggestedMasterId && index.has(r.suggestedMasterId)) r = events[index.get(r.suggestedMasterId)!]!;
    return index.get(r.id)!;
  });
  const followers = new Map<number, number[]>();
  root.forEach((r, i) => {
    if (r !== i) followers.set(r, [...(followers.get(r) ?? []), i]);
  });
  const parts: number[][] = [];
  let part: number[] = [];
  for (let i = events.length - 1; i >= 0; i--) {
    if (root[i] !== i) continue;
    part.push(i, ...(followers.get(i) ?? []));
    if (part.length >= (parts.length === 0 ? first : chunk)) {
      parts.push(part.sort((a, b) => a - b));
      part = [];
    }
  }
  if (part.length > 0 || parts.length === 0) parts.push(part.sort((a, b) => a - b));
  const steps = events.reduce((n, e) => n + e.steps.length, 0);
  // The first part is written at once; the others wait compressed (the planned objects are dropped on return).
  return {
    plan,
    seed,
    count: events.length,
    steps,
    parts: parts.map((indices, k) => {
      const rows = partRows(events, indices, rule);
      return {
        ids: rows.events.id,
        rows: k === 0 ? rows : gzipSync(JSON.stringify(rows), { level: 1 }),
      };
    }),
    proposals: ctx.proposalJson,
  };
}

/**
 * One part in one transaction: under the seed lock, write those of its events that are not present yet. The first
 * part records the plan (or checks that nobody else did); the last one, when all parts are present, closes the seed.
 */
async function writePart(deps: PlatformDeps, year: Year, k: number): Promise<number> {
  const { database, audit, clock } = deps;
  const part = year.parts[k]!;
  const last = k === year.parts.length - 1;
  const { plan } = year;
  const wasRecorded = plan.recorded;
  const written = await database.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${SEED_LOCK})`);
    const current = plan.recorded && !last ? null : await readPlan(tx, year.seed);
    if (current === 'done') {
      if (!plan.recorded) throw new PlanTaken('done');
      return 0;
    }
    if (!plan.recorded) {
      if (current && (current.now !== plan.now || current.count !== plan.count)) throw new PlanTaken(current);
      if (current) plan.recorded = true;
      // Events that this seed did not plan (a real county's, or an older demo): leave the database alone.
      else if ((await eventsBulkRepository.count(tx)) > 0) throw new PlanTaken('done');
    }
    const present = await eventsBulkRepository.existing(tx, part.ids);
    const missing = part.ids.filter((id) => !present.has(id));
    if (missing.length > 0) {
      const all = expand(part.rows);
      const { events, steps, clocks } = missing.length === part.ids.length ? all : only(all, new Set(missing));
      // Into empty tables the indexes are rebuilt once; later parts go through them (readers are being served).
      await eventsBulkRepository.bulkLoad(
        tx,
        async () => {
          await eventsBulkRepository.insertEvents(tx, events, year.proposals, OUTCOME_DETAILS);
          await eventsBulkRepository.insertSteps(tx, steps);
          // The running events' deadline clocks (platform/deadlines), as the escalation job claims them.
          const at = (ms: number | null) => (ms === null ? null : new Date(ms));
          await insertClocks(
            tx,
            eventClockRecords(
              clocks.map((c) => ({
                ...c,
                dispatchedAt: at(c.dispatchedAt),
                deadline: at(c.deadline),
                warnAt: at(c.warnAt),
              })),
            ),
            new Date(plan.now),
          );
          await eventsBulkRepository.numberCaseHandles(tx, events.id);
        },
        { keepIndexes: plan.recorded },
      );
    }
    const entries: AuditEntry[] = [];
    const today = chinaToday({ now: () => new Date(plan.now) });
    const entityId = `seed:${year.seed}`;
    if (!plan.recorded) {
      // Event numbers follow report order, so live reports are numbered after the whole year.
      await eventsBulkRepository.reserveSeq(tx, year.count);
      if (!last)
        entries.push({
          action: 'demo.seed.start',
          entityType: 'events',
          entityId,
          after: { now: plan.now, count: plan.count, rows: year.count, seed: year.seed, today },
        });
    }
    if (last)
      entries.push({
        action: 'demo.seed',
        entityType: 'events',
        entityId,
        after: { rows: year.count, steps: year.steps, seed: year.seed, today, now: plan.now },
      });
    await audit.append(tx, SYSTEM_ACTOR, entries, clock.now());
    return missing.length;
  });
  if (!wasRecorded) plan.recorded = true;
  return written;
}

/** Every part after the first, newest first; between parts the event loop (and the one PGlite connection) is free. */
async function writeRest(deps: PlatformDeps, year: Year, options: DemoEventsOptions): Promise<number> {
  let written = 0;
  let present = year.parts[0]!.ids.length;
  let analyzed = 0;
  for (let k = 1; k < year.parts.length && !options.signal?.aborted; k++) {
    const started = performance.now();
    written += await writePart(deps, year, k);
    present += year.parts[k]!.ids.length;
    options.onProgress?.(present, year.count);
    if (written - analyzed >= ANALYZE_EVERY) {
      await analyze(deps);
      analyzed = written;
    }
    // Leave requests at least a fifth of the time, so the screens stay responsive while the year fills in.
    await sleep(Math.min(250, (performance.now() - started) / 4));
  }
  if (written > analyzed) await analyze(deps);
  return written;
}

async function analyze(deps: PlatformDeps): Promise<void> {
  await deps.database.query('ANALYZE events');
  await deps.database.query('ANALYZE event_steps');
}

/** What the generator needs from the seeded county: grids, teams, people, the engine's proposals, the calendar. */
async function loadContext(
  deps: PlatformDeps,
  count: number,
  now: Date,
  seed: number,
): Promise<(Context & { proposalJson: string[] }) | null> {
  const { database, config } = deps;
  const db = database.db;
  const directory = new RegionDirectory();
  await directory.load(db);
  const calendarService = createCalendarService(deps);
  await calendarService.load();
  const catalog = createCatalogService(deps, directory);

  const gridRows = await db
    .select({ id: regions.id, townId: regions.townId, parentId: regions.parentId, boundary: regions.boundary })
    .from(regions)
    .where(eq(regions.level, 'grid'));
  const townRows = await db
    .select({ id: regions.id, name: regions.name, mode: regions.townMode, kind: regions.townKind })
    .from(regions)
    .where(eq(regions.level, 'town'));
  const villageRows = await db
    .select({ id: regions.id, name: regions.name })
    .from(regions)
    .where(eq(regions.level, 'village'));
  const teamRows = await db.select({ id: teams.id, kind: teams.kind, townId: teams.townId }).from(teams);
  const staff = await db
    .select({ name: people.name, role: people.role, teamId: people.teamId, gridId: people.gridId })
    .from(people)
    .where(inArray(people.role, ['officer', 'team_leader', 'command_operator', 'grid_worker']));
  const gw = await db
    .select({ id: users.id, gridId: people.gridId })
    .from(users)
    .innerJoin(people, eq(people.id, users.personId))
    .where(eq(users.username, 'gridworker'));
  if (gridRows.length === 0 || townRows.length === 0) return null;

  const rng = streamFor(seed, 'event-places');
  const grids: GridInfo[] = [];
  for (const g of gridRows.sort((a, b) => a.id.localeCompare(b.id))) {
    const ring = (g.boundary as GeoJsonPolygon | null)?.coordinates[0];
    if (!ring || ring.length < 5 || !g.townId || !g.parentId) continue;
    // Hot spots: a few grids (markets, school gates, old streets) see many more reports than the rest.
    grids.push({
      id: g.id,
      townId: g.townId,
      villageId: g.parentId,
      corners: ring.slice(0, 4).map((p) => [p[0]!, p[1]!] as [number, number]),
      weight: -Math.log(1 - rng.next()) + (rng.chance(0.05) ? 4 : 0),
    });
  }
  const towns = townRows
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((t) => ({
      id: t.id,
      name: t.name,
      weight: TOWN_WEIGHTS[t.name] ?? (t.kind === 'street' ? 2 : 1),
      grids: grids.filter((g) => g.townId === t.id),
    }))
    .filter((t) => t.grids.length > 0);

  const townTeam = new Map(teamRows.filter((t) => t.townId).map((t) => [t.townId!, t.id]));
  const reassign = teamRows.find((t) => t.kind === 'mobile') ?? teamRows.find((t) => t.kind === 'comprehensive');
  const today = chinaToday({ now: () => now });
  const proposalJson: string[] = [];
  const proposals: Context['proposals'] = new Map();
  for (const c of EVENT_CATEGORIES) {
    const matter = c.matterName ? await catalog.matterByName(c.matterName) : null;
    for (const t of townRows) {
      const fallback = townTeam.get(t.id) ?? reassign!.id;
      if (!matter || !t.mode) {
        proposals.set(`${c.code}|${t.id}`, {
          matterId: null,
          domain: null,
          teamId: fallback,
          subjectName: null,
          index: null,
        });
        continue;
      }
      const r = await catalog.resolveCached(matter.id, { townId: t.id, townMode: t.mode }, today);
      const proposal = proposalOf(r);
      proposalJson.push(JSON.stringify(proposal));
      proposals.set(`${c.code}|${t.id}`, {
        matterId: matter.id,
        domain: matter.domain,
        teamId: proposal.teamId ?? fallback,
        subjectName: proposal.subjectName ?? null,
        index: proposalJson.length,
      });
    }
  }

  const officersByTeam = new Map<string, string[]>();
  const operators: string[] = [];
  const gridWorkerByGrid = new Map<string, string>();
  for (const p of staff) {
    if ((p.role === 'officer' || p.role === 'team_leader') && p.teamId) {
      const list = officersByTeam.get(p.teamId) ?? [];
      list.push(p.name);
      officersByTeam.set(p.teamId, list);
    } else if (p.role === 'command_operator') operators.push(p.name);
    else if (p.role === 'grid_worker' && p.gridId) gridWorkerByGrid.set(p.gridId, p.name);
  }
  // A grid worker walks one grid of each village: the others' reports name the village's grid worker.
  for (const g of grids) {
    if (gridWorkerByGrid.has(g.id)) continue;
    const sibling = [...gridWorkerByGrid.entries()].find(([id]) => id.startsWith(g.villageId));
    if (sibling) gridWorkerByGrid.set(g.id, sibling[1]);
  }
  const villageNames = new Map(villageRows.map((v) => [v.id, v.name]));
  const townNames = new Map(townRows.map((t) => [t.id, t.name]));
  return {
    now: now.getTime(),
    count,
    warnFraction: config.EVENT_WARN_FRACTION,
    calendar: memoized(calendarService.calendar),
    grids,
    towns,
    directory,
    villageName: (id) => villageNames.get(id) ?? '',
    townName: (id) => townNames.get(id) ?? '',
    proposals,
    reassignTeamId: reassign!.id,
    officersByTeam,
    operators: operators.length > 0 ? operators : ['指挥中心'],
    gridWorkerByGrid,
    gridWorkerUser: gw[0] ? { id: gw[0].id, gridId: gw[0].gridId } : null,
    proposalJson,
  };
}

/** The calendar with addWorkingDays remembered per (day, n): a year of deadlines asks a few thousand questions. */
function memoized(calendar: WorkingCalendar): WorkingCalendar {
  const seen = new Map<string, string>();
  const out = Object.create(calendar) as WorkingCalendar;
  out.addWorkingDays = (day: string, n: number) => {
    const key = `${day}|${n}`;
    let hit = seen.get(key);
    if (hit === undefined) seen.set(key, (hit = calendar.addWorkingDays(day, n)));
    return hit;
  };
  return out;
}
