import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import {
  CASE_PROCEDURE,
  CASE_STATE_LABELS,
  decideCase,
  evolveCase,
  fineOf,
  type CaseAction,
  type CaseActor,
  type CaseFacts,
  type CaseListQuery,
  type CaseOpen,
  type CaseState,
  type CaseStepAction,
  type CaseStepBody,
  type CaseStepInput,
} from '@openenforce/domain/cases';
import { chinaDate } from '@openenforce/domain/common';
import { DomainError } from '@openenforce/domain/errors';
import type { DataScope } from '@openenforce/domain/organization';
import { clockEffects, rowFor } from '@openenforce/domain/workflow';
import type { CatalogService } from '../catalog/index.ts';
import { loadOfficers, teamAndBelow, teamNames, type RegionDirectory } from '../organization/index.ts';
import type { Actor } from '../platform/audit/index.ts';
import type { SessionUser } from '../platform/auth/auth.service.ts';
import type { CalendarService } from '../platform/calendar/index.ts';
import type { Db } from '../platform/db/index.ts';
import { createDeadlines } from '../platform/deadlines/index.ts';
import type { PlatformDeps } from '../platform/deps.ts';
import { documents } from '../platform/documents/index.ts';
import { linkAudit, linkFiles } from '../platform/files/index.ts';
import { applyClocks, createStepper, type RecordClocks, type StepResult } from '../platform/workflow/index.ts';
import { CASE_SUBJECT, casesRepository as repo, type CaseInsert, type CaseRecord } from './cases.repository.ts';
import { caseFiles, caseSteps } from './cases.schema.ts';
import { clockViews, planClocks } from './clocks.ts';
import { caseFacts, storedFacts } from './facts.ts';
import { createCaseOpener, type OpenInput } from './open.ts';

/** Who takes a step: the signed-in user and the audit actor of the request. */
export interface CaseContext {
  user: SessionUser;
  actor: Actor;
}

/** What a case step tells the event it came from (the event's timeline shows the case's progress). */
export type CaseProgressPort = (
  tx: Db,
  eventId: string,
  p: { caseId: string; number: string; action: string; status: CaseState; at: Date; actorName: string | null },
) => Promise<void>;

const toUuidList = (ids: readonly string[]) =>
  ids.filter((i) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(i));

/**
 * The cases context's service: opening (directly or from an event), the steps of the procedure on the platform's
 * stepper (the domain decides; `evolveCase` is the record after a step), "what may I do here", the detail with its
 * timeline, clocks and evidence, and the lists and queues.
 */
