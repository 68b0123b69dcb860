import { z } from 'zod';
import { factsInput } from '../catalog/discretion.ts';
import { bilingualText, displayName, instant, isoDate, searchText, version } from '../common/schemas.ts';
import { CASE_CLOCK_KINDS } from './clocks.ts';
import { EVIDENCE_SOURCES, EVIDENCE_TYPES } from './evidence.ts';
import {
  CASE_PROCEDURES,
  CASE_SOURCES,
  CASE_STATES,
  CHALLENGE_KINDS,
  CHALLENGE_OUTCOMES,
  DECISION_KINDS,
  NO_PENALTY_GROUNDS,
  PARTY_KINDS,
  PENALTY_KINDS,
  REPORT_OUTCOMES,
  SERVICE_METHODS,
} from './kinds.ts';
import type { CaseAction } from './input.ts';
import { CASE_FLAGS } from './settings.ts';

/*
 * HTTP contracts of penalty cases (zod → validation + OpenAPI; the web imports them). A step's body is its
 * `CaseStepInput` without `action` (the path names it) plus the case `version` the client last read; people are named
 * by person id (the server loads their certificates, APL-42) and evidence files by file id (the server links them).
 * Dates of things that happened are China dates (YYYY-MM-DD): the domain refuses impossible ones (CASE-DATE).
 */

const text = (max: number) => z.string().trim().min(1).max(max);
/** A text the law wants written down; the domain's guard names the rule when it is too short. */
const written = z.string().trim().max(2000);
/** A day as the client wrote it: the shape is checked here, the date itself by the domain (CASE-DATE, order rules). */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'iso_date');
const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const personIds = z.array(z.uuid()).min(1).max(20);
const meta = {
  version,
  /** The client's idempotency key: a repeated delivery returns the first result and writes nothing. */
  clientStepId: z
    .string()
    .min(8, 'client_step_id')
    .max(64, 'client_step_id')
    .regex(/^[A-Za-z0-9_-]+$/, 'client_step_id')
    .optional(),
};

export const penalty = z.strictObject({ kind: z.enum(PENALTY_KINDS), amountFen: fen.optional() });
const penalties = z.array(penalty).max(10);
const approval = { approved: z.boolean(), opinion: written };

export const decisionElements = z.strictObject({
  partyName: z.string().trim().max(100),
  partyAddress: z.string().trim().max(200),
  facts: written,
  evidence: z.array(z.string().trim().max(200)).max(50),
  basis: written,
  compliance: z.strictObject({ how: z.string().trim().max(500), by: z.string().trim().max(200) }),
  remedies: z.strictObject({ reconsideration: z.string().trim().max(500), lawsuit: z.string().trim().max(500) }),
  agencyName: z.string().trim().max(100),
  date: day,
  sealed: z.boolean(),
});

export const noticeContents = z.strictObject({
  facts: written,
  reasons: written,
  basis: written,
  rights: z.strictObject({ statement: z.boolean(), defence: z.boolean(), hearing: z.boolean() }),
});

/** One evidence item as the officer registers it (APL-46): its type, source, files and where/when/how captured. */
export const evidenceInput = z.strictObject({
  type: z.enum(EVIDENCE_TYPES),
  source: z.enum(EVIDENCE_SOURCES),
  fileIds: z.array(z.uuid()).max(20),
  capturedAt: z.iso.datetime({ offset: true }).nullable().default(null),
  place: z.string().trim().max(200).nullable().default(null),
  device: z.string().trim().max(100).nullable().default(null),
});

/** An evidence file as uploaded (POST /api/cases/evidence), before `record_evidence` registers it. */
export const evidenceUpload = z.object({
  id: z.uuid(),
  mime: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
  capturedAt: z.string().nullable(),
});

