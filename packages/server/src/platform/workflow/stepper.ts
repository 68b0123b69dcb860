import { and, eq } from 'drizzle-orm';
import { DomainError, type ErrorCode, type ErrorDetail } from '@openenforce/domain/errors';
import type { DataScope } from '@openenforce/domain/organization';
import {
  availableActions,
  clockEffects,
  decide,
  permissionFor,
  type ActionAvailability,
  type Procedure,
  type Reason,
  type WorkflowActor,
} from '@openenforce/domain/workflow';
import type { Actor, AuditEntry } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import type { PlatformDeps } from '../deps.ts';
import type { NotificationMessage } from '../notifications/index.ts';
import { applyClocks, type ClockValues, type RecordClocks } from './clocks.ts';
import type { StepsTable } from './steps-table.ts';

/*
 * The stepper: one step of any procedure, in one transaction — lock the record within the actor's data scope, return
 * the first result if this client step was delivered before, check the version, let the procedure decide, apply the
 * context's change, append the step row, link the step's files, append the audit record, and run the context's
 * effects (live feed, notifications) — reading the clock once, inside the transaction, and passing that instant to
 * everything the step writes. Contexts describe their aggregate once (`AggregateSpec`) and write one short function
 * per action; none writes its own step().
 */

/** Who takes the step: the audit actor (who, role, address, request), the name on the timeline, the procedure's facts. */
export interface StepActor<A> {
  audit: Actor;
  name: string | null;
  facts: A;
}

/** What a context's action changes on its record, and what its step row says beyond the defaults. */
export interface Applied<Set> {
  set: Set;
  /** The team the step concerns (default: the record's team). */
  teamId?: string | null;
  reason?: string | undefined;
  detail?: unknown;
  /** What the row's clocks need from the step: an approved extension, a due time the step computed. */
  clocks?: ClockValues;
}

export interface StepRequest<Row, S extends string, A, I, Set> {
  id: string;
  scope: DataScope;
  /** The version the client last read; null where a step does not depend on it (an urge, a rating). */
  version: number | null;
  /** The client's idempotency key: a repeated delivery returns the first result and writes nothing. */
  clientStepId?: string | undefined;
  actor: StepActor<A>;
  position?: { lng: number; lat: number } | undefined;
  /** The step's input, or read inside the transaction (the facts it needs come from the locked record). */
  input: I | ((c: { row: Row; tx: Db; now: Date }) => Promise<I>);
  /** Files the record has and will have once this step's are linked, by kind (what `requires.files` counts). */
  files?: (c: { row: Row; tx: Db }) => Promise<Record<string, number>>;
  /** Documents the record has, by kind (what `requires.documents` checks). */
  documents?: (c: { row: Row; tx: Db }) => Promise<ReadonlySet<string>>;
  /** Files uploaded before the step and linked to it: only the uploader's own, not yet linked (else `rule` at `path`). */
  attach?: { ids: readonly string[]; path: string; rule: string };
  apply(c: { row: Row; to: S; now: Date; tx: Db; input: I }): Promise<Applied<Set>>;
}

export interface AggregateSpec<Row, S extends string, F, A extends WorkflowActor, I extends { action: string }, Set> {
  procedure: Procedure<S, F, A, I>;
  steps: StepsTable;
  /** The error code of a refused step (the context's, e.g. EVENT_STEP_REFUSED); forbidden ones are FORBIDDEN. */
  refusedCode: ErrorCode;
  /** The record within scope, locked for the step (FOR UPDATE), or undefined (→ 404, as if absent). */
  lock(tx: Db, id: string, scope: DataScope): Promise<Row | undefined>;
  /** The record within scope, unlocked (for "what may I do here"). */
  read(db: Db, id: string, scope: DataScope): Promise<Row | undefined>;
  /** Write the change (and bump the version); the row as it now is. */
  save(tx: Db, id: string, set: Set & { status: S; updatedAt: Date }): Promise<Row>;
  state(row: Row): S;
  version(row: Row): number;
  facts(row: Row): F;
  team(row: Row): string | null;
  /** Where the procedure's clocks run (platform deadlines): required when its rows declare clocks. */
  clocks?: RecordClocks<Row>;
  /** Link files to the record and step: how many were linked, and the audit record of the link. */
  linkFiles?(
    tx: Db,
    c: { id: string; stepId: number; ids: readonly string[]; uploader: string | null },
  ): Promise<{ linked: number; audit: AuditEntry }>;
  /**
   * What the step tells others, in the transaction: the live feed, notifications. Returns the notifications to hand
   * to the delivery adapters once the transaction has committed.
   */
  effects?(
    tx: Db,
    c: { input: I; before: Row; after: Row; now: Date; stepId: number },
  ): Promise<readonly NotificationMessage[]>;
}

export interface StepResult<Row> {
  row: Row;
  stepId: number;
  /** This client step had been delivered before: nothing was written, `row` is the record as it is now. */
  replayed: boolean;
}

const NONE: ReadonlySet<string> = new Set();

const pick = (row: object, keys: readonly string[]) =>
  Object.fromEntries(keys.map((k) => [k, (row as Record<string, unknown>)[k] ?? null]));

export function createStepper<
  Row extends object,
  S extends string,
  F,
  A extends WorkflowActor,
  I extends { action: string },
  Set extends object,
