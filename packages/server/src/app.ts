import type { FastifyInstance } from 'fastify';
import { CATALOG_CHANNEL, createCatalogService } from './catalog/index.ts';
import type { Config } from './config.ts';
import { createEventsService, createPhotoStore } from './events/index.ts';
import { registerRoutes, type Services } from './http/routes.ts';
import { createOrganizationService, DIRECTORY_CHANNEL, RegionDirectory } from './organization/index.ts';
import { createAuditWriter } from './platform/audit/index.ts';
import { createAuthService, SESSIONS_CHANNEL } from './platform/auth/auth.service.ts';
import { createCalendarService } from './platform/calendar/index.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import type { Database } from './platform/db/index.ts';
import type { PlatformDeps } from './platform/deps.ts';
import { createHttpApp } from './platform/http/index.ts';

export interface Server {
  app: FastifyInstance;
  deps: PlatformDeps;
  services: Services;
}

/** Build every dependency by hand (no DI container) around an open, migrated database. */
export async function buildServer(config: Config, database: Database, clock: Clock = systemClock): Promise<Server> {
  const deps: PlatformDeps = { database, clock, config, audit: createAuditWriter(config.AUDIT_HASH) };
  const directory = new RegionDirectory();
  await directory.load(database.db);
  // Another server process changed a region or team: reload this process's copy of the directory.
  const unlisten = await database.listen(DIRECTORY_CHANNEL, () => {
    directory.load(database.db).catch((err: unknown) => app.log.error({ err }, 'directory reload failed'));
    services.catalog.invalidate(); // the jurisdiction snapshot is built from the same organisation rows
  });
  // A matter changed in another process: drop this process's cached versions.
  const unlistenCatalog = await database.listen(CATALOG_CHANNEL, () => services.catalog.invalidate());
  const calendar = createCalendarService(deps);
  await calendar.load();
  const catalog = createCatalogService(deps, directory);
  const events = createEventsService(deps, directory, catalog, calendar);
  await events.loadCategories();
  const services: Services = {
    auth: createAuthService(deps),
    calendar,
    organization: createOrganizationService(deps, directory),
    catalog,
    events,
    photos: createPhotoStore(deps),
    directory,
  };
  const app = await createHttpApp(config, services.auth);
  // A session ended in another server process: drop it from this process's cache too.
  const unlistenSessions = await database.listen(SESSIONS_CHANNEL, (key) => services.auth.evict(key));
  registerRoutes(app, deps, services);
  app.addHook('onClose', async () => {
    await unlisten();
    await unlistenSessions();
    await unlistenCatalog();
  });
  await app.ready();
  return { app, deps, services };
}