/** The body of each step, by action (the path's `:action`). */
export const CASE_STEP_BODIES = {
  decide_on_spot: z.strictObject({
    ...meta,
    penalties,
    officerIds: personIds,
    collectOnSpot: z.enum(['small_fine', 'hard_to_execute', 'remote_area_request']).nullable(),
    elements: decisionElements,
    refusedToSign: z.boolean().default(false),
    discretionReason: written.optional(),
  }),
  offer_commitment: z.strictObject({
    ...meta,
    minor: z.boolean(),
    obviousHarm: z.boolean(),
    correctable: z.boolean(),
    intentional: z.boolean(),
    correctBy: day,
  }),
  confirm_correction: z.strictObject({ ...meta, corrected: z.boolean(), checkedOn: day }),
  file: z.strictObject({ ...meta, reason: written }),
  decline: z.strictObject({ ...meta, reason: written }),
  approve_filing: z.strictObject({ ...meta, ...approval }),
  assign_investigators: z.strictObject({ ...meta, investigatorIds: personIds }),
  record_evidence: z.strictObject({ ...meta, evidence: evidenceInput }),
  review_monitoring_record: z.strictObject({ ...meta, evidenceId: text(64), approved: z.boolean() }),
  apply_recusal: z.strictObject({ ...meta, personId: z.uuid(), reason: written }),
  decide_recusal: z.strictObject({ ...meta, personId: z.uuid(), granted: z.boolean(), opinion: written }),
  request_preservation: z.strictObject({ ...meta, items: written, reason: written }),
  approve_preservation: z.strictObject({ ...meta, ...approval }),
  decide_preservation: z.strictObject({
    ...meta,
    measure: z.enum(['release', 'seize', 'confiscate', 'test', 'transfer']),
    decidedOn: day,
  }),
  seize: z.strictObject({ ...meta, items: written, startedOn: day }),
  extend_seizure: z.strictObject({ ...meta, days: z.number().int().min(1).max(30), reason: written }),
  release_seizure: z.strictObject({ ...meta, releasedOn: day }),
  request_extension: z.strictObject({ ...meta, days: z.number().int().min(1).max(365), reason: written }),
  approve_extension: z.strictObject({ ...meta, days: z.number().int().min(1).max(365), ...approval }),
  submit_report: z.strictObject({
    ...meta,
    outcome: z.enum(REPORT_OUTCOMES),
    suspectedCrime: z.boolean(),
    summary: written,
  }),
  reopen_investigation: z.strictObject({ ...meta, reason: written }),
  report_transfer: z.strictObject({
    ...meta,
    kind: z.enum(['agency', 'crime']),
    reporterIds: z.array(z.uuid()).max(20),
    targetAgency: text(100),
    reason: written,
  }),
  approve_transfer: z.strictObject({ ...meta, ...approval }),
  send_transfer: z.strictObject({ ...meta, paidFineOffsetFen: fen.default(0) }),
  record_police_answer: z.strictObject({ ...meta, accepted: z.boolean(), answeredOn: day }),
  notify: z.strictObject({
    ...meta,
    penalties,
    servedOn: day,
    contents: noticeContents,
    discretionReason: written.optional(),
  }),
  record_statement: z.strictObject({ ...meta, statement: written, adopted: z.boolean() }),
  waive_rights: z.strictObject({ ...meta, signedOn: day }),
  request_hearing: z.strictObject({ ...meta, requestedOn: day }),
  schedule_hearing: z.strictObject({ ...meta, hearingDate: day, notifiedOn: day, chairId: z.uuid() }),
  hold_hearing: z.strictObject({ ...meta, heldOn: day }),
  withdraw_hearing: z.strictObject({ ...meta, withdrawnOn: day }),
  end_notice_period: z.strictObject({ ...meta }),
  legal_review: z.strictObject({ ...meta, passed: z.boolean(), opinion: written }),
  collective_discussion: z.strictObject({
    ...meta,
    conclusion: written,
    participants: z.number().int().min(0).max(100),
  }),
  propose_decision: z.strictObject({
    ...meta,
    kind: z.enum(DECISION_KINDS),
    penalties,
    noPenaltyGround: z.enum(NO_PENALTY_GROUNDS).optional(),
    educationRecord: written.optional(),
    waiverReason: written.optional(),
    discretionReason: written.optional(),
    elements: decisionElements,
  }),
  approve_decision: z.strictObject({ ...meta, decidedOn: day, ...approval }),
  serve: z.strictObject({
    ...meta,
    method: z.enum(SERVICE_METHODS),
    servedOn: day,
    lateReason: written.optional(),
  }),
  record_payment: z.strictObject({
    ...meta,
    amountFen: fen,
    paidOn: day,
    channel: z.enum(['bank', 'electronic', 'on_the_spot']),
  }),
  hand_in_cash: z.strictObject({ ...meta, handedOn: day }),
  apply_deferral: z.strictObject({ ...meta, kind: z.enum(['deferral', 'instalments']), reason: written }),
  approve_deferral: z.strictObject({ ...meta, days: z.number().int().min(1).max(365), ...approval }),
  send_reminder: z.strictObject({
    ...meta,
    servedOn: day,
    deadline: day,
    method: text(200),
    amountFen: fen,
    statesRightToBeHeard: z.boolean(),
  }),
  apply_to_court: z.strictObject({ ...meta, appliedOn: day }),
  record_court_result: z.strictObject({ ...meta, result: z.enum(['executed', 'terminated']) }),
  enforce: z.strictObject({ ...meta, emergency: z.boolean() }),
  record_challenge: z.strictObject({ ...meta, kind: z.enum(CHALLENGE_KINDS), filedOn: day }),
  record_challenge_outcome: z.strictObject({
    ...meta,
    kind: z.enum(CHALLENGE_KINDS),
    outcome: z.enum(CHALLENGE_OUTCOMES),
    decidedOn: day,
    changedPenalties: penalties.optional(),
  }),
  publish: z.strictObject({ ...meta, publishedOn: day }),
  withdraw_publication: z.strictObject({ ...meta, reason: written }),
  close: z.strictObject({ ...meta, summary: written }),
  archive: z.strictObject({ ...meta }),
} as const;

