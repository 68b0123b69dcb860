/**
 * Penalty cases (处罚办案, SPEC §5, issue 10): the pure domain. No I/O; time is a parameter.
 *
 * ## The procedure
 * `CASE_PROCEDURE` (procedure.ts) is the case's table of rows on the platform workflow (ADR 0003). Decide a step with
 * `decideCase(facts, input, actor, now, { files, documents })` → `{ ok, to, row }` or `{ ok: false, reasons, forbidden }`
 * (forbidden → 403, else 422; every reason carries a LEGAL.md rule id and zh/en words). "What may I do here" is
 * `caseActions(facts, actor, now)`. A step's clocks are `clockEffects(row, facts, input)` (workflow): kinds of
 * `CASE_CLOCK_KINDS`, each started with its rule id, unit and amount (`clockStart`); the server computes due dates
 * with `caseClockDue(kind, start, calendar, settings, extraDays)` — `{ ok: false, reason: TIME-4 }` when the calendar
 * has no data for a year (never a guess). An approved extension (`approve_extension`, `approve_deferral`,
 * `extend_seizure`) extends by the input's `days`. Month clocks (`lawsuit`, `court_application`) fix no length in the
 * row: the step passes their due time (`caseClockDue`; the court window is `courtApplicationWindow`). Pass every due
 * time from `caseClockDue` where the agency turned the TIME-2 roll-over off (platform deadlines always roll over).
 * `evolveCase(facts, input, to, now)` is the record after an accepted step (what each action changes).
 *
 * - States: `CASE_STATES` (kinds.ts); a case is created in `lead` (`CASE_START_STATE`) with the `filing` clock
 *   (APL-54) started; finals are `archived` and `not_filed`.
 * - Actions and their inputs: `CaseStepInput` (input.ts), one member per action.
 * - Facts the guards read: `CaseFacts` (facts.ts) — the record, the officers with certificates (APL-42), the matter
 *   version applicable (APL-37, `applicableVersion`), the jurisdiction engine's refusal (ZJ-9), the party, the act's
 *   dates (APL-36), discretion facts, notice/hearing/review/decision/service/payment/challenge/transfer records, plus
 *   the agency's `settings` and the working-day `calendar`.
 * - Who: `CaseActor` (role, permissions, user and person ids, team ids, auxiliary flag). Permissions: `case.handle`
 *   (officers, leaders), `case.approve` (leaders: every approval is its own step with an opinion), `case.review`
 *   (legal reviewers). Approvers may not be the case's investigators; auxiliaries never sign (ZJ-30).
 *
 * ## Settings
 * `CaseSettings` / `DEFAULT_CASE_SETTINGS` (settings.ts): simple-procedure limits (APL-51), on-the-spot collection
 * (APL-68), hearing thresholds per party and kinds (APL-63), filing and statement periods (APL-54), legal-review and
 * collective-discussion criteria (APL-58/57), publication days (GB118-7), TIME-2 roll-over, night hours (ACL-43).
 *
 * ## Helpers
 * `lateSurcharge` (APL-72), `limitation` / `checkLimitation` (APL-36), `applicableVersion` (APL-37), `judgeFine`
 * (discretion), `checkParty` / `validUscc` / `validIdNumber` (GB 32100 / GB 11643), `formatCaseNumber` /
 * `parseCaseNumber`, `EVIDENCE_TYPES` / `unusableEvidence` (APL-46/41), `CASE_TEMPLATES`, `hearingGrounds` (APL-63),
 * `legalReviewRequired` (APL-58), `collectiveDiscussionRequired` (APL-57), and the `check*` rule functions.
 */
export * from './kinds.ts';
export * from './settings.ts';
export * from './facts.ts';
export * from './input.ts';
export * from './clocks.ts';
export * from './procedure.ts';
export * from './evidence.ts';
export * from './limitation.ts';
export * from './surcharge.ts';
export * from './versions.ts';
export * from './discretion.ts';
export * from './parties.ts';
export * from './case-number.ts';
export * from './templates.ts';
export * from './rules-officers.ts';
export * from './rules-penalty.ts';
export * from './rules-hearing.ts';
export * from './rules-outcomes.ts';
export * from './rules-execution.ts';
export * from './rules-transfer.ts';
export { DECISION_PERIOD_STATES } from './rows-investigation.ts';
export * from './evolve.ts';
export * from './api.ts';
