import type { WorkingCalendar } from '../calendar/index.ts';
import type { DiscretionMatter } from '../catalog/discretion.ts';
import type { Permission, Role } from '../organization/roles.ts';
import type { CaseDiscretion } from './discretion.ts';
import type { CaseEvidence } from './evidence.ts';
import type {
  AgencyKind,
  CaseProcedureKind,
  CaseState,
  ChallengeKind,
  ChallengeOutcome,
  DecisionKind,
  PartyKind,
  Penalty,
  ReportOutcome,
  ServiceMethod,
} from './kinds.ts';
import type { CaseFlag, CaseSettings } from './settings.ts';

/*
 * What the case's guards read (the server loads it in the step's transaction): the record, the people on it with
 * their certificates, the matter version in force, the agency's settings and the working-day calendar. Dates are
 * China dates (YYYY-MM-DD); instants are Dates. Nothing here is read from a clock: `now` is the step's parameter.
 */

/** A person acting on the case, with the certificates APL-42 reads. */
export interface CaseOfficer {
  personId: string;
  name: string;
  /** ZJ-30: auxiliaries never count towards the two and never sign. */
  isAuxiliary: boolean;
  certificates: readonly { domains: readonly string[]; validFrom: string; validTo: string }[];
}

/** Who acts. `personId` links the account to the person (officer, leader) whose certificate and recusal count. */
export interface CaseActor {
  role: Role;
  permissions: readonly Permission[];
  userId: string;
  personId: string | null;
  /** The teams the user acts for (their team and those below it). */
  teamIds: readonly string[];
  isAuxiliary: boolean;
}

export interface CaseParty {
  kind: PartyKind;
  name: string;
  address: string | null;
  /** APL-30: age in completed years at the act (citizens). */
  ageAtAct?: number;
  /** APL-31. */
  mentalCapacity?: 'full' | 'limited' | 'none';
  /** Prior violations of the same kind on record (ZJ-LV: a repeat violator is not eligible; APL-33(b)). */
  priorViolations: number;
  /** APL-61: a signed consent to electronic service, with the address it names. */
  electronicServiceConsent: boolean;
}

export interface CaseAct {
  /** The day of the act, or the day a continuing act began. */
  date: string;
  /** A continuing or repeated act: the day it ended (APL-36 counts from there); null when not continuing. */
  endDate: string | null;
  discoveredOn: string;
  /** APL-36: citizens' life, health, safety or financial security involved and harm resulted → 5 years. */
  harmToLifeHealthSafetyFinance: boolean;
}

export interface CaseFacts {
  state: CaseState;
  procedure: CaseProcedureKind | null;
  /** The handling team decided at filing (jurisdiction); its officers and leaders take the steps. */
  teamId: string | null;
  agency: {
    id: string;
    name: string;
    kind: AgencyKind;
    /** A law gives it power of compulsory execution. */ mayEnforce: boolean;
  };
  /** The matter version applicable (APL-37) as discretion reads it, with its domain (APL-42). Null: not chosen. */
  matter: (DiscretionMatter & { domain: string; matterId: string; version: number }) | null;
  /** ZJ-9 and the other jurisdiction rules: the engine's refusal, if it refused (null: it resolved). */
  jurisdictionRefusal: { ruleId: string; zh: string; en: string } | null;
  /**
   * APL-29: other matters the same act breaches, with their maximum fine for this party; the case's matter must be the
   * one with the highest (null maximum: no fine).
   */
  concurrentMatters: readonly { matterId: string; name: string; maxFineFen: number | null }[];
  /** APL-29: a fine already imposed on the same act (by this or another agency). */
  priorFineForSameAct: boolean;
  party: CaseParty | null;
  act: CaseAct | null;
  flags: readonly CaseFlag[];
  /** The discretion facts (tier, circumstance, factors with the facts supporting them); null until recorded. */
  discretion: CaseDiscretion | null;
  /** The officers on the case (APL-42), with recused ones removed by `decide_recusal`. */
  investigators: readonly CaseOfficer[];
  /** Everyone who ever investigated the case (APL-64: the hearing chair must not be one of them). */
  formerInvestigatorIds: readonly string[];
  /** APL-43: recusal applications not yet decided. */
  pendingRecusals: readonly { personId: string }[];
  evidence: readonly CaseEvidence[];
  preservation: { status: 'none' | 'requested' | 'approved' | 'decided'; approvedOn: string | null };
  seizure: { status: 'none' | 'active' | 'released'; startedOn: string | null; extended: boolean };
  report: { outcome: ReportOutcome; suspectedCrime: boolean } | null;
  notice: { servedOn: string; penalties: readonly Penalty[]; hearingRight: boolean; waived: boolean } | null;
  hearing: {
    requestedOn: string;
    scheduledFor: string | null;
    chairId: string | null;
    heldOn: string | null;
    withdrawn: boolean;
  } | null;
  legalReview: 'none' | 'passed' | 'failed';
  collectiveDiscussion: boolean;
  /** APL-60: a requested extension waiting for approval (days), and the days approved so far. */
  extension: { requestedDays: number | null; approvedDays: number };
  /** The decision proposed or made. */
  decision: {
    kind: DecisionKind;
    penalties: readonly Penalty[];
    decidedOn: string | null;
    onTheSpot: boolean;
    collectedOnSpot: boolean;
  } | null;
  service: { servedOn: string; method: ServiceMethod } | null;
  /** APL-67/72: the fine due, what was paid, the due date of payment, deferral or instalments. */
  payment: {
    dueFen: number;
    paidFen: number;
    dueOn: string | null;
    deferral: 'none' | 'requested' | 'approved';
    /** APL-68: cash collected on the spot handed to the agency (the day), or null. */
    cashHandedInOn: string | null;
  };
  reminder: { servedOn: string } | null;
  challenges: readonly {
    kind: ChallengeKind;
    filedOn: string;
    decidedOn: string | null;
    outcome: ChallengeOutcome | null;
  }[];
  transfer: {
    kind: 'agency' | 'crime';
    reportedOn: string;
    reporterIds: readonly string[];
    approved: boolean | null;
    approvedAt: Date | null;
    sentAt: Date | null;
    policeAccepted: boolean | null;
  } | null;
  published: boolean;
  /** The agency's configuration and the working-day calendar (with its overrides), for the guards' dates. */
  settings: CaseSettings;
  calendar: WorkingCalendar;
}