export type CaseStepAction = keyof typeof CASE_STEP_BODIES;
export const CASE_STEP_ACTIONS = Object.keys(CASE_STEP_BODIES) as [CaseStepAction, ...CaseStepAction[]];
export type CaseStepBody<K extends CaseStepAction> = z.output<(typeof CASE_STEP_BODIES)[K]>;

/** Parameters of a step route: the case and the action. */
export const caseStepParams = z.object({ id: z.uuid(), action: z.enum(CASE_STEP_ACTIONS) });

// ── Opening a case ─────────────────────────────────────────────────────────────────────────────────────────────────

/** The party (当事人): kind, name, ID number (citizen) or unified social credit code (organisation), as entered. */
export const partyInput = z.strictObject({
  kind: z.enum(PARTY_KINDS),
  name: displayName,
  idNumber: z.string().trim().max(18).nullable().default(null),
  address: z.string().trim().max(200).nullable().default(null),
  ageAtAct: z.number().int().min(0).max(150).optional(),
  mentalCapacity: z.enum(['full', 'limited', 'none']).optional(),
  priorViolations: z.number().int().min(0).max(1000).default(0),
  electronicServiceConsent: z.boolean().default(false),
});
export type PartyInput = z.output<typeof partyInput>;

/** The act (违法行为): its day (or first day), last day when continuing, the day it came to light, where. */
export const actInput = z.strictObject({
  date: isoDate,
  endDate: isoDate.nullable().default(null),
  discoveredOn: isoDate,
  place: z.string().trim().max(200).nullable().default(null),
  harmToLifeHealthSafetyFinance: z.boolean().default(false),
});

/** A case opened directly (or from an inspection, a referral, another agency's transfer). */
export const caseOpen = z.strictObject({
  source: z.enum(['inspection', 'referral', 'agency_transfer', 'direct']).default('direct'),
  /** The record it comes from (inspection id, referral or transfer letter number); none for a direct case. */
  sourceRef: z.string().trim().max(100).optional(),
  matterId: z.uuid(),
  /** Where the act happened: a town, or a point the server locates. */
  townId: z.string().trim().min(1).max(40).optional(),
  lng: z.number().min(-180).max(180).optional(),
  lat: z.number().min(-90).max(90).optional(),
  act: actInput,
  party: partyInput.nullable().default(null),
  summary: text(2000),
  flags: z.array(z.enum(CASE_FLAGS)).max(CASE_FLAGS.length).default([]),
  discretion: factsInput.optional(),
  /** A standard template (CASE_TEMPLATES) whose facts text and checklist pre-fill the case. */
  templateId: z.string().trim().max(60).optional(),
});
export type CaseOpen = z.output<typeof caseOpen>;

// ── Reads ──────────────────────────────────────────────────────────────────────────────────────────────────────────

export const CASE_QUEUES = ['mine', 'approve', 'review', 'hearings_week', 'due_today', 'overdue'] as const;
export const DEADLINE_COLOURS = ['none', 'yellow', 'red'] as const;

