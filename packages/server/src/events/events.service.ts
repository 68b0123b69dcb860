import { DomainError, type ErrorDetail } from '@openenforce/domain/errors';
import {
  checkCommitment,
  checkPhotos,
  checkRectification,
  checkSimplePenalty,
  deadlineFor,
  decide,
  yellowAt,
  type EventActor,
  type EventSource,
  type EventStatus,
  type HandleBody,
  type Reason,
  type StepInput,
} from '@openenforce/domain/events';
import type { DataScope } from '@openenforce/domain/organization';
import type { CatalogService } from '../catalog/index.ts';
import type { RegionDirectory } from '../organization/index.ts';
import type { Actor } from '../platform/audit/index.ts';
import type { SessionUser } from '../platform/auth/auth.service.ts';
import type { CalendarService } from '../platform/calendar/index.ts';
import { chinaToday } from '../platform/clock.ts';
import type { Db } from '../platform/db/index.ts';
import type { PlatformDeps } from '../platform/deps.ts';
import type { NotificationMessage } from '../platform/notifications/index.ts';
import { eventsRepository as repo, type EventInsert, type EventRow } from './events.repository.ts';
import { eventNo, hashToken } from './events.shared.ts';
import { createIntakeService } from './intake.service.ts';
import { notifyStep } from './notifications.ts';
import { existingTeams, loadOfficers, teamAndBelow, teamNames } from './people.ts';

export { CATEGORIES_CHANNEL, eventNo, hashToken, type Channel, type FeedMessage } from './events.shared.ts';

/** Where the actor stood (the device's location), when the client sends it. */
type Position = { lng: number; lat: number } | undefined;

export interface StepContext {
  user: SessionUser | null;
  actor: Actor;
}

const refused = (reasons: Reason[]): DomainError => {
  const forbidden = reasons.some((r) => r.rule === 'EVT-ROLE' || r.rule === 'EVT-TEAM' || r.rule === 'EVT-VERIFIER');
  const details: ErrorDetail[] = reasons.map((r) => ({
    path: r.rule.startsWith('APL') || r.rule.startsWith('EVT-PHOTO') ? 'body' : 'event',
    rule: r.rule,
    message: { zh: r.zh, en: r.en },
  }));
  return new DomainError(forbidden ? 'FORBIDDEN' : 'EVENT_STEP_REFUSED', details);
};
const notFound = () => new DomainError('NOT_FOUND', [{ path: 'params.id', rule: 'event_exists' }]);

/**
 * The event context's service: intake (intake.service.ts — categories, duplicates, reports from every channel) and
 * here the lifecycle that follows, one `step` per action, with the reads the screens need.
 */
