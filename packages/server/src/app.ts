import type { FastifyInstance } from 'fastify';
import { createAccountsService } from './accounts/index.ts';
import { CATALOG_CHANNEL, createCatalogService } from './catalog/index.ts';
import type { Config } from './config.ts';
import {
  CATEGORIES_CHANNEL,
  createEscalationJob,
  createEventsService,
  createNotificationsService,
  createPhotoStore,
  createStreamHub,
} from './events/index.ts';
import { registerRoutes, type Services } from './http/routes.ts';
import { createOrganizationService, DIRECTORY_CHANNEL, RegionDirectory } from './organization/index.ts';
import { createAuditWriter } from './platform/audit/index.ts';
import { createAuthService, SESSIONS_CHANNEL } from './platform/auth/auth.service.ts';
import { createCalendarService } from './platform/calendar/index.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import type { Database } from './platform/db/index.ts';
import type { PlatformDeps } from './platform/deps.ts';
import { createHttpApp } from './platform/http/index.ts';
import { adaptersFromConfig, createNotifier, type NotifyLog } from './platform/notify/index.ts';

export interface Server {
  app: FastifyInstance;
  deps: PlatformDeps;
  services: Services;
}

/** Build every dependency by hand (no DI container) around an open, migrated database. */
export async function buildServer(config: Config, database: Database, clock: Clock = systemClock): Promise<Server> {
  // Adapters log through the app's logger, which exists once the HTTP app is built (they run only later).
  const log: NotifyLog = {
    info: (o, m) => app.log.info(o, m),
    warn: (o, m) => app.log.warn(o, m),
    error: (o, m) => app.log.error(o, m),
  };
  const notifier = createNotifier(adaptersFromConfig(config, log), log);
  const deps: PlatformDeps = { database, clock, config, audit: createAuditWriter(config.AUDIT_HASH), notifier };
  const directory = new RegionDirectory();
  await directory.load(database.db);
  // Another server process changed a region or team: reload this process's copy of the directory.
  // Each subscription's last argument runs when notifications may have been missed (the listening connection was
  // lost and is back): reload or drop whatever the channel keeps fresh.
  const reloadDirectory = () => {
    directory.load(database.db).catch((err: unknown) => app.log.error({ err }, 'directory reload failed'));
    services.catalog.invalidate(); // the jurisdiction snapshot is built from the same organisation rows
  };
  const unlisten = await database.listen(DIRECTORY_CHANNEL, reloadDirectory, reloadDirectory);
  // A matter changed in another process: drop this process's cached versions.
  const dropCatalog = () => services.catalog.invalidate();
  const unlistenCatalog = await database.listen(CATALOG_CHANNEL, dropCatalog, dropCatalog);
  const calendar = createCalendarService(deps);
  await calendar.load();
  const catalog = createCatalogService(deps, directory);
  const events = createEventsService(deps, directory, catalog, calendar);
  await events.loadCategories();
  // A category changed in another process: reload this process's copy.
  const reloadCategories = () => {
    events.loadCategories().catch((err: unknown) => app.log.error({ err }, 'category reload failed'));
  };
  const unlistenCategories = await database.listen(CATEGORIES_CHANNEL, reloadCategories, reloadCategories);
  const auth = createAuthService(deps);
  const services: Services = {
    auth,
    accounts: createAccountsService(deps, directory, auth),
    calendar,
    organization: createOrganizationService(deps, directory),
    catalog,
    events,
    notifications: createNotificationsService(deps),
    stream: createStreamHub(database, log),
    escalation: createEscalationJob(deps, notifier, log),
    photos: createPhotoStore(deps),
    directory,
  };
  const app = await createHttpApp(config, services.auth);
  // A session ended in another server process: drop it from this process's cache too.
  const unlistenSessions = await database.listen(
    SESSIONS_CHANNEL,
    (key) => {
      services.auth.evict(key);
      services.stream.revoke(key); // its live streams end too
    },
    // A missed logout must not leave a session usable here: forget every cached session (each is read again).
    () => services.auth.evict('all'),
  );
  registerRoutes(app, deps, services);
  // Every process runs the escalation job (0 = off; tests call runEscalation with their clock).
  const stopEscalation = services.escalation.schedule(config.EVENT_ESCALATION_INTERVAL_MS);
  // Open streams would keep the HTTP server from closing: end them before it closes.
  app.addHook('preClose', async () => {
    await services.stream.close();
  });
  app.addHook('onClose', async () => {
    await unlisten();
    await unlistenSessions();
    await unlistenCatalog();
    await unlistenCategories();
    await stopEscalation();
  });
  await app.ready();
  return { app, deps, services };
}