export const caseListQuery = z.object({
  queue: z.enum(CASE_QUEUES).optional(),
  status: z.enum(CASE_STATES).optional(),
  procedure: z.enum(CASE_PROCEDURES).optional(),
  teamId: z.uuid().optional(),
  matterId: z.uuid().optional(),
  party: searchText.optional(),
  colour: z.enum(DEADLINE_COLOURS).optional(),
  q: searchText.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type CaseListQuery = z.output<typeof caseListQuery>;

export const caseSummary = z.object({
  id: z.uuid(),
  number: z.string(),
  status: z.enum(CASE_STATES),
  statusLabel: bilingualText,
  procedure: z.enum(CASE_PROCEDURES).nullable(),
  source: z.enum(CASE_SOURCES),
  matterId: z.string().nullable(),
  matterName: z.string().nullable(),
  townId: z.string().nullable(),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  /** Masked outside `pii.read` (privacy module). */
  partyName: z.string().nullable(),
  partyKind: z.enum(PARTY_KINDS).nullable(),
  actDate: z.string(),
  openedAt: instant,
  /** The most urgent running clock: its colour and due time. */
  colour: z.enum(DEADLINE_COLOURS),
  nextDueAt: instant.nullable(),
  fineDecidedFen: z.number().int().nullable(),
  version: z.number().int(),
});
export type CaseSummary = z.output<typeof caseSummary>;

export const casePage = z.object({ items: z.array(caseSummary), nextCursor: z.string().nullable() });

export const caseClock = z.object({
  kind: z.enum(CASE_CLOCK_KINDS).or(z.string()),
  rule: z.string(),
  label: bilingualText,
  startedAt: instant,
  period: z.number().int(),
  unit: z.string(),
  /** Null when the due date cannot be computed (TIME-4: no calendar data for its year). */
  dueAt: instant.nullable(),
  dueOn: z.string().nullable(),
  daysLeft: z.number().int().nullable(),
  level: z.enum(DEADLINE_COLOURS),
  extendedBy: z.number().int(),
  paused: z.boolean(),
  /** TIME-4 and its words, when the due date is not known. */
  flag: z.object({ rule: z.string(), zh: z.string(), en: z.string() }).nullable(),
});
export type CaseClockView = z.output<typeof caseClock>;

export const caseStepView = z.object({
  id: z.number().int(),
  at: instant,
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  actorRole: z.string().nullable(),
  actorName: z.string().nullable(),
  reason: z.string().nullable(),
  detail: z.unknown(),
});

export const caseEvidenceView = z.object({
  id: z.string(),
  type: z.enum(EVIDENCE_TYPES),
  typeLabel: bilingualText,
  source: z.enum(EVIDENCE_SOURCES),
  capturedAt: instant.nullable(),
  place: z.string().nullable(),
  device: z.string().nullable(),
  reviewStatus: z.enum(['pending', 'approved', 'rejected']),
  files: z.array(
    z.object({ id: z.string(), mime: z.string(), bytes: z.number().int(), capturedAt: instant.nullable() }),
  ),
});

export const caseDetail = caseSummary.extend({
  agency: z.object({ id: z.string(), name: z.string() }),
  subjectName: z.string().nullable(),
  matterVersion: z.number().int().nullable(),
  jurisdiction: z.unknown(),
  applicable: z.unknown(),
  act: z.object({
    date: z.string(),
    endDate: z.string().nullable(),
    discoveredOn: z.string(),
    place: z.string().nullable(),
  }),
  party: z
    .object({
      kind: z.enum(PARTY_KINDS),
      name: z.string(),
      /** Masked outside `pii.read`. */
      idNumber: z.string().nullable(),
      address: z.string().nullable(),
    })
    .nullable(),
  summary: z.string(),
  sourceEventId: z.string().nullable(),
  sourceRef: z.string().nullable(),
  fineProposedFen: z.number().int().nullable(),
  fineNotifiedFen: z.number().int().nullable(),
  flags: z.array(z.string()),
  facts: z.record(z.string(), z.unknown()),
  timeline: z.array(caseStepView),
  clocks: z.array(caseClock),
  evidence: z.array(caseEvidenceView),
});
export type CaseDetail = z.output<typeof caseDetail>;

export const caseActionsView = z.object({
  version: z.number().int(),
  state: z.enum(CASE_STATES),
  actions: z.array(
    z.object({
      action: z.enum(CASE_STEP_ACTIONS),
      allowed: z.boolean(),
      reasons: z.array(z.object({ rule: z.string(), zh: z.string(), en: z.string(), path: z.string().optional() })),
    }),
  ),
});
export type CaseActionsView = z.output<typeof caseActionsView>;

/** What a step or an opening answers: the case as it now is (its version for the next step). */
export const caseStepResult = z.object({
  id: z.uuid(),
  number: z.string(),
  status: z.enum(CASE_STATES),
  version: z.number().int(),
  stepId: z.number().int().nullable(),
  replayed: z.boolean(),
});
export type CaseStepResult = z.output<typeof caseStepResult>;

/** Every action of the procedure has a body, and no body names an action the procedure lacks. */
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const STEP_BODIES_COVER_PROCEDURE: Exact<CaseStepAction, CaseAction> = true;
