import { z } from 'zod';
import { displayName, isoDate, searchText, version } from '../common/schemas.ts';
import { regionId } from '../organization/schemas.ts';
import { EVENT_ACTIONS, EVENT_SOURCES, EVENT_STATUSES, HANDLING_OUTCOMES } from './lifecycle.ts';

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
    penalty: z.enum(['warning', 'fine']),
    fineFen: z.number().int().min(0).default(0),
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

const bilingualText = z.object({ zh: z.string(), en: z.string() });
/** What the citizen sees of their report (the tracking page, /t/<token>; the portal's lookup by number + phone). */
export const publicEventProgress = z.object({
  no: z.string(),
  category: z.object({ code: z.string(), zh: z.string(), en: z.string() }),
  townName: z.string().nullable(),
  status: z.enum(EVENT_STATUSES),
  statusLabel: bilingualText,
  reportedAt: z.string(),
  deadline: z.string().nullable(),
  closedAt: z.string().nullable(),
  rating: z.number().nullable(),
  mergedInto: z.object({ no: z.string(), status: z.string() }).nullable(),
  mayVerify: z.boolean(),
  mayRate: z.boolean(),
  timeline: z.array(z.object({ at: z.string(), action: z.string(), label: bilingualText, status: z.string() })),
});
export type PublicEventProgress = z.infer<typeof publicEventProgress>;
