import { chinaAt, chinaDate } from '@openenforce/domain/common';
import type { Facts } from '@openenforce/domain/catalog';
import { DomainError } from '@openenforce/domain/errors';
import {
  deadlineFor,
  EVENT_PROCEDURE,
  type EventAction,
  type EventActor,
  type EventFacts,
  type EventFilterQuery,
  type EventSource,
  type EventStatus,
  type HandleBody,
  type StepInput,
} from '@openenforce/domain/events';
import { scopeTown, type DataScope } from '@openenforce/domain/organization';
import type { CatalogService } from '../catalog/index.ts';
import {
  existingTeams,
  gridOfPerson,
  loadOfficers,
  teamAndBelow,
  teamNames,
  type RegionDirectory,
} from '../organization/index.ts';
import type { Actor } from '../platform/audit/index.ts';
import type { SessionUser } from '../platform/auth/auth.service.ts';
import type { CalendarService } from '../platform/calendar/index.ts';
import type { Db } from '../platform/db/index.ts';
import type { PlatformDeps } from '../platform/deps.ts';
import { createStepper, type StepRequest, type StepResult } from '../platform/workflow/index.ts';
import { mayTake } from '@openenforce/domain/workflow';
import { eventsRepository as repo, photosLinked, type EventInsert, type EventRow } from './events.repository.ts';
import { eventSteps } from './events.schema.ts';
import { hashToken } from './events.shared.ts';
import { createIntakeService } from './intake.service.ts';
import { teamBoard } from './team-board.ts';
import { notifyStep } from './notifications.ts';
import { createEventSla, levelNow } from './sla.ts';

export { CATEGORIES_CHANNEL, eventNo, hashToken, type Channel, type FeedMessage } from './events.shared.ts';

/**
 * The port through which an event handled as "case to be filed" opens its case (the cases context implements it and
 * plugs it in at start-up: cases sit above events, so events never import cases). Called in the handling step's
 * transaction: the case is opened with the event, or neither is written.
 */
export type CaseOpenPort = (
  tx: Db,
  event: EventRow,
  c: {
    actor: Actor;
    actorName: string | null;
    party: { kind: 'citizen' | 'organisation'; name: string } | undefined;
    note: string;
    now: Date;
  },
) => Promise<{ id: string; number: string }>;

/** Where the actor stood (the device's location), when the client sends it. */
type Position = { lng: number; lat: number } | undefined;

export interface StepContext {
  user: SessionUser | null;
  actor: Actor;
}

/** What every step body may carry besides its own fields. */
interface StepMeta {
  position?: Position;
  /** The client's idempotency key (the offline field app sends each step once with it, and again after a retry). */
  clientStepId?: string | undefined;
}

type EventSet = Partial<EventInsert>;
type Request<K extends EventAction> = Omit<
  StepRequest<EventRow, EventStatus, EventActor, Extract<StepInput, { action: K }>, EventSet>,
  'id' | 'scope' | 'actor' | 'version' | 'position' | 'clientStepId'
>;

/** The facts of an event the procedure's guards read. */
const factsOf = (row: EventRow): EventFacts => ({
  status: row.status as EventStatus,
  source: row.source as EventSource,
  teamId: row.teamId,
  assistingTeamIds: row.assistingTeamIds,
  reporterUserId: row.reporterUserId,
  gridId: row.gridId,
  matterId: row.matterId,
  rating: row.rating,
});

/**
 * The event context's service: intake (intake.service.ts — categories, duplicates, reports from every channel) and
 * here the lifecycle that follows: one short function per action on the platform's stepper, with the reads the
 * screens need.
 */
