export {
  CATEGORIES_CHANNEL,
  createEventsService,
  eventNo,
  type EventsService,
  type FeedMessage,
} from './events.service.ts';
export { registerEventRoutes } from './events.routes.ts';
export { createPhotoStore, eventFileSubject, type PhotoStore } from './photos.ts';
export {
  createEscalationJob,
  registerEventEscalation,
  type EscalationCounts,
  type EscalationJob,
} from './escalation.ts';
export { registerStreamRoute } from './stream.routes.ts';
export { eventsBulkRepository, type EventColumns, type StepColumns } from './bulk.repository.ts';
export { registerDashboardRoutes } from './dashboard.routes.ts';
export { createDashboardService, type DashboardService } from './dashboard.ts';
export { registerOpen311Routes } from './open311/open311.routes.ts';
export { registerHotlineRoutes } from './hotline/hotline.routes.ts';
export { registerVideoAiWebhook } from './webhooks/video-ai.routes.ts';
export { registerPublicEventRoutes } from './public/public.routes.ts';
export { createEventSla, eventClockRecords, EVENT_SUBJECT, type EventSla } from './sla.ts';
export { publicationRule } from './publication.ts';
export { recordCaseProgress, type CaseProgress } from './case-progress.ts';
export type { CaseOpenPort } from './events.service.ts';
