import type { Permission, Role } from '../organization/roles.ts';

/*
 * A procedure is data (ARCHITECTURE.md "workflow"): one row per (state, action) — the states it may start from, the
 * state it leads to, the permission that may take it, the guards that refuse it with reasons (rule id + zh/en), the
 * clocks it starts, stops, pauses or extends, the files and documents it requires. One generic `decide` reads the
 * rows; the platform's stepper (server platform/workflow) applies the decision in one transaction. Events, cases and
 * inspections each write their own table of rows; none writes its own state machine.
 */

/** Why a step is refused: a rule id (LEGAL.md or the context's own), its words in zh and en, the field it concerns. */
export interface Reason {
  rule: string;
  zh: string;
  en: string;
  /** The request field the reason is about (`body.reason`), when there is one: the web puts the message there. */
  path?: string;
}

export const reason = (rule: string, zh: string, en: string, path?: string): Reason =>
  path === undefined ? { rule, zh, en } : { rule, zh, en, path };

/**
 * Who acts. A signed-in user holds a role and its permissions; `citizen` is someone without an account acting
 * through a token they were handed (the Open311 reporter following their report). Contexts add their own facts
 * (team, grid, town) to this.
 */
export type WorkflowActor = { role: Role; permissions: readonly Permission[] } | { role: 'citizen' };

/** What a `may` guard reads: the record's facts, who acts, and the one instant of the step. */
export interface MayContext<F, A> {
  facts: F;
  actor: A;
  now: Date;
}

/** What a `check` guard reads besides: the step's input, and the files the step will have (linked + attached). */
export interface CheckContext<F, A, I> extends MayContext<F, A> {
  input: I;
  files: Readonly<Record<string, number>>;
  documents: ReadonlySet<string>;
}

/** A guard allows (null, undefined, false, []) or refuses with one reason or several. */
export type Guard<C> = (c: C) => Reason | readonly Reason[] | null | undefined | false;

export type ClockType = 'working_days' | 'calendar_days' | 'hours';

/** A clock a step starts: its kind, the rule that sets it, and its length when the rule fixes one. */
export interface ClockStart {
  kind: string;
  rule: string;
  /** Absent: the step itself computes the due time (an event's deadline comes from its category). */
  clock?: ClockType;
  amount?: number;
  /** Yellow (临期) when less than this fraction of the period remains; absent: the stepper's default. */
  warnFraction?: number;
}

/** What a step does to the record's clocks (platform deadlines). Kinds name the clocks. */
export interface ClockEffects {
  start?: readonly ClockStart[];
  /** Met: the period ended in time or not; the record no longer runs this clock. */
  stop?: readonly string[];
  pause?: readonly string[];
  resume?: readonly string[];
  /** Extended by an approved amount (the step's `apply` says how much: `Applied.clocks.extendBy`). */
  extend?: readonly string[];
}

/** A file the step needs: how many of a kind, and the rule that says so. */
export interface FileRequirement<I> {
  kind: string;
  min: number;
  reason: Reason;
  /** Only for some inputs (an "after" photo only when the outcome is a fix on site). */
  when?: (input: I) => boolean;
}

export interface Transition<S extends string, F, A, I extends { action: string }> {
  action: I['action'];
  from: readonly S[];
  /** The next state; `same` keeps it (a rating, an urge); a function when the input decides. */
  to: S | 'same' | ((c: { facts: F; input: I; state: S }) => S);
  /** The one permission that may take the step (organization/roles.ts grants permissions to roles). */
  permission: Permission;
  /** Also the citizen holding the record's token (verification and rating of their own report). */
  citizen?: boolean;
  /** Who may take it on this record (team, grid, scope): checked for "what may I do here" too. Refusals are 403. */
  may?: readonly Guard<MayContext<F, A>>[];
  /**
   * Whether the record itself allows it now, whoever asks and whatever the input (already rated, …): checked for "what
   * may I do here" too, so a screen does not offer it. Refusals are 422, like `check`.
   */
  record?: readonly Guard<MayContext<F, A>>[];
  /** Whether the input is lawful (reasons, amounts, deadlines, legal limits). Refusals are 422. */
  check?: readonly Guard<CheckContext<F, A, I>>[];
  /**
   * The clocks the step starts, stops, pauses or extends; a function when they depend on the input or the record (a
   * payment clock only for a fine; a length from the agency's settings). `clockEffects` reads either form.
   */
  clocks?: ClockEffects | ((c: { facts: F; input: I }) => ClockEffects);
  requires?: { files?: readonly FileRequirement<I>[]; documents?: readonly { kind: string; reason: Reason }[] };
}

