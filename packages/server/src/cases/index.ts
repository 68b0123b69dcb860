// The cases context's public surface: other contexts import only from here.
export { createCasesService, type CasesService, type CaseProgressPort } from './cases.service.ts';
export { registerCaseRoutes } from './cases.routes.ts';
export { registerCaseExportRoutes } from './export.routes.ts';
export { eventCaseOpener } from './event-port.ts';
export { recomputeCaseClocks, type RecomputeCounts } from './clocks.ts';
export { CASE_SUBJECT, casesRepository, type CaseRow, type CaseInsert } from './cases.repository.ts';
export { caseFacts, storedFacts, type StoredFacts, type FlaggedClock } from './facts.ts';
export { initialFacts, defaultAbbreviation, CASE_NUMBER_SEQUENCE } from './open.ts';
export { driveCase, DRIVABLE_STATES, type CaseCast, type DrivenStep } from './drive.ts';
export { insertCases } from './bulk.ts';
export { registerCaseEscalation } from './escalation.ts';
export { createEvidenceUploads, type EvidenceUploads } from './evidence.ts';
