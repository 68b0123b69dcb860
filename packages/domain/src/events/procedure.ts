import type { Permission, Role } from '../organization/roles.ts';
import {
  decide,
  defineProcedure,
  reason,
  type CheckContext,
  type Decision,
  type MayContext,
  type Reason,
  type Transition,
} from '../workflow/procedure.ts';
import type { DiscretionMatter, Facts } from '../catalog/discretion.ts';
import {
  checkCommitment,
  checkRectification,
  checkSimplePenalty,
  checkSimplePenaltyDiscretion,
  type OfficerOnSite,
  type SimplePenaltyKind,
} from './handling.ts';
import {
  EVENT_STATUSES,
  type EventAction,
  type EventFacts,
  type EventStatus,
  type HandlingOutcome,
} from './lifecycle.ts';

/**
 * The refusals that say an action does not belong here at all — the event's state or the user's role never allows it
 * (a screen does not offer it) — as against a guard that refuses it on this record (a screen shows why).
 */
export const EVENT_STATUS_RULE = 'EVT-STATUS';
export const EVENT_ROLE_RULE = 'EVT-ROLE';

/*
 * The event lifecycle (SPEC §3) as a procedure: one row per action with the statuses it starts from, where it leads,
 * the permission that may take it and the guards that refuse it.
 *
 *   reported ─triage→ triaged ─dispatch→ dispatched ─accept→ accepted ─handle→ handled ─verify(pass)→ closed
 *      │                 │                   │                  │  ↑            │
 *      │merge/dismiss    │merge/dismiss      └return→ returned  │  └verify(fail)┘ (reopened, counter + 1)
 *      ↓                 ↓                      └arbitrate→ dispatched (same team: an unjustified return = 推诿)
 *   merged / closed                              handle(rectification) → rectifying ─recheck(pass)→ handled
 *                                                handle(transfer) → closed          └recheck(fail)→ accepted
 * Joint handling: the lead team takes the steps; assisting teams record what they did (assist, no status change).
 */

/**
 * Who is acting: a signed-in user with the teams they act for (their team and the teams below it: a brigade leader
 * acts for its squads), the grid a grid worker walks, and whether they are county-level; or the citizen holding the
 * token their report was given.
 */
export type EventActor =
  | {
      role: Role;
      permissions: readonly Permission[];
      userId: string;
      teamIds: readonly string[];
      gridId: string | null;
      county: boolean;
    }
  | { role: 'citizen' };

/** The step's own input, as far as the guards need it (the service loads what they read from the database). */
export type StepInput =
  | {
      action: 'triage';
      matterId: string | null;
      /** The team the operator chose when it differs from the engine's proposal. */
      overrideTeamId?: string | null;
      overrideReason?: string | undefined;
    }
  | {
      action: 'dispatch';
      teamId: string | null;
      deadline: Date | null;
      assistingTeamIds?: readonly string[];
      /** The team the operator chose when it differs from the triaged one. */
      overrideTeamId?: string | null;
      overrideReason?: string | undefined;
    }
  | { action: 'accept' }
  | { action: 'return'; reason: string }
  | { action: 'arbitrate'; justified: boolean; teamId: string | null; reason: string }
  | {
      action: 'handle';
      outcome: HandlingOutcome;
      /** Rectification: the due date (YYYY-MM-DD) and today, China time. */
      dueDate?: string;
      today?: string;
      /** Simple penalty and commitment: the matter in force (null: none), and for a penalty what was decided. */
      matter?: { domain: string; commitmentList: boolean; discretion?: DiscretionMatter } | null;
      penalty?: {
        partyKind: 'citizen' | 'organisation';
        penalty: SimplePenaltyKind;
        fineFen: number;
        officers: readonly OfficerOnSite[];
        /** The facts the catalog's discretion check reads (tier, circumstance, factors). */
        facts?: Facts;
      };
    }
  | { action: 'recheck'; passed: boolean }
  | { action: 'verify'; passed: boolean }
  | { action: 'rate'; rating: number }
  | { action: 'merge'; masterStatus: EventStatus | null; masterId: string | null; selfId: string }
  | { action: 'dismiss'; reason: string }
  | { action: 'urge' }
  | { action: 'assist'; note: string };