/** One row for each action `K` of the input union, typed with that action's input. */
export type ProcedureRow<S extends string, F, A, I extends { action: string }> = {
  [K in I['action']]: Transition<S, F, A, Extract<I, { action: K }>>;
}[I['action']];

export interface Procedure<S extends string, F, A, I extends { action: string }> {
  /** The subject named in audit records and messages (`event`, `case`). */
  name: string;
  states: readonly S[];
  rows: readonly ProcedureRow<S, F, A, I>[];
  /** The reason for a step that the current state does not allow. */
  statusRefusal(state: S, action: I['action']): Reason;
  /** The reason for an actor whose role lacks the row's permission (or a citizen where only users may act). */
  roleRefusal(actor: WorkflowActor, action: I['action']): Reason;
}

/** Build a procedure with its types fixed once (`defineProcedure<S, F, A, I>()({...})`). */
export const defineProcedure =
  <S extends string, F, A extends WorkflowActor, I extends { action: string }>() =>
  (p: Procedure<S, F, A, I>): Procedure<S, F, A, I> =>
    p;

export type Decision<S extends string, R> =
  | { ok: true; to: S; row: R }
  | {
      ok: false;
      reasons: Reason[];
      /** Refused for who acts (permission or a `may` guard), not for what they asked: 403 rather than 422. */
      forbidden: boolean;
    };

type RowOf<S extends string, F, A, I extends { action: string }> = Transition<S, F, A, I>;

/**
 * The rows as the generic reader sees them. Each row is typed with its own action's input for its author; here a row
 * takes the union, which is sound because a row is only ever given the input of its own action (`rowFor` matches
 * `input.action`).
 */
const procedureRows = <S extends string, F, A, I extends { action: string }>(p: Procedure<S, F, A, I>) =>
  p.rows as unknown as readonly RowOf<S, F, A, I>[];

const listOf = (out: Reason | readonly Reason[] | null | undefined | false): readonly Reason[] =>
  !out ? [] : Array.isArray(out) ? out : [out as Reason];

/** The row for an action in a state, if the procedure has one. */
export function rowFor<S extends string, F, A, I extends { action: string }>(
  p: Procedure<S, F, A, I>,
  state: S,
  action: I['action'],
): RowOf<S, F, A, I> | undefined {
  return procedureRows(p).find((r) => r.action === action && r.from.includes(state));
}

/** The actions a procedure knows, each once, in the order of its rows. */
export function actionsOf<S extends string, F, A, I extends { action: string }>(
  p: Procedure<S, F, A, I>,
): I['action'][] {
  return [...new Set(procedureRows(p).map((r) => r.action))];
}

/** The permission an action needs (the same in every state: an action has one permission). */
export function permissionFor<S extends string, F, A, I extends { action: string }>(
  p: Procedure<S, F, A, I>,
  action: I['action'],
): Permission | undefined {
  return procedureRows(p).find((r) => r.action === action)?.permission;
}

/** Whether the actor's role holds the row's permission (or the row admits the citizen). */
function permitted(row: { permission: Permission; citizen?: boolean }, actor: WorkflowActor): boolean {
  return actor.role === 'citizen' ? row.citizen === true : actor.permissions.includes(row.permission);
}

/**
 * Whether the actor may take `action` on a record in `state` at all, before any input — judged in the order the API
 * judges a step: the permission (a role that may never take it), then the state, then the `may` guards. What "what
 * may I do here" answers.
 */