>(deps: PlatformDeps, spec: AggregateSpec<Row, S, F, A, I, Set>) {
  const { procedure, steps } = spec;
  const subject = procedure.name;
  const db = deps.database.db;

  const refused = (reasons: readonly Reason[], forbidden: boolean): DomainError => {
    const details: ErrorDetail[] = reasons.map((r) => ({
      path: r.path ?? subject,
      rule: r.rule,
      message: { zh: r.zh, en: r.en },
    }));
    return new DomainError(forbidden ? 'FORBIDDEN' : spec.refusedCode, details);
  };
  const notFound = () => new DomainError('NOT_FOUND', [{ path: 'params.id', rule: `${subject}_exists` }]);

  async function priorStep(tx: Db, id: string, clientStepId: string) {
    const rows = await tx
      .select({ id: steps.id })
      .from(steps)
      .where(and(eq(steps.subjectId, id), eq(steps.clientStepId, clientStepId)));
    return rows[0]?.id;
  }

  async function step(req: StepRequest<Row, S, A, I, Set>): Promise<StepResult<Row>> {
    let told: readonly NotificationMessage[] = [];
    const result = await db.transaction(async (tx): Promise<StepResult<Row>> => {
      // One instant for the whole step: its state, timeline row, audit record and notifications agree.
      const now = deps.clock.now();
      const row = await spec.lock(tx, req.id, req.scope);
      if (!row) throw notFound();
      // Before the version: a repeated delivery carries the version the first one consumed.
      if (req.clientStepId !== undefined) {
        const prior = await priorStep(tx, req.id, req.clientStepId);
        if (prior !== undefined) return { row, stepId: prior, replayed: true };
      }
      if (req.version !== null && spec.version(row) !== req.version) {
        throw new DomainError('CONFLICT_STALE_VERSION', [
          { path: 'body.version', rule: `current_version:${spec.version(row)}` },
        ]);
      }
      const input =
        typeof req.input === 'function'
          ? await (req.input as (c: { row: Row; tx: Db; now: Date }) => Promise<I>)({ row, tx, now })
          : req.input;
      const facts = spec.facts(row);
      const decision = decide(procedure, spec.state(row), {
        facts,
        actor: req.actor.facts,
        input,
        now,
        files: req.files ? await req.files({ row, tx }) : {},
        documents: req.documents ? await req.documents({ row, tx }) : NONE,
      });
      if (!decision.ok) throw refused(decision.reasons, decision.forbidden);
      const { set, teamId, reason, detail, clocks } = await req.apply({ row, to: decision.to, now, tx, input });
      const after = await spec.save(tx, req.id, { ...set, status: decision.to, updatedAt: now });
      const clockChanges = await applyClocks(
        tx,
        spec.clocks,
        after,
        // A row without clocks gives none (an aggregate that keeps no clocks may take it).
        decision.row.clocks === undefined ? undefined : clockEffects(decision.row, facts, input),
        clocks,
        now,
      );
      const [written] = await tx
        .insert(steps)
        .values({
          subjectId: req.id,
          at: now,
          action: input.action,
          fromStatus: spec.state(row),
          toStatus: decision.to,
          actorId: req.actor.audit.id,
          actorRole: req.actor.audit.role,
          actorName: req.actor.name,
          teamId: teamId === undefined ? spec.team(row) : teamId,
          lng: req.position?.lng ?? null,
          lat: req.position?.lat ?? null,
          clientIp: req.actor.audit.clientIp,
          reason: reason ?? null,
          detail: detail ?? null,
          clientStepId: req.clientStepId ?? null,
        })
        .returning({ id: steps.id });
      const stepId = written!.id;
      const audits: AuditEntry[] = [];
      if (req.attach && req.attach.ids.length > 0) {
        const out = spec.linkFiles
          ? await spec.linkFiles(tx, { id: req.id, stepId, ids: req.attach.ids, uploader: req.actor.audit.id })
          : null;
        if ((out?.linked ?? 0) !== req.attach.ids.length)
          throw new DomainError('REFERENCE_INVALID', [{ path: req.attach.path, rule: req.attach.rule }]);
        audits.push(out!.audit);
      }
      const keys = Object.keys(set).concat('status');
      audits.push({
        action: `${subject}.${input.action}`,
        entityType: subject,
        entityId: req.id,
        before: pick(
          row,
          keys.filter((k) => k in after),
        ),
        after: {
          ...pick(after, keys),
          reason: reason ?? null,
          position: req.position ?? null,
          ...(clockChanges.length > 0 ? { clocks: clockChanges } : {}),
        },
      });
      await deps.audit.append(tx, req.actor.audit, audits, now);
      told = spec.effects ? await spec.effects(tx, { input, before: row, after, now, stepId }) : [];
      return { row: after, stepId, replayed: false };
    });
    // After the commit: the outbox is drained at once (delivery outside the app never holds up the answer).
    if (told.length > 0) void deps.notifier?.deliver(told);
    return result;
  }

  return {
    step,

    /**
     * "What may I do here, and why not the rest": every action for this actor on this record, judged as the step
     * itself would judge it before any input (state, permission, who-guards).
     */
    async available(
      id: string,
      scope: DataScope,
      actor: A,
    ): Promise<{ version: number; state: S; actions: ActionAvailability<I['action']>[] }> {
      const row = await spec.read(db, id, scope);
      if (!row) throw notFound();
      const actions = availableActions(procedure, spec.state(row), {
        facts: spec.facts(row),
        actor,
        now: deps.clock.now(),
      });
      return { version: spec.version(row), state: spec.state(row), actions };
    },

    /**
     * Whether the actor's role may ever take the action (its permission), checked before scope and version are
     * looked at: a role that may never take a step hears so plainly (403).
     */
    assertPermitted(actor: WorkflowActor, action: I['action']): void {
      const permission = permissionFor(procedure, action);
      const ok = actor.role !== 'citizen' && permission !== undefined && actor.permissions.includes(permission);
      if (!ok) {
        const r = procedure.roleRefusal(actor, action);
        throw new DomainError('FORBIDDEN', [{ path: 'role', rule: r.rule, message: { zh: r.zh, en: r.en } }]);
      }
    },
  };
}