type User = Exclude<EventActor, { role: 'citizen' }>;
type May = MayContext<EventFacts, EventActor>;
type Check<K extends EventAction> = CheckContext<EventFacts, EventActor, Extract<StepInput, { action: K }>>;
type Row<K extends EventAction> = Transition<EventStatus, EventFacts, EventActor, Extract<StepInput, { action: K }>>;

const user = (a: EventActor): User | null => (a.role === 'citizen' ? null : a);
const tooShort = (s: string) => s.trim().length < 2;

/** The command centre as an actor of the lifecycle: verification of citizens' reports by calling them back (回访). */
const COMMAND_ROLES: ReadonlySet<Role> = new Set(['command_operator', 'admin']);
/** Officers and team leaders take the steps of the team an event was dispatched to. */
const HANDLER_ROLES: ReadonlySet<Role> = new Set(['officer', 'team_leader']);

/** accept, return, handle, recheck: only the team the event was dispatched to (or a team above it). */
const ownTeam = ({ facts, actor }: May) => {
  const u = user(actor);
  if (!u || !HANDLER_ROLES.has(u.role)) return null;
  return facts.teamId !== null && u.teamIds.includes(facts.teamId)
    ? null
    : reason('EVT-TEAM', '该事件未派给您所在的队伍', 'The event was not dispatched to your team');
};

/**
 * Who verifies and rates (SPEC §3 "verified by the reporter or grid worker"): a grid worker's own report only by
 * that grid worker; a citizen's report (hotline, Open311) by the citizen through the token, or by a command operator
 * who called the citizen back (回访); anything else (camera, patrol, referral) by a grid worker of the event's grid.
 */
function mayVerify(facts: EventFacts, u: User): boolean {
  if (facts.source === 'grid_worker' && facts.reporterUserId !== null) return u.userId === facts.reporterUserId;
  if (facts.source === 'hotline' || facts.source === 'open311') return COMMAND_ROLES.has(u.role);
  if (u.userId === facts.reporterUserId) return true;
  return u.role === 'grid_worker' && u.gridId !== null && u.gridId === facts.gridId;
}

const verifier = ({ facts, actor }: May) => {
  const u = user(actor);
  return !u || mayVerify(facts, u)
    ? null
    : reason(
        'EVT-VERIFIER',
        '只有报告人、该网格的网格员或代群众回访的指挥中心坐席可以核查和评价',
        "Only the reporter, the grid's grid worker, or a command operator calling the citizen back may verify or rate",
      );
};

const noMatter = reason('EVT-MATTER', '派遣前须确定执法事项', 'Triage the event to a matter before dispatch');
const overrideNeedsReason = reason(
  'EVT-OVERRIDE-REASON',
  '改变建议的承办队伍须说明理由',
  'Overriding the proposed team needs a reason',
  'body.overrideReason',
);

const triage: Row<'triage'> = {
  action: 'triage',
  from: ['reported', 'triaged'],
  to: 'triaged',
  permission: 'event.command',
  check: [
    ({ input }: Check<'triage'>) =>
      !input.matterId &&
      reason('EVT-MATTER', '请选择对应的执法事项', 'Choose the matter the event falls under', 'body.matterId'),
    ({ input }: Check<'triage'>) => !!input.overrideTeamId && !input.overrideReason && overrideNeedsReason,
  ],
};

const dispatch: Row<'dispatch'> = {
  action: 'dispatch',
  from: ['triaged'],
  to: 'dispatched',
  permission: 'event.dispatch',
  may: [
    // A town's team leader leads a team; dispatching across the county is the command centre's (or the county's).
    ({ actor }: May) =>
      actor.role === 'team_leader' &&
      !actor.county &&
      reason(EVENT_ROLE_RULE, '仅县级负责人可派遣', 'Only a county-level leader may dispatch'),
  ],
  check: [
    ({ input }: Check<'dispatch'>) =>
      !input.teamId && reason('EVT-DISPATCH-TEAM', '请选择承办队伍', 'Choose the team to handle it'),
    ({ input }: Check<'dispatch'>) =>
      !input.deadline && reason('EVT-DISPATCH-DEADLINE', '派遣须设定处置期限', 'A dispatch needs a deadline'),
    ({ facts }: Check<'dispatch'>) => !facts.matterId && noMatter,
    ({ input }: Check<'dispatch'>) => !!input.overrideTeamId && !input.overrideReason && overrideNeedsReason,
    ({ input }: Check<'dispatch'>) =>
      input.teamId !== null &&
      (input.assistingTeamIds ?? []).includes(input.teamId) &&
      reason(
        'EVT-ASSIST-LEAD',
        '承办队伍不能同时是协办队伍',
        'The lead team cannot also assist',
        'body.assistingTeamIds',
      ),
    ({ input, now }: Check<'dispatch'>) =>
      input.deadline !== null &&
      input.deadline <= now &&
      reason('EVT-DEADLINE-PAST', '处置期限须晚于当前时间', 'The deadline must be in the future', 'body.deadline'),
  ],
};