export function mayTake<S extends string, F, A extends WorkflowActor, I extends { action: string }>(
  p: Procedure<S, F, A, I>,
  state: S,
  action: I['action'],
  c: MayContext<F, A>,
): { ok: true; row: RowOf<S, F, A, I> } | { ok: false; reasons: Reason[]; forbidden: boolean } {
  const any = procedureRows(p).find((r) => r.action === action);
  if (!any || !permitted(any, c.actor))
    return { ok: false, reasons: [p.roleRefusal(c.actor, action)], forbidden: true };
  const row = rowFor(p, state, action);
  if (!row) return { ok: false, reasons: [p.statusRefusal(state, action)], forbidden: false };
  const who: Reason[] = [];
  for (const g of row.may ?? []) who.push(...listOf(g(c)));
  const what: Reason[] = [];
  for (const g of row.record ?? []) what.push(...listOf(g(c)));
  return who.length + what.length > 0
    ? { ok: false, reasons: [...who, ...what], forbidden: who.length > 0 }
    : { ok: true, row };
}

/**
 * Decide a step: the next state (and the row, for its clocks), or every reason it is refused. The state comes
 * first (a step the state does not allow says only that); then who acts; then what they asked.
 */
export function decide<S extends string, F, A extends WorkflowActor, I extends { action: string }>(
  p: Procedure<S, F, A, I>,
  state: S,
  c: CheckContext<F, A, I>,
): Decision<S, RowOf<S, F, A, I>> {
  const row = rowFor(p, state, c.input.action);
  if (!row) return { ok: false, reasons: [p.statusRefusal(state, c.input.action)], forbidden: false };
  const who: Reason[] = [];
  if (!permitted(row, c.actor)) who.push(p.roleRefusal(c.actor, c.input.action));
  for (const g of row.may ?? []) who.push(...listOf(g(c)));
  const what: Reason[] = [];
  for (const g of row.record ?? []) what.push(...listOf(g(c)));
  for (const g of row.check ?? []) what.push(...listOf(g(c)));
  for (const f of row.requires?.files ?? [])
    if ((f.when?.(c.input) ?? true) && (c.files[f.kind] ?? 0) < f.min) what.push(f.reason);
  for (const d of row.requires?.documents ?? []) if (!c.documents.has(d.kind)) what.push(d.reason);
  if (who.length + what.length > 0) return { ok: false, reasons: [...who, ...what], forbidden: who.length > 0 };
  const to =
    row.to === 'same'
      ? state
      : typeof row.to === 'function'
        ? row.to({ facts: c.facts, input: c.input, state })
        : row.to;
  return { ok: true, to, row };
}

/** The clock effects of a step the procedure accepted (a row's data, or its function of the record and input). */
export function clockEffects<F, I>(
  row: { clocks?: ClockEffects | ((c: { facts: F; input: I }) => ClockEffects) },
  facts: F,
  input: I,
): ClockEffects {
  const c = row.clocks;
  return c === undefined ? {} : typeof c === 'function' ? c({ facts, input }) : c;
}

/** One action as "what may I do here" answers it: allowed, or the reasons it is not. */
export interface ActionAvailability<K extends string = string> {
  action: K;
  allowed: boolean;
  reasons: Reason[];
}

/**
 * Every action of the procedure for this actor and record: the ones the API would accept (input permitting) and,
 * for the rest, why not. The web shows exactly these, so the screen and the API cannot disagree.
 */
export function availableActions<S extends string, F, A extends WorkflowActor, I extends { action: string }>(
  p: Procedure<S, F, A, I>,
  state: S,
  c: MayContext<F, A>,
): ActionAvailability<I['action']>[] {
  return actionsOf(p).map((action) => {
    const m = mayTake(p, state, action, c);
    return m.ok ? { action, allowed: true, reasons: [] } : { action, allowed: false, reasons: m.reasons };
  });
}
