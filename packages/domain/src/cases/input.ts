import type { CaseEvidence } from './evidence.ts';
import type { CaseOfficer } from './facts.ts';
import type {
  ChallengeKind,
  ChallengeOutcome,
  DecisionKind,
  NoPenaltyGround,
  Penalty,
  ReportOutcome,
  ServiceMethod,
} from './kinds.ts';

/*
 * The input of each case step, as far as the guards need it (the server adds ids, files and documents). Dates are
 * China dates (YYYY-MM-DD) of things that happened (the day a notice was served); the step's own instant is `now`.
 */

/** APL-59: every element a decision states. Any missing → the decision is not issued. */
export interface DecisionElements {
  partyName: string;
  partyAddress: string;
  /** 违法事实. */
  facts: string;
  /** 证据: what the facts rest on (descriptions or evidence ids). */
  evidence: readonly string[];
  /** 处罚依据: the article(s) applied. */
  basis: string;
  /** 履行方式和期限. */
  compliance: { how: string; by: string };
  /** 申请行政复议、提起行政诉讼的途径和期限. */
  remedies: { reconsideration: string; lawsuit: string };
  /** 作出决定的行政机关名称和日期, 印章. */
  agencyName: string;
  date: string;
  sealed: boolean;
}

/** APL-44/45: what the notice of a proposed penalty tells the party. */
export interface NoticeContents {
  facts: string;
  reasons: string;
  basis: string;
  rights: { statement: boolean; defence: boolean; hearing: boolean };
}

export type Approval = { approved: boolean; opinion: string };

export type CaseStepInput =
  // Lead: simple procedure, commitment, filing.
  | {
      action: 'decide_on_spot';
      penalties: readonly Penalty[];
      officers: readonly CaseOfficer[];
      /** APL-68/69: why the fine is collected on the spot (null: paid later at a bank). */
      collectOnSpot: null | 'small_fine' | 'hard_to_execute' | 'remote_area_request';
      elements: DecisionElements;
      /** APL-52: the party refused to sign (recorded on the form). */
      refusedToSign: boolean;
      /** A fine outside the recommended band needs a written reason (SPEC §5). */
      discretionReason?: string;
    }
  | {
      action: 'offer_commitment';
      minor: boolean;
      obviousHarm: boolean;
      correctable: boolean;
      intentional: boolean;
      correctBy: string;
    }
  | { action: 'confirm_correction'; corrected: boolean; checkedOn: string }
  | { action: 'file'; reason: string }
  | { action: 'decline'; reason: string }
  | ({ action: 'approve_filing' } & Approval)
  // Investigation.
  | { action: 'assign_investigators'; investigators: readonly CaseOfficer[] }
  | { action: 'record_evidence'; evidence: CaseEvidence }
  | { action: 'review_monitoring_record'; evidenceId: string; approved: boolean }
  | { action: 'apply_recusal'; personId: string; reason: string }
  | { action: 'decide_recusal'; personId: string; granted: boolean; opinion: string }
  | { action: 'request_preservation'; items: string; reason: string }
  | ({ action: 'approve_preservation' } & Approval)
  | {
      action: 'decide_preservation';
      measure: 'release' | 'seize' | 'confiscate' | 'test' | 'transfer';
      decidedOn: string;
    }
  | { action: 'seize'; items: string; startedOn: string }
  | { action: 'extend_seizure'; days: number; reason: string }
  | { action: 'release_seizure'; releasedOn: string }
  | { action: 'request_extension'; days: number; reason: string }
  | ({ action: 'approve_extension'; days: number } & Approval)
  | { action: 'submit_report'; outcome: ReportOutcome; suspectedCrime: boolean; summary: string }
  | { action: 'reopen_investigation'; reason: string }
  // Transfer (to the competent agency, or as a suspected crime).
  | {
      action: 'report_transfer';
      kind: 'agency' | 'crime';
      /** TRN-5: the team of at least two who report it (person ids among the investigators). */
      reporterIds: readonly string[];
      targetAgency: string;
      reason: string;
    }
  | ({ action: 'approve_transfer' } & Approval)
  | {
      action: 'send_transfer';
      /** TRN-11: a fine already paid, stated in the transfer so it is offset against a criminal fine. */
      paidFineOffsetFen: number;
    }
  | { action: 'record_police_answer'; accepted: boolean; answeredOn: string }
  // Notice, statement, hearing.
  | {
      action: 'notify';
      penalties: readonly Penalty[];
      servedOn: string;
      contents: NoticeContents;
      /** A fine outside the recommended band needs a written reason (SPEC §5). */
      discretionReason?: string;
    }
  | { action: 'record_statement'; statement: string; adopted: boolean }
  | { action: 'waive_rights'; signedOn: string }
  | { action: 'request_hearing'; requestedOn: string }
  | { action: 'schedule_hearing'; hearingDate: string; notifiedOn: string; chairId: string }
  | { action: 'hold_hearing'; heldOn: string }
  | { action: 'withdraw_hearing'; withdrawnOn: string }
  | { action: 'end_notice_period' }
  // Review and decision.
  | { action: 'legal_review'; passed: boolean; opinion: string }
  | { action: 'collective_discussion'; conclusion: string; participants: number }
  | {
      action: 'propose_decision';
      kind: DecisionKind;
      penalties: readonly Penalty[];
      /** No-penalty decisions: the ground, the education given (APL-33), the reason for a first-violation waiver. */
      noPenaltyGround?: NoPenaltyGround;
      educationRecord?: string;
      waiverReason?: string;
      /** A fine outside the recommended band needs a written reason (SPEC §5). */
      discretionReason?: string;
      elements: DecisionElements;
    }
  | ({ action: 'approve_decision'; decidedOn: string } & Approval)
  // Service and execution.
  | { action: 'serve'; method: ServiceMethod; servedOn: string; lateReason?: string }
  | { action: 'record_payment'; amountFen: number; paidOn: string; channel: 'bank' | 'electronic' | 'on_the_spot' }
  | { action: 'hand_in_cash'; handedOn: string }
  | { action: 'apply_deferral'; kind: 'deferral' | 'instalments'; reason: string }
  | ({ action: 'approve_deferral'; days: number } & Approval)
  | {
      action: 'send_reminder';
      servedOn: string;
      /** ACL-35: the reminder states the deadline, the method, the amount and the right to state and defend. */
      deadline: string;
      method: string;
      amountFen: number;
      statesRightToBeHeard: boolean;
    }
  | { action: 'apply_to_court'; appliedOn: string }
  | { action: 'record_court_result'; result: 'executed' | 'terminated' }
  | { action: 'enforce'; emergency: boolean }
  | { action: 'record_challenge'; kind: ChallengeKind; filedOn: string }
  | {
      action: 'record_challenge_outcome';
      kind: ChallengeKind;
      outcome: ChallengeOutcome;
      decidedOn: string;
      /** `changed`: the penalties as the reconsideration body or the court changed them. */
      changedPenalties?: readonly Penalty[];
    }
  | { action: 'publish'; publishedOn: string }
  | { action: 'withdraw_publication'; reason: string }
  // Closure.
  | { action: 'close'; summary: string }
  | { action: 'archive' };

export type CaseAction = CaseStepInput['action'];
