import {
  availableActions,
  decide,
  defineProcedure,
  reason,
  type ActionAvailability,
  type Decision,
} from '../workflow/procedure.ts';
import type { CaseActor, CaseFacts } from './facts.ts';
import type { CaseAction, CaseStepInput } from './input.ts';
import { CASE_STATE_LABELS, CASE_STATES, type CaseState } from './kinds.ts';
import { DECISION_ROWS } from './rows-decision.ts';
import { EXECUTION_ROWS } from './rows-execution.ts';
import { INVESTIGATION_ROWS } from './rows-investigation.ts';
import { LEAD_ROWS } from './rows-lead.ts';
import { TRANSFER_ROWS } from './rows-transfer.ts';

/*
 * The penalty case procedure (SPEC §5, LEGAL.md §B–E) on the platform's workflow (ADR 0003): one row per action with
 * the states it starts from, where it leads, the one permission that may take it, its `may` guards (who: team,
 * auxiliary, approver ≠ investigator — 403) and `check` guards (what: the legal rules — 422), and its clocks. The rows
 * live in rows-*.ts by stage; the legal rules they call live in rules-*.ts, each citing its LEGAL.md id.
 */

export const CASE_PROCEDURE = defineProcedure<CaseState, CaseFacts, CaseActor, CaseStepInput>()({
  name: 'case',
  states: CASE_STATES,
  rows: [...LEAD_ROWS, ...INVESTIGATION_ROWS, ...TRANSFER_ROWS, ...DECISION_ROWS, ...EXECUTION_ROWS],
  statusRefusal: (state, action) =>
    reason(
      'CASE-STATUS',
      `案件当前阶段（${CASE_STATE_LABELS[state].zh}）不能执行“${action}”`,
      `A case that is ${CASE_STATE_LABELS[state].en.toLowerCase()} cannot take "${action}"`,
    ),
  roleRefusal: (actor) =>
    actor.role === 'citizen'
      ? reason('CASE-ROLE', '请先登录', 'Sign in first')
      : reason('CASE-ROLE', `当前角色（${actor.role}）不能执行此操作`, `The role ${actor.role} cannot take this step`),
});

/** What a step will have besides its input: files by kind, and the documents the case holds (kinds). */
export interface CaseStepExtras {
  files?: Readonly<Record<string, number>>;
  documents?: ReadonlySet<string>;
}

/** Decide a case step at `now`: the next state and the row (for its clocks), or every reason it is refused. */
export function decideCase(
  facts: CaseFacts,
  input: CaseStepInput,
  actor: CaseActor,
  now: Date,
  extras: CaseStepExtras = {},
): Decision<CaseState, (typeof CASE_PROCEDURE.rows)[number]> {
  return decide(CASE_PROCEDURE, facts.state, {
    facts,
    input,
    actor,
    now,
    files: extras.files ?? {},
    documents: extras.documents ?? NO_DOCUMENTS,
  }) as Decision<CaseState, (typeof CASE_PROCEDURE.rows)[number]>;
}

/** "What may I do here": every case action for this actor on this case, allowed or with the reasons it is not. */
export function caseActions(facts: CaseFacts, actor: CaseActor, now: Date): ActionAvailability<CaseAction>[] {
  return availableActions(CASE_PROCEDURE, facts.state, { facts, actor, now });
}

const NO_DOCUMENTS: ReadonlySet<string> = new Set();