const accept: Row<'accept'> = {
  action: 'accept',
  from: ['dispatched'],
  to: 'accepted',
  permission: 'event.handle',
  may: [ownTeam],
};

const returnStep: Row<'return'> = {
  action: 'return',
  from: ['dispatched'],
  to: 'returned',
  permission: 'event.handle',
  may: [ownTeam],
  check: [
    ({ input }: Check<'return'>) =>
      tooShort(input.reason) && reason('EVT-RETURN-REASON', '退回须说明理由', 'A return needs a reason', 'body.reason'),
  ],
};

const arbitrate: Row<'arbitrate'> = {
  action: 'arbitrate',
  from: ['returned'],
  to: 'dispatched',
  permission: 'event.command',
  check: [
    ({ input }: Check<'arbitrate'>) =>
      tooShort(input.reason) &&
      reason('EVT-ARBITRATION-REASON', '仲裁须说明理由', 'An arbitration needs a reason', 'body.reason'),
    ({ input }: Check<'arbitrate'>) =>
      input.justified &&
      !input.teamId &&
      reason(
        'EVT-ARBITRATION-TEAM',
        '退回理由成立时须改派其他队伍',
        'A justified return needs another team to dispatch to',
        'body.teamId',
      ),
    ({ input, facts }: Check<'arbitrate'>) =>
      input.justified &&
      input.teamId === facts.teamId &&
      reason(
        'EVT-ARBITRATION-TEAM',
        '改派的队伍不能是退回的队伍',
        'Reassign to a team other than the one that returned it',
        'body.teamId',
      ),
  ],
};

/** Handling: the outcome's legal checks (APL-42, APL-51 for an on-the-spot penalty; the commitment list). */
function handlingReasons({ input }: Check<'handle'>): Reason[] {
  const out: Reason[] = [];
  if (input.outcome === 'rectification' && input.dueDate !== undefined && input.today !== undefined)
    out.push(...checkRectification(input.dueDate, input.today));
  if (input.outcome === 'simple_penalty' || input.outcome === 'commitment') {
    if (!input.matter) out.push(reason('EVT-MATTER', '须先确定执法事项', 'The event has no matter in force'));
    else if (input.outcome === 'commitment') out.push(...checkCommitment(input.matter.commitmentList));
    else if (input.penalty && input.today !== undefined) {
      out.push(...checkSimplePenalty(input.penalty, input.penalty.officers, input.matter.domain, input.today));
      if (input.matter.discretion && input.penalty.facts)
        out.push(...checkSimplePenaltyDiscretion(input.penalty, input.matter.discretion, input.penalty.facts));
    }
  }
  return out;
}

const handle: Row<'handle'> = {
  action: 'handle',
  from: ['accepted'],
  to: ({ input }) =>
    input.outcome === 'rectification' ? 'rectifying' : input.outcome === 'transferred' ? 'closed' : 'handled',
  permission: 'event.handle',
  may: [ownTeam],
  check: [handlingReasons],
  requires: {
    files: [
      {
        kind: 'after',
        min: 1,
        when: (input) => input.outcome === 'fixed_on_site',
        reason: reason('EVT-PHOTO-AFTER', '现场整改须上传处置后照片', 'A fix on site needs an "after" photo', 'body'),
      },
    ],
  },
};

const recheck: Row<'recheck'> = {
  action: 'recheck',
  from: ['rectifying'],
  to: ({ input }) => (input.passed ? 'handled' : 'accepted'),
  permission: 'event.handle',
  may: [ownTeam],
};

const verify: Row<'verify'> = {
  action: 'verify',
  from: ['handled'],
  to: ({ input }) => (input.passed ? 'closed' : 'accepted'),
  permission: 'event.verify',
  citizen: true,
  may: [verifier],
};

