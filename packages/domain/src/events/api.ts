import { z } from 'zod';
import { bilingualText, displayName, isoDate, searchText, version } from '../common/schemas.ts';
import { factsInput } from '../catalog/discretion.ts';
import { CIRCUMSTANCES, TIERS } from '../catalog/schemas.ts';
import { regionId } from '../organization/schemas.ts';
import { SIMPLE_PENALTY_KINDS } from './handling.ts';
import { EVENT_ACTIONS, EVENT_SOURCES, EVENT_STATUSES, HANDLING_OUTCOMES } from './lifecycle.ts';
import { eventProposal } from './proposal.ts';

/*
 * HTTP contracts of the event centre (zod → validation + OpenAPI). Coordinates are WGS-84 lng/lat; "impossible"
 * coordinates are refused here, "outside the county" by the service (it knows the county).
 */

export const lng = z.number().min(-180, 'lng_range').max(180, 'lng_range');
export const lat = z.number().min(-90, 'lat_range').max(90, 'lat_range');
export const urgency = z.enum(['normal', 'urgent']);
export const categoryCode = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9_]+$/, 'category_code');
const text = (max: number) => z.string().trim().min(1).max(max);
const reasonText = z.string().trim().min(2, 'reason_required').max(500);
/** Where the actor stands when taking a step (the device's location): "who, when, where". */
export const position = z.strictObject({ lng, lat }).optional();
/**
 * The client's idempotency key for a step (the offline field app makes one per step and sends it again on a retry):
 * a repeated delivery returns the first result and writes nothing.
 */
export const clientStepId = z
  .string()
  .min(8, 'client_step_id')
  .max(64, 'client_step_id')
  .regex(/^[A-Za-z0-9_-]+$/, 'client_step_id')
  .optional();
/** China mainland mobile or landline; kept as entered otherwise. */
const phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-\s]{5,20}$/, 'phone');

/** A report from a signed-in channel (grid worker, patrol, department referral) or the hotline API. */
export const eventReport = z.strictObject({
  category: categoryCode,
  description: text(2000),
  lng,
  lat,
  address: z.string().trim().max(200).optional(),
  urgency: urgency.default('normal'),
  /** Ids of photos uploaded before submit (POST /api/events/photos). */
  photoIds: z.array(z.uuid()).max(9).default([]),
  /** The reporter saw the duplicate offer and submits anyway; or chose to attach the report to this event. */
  duplicateOf: z.uuid().optional(),
  reporterName: displayName.optional(),
  reporterPhone: phone.optional(),
  /** The referring department's reference (部门移交) or the hotline ticket number (工单号). */
  externalId: z.string().trim().min(1).max(80).optional(),
  /** When it was seen, if earlier than now (a hotline ticket's call time). */
  occurredAt: z.iso.datetime({ offset: true }).optional(),
});
export type EventReport = z.infer<typeof eventReport>;

export const duplicateQuery = z.object({
  category: categoryCode,
  lng: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
});

/** "SJ20260105000123" (any case, "SJ" optional), or the sequence alone ("123"). */
export const eventNoQuery = z
  .string()
  .trim()
  .regex(/^(?:[Ss][Jj]\d{8})?\d{1,15}$/, 'event_no');

/** The sequence and, for a full number, the China date (yyyymmdd) an event number names. */
export function parseEventNo(no: string): { seq: number; day: string | null } {
  // A sequence never has 14 digits: that many is a number without its "SJ".
  const full = /^(?:[Ss][Jj])?(\d{8})(\d{6,})$/.exec(no);
  return full ? { seq: Number(full[2]), day: full[1]! } : { seq: Number(no), day: null };
}

