/*
 * The event lifecycle (SPEC §3) as a typed transition table. Every step the server takes goes through `decide`,
 * which either names the next status or returns the reasons (rule id + zh/en) why the step is refused. Pure: the
 * caller supplies the event, the actor and the step's input; time is a parameter.
 *
 *   reported ─triage→ triaged ─dispatch→ dispatched ─accept→ accepted ─handle→ handled ─verify(pass)→ closed
 *      │                 │                   │                  │  ↑            │
 *      │merge/dismiss    │merge/dismiss      └return→ returned  │  └verify(fail)┘ (reopened, counter + 1)
 *      ↓                 ↓                      └arbitrate→ dispatched (same team: an unjustified return = 推诿)
 *   merged / closed                              handle(rectification) → rectifying ─recheck(pass)→ handled
 *                                                handle(transfer) → closed          └recheck(fail)→ accepted
 * Joint handling: the lead team takes the steps; assisting teams record what they did (assist, no status change).
 */

export const EVENT_STATUSES = [
  'reported',
  'triaged',
  'dispatched',
  'accepted',
  'returned',
  'rectifying',
  'handled',
  'closed',
  'merged',
] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const OPEN_STATUSES: readonly EventStatus[] = EVENT_STATUSES.filter((s) => s !== 'closed' && s !== 'merged');

export const STATUS_LABELS: Record<EventStatus, { zh: string; en: string }> = {
  reported: { zh: '待受理', en: 'Reported' },
  triaged: { zh: '待派遣', en: 'Triaged' },
  dispatched: { zh: '待签收', en: 'Dispatched' },
  accepted: { zh: '处置中', en: 'Being handled' },
  returned: { zh: '退回待仲裁', en: 'Returned' },
  rectifying: { zh: '整改中', en: 'Under rectification' },
  handled: { zh: '待核查', en: 'Awaiting verification' },
  closed: { zh: '已办结', en: 'Closed' },
  merged: { zh: '已合并', en: 'Merged' },
};

export const EVENT_SOURCES = [
  'grid_worker',
  'hotline',
  'open311',
  'video_ai',
  'patrol',
  'department',
  'inspection',
] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

export const SOURCE_LABELS: Record<EventSource, { zh: string; en: string }> = {
  grid_worker: { zh: '网格上报', en: 'Grid worker' },
  hotline: { zh: '12345热线', en: '12345 hotline' },
  open311: { zh: '群众上报', en: 'Citizen (Open311)' },
  video_ai: { zh: '视频智能发现', en: 'Video AI' },
  patrol: { zh: '巡查发现', en: 'Patrol' },
  department: { zh: '部门移交', en: 'Department referral' },
  inspection: { zh: '检查发现', en: 'Inspection finding' },
};

export const EVENT_ACTIONS = [
  'triage',
  'dispatch',
  'accept',
  'return',
  'arbitrate',
  'handle',
  'recheck',
  'verify',
  'rate',
  'merge',
  'dismiss',
  'urge',
  'assist',
] as const;
export type EventAction = (typeof EVENT_ACTIONS)[number];

export const HANDLING_OUTCOMES = [
  'fixed_on_site',
  'rectification',
  'simple_penalty',
  'commitment',
  'case_filed',
  'transferred',
] as const;
export type HandlingOutcome = (typeof HANDLING_OUTCOMES)[number];

/** The parts of an event the guards read. */
export interface EventFacts {
  status: EventStatus;
  source: EventSource;
  teamId: string | null;
  /** Joint handling: the assisting teams beside the lead team. */
  assistingTeamIds: readonly string[];
  reporterUserId: string | null;
  gridId: string | null;
  matterId: string | null;
  rating: number | null;
}

/** Who is acting. `teamIds` are the actor's team and the teams above it (a brigade leader acts for its squads). */
export interface EventActor {
  userId: string;
  role: string;
  teamIds: readonly string[];
  /** The grid a grid worker walks. */
  gridId: string | null;
  /** County-level user (no town scope). */
  county: boolean;
}

/** The step's own input, as far as the guards need it. */
export type StepInput =
  | { action: 'triage'; matterId: string | null }
  | { action: 'dispatch'; teamId: string | null; deadline: string | null }
  | { action: 'accept' }
  | { action: 'return'; reason: string }
  | { action: 'arbitrate'; justified: boolean; teamId: string | null; reason: string }
  | { action: 'handle'; outcome: HandlingOutcome; problems?: readonly Reason[] }
  | { action: 'recheck'; passed: boolean }
  | { action: 'verify'; passed: boolean; byCitizenToken?: boolean }
  | { action: 'rate'; rating: number; byCitizenToken?: boolean }
  | { action: 'merge'; masterStatus: EventStatus | null; masterId: string | null; selfId: string }
  | { action: 'dismiss'; reason: string }
  | { action: 'urge' }
  | { action: 'assist'; note: string };