const rate: Row<'rate'> = {
  action: 'rate',
  from: ['closed'],
  to: 'same',
  permission: 'event.verify',
  citizen: true,
  may: [verifier],
  // Rated once: the record says so before anyone types a rating (a screen does not offer it twice).
  record: [
    ({ facts }: May) => facts.rating !== null && reason('EVT-RATED', '该事件已评价', 'The event is already rated'),
  ],
  check: [
    ({ input }: Check<'rate'>) =>
      (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) &&
      reason('EVT-RATING', '评价须为 1–5 分', 'A rating is 1 to 5', 'body.rating'),
  ],
};

const merge: Row<'merge'> = {
  action: 'merge',
  from: ['reported', 'triaged'],
  to: 'merged',
  permission: 'event.command',
  check: [
    ({ input }: Check<'merge'>) => {
      if (!input.masterId || input.masterStatus === null)
        return reason('EVT-MERGE-MASTER', '请选择要合并到的主事件', 'Choose the event to merge into', 'body.masterId');
      if (input.masterId === input.selfId)
        return reason('EVT-MERGE-SELF', '不能与自身合并', 'An event cannot be merged into itself', 'body.masterId');
      if (input.masterStatus === 'merged' || input.masterStatus === 'closed')
        return reason(
          'EVT-MERGE-MASTER',
          '主事件须为未办结事件',
          'The event merged into must still be open',
          'body.masterId',
        );
      return null;
    },
  ],
};

const dismiss: Row<'dismiss'> = {
  action: 'dismiss',
  from: ['reported', 'triaged'],
  to: 'closed',
  permission: 'event.command',
  check: [
    ({ input }: Check<'dismiss'>) =>
      tooShort(input.reason) &&
      reason('EVT-DISMISS-REASON', '不予受理须说明理由', 'Dismissing a report needs a reason', 'body.reason'),
  ],
};

const urge: Row<'urge'> = {
  action: 'urge',
  from: ['dispatched', 'accepted', 'returned', 'rectifying'],
  to: 'same',
  permission: 'event.urge',
};

const assist: Row<'assist'> = {
  action: 'assist',
  from: ['accepted', 'rectifying'],
  to: 'same',
  permission: 'event.handle',
  may: [
    ({ facts, actor }: May) => {
      const u = user(actor);
      return (
        !!u &&
        !facts.assistingTeamIds.some((t) => u.teamIds.includes(t)) &&
        reason('EVT-TEAM', '您所在的队伍不是该事件的协办队伍', 'Your team is not assisting with this event')
      );
    },
  ],
  check: [
    ({ input }: Check<'assist'>) =>
      tooShort(input.note) && reason('EVT-ASSIST-NOTE', '请填写协办情况', 'Describe the assistance given', 'body.note'),
  ],
};

export const EVENT_PROCEDURE = defineProcedure<EventStatus, EventFacts, EventActor, StepInput>()({
  name: 'event',
  states: EVENT_STATUSES,
  rows: [triage, dispatch, accept, returnStep, arbitrate, handle, recheck, verify, rate, merge, dismiss, urge, assist],
  statusRefusal: (status, action) =>
    reason(
      EVENT_STATUS_RULE,
      `事件当前状态（${status}）不允许执行“${action}”`,
      `An event that is ${status} cannot take "${action}"`,
    ),
  roleRefusal: (actor) =>
    actor.role === 'citizen'
      ? reason(EVENT_ROLE_RULE, '请先登录', 'Sign in first')
      : reason(
          EVENT_ROLE_RULE,
          `当前角色（${actor.role}）不能执行此操作`,
          `The role ${actor.role} cannot take this step`,
        ),
});

/** Files a step will have, by kind: `before` counts the report's own photos too (the scene as reported). */
export type EventFileCounts = { before: number; after: number };

/**
 * Decide an event step at `now`: the next status, or every reason it is refused. `files` are the photos the event
 * has plus those the step attaches.
 */
export function decideEvent(
  facts: EventFacts,
  input: StepInput,
  actor: EventActor,
  now: Date,
  files: EventFileCounts = { before: 0, after: 0 },
): Decision<EventStatus, unknown> {
  return decide(EVENT_PROCEDURE, facts.status, { facts, input, actor, now, files, documents: NO_DOCUMENTS });
}

const NO_DOCUMENTS: ReadonlySet<string> = new Set();