export const eventListQuery = z.object({
  status: z
    .string()
    .regex(/^[a-z_]+(,[a-z_]+)*$/, 'status_list')
    .optional(),
  /** mine: led or assisted by the user's team; reported_by_me: the user's own reports (grid worker). */
  queue: z
    .enum(['untriaged', 'to_dispatch', 'returned', 'overdue', 'warning', 'low_rating', 'mine', 'reported_by_me'])
    .optional(),
  source: z.enum(EVENT_SOURCES).optional(),
  category: categoryCode.optional(),
  townId: regionId.optional(),
  teamId: z.uuid().optional(),
  /** Description or address contains this text. */
  q: searchText.optional(),
  /** The event's number (SJ + date + sequence), or its sequence alone. */
  no: eventNoQuery.optional(),
  /** The reporter's phone: the digits it ends with (4 or more). Needs `pii.read`. */
  phone: z
    .string()
    .trim()
    .regex(/^\d{4,20}$/, 'phone_digits')
    .optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type EventListQuery = z.infer<typeof eventListQuery>;

/** The same filters without paging: what `/api/events/count` counts and `/api/events/export.xlsx` writes. */
export const eventFilterQuery = eventListQuery.omit({ cursor: true, limit: true });
export type EventFilterQuery = z.infer<typeof eventFilterQuery>;

export const eventCount = z.object({ total: z.number().int() });

/** At most this many rows in one export (a larger selection is cut and says so: `x-export-truncated`). */
export const EVENT_EXPORT_MAX_ROWS = 50_000;

export const mapQuery = z.object({
  status: z
    .string()
    .regex(/^[a-z_]+(,[a-z_]+)*$/, 'status_list')
    .optional(),
  category: categoryCode.optional(),
  source: z.enum(EVENT_SOURCES).optional(),
  /** minLng,minLat,maxLng,maxLat */
  bbox: z
    .string()
    .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'bbox')
    .optional(),
  days: z.coerce.number().int().min(1).max(366).default(7),
});

export const triageBody = z.strictObject({
  version,
  position,
  clientStepId,
  matterId: z.uuid().optional(),
  /** Operator override of the proposed team: needs a reason. */
  teamId: z.uuid().optional(),
  overrideReason: reasonText.optional(),
  urgency: urgency.optional(),
  category: categoryCode.optional(),
});

export const dispatchBody = z.strictObject({
  version,
  position,
  clientStepId,
  /** Defaults to the triaged team. */
  teamId: z.uuid().optional(),
  assistingTeamIds: z.array(z.uuid()).max(10).default([]),
  /** Defaults to the category's SLA from now. */
  deadline: z.iso.datetime({ offset: true }).optional(),
  overrideReason: reasonText.optional(),
  note: z.string().trim().max(500).optional(),
});

export const versionBody = z.strictObject({ version, position, clientStepId });
export const reasonBody = z.strictObject({ version, reason: reasonText, position, clientStepId });

export const arbitrateBody = z.strictObject({
  version,
  position,
  clientStepId,
  /** true: the return was justified, dispatch to `teamId`; false: back to the same team, counted as 推诿. */
  justified: z.boolean(),
  teamId: z.uuid().optional(),
  reason: reasonText,
});

const party = z.strictObject({ kind: z.enum(['citizen', 'organisation']), name: displayName });

export const handleBody = z.discriminatedUnion('outcome', [
  z.strictObject({
    outcome: z.literal('fixed_on_site'),
    version,
    position,
    clientStepId,
    note: text(1000),
    photoIds: z.array(z.uuid()).max(9).default([]),
  }),
  z.strictObject({
    outcome: z.literal('rectification'),
    version,
    position,
    clientStepId,
    note: text(1000),
    dueDate: isoDate,
    party,
    photoIds: z.array(z.uuid()).max(9).default([]),
  }),
  z.strictObject({
    outcome: z.literal('simple_penalty'),
    version,
    position,
    clientStepId,
    note: text(1000),
    party,
    /** APL-9 kinds the form can name; APL-51 allows only a warning or a small fine on the spot. */
    penalty: z.enum(SIMPLE_PENALTY_KINDS),
    fineFen: z.number().int().min(0).default(0),
    /**
     * The facts the catalog's discretion check reads (SPEC §5): the statutory tier (first; after 逾期不改正/拒不改正;
     * 情节严重), the circumstance band and the factors (APL-30/32/33 …). A fine outside the matter's legal range for
     * them is refused as in the discretion calculator.
     */
    tier: z.enum(TIERS, 'tier_unknown').default('first'),
    circumstance: z.enum(CIRCUMSTANCES, 'circumstance_unknown').default('ordinary'),
    factors: factsInput.shape.factors,
    units: factsInput.shape.units,
    baseAmountFen: factsInput.shape.baseAmountFen,
    /** The officers on site (APL-42: two, with certificates for the matter's domain). */
    officerIds: z.array(z.uuid()).min(1).max(6),
    /** The pre-numbered simple-procedure decision form (APL-51). */
    formNo: text(40),
    partyRefusedToSign: z.boolean().default(false),
    photoIds: z.array(z.uuid()).max(9).default([]),
  }),
  z.strictObject({
    outcome: z.literal('commitment'),
    version,
    position,
    clientStepId,
    note: text(1000),
    party,
    photoIds: z.array(z.uuid()).max(9).default([]),
  }),
  z.strictObject({
    outcome: z.literal('case_filed'),
    version,
    position,
    clientStepId,
    note: text(1000),
    party: party.optional(),
    photoIds: z.array(z.uuid()).max(9).default([]),
  }),
  z.strictObject({
    outcome: z.literal('transferred'),
    version,
    position,
    clientStepId,
    note: text(1000),
    toDepartment: text(100),
    photoIds: z.array(z.uuid()).max(9).default([]),
  }),
]);
export type HandleBody = z.infer<typeof handleBody>;

export const recheckBody = z.strictObject({
  version,
  position,
  clientStepId,
  passed: z.boolean(),
  note: text(1000),
  photoIds: z.array(z.uuid()).max(9).default([]),
});

export const verifyBody = z.strictObject({
  version,
  position,
  clientStepId,
  passed: z.boolean(),
  note: z.string().trim().max(1000).optional(),
});

export const rateBody = z.strictObject({
  rating: z.number().int().min(1, 'rating_range').max(5, 'rating_range'),
  comment: z.string().trim().max(500).optional(),
  clientStepId,
});

export const mergeBody = z.strictObject({ version, masterId: z.uuid(), position, clientStepId });
export const assistBody = z.strictObject({
  note: z.string().trim().min(2, 'note_required').max(1000),
  photoIds: z.array(z.uuid()).max(9).default([]),
  position,
  clientStepId,
});
export const urgeBody = z.strictObject({ note: z.string().trim().max(500).optional(), position, clientStepId });

const sla = z.strictObject({ unit: z.enum(['working_days', 'hours']), n: z.number().int().min(1).max(720) });

/** PATCH /api/events/categories/:code: a county's own deadlines, duplicate window and matter for a category. */
export const categoryPatch = z.strictObject({
  version,
  sla: z.strictObject({ normal: sla, urgent: sla }).optional(),
  duplicateRadiusM: z.number().int().min(1).max(5000).optional(),
  duplicateWindowHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .optional(),
  matterName: z.string().trim().min(1).max(300).nullable().optional(),
  active: z.boolean().optional(),
});

export const eventSummary = z.object({
  id: z.string(),
  no: z.string(),
  status: z.enum(EVENT_STATUSES),
  source: z.enum(EVENT_SOURCES),
  category: z.string(),
  description: z.string(),
  urgency: urgency,
  lng: z.number(),
  lat: z.number(),
  address: z.string().nullable(),
  townId: z.string().nullable(),
  townName: z.string().nullable(),
  gridId: z.string().nullable(),
  /** The matter's domain (执法领域), once a matter is known. */
  domain: z.string().nullable(),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  reportedAt: z.string(),
  deadline: z.string().nullable(),
  escalation: z.enum(['none', 'yellow', 'red']),
  outcome: z.enum(HANDLING_OUTCOMES).nullable(),
  rating: z.number().nullable(),
  reopenCount: z.number(),
  masterId: z.string().nullable(),
  version: z.number(),
});
export type EventSummary = z.infer<typeof eventSummary>;

/** GET /api/events/:id/actions: every step for this user on this event — allowed, or the rules that refuse it. */
export const eventActions = z.object({
  version: z.number(),
  status: z.enum(EVENT_STATUSES),
  actions: z.array(
    z.object({
      action: z.enum(EVENT_ACTIONS),
      allowed: z.boolean(),
      reasons: z.array(z.object({ rule: z.string(), message: z.object({ zh: z.string(), en: z.string() }) })),
    }),
  ),
});
export type EventActions = z.infer<typeof eventActions>;

/** GET /api/events/team-board: the team leader's board — the team's members and the open tasks each has in hand. */
export const teamBoard = z.object({
  teamId: z.string(),
  teamName: z.string().nullable(),
  /** The tasks in hand (dispatched, accepted, rectifying) of the team and the teams below it, nearest deadline first. */
  tasks: z.array(eventSummary),
  overdue: z.number().int(),
  warning: z.number().int(),
  /** Whether leave/attendance is recorded (not yet: the board cannot say who is out). */
  attendanceRecorded: z.boolean(),
  members: z.array(
    z.object({
      personId: z.string(),
      name: z.string(),
      role: z.string(),
      roleLabel: z.object({ zh: z.string(), en: z.string() }),
      teamName: z.string().nullable(),
      hasLogin: z.boolean(),
      openTasks: z.number().int(),
      eventIds: z.array(z.string()),
    }),
  ),
});
export type TeamBoard = z.infer<typeof teamBoard>;

// ── Response contracts ───────────────────────────────────────────────────────────────────────────────────────────

const escalation = z.enum(['none', 'yellow', 'red']);
const slaOut = z.object({ unit: z.enum(['working_days', 'hours']), n: z.number().int() });

/** GET /api/events/categories (and the answer of a PATCH): a category with its deadlines and duplicate window. */
export const categoryInfo = z.object({
  code: z.string(),
  zh: z.string(),
  en: z.string(),
  group: z.enum(['city_appearance', 'environment', 'construction', 'facilities', 'other']),
  matterName: z.string().nullable(),
  sla: z.object({ normal: slaOut, urgent: slaOut }),
  duplicateRadiusM: z.number(),
  duplicateWindowHours: z.number(),
  videoAi: z.boolean(),
  /** In the answer of a PATCH: whether reports may still use it (the list has active ones only). */
  active: z.boolean().optional(),
  version: z.number().int(),
});
export type CategoryInfo = z.infer<typeof categoryInfo>;

/** An open event near a report's point: offered before submit so that the same problem is reported once. */
export const duplicateOffer = z.object({
  id: z.string(),
  no: z.string(),
  distanceM: z.number(),
  reportedAt: z.string(),
});
export type DuplicateOffer = z.infer<typeof duplicateOffer>;

/** POST /api/events/photos: the stored photo, to name in a report or a step (`photoIds`). */
export const photoUpload = z.object({
  id: z.string(),
  kind: z.enum(['report', 'before', 'after']),
  mime: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
});
export type PhotoUpload = z.infer<typeof photoUpload>;

/** POST /api/events: the event (201), or the one already stored for a repeated delivery (200, `replay`). */
export const reportResult = z.object({
  event: eventSummary,
  duplicates: z.array(z.object({ id: z.string(), distanceM: z.number() })),
  replay: z.boolean(),
  /** The citizen's follow-up token (hotline reports), shown once. */
  token: z.string().nullable(),
});
export type ReportResult = z.infer<typeof reportResult>;

/** GET /api/events: a page of a queue or a filtered list. */
export const eventPage = z.object({ items: z.array(eventSummary), nextCursor: z.string().nullable() });

/** One row of the event's timeline (event_steps): who, role, team, when, where, why. */
export const timelineStep = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.string(),
  fromStatus: z.enum(EVENT_STATUSES).nullable(),
  toStatus: z.enum(EVENT_STATUSES),
  actorRole: z.string().nullable(),
  actorName: z.string().nullable(),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  reason: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type TimelineStep = z.infer<typeof timelineStep>;

export const eventPhoto = z.object({
  id: z.string(),
  kind: z.string(),
  mime: z.string(),
  bytes: z.number().int(),
  stepId: z.number().int().nullable(),
  uploadedAt: z.string(),
  url: z.string(),
});
export type EventPhoto = z.infer<typeof eventPhoto>;

/** GET /api/events/:id: the event with its whole record (reporter masked without pii.read). */
export const eventDetail = eventSummary.extend({
  villageName: z.string().nullable(),
  gridName: z.string().nullable(),
  /** A merged report follows its master's status. */
  effectiveStatus: z.enum(EVENT_STATUSES),
  master: z.object({ id: z.string(), no: z.string(), status: z.enum(EVENT_STATUSES) }).nullable(),
  suggestedMasterId: z.string().nullable(),
  reporterName: z.string().nullable(),
  reporterPhone: z.string().nullable(),
  reporterUserId: z.string().nullable(),
  externalId: z.string().nullable(),
  matterId: z.string().nullable(),
  proposal: eventProposal.nullable(),
  subjectName: z.string().nullable(),
  assistingTeams: z.array(z.object({ id: z.string(), name: z.string().nullable() })),
  triagedAt: z.string().nullable(),
  dispatchedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  handledAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  rectifyDue: z.string().nullable(),
  outcomeDetail: z.record(z.string(), z.unknown()).nullable(),
  caseHandle: z.string().nullable(),
  returnCount: z.number().int(),
  urgeCount: z.number().int(),
  ratingComment: z.string().nullable(),
  onTime: z.boolean().nullable(),
  timeline: z.array(timelineStep),
  photos: z.array(eventPhoto),
  merged: z.array(z.object({ id: z.string(), no: z.string(), source: z.enum(EVENT_SOURCES), reportedAt: z.string() })),
});
export type EventDetail = z.infer<typeof eventDetail>;

// ── The command centre: big screen, 推诿, map ────────────────────────────────────────────────────────────────────

/** GET /api/command/dashboard: today, the last 30 days by town, channel and category, the trend and today's hours. */
export const dashboard = z.object({
  generatedAt: z.string(),
  today: z.object({
    reported: z.number().int(),
    dispatched: z.number().int(),
    closed: z.number().int(),
    open: z.number().int(),
    overdue: z.number().int(),
    warning: z.number().int(),
  }),
  onTime: z.object({ rate: z.number().nullable(), closed: z.number().int(), onTime: z.number().int() }),
  byTown: z.array(
    z.object({
      townId: z.string(),
      townName: z.string(),
      reported: z.number().int(),
      month: z.number().int(),
      closed: z.number().int(),
      overdue: z.number().int(),
      onTimeRate: z.number().nullable(),
    }),
  ),
  bySource: z.array(z.object({ source: z.string(), count: z.number().int() })),
  byCategory: z.array(z.object({ category: z.string(), count: z.number().int() })),
  trend: z.array(z.object({ day: z.string(), reported: z.number().int(), closed: z.number().int() })),
  hourly: z.array(z.object({ hour: z.number().int(), reported: z.number().int() })),
});
export type Dashboard = z.infer<typeof dashboard>;

/** GET /api/command/shirking: unjustified returns per team in a range of China days. */
export const shirking = z.object({
  from: z.string(),
  to: z.string(),
  teams: z.array(z.object({ teamId: z.string().nullable(), teamName: z.string().nullable(), count: z.number().int() })),
  total: z.number().int(),
});
export type Shirking = z.infer<typeof shirking>;

/** A point of the clustered map: the escalation is the level now for a running event. */
export const mapPoint = z.object({
  id: z.string(),
  lng: z.number(),
  lat: z.number(),
  status: z.enum(EVENT_STATUSES),
  category: z.string(),
  escalation,
});
export type MapPoint = z.infer<typeof mapPoint>;

/** GET /api/events/map: the points as columns (map-points.ts), newest first, at most 20,000. */
export { mapPointsResponse as eventMap, type MapPointsResponse as EventMap } from './map-points.ts';

// ── Intake channels: the hotline, video AI, the citizen's token ─────────────────────────────────────────────────

/** POST /api/events/hotline/import: every row's event and citizen token (texted to the caller). */
export const hotlineImportResult = z.object({
  imported: z.number().int(),
  dryRun: z.boolean(),
  events: z.array(
    z.object({ row: z.number().int(), ticketNo: z.string(), id: z.string(), no: z.string(), token: z.string() }),
  ),
});

/** A channel's answer to a pushed report: the event (201), or the one already stored on redelivery (200, replay). */
export const channelReportResult = z.object({
  id: z.string(),
  no: z.string(),
  status: z.enum(EVENT_STATUSES),
  replay: z.boolean(),
  /** The hotline's: the citizen's follow-up token (null on redelivery). */
  token: z.string().nullable().optional(),
});

/** GET /api/public/events/:token: what a citizen may see of their report (nothing personal, no internal routing). */
export const publicEventView = z.object({
  no: z.string(),
  category: z.object({ code: z.string(), zh: z.string(), en: z.string() }),
  townName: z.string().nullable(),
  status: z.enum(EVENT_STATUSES),
  statusLabel: bilingualText,
  reportedAt: z.string(),
  deadline: z.string().nullable(),
  closedAt: z.string().nullable(),
  rating: z.number().int().nullable(),
  mergedInto: z.object({ no: z.string(), status: z.enum(EVENT_STATUSES) }).nullable(),
  /** What the citizen may do now with this token. */
  mayVerify: z.boolean(),
  mayRate: z.boolean(),
  timeline: z.array(
    z.object({ at: z.string(), action: z.string(), label: bilingualText, status: z.enum(EVENT_STATUSES) }),
  ),
});
export type PublicEventView = z.infer<typeof publicEventView>;
