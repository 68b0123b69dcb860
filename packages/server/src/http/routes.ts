import type { FastifyInstance } from 'fastify';
import { registerAccountRoutes, type AccountsService } from '../accounts/index.ts';
import { registerCatalogRoutes, type CatalogService } from '../catalog/index.ts';
import {
  createEvidenceUploads,
  registerCaseExportRoutes,
  registerCaseRoutes,
  type CasesService,
} from '../cases/index.ts';
import {
  registerDashboardRoutes,
  registerEventRoutes,
  registerHotlineRoutes,
  registerOpen311Routes,
  registerPublicEventRoutes,
  registerStreamRoute,
  registerVideoAiWebhook,
  type EscalationJob,
  type EventsService,
  type PhotoStore,
} from '../events/index.ts';
import {
  registerImportRoutes,
  registerOrganizationRoutes,
  type OrganizationService,
  type RegionDirectory,
} from '../organization/index.ts';
import { registerAuditRoutes, type AuditReader } from '../platform/audit/index.ts';
import type { ApiClient } from '../platform/auth/api-clients.ts';
import type { ApiKeyCache } from '../platform/auth/api-key-cache.ts';
import { registerAuthRoutes } from '../platform/auth/auth.routes.ts';
import type { AuthService } from '../platform/auth/auth.service.ts';
import { registerCalendarRoutes, type CalendarService } from '../platform/calendar/index.ts';
import { registerJobRoutes, type JobRunner } from '../platform/jobs/index.ts';
import type { PlatformDeps } from '../platform/deps.ts';
import { registerDocumentRoutes, type DocumentService } from '../platform/documents/index.ts';
import { registerFileRoutes, type FileAccess, type FileService } from '../platform/files/index.ts';
import { registerPlatformRoutes } from '../platform/http/platform.routes.ts';
import {
  registerNotificationRoutes,
  type LiveHub,
  type NotificationsService,
} from '../platform/notifications/index.ts';

export interface Services {
  auth: AuthService;
  accounts: AccountsService;
  calendar: CalendarService;
  organization: OrganizationService;
  catalog: CatalogService;
  events: EventsService;
  cases: CasesService;
  notifications: NotificationsService;
  stream: LiveHub;
  escalation: EscalationJob;
  files: FileService;
  fileAccess: FileAccess;
  documents: DocumentService;
  jobs: JobRunner;
  photos: PhotoStore;
  directory: RegionDirectory;
  auditReader: AuditReader;
  /** Machine clients found by API key lately (invalidated by NOTIFY when a client changes). */
  apiKeys: ApiKeyCache<ApiClient>;
}

/** Every context's routes, mounted in one list. */
export function registerRoutes(app: FastifyInstance, deps: PlatformDeps, s: Services): void {
  registerPlatformRoutes(app, deps);
  registerAuthRoutes(app, s.auth, deps.config, (id) => s.directory.townName(id));
  registerAccountRoutes(app, s.accounts, s.directory);
  registerCalendarRoutes(app, s.calendar, () => deps.clock.now());
  registerAuditRoutes(app, s.auditReader);
  registerOrganizationRoutes(app, s.organization, s.directory, deps.database.db);
  registerImportRoutes(app, deps);
  registerCatalogRoutes(app, s.catalog, deps);
  registerEventRoutes(app, s.events, s.photos, s.directory);
  registerCaseRoutes(app, s.cases, createEvidenceUploads(deps, s.files));
  registerCaseExportRoutes(app, s.cases);
  registerDashboardRoutes(app, deps, s.directory);
  // Intake channels of the event centre: Open311, 12345 hotline, video-AI webhooks, the citizen's token.
  registerOpen311Routes(app, s.events, deps, s.directory, s.apiKeys);
  registerHotlineRoutes(app, s.events, s.directory, deps, s.apiKeys);
  registerVideoAiWebhook(app, s.events, deps);
  registerPublicEventRoutes(app, s.events, s.directory);
  registerStreamRoute(app, s.notifications, s.stream);
  registerNotificationRoutes(app, s.notifications);
  registerDocumentRoutes(app, s.documents, deps, s.jobs);
  registerJobRoutes(app, deps.database.db);
  registerFileRoutes(app, s.files, s.fileAccess, deps.config);
}
