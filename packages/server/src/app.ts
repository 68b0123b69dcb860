import { createDocumentService } from './platform/documents/index.ts';
import type { FastifyInstance } from 'fastify';
import { createAccountsService } from './accounts/index.ts';
import { CATALOG_CHANNEL, createCatalogService } from './catalog/index.ts';
import type { Config } from './config.ts';
import {
  CATEGORIES_CHANNEL,
  createEventsService,
  createPhotoStore,
  recordCaseProgress,
  registerEventEscalation,
} from './events/index.ts';
import { createCasesService, eventCaseOpener, registerCaseEscalation } from './cases/index.ts';
import { registerRoutes, type Services } from './http/routes.ts';
import {
  agencyOfUser,
  createOrganizationService,
  DIRECTORY_CHANNEL,
  RegionDirectory,
  teamAndBelow,
} from './organization/index.ts';
import { createAuditReader, openAudit, type Audit } from './platform/audit/index.ts';
import { API_CLIENTS_CHANNEL, ApiKeyCache } from './platform/auth/api-key-cache.ts';
import { createAuthService, SESSIONS_CHANNEL } from './platform/auth/auth.service.ts';
import { createCalendarService } from './platform/calendar/index.ts';
import { createFileService, fileStoreFromConfig } from './platform/files/index.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import type { Database } from './platform/db/index.ts';
import { createDeadlineEscalation } from './platform/deadlines/index.ts';
import type { PlatformDeps } from './platform/deps.ts';
import { createHttpApp } from './platform/http/index.ts';
import { closeWorkers, configureWorkers, createJobRunner } from './platform/jobs/index.ts';
import {
  adaptersFromConfig,
  createLiveHub,
  createNotificationsService,
  createNotifier,
  type NotifyLog,
} from './platform/notifications/index.ts';

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
  const notifier = createNotifier(database, clock, adaptersFromConfig(config, log), log, {
    maxAttempts: config.NOTIFY_MAX_ATTEMPTS,
    retryBaseMs: config.NOTIFY_RETRY_BASE_MS,
    retryMaxMs: config.NOTIFY_RETRY_MAX_MS,
  });
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
  // Cases sit above events: an event handled as "case to be filed" opens its case through the port, and each step of
  // the case shows on the event's timeline.
  const cases = createCasesService(deps, directory, catalog, calendar, { progress: recordCaseProgress });
  events.setCaseOpener(eventCaseOpener(cases.openFromEvent));
  // A category changed in another process: reload this process's copy.
  const reloadCategories = () => {
    events.loadCategories().catch((err: unknown) => app.log.error({ err }, 'category reload failed'));
  };
  const unlistenCategories = await database.listen(CATEGORIES_CHANNEL, reloadCategories, reloadCategories);
  const files = createFileService(deps, await fileStoreFromConfig(config));
  // Deadlines of every context escalate in one job; each context registers what an escalation means for it.
  const escalation = createDeadlineEscalation(deps, notifier, log);
  registerEventEscalation(escalation, deps);
  registerCaseEscalation(escalation, deps);
  const jobs = createJobRunner(deps, {
    pollMs: config.JOBS_POLL_INTERVAL_MS,
    concurrency: config.JOBS_CONCURRENCY,
    leaseMs: config.JOBS_LEASE_MS,
    log,
  });
  // Once per interval across every process (0 = never: tests run it by hand).
  if (config.EVENT_ESCALATION_INTERVAL_MS > 0) jobs.define(escalation.job(config.EVENT_ESCALATION_INTERVAL_MS));
  // The notification outbox is drained right after each commit; this recurring run retries what failed and takes
  // over what a stopped process left behind.
  if (config.NOTIFY_DRAIN_INTERVAL_MS > 0)
    jobs.define({
      name: 'notifications.drain',
      everyMs: config.NOTIFY_DRAIN_INTERVAL_MS,
      run: async ({ now }) => void (await notifier.drainOutbox(now)),
    });
  // TIME-4: warn administrators before the working-day calendar data ends (once per missing year).
  if (config.CALENDAR_CHECK_INTERVAL_MS > 0)
    jobs.define({
      name: 'calendar.coverage',
      everyMs: config.CALENDAR_CHECK_INTERVAL_MS,
      run: async ({ now }) => void (await calendar.warnAdministrators(now)),
    });
  configureWorkers(config.WORKER_THREADS);
  const auth = createAuthService(deps, { agencyOf: (u) => agencyOfUser(database.db, u) });
  const services: Services = {
    auth,
    accounts: createAccountsService(deps, directory, auth),
    calendar,
    organization: createOrganizationService(deps, directory),
    catalog,
    events,
    cases,
    notifications: createNotificationsService(deps, (teamId) => teamAndBelow(database.db, teamId)),
    stream: createLiveHub(database, log),
    escalation,
    jobs,
    files,
    documents: createDocumentService(deps),
    photos: createPhotoStore(deps, files),
    directory,
    auditReader: createAuditReader(database, audit, () => clock.now()),
    apiKeys: new ApiKeyCache(),
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
  // A machine client changed (revoked, key replaced) in any process or by hand: forget its key here (a trigger
  // notifies, migration 0018); a possibly missed notification forgets every key.
  const unlistenApiClients = await database.listen(
    API_CLIENTS_CHANNEL,
    (keyHash) => services.apiKeys.evict(keyHash),
    () => services.apiKeys.clear(),
  );
  registerRoutes(app, deps, services);
  await jobs.start();
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
    await unlistenApiClients();
    // Runs under way (an escalation batch, a job, a drain) finish before the database closes under them.
    await jobs.stop();
    await closeWorkers();
    files.close();
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
