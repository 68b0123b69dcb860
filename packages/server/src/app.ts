import type { FastifyInstance } from 'fastify';
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
import { openAudit, type Audit } from './platform/audit/index.ts';
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
  /** The audit log's keys, checkpoint store and job. */
  audit: Audit;
}

/** Build every dependency by hand (no DI container) around an open, migrated database. */
export async function buildServer(
  config: Config,
  database: Database,
  clock: Clock = systemClock,
  opts: { logStream?: NodeJS.WritableStream } = {},
): Promise<Server> {
  // Adapters log through the app's logger, which exists once the HTTP app is built (they run only later).
  const log: NotifyLog = {
    info: (o, m) => app.log.info(o, m),
    warn: (o, m) => app.log.warn(o, m),
    error: (o, m) => app.log.error(o, m),
  };
  const notifier = createNotifier(adaptersFromConfig(config, log), log);
  const audit = await openAudit(config, database, { now: () => clock.now(), log });
  const deps: PlatformDeps = { database, clock, config, audit: audit.writer, notifier };
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
  const services: Services = {
    auth: createAuthService(deps),
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
  const app = await createHttpApp(config, services.auth, opts);
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
  // Every process anchors the audit chain's head outside the database when it moved (0 = off).
  const stopCheckpoints = audit.checkpoints.schedule(config.AUDIT_CHECKPOINT_INTERVAL_MS);
  await warnIfOwner(database, log);
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
    await stopCheckpoints();
  });
  await app.ready();
  return { app, deps, services, audit };
}

/**
 * On PostgreSQL the server should run as a role that does not own the audit log (it could switch the append-only
 * triggers off): say so at start when it does, or when it is a superuser.
 */
async function warnIfOwner(database: Database, log: NotifyLog): Promise<void> {
  if (database.driver !== 'postgres') return;
  const [r] = await database.query<{ owner: boolean; superuser: boolean }>(
    `SELECT pg_has_role(current_user, c.relowner, 'USAGE') AS owner,
            (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser
       FROM pg_class c WHERE c.oid = 'audit_log'::regclass`,
  );
  if (r?.owner || r?.superuser)
    log.warn(
      { superuser: r.superuser },
      'the server connects as the owner of audit_log (or a superuser): it could switch off the append-only triggers. ' +
        'Run it as a role without ownership (DATABASE_URL) and migrations as the owner (DATABASE_OWNER_URL)',
    );
}