export interface Reason {
  rule: string;
  zh: string;
  en: string;
}

export type Decision = { ok: true; to: EventStatus } | { ok: false; reasons: Reason[] };

/** Which statuses each action may start from. */
export const TRANSITIONS: Record<EventAction, readonly EventStatus[]> = {
  triage: ['reported', 'triaged'],
  dispatch: ['triaged'],
  accept: ['dispatched'],
  return: ['dispatched'],
  arbitrate: ['returned'],
  handle: ['accepted'],
  recheck: ['rectifying'],
  verify: ['handled'],
  rate: ['closed'],
  merge: ['reported', 'triaged'],
  dismiss: ['reported', 'triaged'],
  urge: ['dispatched', 'accepted', 'returned', 'rectifying'],
  assist: ['accepted', 'rectifying'],
};

const COMMAND = new Set(['command_operator', 'admin']);
const HANDLERS = new Set(['officer', 'team_leader']);

export const ACTION_ROLES: Record<EventAction, readonly string[]> = {
  triage: ['command_operator', 'admin'],
  dispatch: ['command_operator', 'admin', 'team_leader'],
  accept: ['officer', 'team_leader'],
  return: ['officer', 'team_leader'],
  arbitrate: ['command_operator', 'admin'],
  handle: ['officer', 'team_leader'],
  recheck: ['officer', 'team_leader'],
  verify: ['grid_worker', 'command_operator', 'admin'],
  rate: ['grid_worker', 'command_operator', 'admin'],
  merge: ['command_operator', 'admin'],
  dismiss: ['command_operator', 'admin'],
  urge: ['command_operator', 'admin', 'team_leader', 'supervisor'],
  assist: ['officer', 'team_leader'],
};

const reason = (rule: string, zh: string, en: string): Reason => ({ rule, zh, en });

/** Whether a role may ever take an action (checked first, before scope and version: a 403 says so plainly). */
export function roleRefusal(role: string, action: EventAction): Reason | null {
  return ACTION_ROLES[action].includes(role)
    ? null
    : reason('EVT-ROLE', `当前角色（${role}）不能执行此操作`, `The role ${role} cannot take this step`);
}

/**
 * Decide a step: the next status, or why not. `actor` null means the citizen acting through the token Open311
 * returned (verification and rating only).
 */