export function createCasesService(
  deps: PlatformDeps,
  directory: RegionDirectory,
  catalog: CatalogService,
  calendar: CalendarService,
  ports: { progress?: CaseProgressPort } = {},
) {
  const db = deps.database.db;
  const dl = createDeadlines(() => calendar.calendar);
  const clocks: RecordClocks<CaseRecord> = {
    deadlines: dl,
    subject: (r) => ({ type: CASE_SUBJECT, id: r.id, townId: r.townId }),
    warnFraction: deps.config.EVENT_WARN_FRACTION,
  };
  const factsOf = (r: CaseRecord) => caseFacts(r, r.agencySettings, calendar.calendar);
  const opener = createCaseOpener(deps, directory, catalog, calendar, clocks);

  const stepper = createStepper<CaseRecord, CaseState, CaseFacts, CaseActor, CaseStepInput, Partial<CaseInsert>>(deps, {
    procedure: CASE_PROCEDURE,
    steps: caseSteps,
    refusedCode: 'CASE_STEP_REFUSED',
    lock: (tx, id, scope) => repo.record(tx, id, scope, true),
    read: (d, id, scope) => repo.record(d, id, scope),
    save: (tx, id, set) => repo.save(tx, id, set),
    state: (r) => r.status,
    version: (r) => r.version,
    facts: factsOf,
    team: (r) => r.teamId,
    clocks,
    linkFiles: async (tx, c) => {
      const linked = await linkFiles(tx, caseFiles, {
        ownerId: c.id,
        fileIds: c.ids,
        stepId: c.stepId,
        uploader: c.uploader,
      });
      return { linked: linked.length, audit: linkAudit(caseFiles, c.id, c.stepId, c.ids) };
    },
    async effects(tx, { input, after, now }) {
      if (after.sourceEventId && ports.progress)
        await ports.progress(tx, after.sourceEventId, {
          caseId: after.id,
          number: after.number,
          action: input.action,
          status: after.status,
          at: now,
          actorName: null,
        });
      return [];
    },
  });

  /** The procedure's actor: the user with their teams (and those below) and person. */
  async function actorFacts(user: SessionUser): Promise<CaseActor> {
    return {
      role: user.role,
      permissions: user.permissions,
      userId: user.id,
      personId: user.personId,
      teamIds: user.scopeTeamId ? await teamAndBelow(db, user.scopeTeamId) : [],
      isAuxiliary: user.role === 'auxiliary',
    };
  }

  /** The officers a step names, with their certificates (APL-42): every id must be a person. */
  async function officers(tx: Db, ids: readonly string[], path: string, now: Date) {
    const found = await loadOfficers(tx, ids, chinaDate(now));
    if (found.length !== new Set(ids).size)
      throw new DomainError('REFERENCE_INVALID', [{ path, rule: 'person_exists' }]);
    return found;
  }

  /** The domain's input of a step from its HTTP body (people loaded with certificates; evidence given an id). */
  async function inputOf<K extends CaseStepAction>(
    tx: Db,
    action: K,
    body: CaseStepBody<K>,
    now: Date,
  ): Promise<CaseStepInput> {
    const {
      version: _v,
      clientStepId: _c,
      ...rest
    } = body as CaseStepBody<K> & { version: number; clientStepId?: string };
    void _v;
    void _c;
    if (action === 'decide_on_spot') {
      const { officerIds, ...b } = rest as unknown as CaseStepBody<'decide_on_spot'>;
      return { action, ...b, officers: await officers(tx, officerIds, 'body.officerIds', now) } as CaseStepInput;
    }
    if (action === 'assign_investigators') {
      const { investigatorIds } = rest as unknown as CaseStepBody<'assign_investigators'>;
      return { action, investigators: await officers(tx, investigatorIds, 'body.investigatorIds', now) };
    }
    if (action === 'record_evidence') {
      const e = (rest as unknown as CaseStepBody<'record_evidence'>).evidence;
      return {
        action,
        evidence: {
          id: randomUUID(),
          ...e,
          capturedAt: e.capturedAt ? new Date(e.capturedAt) : null,
          // APL-41: electronic-monitoring records are usable only after review.
          reviewStatus: e.source === 'electronic_monitoring' ? 'pending' : 'approved',
        },
      };
    }
    return { action, ...rest } as unknown as CaseStepInput;
  }

  /** What a step changes on the row beside the facts: the copies lists and scope read. */
  function columnsOf(next: CaseFacts, to: CaseState, now: Date): Partial<CaseInsert> {
    const decided = next.decision?.decidedOn ? next.decision : null;
    return {
      facts: storedFacts(next),
      procedure: next.procedure,
      teamId: next.teamId,
      investigatorIds: toUuidList(next.investigators.map((o) => o.personId)),
      fineProposedFen: next.decision ? fineOf(next.decision.penalties) : null,
      fineNotifiedFen: next.notice ? fineOf(next.notice.penalties) : null,
      fineDecidedFen: decided && decided.kind === 'penalty' ? fineOf(decided.penalties) : null,
      ...(to === 'closed' || to === 'not_filed' || to === 'transferred' ? { closedAt: now } : {}),
    };
  }

  return {
    clocks,

    /**
     * Write the steps of a case driven in memory (`driveCase`) as if each had been taken at its instant: the row, the
     * timeline and the clocks as the stepper would have left them (no audit records: test and demo data, not acts).
     * Each step is decided again on the stored facts, so a path the procedure refuses throws.
     */
    async writeDriven(
      tx: Db,
      id: string,
      steps: readonly { input: CaseStepInput; actor: CaseActor; name: string | null; at: Date }[],
    ): Promise<CaseRecord> {
      const county: DataScope = { kind: 'county' };
      let row = (await repo.record(tx, id, county, true))!;
      for (const s of steps) {
        const facts = factsOf(row);
        const d = decideCase(facts, s.input, s.actor, s.at, { documents: new Set(['hearing_transcript']) });
        if (!d.ok) throw new Error(`${s.input.action}: ${d.reasons.map((r) => r.rule).join(', ')}`);
        const next = evolveCase(facts, s.input, d.to, s.at);
        const transition = rowFor(CASE_PROCEDURE, row.status, s.input.action);
        const effects = transition ? clockEffects(transition, facts, s.input) : {};
        const plan = await planClocks(tx, dl, clocks.subject(row), effects, facts, s.input, s.at, row.flaggedClocks);
        const before = row.status;
        row = await repo.save(tx, id, {
          ...columnsOf(next, d.to, s.at),
          flaggedClocks: plan.flagged,
          status: d.to,
          updatedAt: s.at,
        });
        await applyClocks(tx, clocks, row, effects, plan.values, s.at);
        await tx.insert(caseSteps).values({
          subjectId: id,
          at: s.at,
          action: s.input.action,
          fromStatus: before,
          toStatus: d.to,
          actorId: s.actor.userId,
          actorRole: s.actor.role,
          actorName: s.name,
          teamId: row.teamId,
          detail: { ...s.input, action: undefined },
        });
      }
      return row;
    },

    /** A case opened directly (or from an inspection, a referral, another agency's transfer). */
    async open(body: CaseOpen, ctx: CaseContext) {
      const townId =
        body.townId ??
        (body.lng !== undefined && body.lat !== undefined ? directory.locate(body.lng, body.lat)?.town.id : undefined);
      if (!townId)
        throw new DomainError('VALIDATION_FAILED', [{ path: 'body.townId', rule: 'town_or_point_required' }]);
      const { townId: _t, ...rest } = body;
      void _t;
      const input: OpenInput = { ...rest, townId, ...(body.sourceRef ? { sourceRef: body.sourceRef } : {}) };
      return db.transaction(async (tx) => {
        const now = deps.clock.now();
        // A town user opens cases of their own town only (data scope).
        if (ctx.user.scope.kind !== 'county' && ctx.user.scope.townId && ctx.user.scope.townId !== townId)
          throw new DomainError('FORBIDDEN', [{ path: 'body.townId', rule: 'scope_town' }]);
        return opener(tx, input, { audit: ctx.actor, name: ctx.user.displayName }, now);
      });
    },

    /** The port the events context calls when an event is handled as "case to be filed" (in its transaction). */
    openFromEvent: opener,

    /** One step of the procedure: `action` with its body (and the case version the client read). */
    async step<K extends CaseStepAction>(
      id: string,
      action: K,
      body: CaseStepBody<K>,
      ctx: CaseContext,
    ): Promise<StepResult<CaseRecord>> {
      const b = body as CaseStepBody<K> & { version: number; clientStepId?: string };
      const evidenceFiles =
        action === 'record_evidence' ? (body as CaseStepBody<'record_evidence'>).evidence.fileIds : [];
      return stepper.step({
        id,
        scope: ctx.user.scope,
        version: b.version,
        clientStepId: b.clientStepId,
        actor: { audit: ctx.actor, name: ctx.user.displayName, facts: await actorFacts(ctx.user) },
        input: ({ tx, now }) => inputOf(tx, action, body, now),
        documents: async ({ row, tx }) => {
          const rows = await tx
            .selectDistinct({ kind: documents.kind })
            .from(documents)
            .where(and(eq(documents.subjectType, CASE_SUBJECT), eq(documents.subjectId, row.id)));
          return new Set(rows.map((r) => r.kind));
        },
        ...(evidenceFiles.length > 0
          ? { attach: { ids: evidenceFiles, path: 'body.evidence.fileIds', rule: 'own_unattached_file' } }
          : {}),
        async apply({ row, to, now, tx, input }) {
          const facts = factsOf(row);
          const next = evolveCase(facts, input, to, now);
          const transition = rowFor(CASE_PROCEDURE, row.status, input.action as CaseAction);
          const effects = transition ? clockEffects(transition, facts, input) : {};
          const plan = await planClocks(tx, dl, clocks.subject(row), effects, facts, input, now, row.flaggedClocks);
          const reason =
            'reason' in input
              ? input.reason
              : 'opinion' in input
                ? input.opinion
                : 'summary' in input
                  ? input.summary
                  : undefined;
          return {
            set: { ...columnsOf(next, to, now), flaggedClocks: plan.flagged },
            reason,
            detail: { ...input, action: undefined },
            clocks: plan.values,
          };
        },
      });
    },

    /** "What may I do here": every action for this user on the case, allowed or with the rules that refuse it. */
    async actions(id: string, user: SessionUser) {
      return stepper.available(id, user.scope, await actorFacts(user));
    },

    /** A role that may never take `action` is refused before scope or version are looked at (403). */
    assertPermitted(user: SessionUser, action: CaseStepAction) {
      stepper.assertPermitted({ role: user.role, permissions: user.permissions }, action);
    },

    /** The case with its timeline, running clocks and evidence register, within scope (404 outside it). */
    async detail(id: string, scope: DataScope) {
      const r = await repo.record(db, id, scope);
      if (!r) throw new DomainError('NOT_FOUND', [{ path: 'params.id', rule: 'case_exists' }]);
      const now = deps.clock.now();
      const facts = factsOf(r);
      const [timeline, clockRows, files, names] = await Promise.all([
        repo.timeline(db, id),
        dl.list(db, { type: CASE_SUBJECT, id }),
        repo.evidenceFiles(db, id),
        teamNames(db, [r.teamId]),
      ]);
      return {
        row: r,
        facts,
        teamName: r.teamId ? (names.get(r.teamId) ?? null) : null,
        timeline,
        clocks: clockViews(clockRows, r.flaggedClocks, facts.settings, now),
        files,
        statusLabel: CASE_STATE_LABELS[r.status],
      };
    },

    /** A page of cases within scope (filters, queues), with each one's most urgent clock and team name. */
    async list(q: CaseListQuery, user: SessionUser) {
      const now = deps.clock.now();
      const who = {
        personId: user.personId,
        teamIds: user.scopeTeamId ? await teamAndBelow(db, user.scopeTeamId) : [],
      };
      const page = await repo.list(db, user.scope, q, who, now);
      const names = await teamNames(
        db,
        page.items.map((c) => c.teamId),
      );
      return { ...page, names };
    },
  };
}

export type CasesService = ReturnType<typeof createCasesService>;
