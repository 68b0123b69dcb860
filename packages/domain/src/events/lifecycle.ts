/*
 * The event lifecycle's vocabulary (SPEC §3): statuses, sources, actions, outcomes and the facts its guards read.
 * The procedure itself — which action from which status, who may take it, what refuses it — is the table of rows
 * in procedure.ts.
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

export const OUTCOME_LABELS: Record<HandlingOutcome, { zh: string; en: string }> = {
  fixed_on_site: { zh: '现场整改', en: 'Fixed on site' },
  rectification: { zh: '责令限期整改', en: 'Rectification order' },
  simple_penalty: { zh: '简易程序处罚', en: 'Simple-procedure penalty' },
  commitment: { zh: '告知承诺', en: 'Notice and commitment' },
  case_filed: { zh: '立案查处', en: 'Case filed' },
  transferred: { zh: '非本部门职责，移交', en: 'Not ours: transferred' },
};

export type { Reason } from '../workflow/procedure.ts';

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
  /** The matter's domain: a county agency's staff see the events of its domains (data scope). */
  domain: string | null;
  teamId: string | null;
  escalation?: string;
}