export function decide(event: EventFacts, input: StepInput, actor: EventActor | null): Decision {
  const reasons: Reason[] = [];
  const { action } = input;
  if (!TRANSITIONS[action].includes(event.status)) {
    reasons.push(
      reason(
        'EVT-STATUS',
        `事件当前状态（${event.status}）不允许执行“${action}”`,
        `An event that is ${event.status} cannot take "${action}"`,
      ),
    );
    return { ok: false, reasons };
  }
  const citizen = actor === null;
  if (citizen) {
    const tokenOk = (input.action === 'verify' || input.action === 'rate') && input.byCitizenToken === true;
    if (!tokenOk) reasons.push(reason('EVT-ROLE', '请先登录', 'Sign in first'));
  } else {
    const refusal = roleRefusal(actor.role, action);
    if (refusal) reasons.push(refusal);
  }
  const ownTeam = actor !== null && event.teamId !== null && actor.teamIds.includes(event.teamId);
  const teamStep = action === 'accept' || action === 'return' || action === 'handle' || action === 'recheck';
  if (actor && teamStep && HANDLERS.has(actor.role) && !ownTeam) {
    reasons.push(reason('EVT-TEAM', '该事件未派给您所在的队伍', 'The event was not dispatched to your team'));
  }
  if (actor && action === 'dispatch' && actor.role === 'team_leader' && !actor.county) {
    reasons.push(reason('EVT-ROLE', '仅县级负责人可派遣', 'Only a county-level leader may dispatch'));
  }

  switch (input.action) {
    case 'triage':
      if (!input.matterId)
        reasons.push(reason('EVT-MATTER', '请选择对应的执法事项', 'Choose the matter the event falls under'));
      break;
    case 'dispatch':
      if (!input.teamId) reasons.push(reason('EVT-DISPATCH-TEAM', '请选择承办队伍', 'Choose the team to handle it'));
      if (!input.deadline)
        reasons.push(reason('EVT-DISPATCH-DEADLINE', '派遣须设定处置期限', 'A dispatch needs a deadline'));
      if (!event.matterId)
        reasons.push(reason('EVT-MATTER', '派遣前须确定执法事项', 'Triage the event to a matter before dispatch'));
      break;
    case 'return':
      if (input.reason.trim().length < 2)
        reasons.push(reason('EVT-RETURN-REASON', '退回须说明理由', 'A return needs a reason'));
      break;
    case 'arbitrate':
      if (input.reason.trim().length < 2)
        reasons.push(reason('EVT-ARBITRATION-REASON', '仲裁须说明理由', 'An arbitration needs a reason'));
      if (input.justified && !input.teamId)
        reasons.push(
          reason(
            'EVT-ARBITRATION-TEAM',
            '退回理由成立时须改派其他队伍',
            'A justified return needs another team to dispatch to',
          ),
        );
      if (input.justified && input.teamId === event.teamId)
        reasons.push(
          reason(
            'EVT-ARBITRATION-TEAM',
            '改派的队伍不能是退回的队伍',
            'Reassign to a team other than the one that returned it',
          ),
        );
      break;
    case 'handle':
      reasons.push(...(input.problems ?? []));
      break;
    case 'verify':
    case 'rate':
      if (!citizen && !mayVerify(event, actor)) {
        reasons.push(
          reason(
            'EVT-VERIFIER',
            '只有报告人、该网格的网格员或代群众回访的指挥中心坐席可以核查和评价',
            "Only the reporter, the grid's grid worker, or a command operator calling the citizen back may verify or rate",
          ),
        );
      }
      if (input.action === 'rate') {
        if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5)
          reasons.push(reason('EVT-RATING', '评价须为 1–5 分', 'A rating is 1 to 5'));
        if (event.rating !== null) reasons.push(reason('EVT-RATED', '该事件已评价', 'The event is already rated'));
      }
      break;
    case 'merge':
      if (!input.masterId || input.masterStatus === null)
        reasons.push(reason('EVT-MERGE-MASTER', '请选择要合并到的主事件', 'Choose the event to merge into'));
      else if (input.masterId === input.selfId)
        reasons.push(reason('EVT-MERGE-SELF', '不能与自身合并', 'An event cannot be merged into itself'));
      else if (input.masterStatus === 'merged' || input.masterStatus === 'closed')
        reasons.push(reason('EVT-MERGE-MASTER', '主事件须为未办结事件', 'The event merged into must still be open'));
      break;
    case 'assist':
      if (actor && !event.assistingTeamIds.some((t) => actor.teamIds.includes(t)))
        reasons.push(
          reason('EVT-TEAM', '您所在的队伍不是该事件的协办队伍', 'Your team is not assisting with this event'),
        );
      if (input.note.trim().length < 2)
        reasons.push(reason('EVT-ASSIST-NOTE', '请填写协办情况', 'Describe the assistance given'));
      break;
    case 'dismiss':
      if (input.reason.trim().length < 2)
        reasons.push(reason('EVT-DISMISS-REASON', '不予受理须说明理由', 'Dismissing a report needs a reason'));
      break;
    default:
      break;
  }
  if (reasons.length > 0) return { ok: false, reasons };
  return { ok: true, to: nextStatus(event.status, input) };
}

/**
 * Who verifies (SPEC §3 "verified by the reporter or grid worker"): a grid worker's own report only by that grid
 * worker; a citizen's report (hotline, Open311) by the citizen through the token, or by a command operator who
 * called the citizen back (回访); anything else (camera, patrol, referral) by a grid worker of the event's grid.
 */
function mayVerify(event: EventFacts, actor: EventActor): boolean {
  if (event.source === 'grid_worker' && event.reporterUserId !== null) return actor.userId === event.reporterUserId;
  if (event.source === 'hotline' || event.source === 'open311') return COMMAND.has(actor.role);
  if (actor.userId === event.reporterUserId) return true;
  return actor.role === 'grid_worker' && actor.gridId !== null && actor.gridId === event.gridId;
}

function nextStatus(from: EventStatus, input: StepInput): EventStatus {
  switch (input.action) {
    case 'triage':
      return 'triaged';
    case 'dispatch':
      return 'dispatched';
    case 'accept':
      return 'accepted';
    case 'return':
      return 'returned';
    case 'arbitrate':
      return 'dispatched';
    case 'handle':
      return input.outcome === 'rectification' ? 'rectifying' : input.outcome === 'transferred' ? 'closed' : 'handled';
    case 'recheck':
      return input.passed ? 'handled' : 'accepted';
    case 'verify':
      return input.passed ? 'closed' : 'accepted';
    case 'merge':
      return 'merged';
    case 'dismiss':
      return 'closed';
    case 'rate':
    case 'urge':
    case 'assist':
      return from;
  }
}

/** Whether an event merged into `masterStatus` is open: merged reports follow their master. */
export function isOpen(status: EventStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** The rating at or below which an event lands in the supervision queue. */
export const LOW_RATING = 2;

/**
 * One message of the live feed (the platform's NOTIFY `live_feed`, relayed as SSE `event: event`): enough for a client to refresh
 * the right rows, nothing personal.
 */
export interface FeedEvent {
  kind: 'event';
  id: string;
  action: string;
  status: EventStatus;
  townId: string | null;
  teamId: string | null;
  escalation?: string;
}