export function createEventsService(
  deps: PlatformDeps,
  directory: RegionDirectory,
  catalog: CatalogService,
  calendar: CalendarService,
) {
  const { database, audit, clock } = deps;
  const db = database.db;
  const intake = createIntakeService(deps, directory, catalog);
  const { categoryOrThrow, publish } = intake;

  async function actorFacts(user: SessionUser): Promise<EventActor> {
    let gridId: string | null = null;
    if (user.role === 'grid_worker' && user.personId) gridId = await gridOf(user.personId);
    return {
      userId: user.id,
      role: user.role,
      teamIds: user.scopeTeamId ? await teamAndBelow(db, user.scopeTeamId) : [],
      gridId,
      county: user.scope.kind === 'county',
    };
  }

  async function gridOf(personId: string): Promise<string | null> {
    const rows = await database.query<{ grid_id: string | null }>('SELECT grid_id FROM people WHERE id = $1', [
      personId,
    ]);
    return rows[0]?.grid_id ?? null;
  }

  /**
   * One step of the lifecycle: lock the event (scope and version checked), let the domain decide, write the new
   * state, its timeline row, its photos and its audit record, and tell the live feed — in one transaction.
   */
  async function step(
    id: string,
    ctx: StepContext,
    version: number | null,
    input: StepInput | ((row: EventRow, tx: Db) => Promise<StepInput>),
    apply: (
      row: EventRow,
      to: EventStatus,
      now: Date,
      tx: Db,
    ) => Promise<{ set: Partial<EventInsert>; teamId?: string | null; reason?: string; detail?: unknown }>,
    opts: { scope?: DataScope; photoIds?: readonly string[]; position?: Position } = {},
  ) {
    const scope = opts.scope ?? ctx.user?.scope ?? { kind: 'county' as const };
    const actor = ctx.user ? await actorFacts(ctx.user) : null;
    const now = clock.now();
    let told: NotificationMessage[] = [];
    const result = await db.transaction(async (tx) => {
      const row = await repo.lock(tx, id, scope);
      if (!row) throw notFound();
      if (version !== null && row.version !== version) {
        throw new DomainError('CONFLICT_STALE_VERSION', [
          { path: 'body.version', rule: `current_version:${row.version}` },
        ]);
      }
      const stepInput = typeof input === 'function' ? await input(row, tx) : input;
      const decision = decide(
        {
          status: row.status as EventStatus,
          source: row.source as EventSource,
          teamId: row.teamId,
          assistingTeamIds: row.assistingTeamIds,
          reporterUserId: row.reporterUserId,
          gridId: row.gridId,
          matterId: row.matterId,
          rating: row.rating,
        },
        stepInput,
        actor,
      );
      if (!decision.ok) throw refused(decision.reasons);
      const { set, teamId, reason, detail } = await apply(row, decision.to, now, tx);
      const updated = await repo.update(tx, id, { ...set, status: decision.to, updatedAt: now });
      const stepId = await repo.insertStep(tx, {
        eventId: id,
        at: now,
        action: stepInput.action,
        fromStatus: row.status,
        toStatus: decision.to,
        actorId: ctx.actor.id,
        actorRole: ctx.actor.role,
        actorName: ctx.user?.displayName ?? null,
        teamId: teamId === undefined ? row.teamId : teamId,
        lng: opts.position?.lng ?? null,
        lat: opts.position?.lat ?? null,
        clientIp: ctx.actor.clientIp,
        reason: reason ?? null,
        detail: detail ?? null,
      });
      if (opts.photoIds?.length) {
        const attached = await repo.attachPhotos(tx, opts.photoIds, id, stepId, ctx.actor.id);
        if (attached !== opts.photoIds.length)
          throw new DomainError('REFERENCE_INVALID', [{ path: 'body.photoIds', rule: 'own_unattached_photo' }]);
      }
      await audit.append(
        tx,
        ctx.actor,
        {
          action: `event.${stepInput.action}`,
          entityType: 'event',
          entityId: id,
          before: changedFields(row, updated, Object.keys(set).concat('status')),
          after: {
            ...pick(updated, Object.keys(set).concat('status')),
            reason: reason ?? null,
            position: opts.position ?? null,
          },
        },
        now,
      );
      await publish(tx, {
        kind: 'event',
        id,
        action: stepInput.action,
        status: updated.status as EventStatus,
        townId: updated.townId,
        teamId: updated.teamId,
      });
      told = await notifyStep(deps, tx, stepInput, row, updated, now);
      return updated;
    });
    // After the commit: the outbox is drained at once (SMS / DingTalk / WeCom never hold up the answer).
    void deps.notifier?.deliver(told);
    return result;
  }

  return {
    ...intake,

    /** Triage: confirm or change matter, team and urgency; overriding the engine's team needs a reason. */
    async triage(
      id: string,
      ctx: StepContext,
      body: {
        version: number;
        matterId?: string | undefined;
        teamId?: string | undefined;
        overrideReason?: string | undefined;
        urgency?: 'normal' | 'urgent' | undefined;
        category?: string | undefined;
        position?: Position;
      },
    ) {
      if (body.category) categoryOrThrow(body.category);
      if (body.matterId && !(await catalog.matterInForce(body.matterId, chinaToday(clock)).catch(() => null)))
        throw new DomainError('REFERENCE_INVALID', [{ path: 'body.matterId', rule: 'matter_in_force' }]);
      return step(
        id,
        ctx,
        body.version,
        async (row) => ({ action: 'triage', matterId: body.matterId ?? row.matterId }),
        async (row) => {
          const proposal = row.proposal as { teamId?: string | null } | null;
          const proposed = proposal?.teamId ?? null;
          const teamId = body.teamId ?? proposed;
          if (body.teamId && body.teamId !== proposed && !body.overrideReason)
            throw new DomainError('VALIDATION_FAILED', [
              { path: 'body.overrideReason', rule: 'required_when_overriding_team' },
            ]);
          return {
            set: {
              matterId: body.matterId ?? row.matterId,
              teamId,
              category: body.category ?? row.category,
              urgency: body.urgency ?? row.urgency,
              subjectName: (row.proposal as { subjectName?: string } | null)?.subjectName ?? null,
              triagedAt: clock.now(),
            },
            teamId,
            reason: body.overrideReason,
            detail: { proposedTeamId: proposed, override: !!body.teamId && body.teamId !== proposed },
          };
        },
        { position: body.position },
      );
    },

    /** Dispatch to a team (and assisting teams for joint handling) with a deadline from the category's SLA. */
    async dispatch(
      id: string,
      ctx: StepContext,
      body: {
        version: number;
        teamId?: string | undefined;
        assistingTeamIds: string[];
        deadline?: string | undefined;
        overrideReason?: string | undefined;
        note?: string | undefined;
        position?: Position;
      },
    ) {
      const now = clock.now();
      return step(
        id,
        ctx,
        body.version,
        async (row) => ({
          action: 'dispatch',
          teamId: body.teamId ?? row.teamId,
          deadline: body.deadline ?? deadlineOf(row, now).toISOString(),
        }),
        async (row, _to, _now, tx) => {
          const teamId = body.teamId ?? row.teamId!;
          if (body.teamId && row.teamId && body.teamId !== row.teamId && !body.overrideReason)
            throw new DomainError('VALIDATION_FAILED', [
              { path: 'body.overrideReason', rule: 'required_when_overriding_team' },
            ]);
          if (body.assistingTeamIds.includes(teamId))
            throw new DomainError('VALIDATION_FAILED', [
              { path: 'body.assistingTeamIds', rule: 'lead_team_not_assisting' },
            ]);
          await assertTeams(tx, [teamId, ...body.assistingTeamIds]);
          const deadline = body.deadline ? new Date(body.deadline) : deadlineOf(row, now);
          if (deadline <= now)
            throw new DomainError('VALIDATION_FAILED', [{ path: 'body.deadline', rule: 'after_now' }]);
          return {
            set: {
              teamId,
              assistingTeamIds: body.assistingTeamIds,
              dispatchedAt: now,
              deadline,
              warnAt: yellowAt(now, deadline, deps.config.EVENT_WARN_FRACTION),
              escalation: 'none',
            },
            teamId,
            reason: body.overrideReason ?? body.note,
            detail: { deadline: deadline.toISOString(), assistingTeamIds: body.assistingTeamIds },
          };
        },
        { position: body.position },
      );
    },

    accept(id: string, ctx: StepContext, body: { version: number; position?: Position }) {
      return step(
        id,
        ctx,
        body.version,
        { action: 'accept' },
        async (_row, _to, now) => ({ set: { acceptedAt: now } }),
        {
          position: body.position,
        },
      );
    },

    /** A team returns the event with a reason: it goes to the command centre for arbitration. */
    return(id: string, ctx: StepContext, body: { version: number; reason: string; position?: Position }) {
      return step(
        id,
        ctx,
        body.version,
        { action: 'return', reason: body.reason },
        async (row) => ({ set: { returnCount: row.returnCount + 1 }, reason: body.reason }),
        { position: body.position },
      );
    },

    /**
     * Arbitration: a justified return is dispatched to another team; an unjustified one goes back to the same
     * team and counts as 推诿 against it (event_steps: action arbitrate, justified false, team_id).
     */
    arbitrate(
      id: string,
      ctx: StepContext,
      body: {
        version: number;
        justified: boolean;
        teamId?: string | undefined;
        reason: string;
        position?: Position;
      },
    ) {
      const now = clock.now();
      return step(
        id,
        ctx,
        body.version,
        { action: 'arbitrate', justified: body.justified, teamId: body.teamId ?? null, reason: body.reason },
        async (row, _to, _now, tx) => {
          const teamId = body.justified ? body.teamId! : row.teamId!;
          if (body.justified) await assertTeams(tx, [teamId]);
          const deadline = body.justified ? deadlineOf(row, now) : (row.deadline ?? deadlineOf(row, now));
          return {
            set: {
              teamId,
              dispatchedAt: now,
              deadline,
              warnAt: yellowAt(now, deadline, deps.config.EVENT_WARN_FRACTION),
              escalation: deadline <= now ? 'red' : 'none',
            },
            // The step names the team that returned it: the 推诿 count is per that team.
            teamId: row.teamId,
            reason: body.reason,
            detail: { justified: body.justified, returnedBy: row.teamId, dispatchedTo: teamId },
          };
        },
        { position: body.position },
      );
    },

    /** Handling: the outcome with its legal checks (APL-42, APL-51 for an on-the-spot penalty). */
    handle(id: string, ctx: StepContext, body: HandleBody) {
      return step(
        id,
        ctx,
        body.version,
        async (row, tx) => ({
          action: 'handle',
          outcome: body.outcome,
          problems: await handlingProblems(tx, row, body),
        }),
        async (row, _to, now) => {
          const detail: Record<string, unknown> = {
            ...body,
            version: undefined,
            position: undefined,
            photoIds: undefined,
          };
          const set: Partial<EventInsert> = { outcome: body.outcome, outcomeDetail: detail, handledAt: now };
          if (body.outcome === 'rectification') set.rectifyDue = new Date(`${body.dueDate}T18:00:00+08:00`);
          if (body.outcome === 'case_filed') {
            set.caseHandle = `AJ-${eventNo(row)}`;
            detail['caseHandle'] = set.caseHandle;
          }
          if (body.outcome === 'transferred') Object.assign(set, closing(row, now));
          return { set, reason: body.note, detail };
        },
        { position: body.position, photoIds: body.photoIds },
      );
    },

    /** Re-check of a rectification: passed → awaiting verification; not passed → back to handling. */
    recheck(
      id: string,
      ctx: StepContext,
      body: {
        version: number;
        passed: boolean;
        note: string;
        photoIds: string[];
        position?: Position;
      },
    ) {
      return step(
        id,
        ctx,
        body.version,
        { action: 'recheck', passed: body.passed },
        async (_row, _to, now) => ({
          set: body.passed ? { handledAt: now } : { outcome: null },
          reason: body.note,
          detail: { passed: body.passed },
        }),
        { position: body.position, photoIds: body.photoIds },
      );
    },

    /** Verification by the reporter or grid worker: pass → closed; fail → reopened to the same team (counter). */
    verify(
      id: string,
      ctx: StepContext,
      body: {
        version: number | null;
        passed: boolean;
        note?: string | undefined;
        position?: Position;
      },
      citizen = false,
    ) {
      return step(
        id,
        ctx,
        body.version,
        { action: 'verify', passed: body.passed, byCitizenToken: citizen },
        async (row, _to, now) => ({
          set: body.passed
            ? closing(row, now)
            : {
                reopenCount: row.reopenCount + 1,
                outcome: null,
                acceptedAt: now,
                escalation: row.deadline && row.deadline <= now ? 'red' : row.escalation,
              },
          reason: body.note,
          detail: { passed: body.passed, citizen },
        }),
        { position: body.position },
      );
    },

    /** Rating 1–5 by the reporter; a low rating lands in the supervision queue. */
    rate(id: string, ctx: StepContext, body: { rating: number; comment?: string | undefined }, citizen = false) {
      return step(
        id,
        ctx,
        null,
        { action: 'rate', rating: body.rating, byCitizenToken: citizen },
        async (_row, _to, now) => ({
          set: { rating: body.rating, ratingComment: body.comment ?? null, ratedAt: now },
          reason: body.comment,
          detail: { rating: body.rating, citizen },
        }),
      );
    },

    /** Merge a report into an open master: it then follows the master's status. */
    merge(id: string, ctx: StepContext, body: { version: number; masterId: string; position?: Position }) {
      return step(
        id,
        ctx,
        body.version,
        async (_row, tx) => {
          const master = await repo.lock(tx, body.masterId, ctx.user?.scope ?? { kind: 'county' });
          return {
            action: 'merge',
            masterId: master ? master.id : null,
            masterStatus: (master?.status as EventStatus | undefined) ?? null,
            selfId: id,
          };
        },
        async (_row, _to, now) => ({
          set: { masterId: body.masterId, closedAt: now },
          detail: { masterId: body.masterId },
        }),
        { position: body.position },
      );
    },

    dismiss(id: string, ctx: StepContext, body: { version: number; reason: string; position?: Position }) {
      return step(
        id,
        ctx,
        body.version,
        { action: 'dismiss', reason: body.reason },
        async (_row, _to, now) => ({ set: { closedAt: now, outcome: null }, reason: body.reason }),
        { position: body.position },
      );
    },

    /** 催办: recorded on the timeline and sent to the team. */
    urge(id: string, ctx: StepContext, body: { note?: string | undefined; position?: Position }) {
      return step(
        id,
        ctx,
        null,
        { action: 'urge' },
        async (row) => ({ set: { urgeCount: row.urgeCount + 1 }, reason: body.note }),
        { position: body.position },
      );
    },

    /** Joint handling: an assisting team records what it did (notes, photos); the status does not change. */
    assist(id: string, ctx: StepContext, body: { note: string; photoIds: string[]; position?: Position }) {
      return step(
        id,
        ctx,
        null,
        { action: 'assist', note: body.note },
        async () => ({ set: {}, teamId: ctx.user?.scopeTeamId ?? null, reason: body.note }),
        { position: body.position, photoIds: body.photoIds },
      );
    },

    /** The citizen's own event, by the token Open311 or the hotline SMS handed out. */
    async byToken(token: string) {
      return repo.byTokenHash(db, hashToken(token));
    },

    get: (id: string, scope: DataScope) => repo.get(db, id, scope),
    photo: (id: string) => repo.photo(db, id),
    teamNames: (ids: readonly (string | null)[]) => teamNames(db, ids),
    timeline: (id: string) => repo.timeline(db, id),
    photos: (id: string) => repo.photos(db, id),
    mergedInto: (id: string) => repo.mergedInto(db, id),
    list: (scope: DataScope, q: Parameters<typeof repo.list>[2], user: { teamId: string | null; id: string }) =>
      repo.list(db, scope, q, user),
  };

  function deadlineOf(row: EventRow, now: Date): Date {
    const c = intake.category(row.category) ?? intake.category('other')!;
    return deadlineFor(now, c.sla[row.urgency], calendar.calendar);
  }

  function closing(row: EventRow, now: Date): Partial<EventInsert> {
    return { closedAt: now, onTime: row.deadline ? now <= row.deadline : null };
  }

  async function handlingProblems(tx: Db, row: EventRow, body: HandleBody): Promise<Reason[]> {
    const today = chinaToday(clock);
    const photos = await repo.countPhotos(tx, row.id);
    const pending = body.photoIds.length;
    const problems: Reason[] = checkPhotos(body.outcome, { before: photos.before, after: photos.after + pending });
    if (body.outcome === 'rectification') problems.push(...checkRectification(body.dueDate, today));
    if (body.outcome === 'simple_penalty' || body.outcome === 'commitment') {
      const matter = row.matterId ? await catalog.matterInForce(row.matterId, today, tx) : null;
      if (!matter) {
        problems.push({ rule: 'EVT-MATTER', zh: '须先确定执法事项', en: 'The event has no matter in force' });
      } else if (body.outcome === 'simple_penalty') {
        const officers = await loadOfficers(tx, body.officerIds, today);
        if (officers.length !== new Set(body.officerIds).size)
          throw new DomainError('REFERENCE_INVALID', [{ path: 'body.officerIds', rule: 'person_exists' }]);
        problems.push(
          ...checkSimplePenalty(
            { partyKind: body.party.kind, penalty: body.penalty, fineFen: body.fineFen },
            officers,
            matter.domain,
            today,
          ),
        );
      } else {
        problems.push(...checkCommitment(matter.flags.lightViolationCommitment));
      }
    }
    return problems;
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

function pick(row: Record<string, unknown>, keys: string[]) {
  return Object.fromEntries(keys.map((k) => [k, row[k] ?? null]));
}

function changedFields(before: EventRow, after: EventRow, keys: string[]) {
  return pick(
    before as unknown as Record<string, unknown>,
    keys.filter((k) => k in after),
  );
}

export type EventsService = ReturnType<typeof createEventsService>;