export function createEventsService(
  deps: PlatformDeps,
  directory: RegionDirectory,
  catalog: CatalogService,
  calendar: CalendarService,
) {
  const { database } = deps;
  const db = database.db;
  const intake = createIntakeService(deps, directory, catalog);
  const { categoryOrThrow, publish } = intake;
  const sla = createEventSla(calendar, () => deps.config.EVENT_WARN_FRACTION);
  let openCase: CaseOpenPort | null = null;

  const stepper = createStepper<EventRow, EventStatus, EventFacts, EventActor, StepInput, EventSet>(deps, {
    procedure: EVENT_PROCEDURE,
    steps: eventSteps,
    refusedCode: 'EVENT_STEP_REFUSED',
    lock: repo.lock,
    read: repo.get,
    save: repo.update,
    state: (row) => row.status as EventStatus,
    version: (row) => row.version,
    facts: factsOf,
    team: (row) => row.teamId,
    linkFiles: async (tx, c) => ({
      linked: await repo.attachPhotos(tx, c.ids, c.id, c.stepId, c.uploader),
      audit: photosLinked(c.id, c.stepId, c.ids),
    }),
    async effects(tx, { input, before, after, now }) {
      await publish(tx, {
        kind: 'event',
        id: after.id,
        action: input.action,
        status: after.status as EventStatus,
        townId: after.townId,
        domain: after.domain,
        teamId: after.teamId,
      });
      return notifyStep(deps, tx, input, before, after, now);
    },
  });

  /** The procedure's actor: the user with their teams (and the teams below) and grid; null user = the citizen. */
  async function actorFacts(user: SessionUser | null): Promise<EventActor> {
    if (!user) return { role: 'citizen' };
    let gridId: string | null = null;
    if (user.role === 'grid_worker' && user.personId) gridId = await gridOfPerson(db, user.personId);
    return {
      role: user.role,
      permissions: user.permissions,
      userId: user.id,
      teamIds: user.scopeTeamId ? await teamAndBelow(db, user.scopeTeamId) : [],
      gridId,
      county: scopeTown(user.scope) === null,
    };
  }

  /** Take one step of the lifecycle for `ctx`'s user (or the citizen) through the platform's stepper. */
  async function step<K extends EventAction>(
    id: string,
    ctx: StepContext,
    version: number | null,
    meta: StepMeta,
    req: Request<K>,
    scope?: DataScope,
  ): Promise<StepResult<EventRow>> {
    return stepper.step({
      ...(req as unknown as Request<EventAction>),
      id,
      scope: scope ?? ctx.user?.scope ?? { kind: 'county' },
      version,
      clientStepId: meta.clientStepId,
      position: meta.position,
      actor: { audit: ctx.actor, name: ctx.user?.displayName ?? null, facts: await actorFacts(ctx.user) },
    });
  }

  return {
    ...intake,

    /** Plug in the cases context's opener (once, at start-up). */
    setCaseOpener(port: CaseOpenPort) {
      openCase = port;
    },

    /** "What may I do here, and why not the rest": the steps this user may take on the event, as the API judges them. */
    async actions(id: string, user: SessionUser) {
      return stepper.available(id, user.scope, await actorFacts(user));
    },

    /** A role that may never take `action` is refused before scope or version are looked at (403). */
    assertPermitted(user: SessionUser, action: EventAction): void {
      stepper.assertPermitted({ role: user.role, permissions: user.permissions }, action);
    },

    /** Triage: confirm or change matter, team and urgency; overriding the engine's team needs a reason. */
    async triage(
      id: string,
      ctx: StepContext,
      body: StepMeta & {
        version: number;
        matterId?: string | undefined;
        teamId?: string | undefined;
        overrideReason?: string | undefined;
        urgency?: 'normal' | 'urgent' | undefined;
        category?: string | undefined;
      },
    ) {
      if (body.category) categoryOrThrow(body.category);
      const proposedTeam = (row: EventRow) => (row.proposal as { teamId?: string | null } | null)?.teamId ?? null;
      return step<'triage'>(id, ctx, body.version, body, {
        input: async ({ row, tx, now }) => {
          if (body.matterId && !(await catalog.matterInForce(body.matterId, chinaDate(now), tx).catch(() => null)))
            throw new DomainError('REFERENCE_INVALID', [{ path: 'body.matterId', rule: 'matter_in_force' }]);
          return {
            action: 'triage',
            matterId: body.matterId ?? row.matterId,
            overrideTeamId: body.teamId && body.teamId !== proposedTeam(row) ? body.teamId : null,
            overrideReason: body.overrideReason,
          };
        },
        async apply({ row, now, tx }) {
          const proposed = proposedTeam(row);
          const teamId = body.teamId ?? proposed;
          // A matter chosen here brings its domain: the agency responsible for it sees the event from now on.
          const matter = body.matterId ? await catalog.matterInForce(body.matterId, chinaDate(now), tx) : null;
          return {
            set: {
              matterId: body.matterId ?? row.matterId,
              domain: matter ? matter.domain : row.domain,
              teamId,
              category: body.category ?? row.category,
              urgency: body.urgency ?? row.urgency,
              subjectName: (row.proposal as { subjectName?: string } | null)?.subjectName ?? null,
              triagedAt: now,
            },
            teamId,
            reason: body.overrideReason,
            detail: { proposedTeamId: proposed, override: !!body.teamId && body.teamId !== proposed },
          };
        },
      });
    },

    /** Dispatch to a team (and assisting teams for joint handling) with a deadline from the category's SLA. */
    dispatch(
      id: string,
      ctx: StepContext,
      body: StepMeta & {
        version: number;
        teamId?: string | undefined;
        assistingTeamIds: string[];
        deadline?: string | undefined;
        overrideReason?: string | undefined;
        note?: string | undefined;
      },
    ) {
      return step<'dispatch'>(id, ctx, body.version, body, {
        input: async ({ row, now }) => ({
          action: 'dispatch',
          teamId: body.teamId ?? row.teamId,
          deadline: body.deadline ? new Date(body.deadline) : deadlineOf(row, now),
          assistingTeamIds: body.assistingTeamIds,
          overrideTeamId: body.teamId && row.teamId && body.teamId !== row.teamId ? body.teamId : null,
          overrideReason: body.overrideReason,
        }),
        async apply({ row, now, tx, input }) {
          const teamId = input.teamId!;
          const deadline = input.deadline!;
          await assertTeams(tx, [teamId, ...body.assistingTeamIds]);
          return {
            set: {
              teamId,
              assistingTeamIds: body.assistingTeamIds,
              ...(await sla.dispatch(tx, row, slaOf(row), deadline, now)),
            },
            teamId,
            reason: body.overrideReason ?? body.note,
            detail: { deadline: deadline.toISOString(), assistingTeamIds: body.assistingTeamIds },
          };
        },
      });
    },

    accept(id: string, ctx: StepContext, body: StepMeta & { version: number }) {
      return step<'accept'>(id, ctx, body.version, body, {
        input: { action: 'accept' },
        apply: async ({ now }) => ({ set: { acceptedAt: now } }),
      });
    },

    /** A team returns the event with a reason: it goes to the command centre for arbitration. */
    return(id: string, ctx: StepContext, body: StepMeta & { version: number; reason: string }) {
      return step<'return'>(id, ctx, body.version, body, {
        input: { action: 'return', reason: body.reason },
        apply: async ({ row }) => ({ set: { returnCount: row.returnCount + 1 }, reason: body.reason }),
      });
    },

    /**
     * Arbitration: a justified return is dispatched to another team; an unjustified one goes back to the same
     * team and counts as 推诿 against it (event_steps: action arbitrate, justified false, team_id).
     */
    arbitrate(
      id: string,
      ctx: StepContext,
      body: StepMeta & { version: number; justified: boolean; teamId?: string | undefined; reason: string },
    ) {
      return step<'arbitrate'>(id, ctx, body.version, body, {
        input: { action: 'arbitrate', justified: body.justified, teamId: body.teamId ?? null, reason: body.reason },
        async apply({ row, now, tx }) {
          const teamId = body.justified ? body.teamId! : row.teamId!;
          if (body.justified) await assertTeams(tx, [teamId]);
          const deadline = body.justified ? deadlineOf(row, now) : (row.deadline ?? deadlineOf(row, now));
          return {
            set: { teamId, ...(await sla.redispatch(tx, row, slaOf(row), deadline, now)) },
            // The step names the team that returned it: the 推诿 count is per that team.
            teamId: row.teamId,
            reason: body.reason,
            detail: { justified: body.justified, returnedBy: row.teamId, dispatchedTo: teamId },
          };
        },
      });
    },

    /** Handling: the outcome with its legal checks (APL-42, APL-51 for an on-the-spot penalty). */
    handle(id: string, ctx: StepContext, body: HandleBody & StepMeta) {
      return step<'handle'>(id, ctx, body.version, body, {
        input: ({ row, tx, now }) => handlingInput(tx, row, body, now),
        // Photos attached by this step are the result ("after"); the report's own show the scene ("before").
        files: async ({ row, tx }) => {
          const p = await repo.countPhotos(tx, row.id);
          return { before: p.before, after: p.after + body.photoIds.length };
        },
        attach: { ids: body.photoIds, path: 'body.photoIds', rule: 'own_unattached_photo' },
        async apply({ row, to, now, tx }) {
          await sla.leave(tx, row, to, now);
          const detail: Record<string, unknown> = {
            ...body,
            version: undefined,
            position: undefined,
            photoIds: undefined,
            clientStepId: undefined,
          };
          const set: EventSet = { outcome: body.outcome, outcomeDetail: detail, handledAt: now };
          // A rectification is due by the end of the working day (18:00 China time) of its due date.
          if (body.outcome === 'rectification') set.rectifyDue = chinaAt(body.dueDate, '18:00');
          if (body.outcome === 'case_filed') {
            if (!openCase) throw new Error('no case opener is plugged in (cases context)');
            const opened = await openCase(tx, row, {
              actor: ctx.actor,
              actorName: ctx.user?.displayName ?? null,
              party: body.party,
              note: body.note,
              now,
            });
            set.caseHandle = opened.number;
            set.caseId = opened.id;
            detail['caseHandle'] = opened.number;
            detail['caseId'] = opened.id;
          }
          if (body.outcome === 'transferred') Object.assign(set, closing(row, now));
          return { set, reason: body.note, detail };
        },
      });
    },

    /** Re-check of a rectification: passed → awaiting verification; not passed → back to handling. */
    recheck(
      id: string,
      ctx: StepContext,
      body: StepMeta & { version: number; passed: boolean; note: string; photoIds: string[] },
    ) {
      return step<'recheck'>(id, ctx, body.version, body, {
        input: { action: 'recheck', passed: body.passed },
        attach: { ids: body.photoIds, path: 'body.photoIds', rule: 'own_unattached_photo' },
        async apply({ row, to, now, tx }) {
          await sla.leave(tx, row, to, now);
          return {
            set: body.passed ? { handledAt: now } : { outcome: null },
            reason: body.note,
            detail: { passed: body.passed },
          };
        },
      });
    },

    /**
     * Verification by the reporter or grid worker (or the citizen by token, `ctx.user` null): pass → closed;
     * fail → reopened to the same team (counter).
     */
    verify(
      id: string,
      ctx: StepContext,
      body: StepMeta & { version: number | null; passed: boolean; note?: string | undefined },
    ) {
      const citizen = ctx.user === null;
      return step<'verify'>(id, ctx, body.version, body, {
        input: { action: 'verify', passed: body.passed },
        apply: async ({ row, now, tx }) => ({
          set: body.passed
            ? closing(row, now)
            : {
                reopenCount: row.reopenCount + 1,
                outcome: null,
                acceptedAt: now,
                ...(await sla.reopen(tx, row, slaOf(row), now)),
              },
          reason: body.note,
          detail: { passed: body.passed, citizen },
        }),
      });
    },

    /** Rating 1–5 by the reporter (or the citizen by token); a low rating lands in the supervision queue. */
    rate(id: string, ctx: StepContext, body: StepMeta & { rating: number; comment?: string | undefined }) {
      const citizen = ctx.user === null;
      return step<'rate'>(id, ctx, null, body, {
        input: { action: 'rate', rating: body.rating },
        apply: async ({ now }) => ({
          set: { rating: body.rating, ratingComment: body.comment ?? null, ratedAt: now },
          reason: body.comment,
          detail: { rating: body.rating, citizen },
        }),
      });
    },

    /** Merge a report into an open master: it then follows the master's status. */
    merge(id: string, ctx: StepContext, body: StepMeta & { version: number; masterId: string }) {
      return step<'merge'>(id, ctx, body.version, body, {
        input: async ({ tx }) => {
          const master = await repo.lock(tx, body.masterId, ctx.user?.scope ?? { kind: 'county' });
          return {
            action: 'merge',
            masterId: master ? master.id : null,
            masterStatus: (master?.status as EventStatus | undefined) ?? null,
            selfId: id,
          };
        },
        apply: async ({ now }) => ({
          set: { masterId: body.masterId, closedAt: now },
          detail: { masterId: body.masterId },
        }),
      });
    },

    dismiss(id: string, ctx: StepContext, body: StepMeta & { version: number; reason: string }) {
      return step<'dismiss'>(id, ctx, body.version, body, {
        input: { action: 'dismiss', reason: body.reason },
        apply: async ({ now }) => ({ set: { closedAt: now, outcome: null }, reason: body.reason }),
      });
    },

    /** 催办: recorded on the timeline and sent to the team. */
    urge(id: string, ctx: StepContext, body: StepMeta & { note?: string | undefined }) {
      return step<'urge'>(id, ctx, null, body, {
        input: { action: 'urge' },
        apply: async ({ row }) => ({ set: { urgeCount: row.urgeCount + 1 }, reason: body.note }),
      });
    },

    /** Joint handling: an assisting team records what it did (notes, photos); the status does not change. */
    assist(id: string, ctx: StepContext, body: StepMeta & { note: string; photoIds: string[] }) {
      return step<'assist'>(id, ctx, null, body, {
        input: { action: 'assist', note: body.note },
        attach: { ids: body.photoIds, path: 'body.photoIds', rule: 'own_unattached_photo' },
        apply: async () => ({ set: {}, teamId: ctx.user?.scopeTeamId ?? null, reason: body.note }),
      });
    },

    /** What the citizen holding the event's token may do on it now, from the procedure's rows (the tracking page). */
    citizenMay(row: EventRow): { verify: boolean; rate: boolean } {
      const c = { facts: factsOf(row), actor: { role: 'citizen' } as EventActor, now: deps.clock.now() };
      return {
        verify: mayTake(EVENT_PROCEDURE, row.status as EventStatus, 'verify', c).ok,
        rate: mayTake(EVENT_PROCEDURE, row.status as EventStatus, 'rate', c).ok,
      };
    },

    /** The citizen's own event, by the token Open311 or the hotline SMS handed out. */
    async byToken(token: string) {
      return repo.byTokenHash(db, hashToken(token));
    },

    /**
     * A report by its full number and the last four digits of the phone given with it (the portal's "track my
     * report"); undefined when either does not match or no phone was given.
     */
    async byNoAndPhone(no: string, last4: string) {
      const page = await repo.list(db, { kind: 'county' }, { no, phone: last4, limit: 1 }, NO_USER, deps.clock.now());
      return page.items[0];
    },

    get: async (id: string, scope: DataScope) => levelNow(await repo.get(db, id, scope), deps.clock.now()),
    photo: (id: string) => repo.photo(db, id),
    teamNames: (ids: readonly (string | null)[]) => teamNames(db, ids),
    timeline: (id: string) => repo.timeline(db, id),
    photos: (id: string) => repo.photos(db, id),
    mergedInto: (id: string, scope: DataScope) => repo.mergedInto(db, id, scope),
    /** Which of these events the scope holds (one query; a county scope holds them all). */
    visibleIds: (ids: readonly (string | null)[], scope: DataScope) => repo.visibleIds(db, ids, scope),
    /** A page of events with their teams' names (the organisation's, read through its function). */
    async list(scope: DataScope, q: Parameters<typeof repo.list>[2], user: { teamId: string | null; id: string }) {
      const now = deps.clock.now();
      const page = await repo.list(db, scope, q, user, now);
      const names = await teamNames(
        db,
        page.items.map((e) => e.teamId),
      );
      // A merged report names its master only when the reader's scope holds it (else: merged into another report).
      const masters = await repo.visibleIds(
        db,
        page.items.map((e) => e.masterId),
        scope,
      );
      return {
        items: page.items.map((e) => ({
          e: { ...levelNow(e, now)!, masterId: e.masterId && masters.has(e.masterId) ? e.masterId : null },
          teamName: e.teamId ? (names.get(e.teamId) ?? null) : null,
        })),
        nextCursor: page.nextCursor,
      };
    },
    teamBoard: (teamId: string) => teamBoard(db, teamId, deps.clock.now()),
    count: (scope: DataScope, q: EventFilterQuery, user: { teamId: string | null; id: string }) =>
      repo.count(db, scope, q, user, deps.clock.now()),
    /**
     * Every event the filters select, newest first, up to `max` (keyset pages of 1,000, so that no statement holds
     * the database long); `truncated` when there were more.
     */
    async exportList(scope: DataScope, q: EventFilterQuery, user: { teamId: string | null; id: string }, max: number) {
      const now = deps.clock.now();
      const rows: EventRow[] = [];
      let cursor: string | undefined;
      for (;;) {
        const page = await repo.list(db, scope, { ...q, cursor, limit: 1000 }, user, now);
        rows.push(...page.items.map((e) => levelNow(e, now)!));
        if (!page.nextCursor || rows.length >= max) {
          const truncated = rows.length > max || (rows.length === max && page.nextCursor !== null);
          const kept = rows.slice(0, max);
          const names = await teamNames(
            db,
            kept.map((e) => e.teamId),
          );
          return {
            items: kept.map((e) => ({ e, teamName: e.teamId ? (names.get(e.teamId) ?? null) : null })),
            truncated,
          };
        }
        cursor = page.nextCursor;
      }
    },
  };

  function slaOf(row: EventRow) {
    const c = intake.category(row.category) ?? intake.category('other')!;
    return c.sla[row.urgency];
  }

  function deadlineOf(row: EventRow, now: Date): Date {
    return deadlineFor(now, slaOf(row), calendar.calendar);
  }

  function closing(row: EventRow, now: Date): Partial<EventInsert> {
    return { closedAt: now, onTime: row.deadline ? now <= row.deadline : null };
  }

  /** What the handling guards read: today, the rectification due date, the matter in force, the officers on site. */
  async function handlingInput(
    tx: Db,
    row: EventRow,
    body: HandleBody,
    now: Date,
  ): Promise<Extract<StepInput, { action: 'handle' }>> {
    const today = chinaDate(now);
    const input: Extract<StepInput, { action: 'handle' }> = { action: 'handle', outcome: body.outcome, today };
    if (body.outcome === 'rectification') input.dueDate = body.dueDate;
    if (body.outcome === 'simple_penalty' || body.outcome === 'commitment') {
      const matter = row.matterId ? await catalog.matterInForce(row.matterId, today, tx) : null;
      // The matter version in force carries its discretion benchmark: an on-the-spot fine is checked against it.
      input.matter = matter
        ? { domain: matter.domain, commitmentList: matter.flags.lightViolationCommitment, discretion: matter }
        : null;
      if (matter && body.outcome === 'simple_penalty') {
        const officers = await loadOfficers(tx, body.officerIds, today);
        if (officers.length !== new Set(body.officerIds).size)
          throw new DomainError('REFERENCE_INVALID', [{ path: 'body.officerIds', rule: 'person_exists' }]);
        const facts: Facts = { tier: body.tier, circumstance: body.circumstance, factors: body.factors };
        if (body.units !== undefined) facts.units = body.units;
        if (body.baseAmountFen !== undefined) facts.baseAmountFen = body.baseAmountFen;
        input.penalty = {
          partyKind: body.party.kind,
          penalty: body.penalty,
          fineFen: body.fineFen,
          officers,
          facts,
        };
      }
    }
    return input;
  }
}

async function assertTeams(db: Db, ids: readonly string[]) {
  const found = await existingTeams(db, ids);
  const missing = ids.findIndex((i) => !found.has(i));
  if (missing >= 0)
    throw new DomainError('REFERENCE_INVALID', [
      { path: missing === 0 ? 'body.teamId' : 'body.assistingTeamIds', rule: 'team_exists' },
    ]);
}

/** Lists read for no one in particular (no "my team" or "my reports" queue applies). */
const NO_USER = { teamId: null, id: '00000000-0000-0000-0000-000000000000' };

export type EventsService = ReturnType<typeof createEventsService>;
