import { buildServer } from './app.ts';
import { loadConfig } from './config.ts';
import { seedDemoDocuments } from './demo/documents.ts';
import { demoLogins, seedDemo } from './demo/seed.ts';
import { DEMO_PASSWORD } from './demo/generate.ts';
import { openAudit } from './platform/audit/index.ts';
import { systemClock } from './platform/clock.ts';
import { migrate, openDatabase } from './platform/db/index.ts';
import { ROLE_LABELS, type Role } from '@openenforce/domain/organization';

/**
 * The newest demo events written before the server listens: about a month, so that today's big screen and the 30-day
 * figures are complete at once; the rest of the year fills in the background (resumed by the next start if stopped).
 */
const DEMO_EVENTS_AT_START = 10_000;

/** Start: open the database (PGlite under DATA_DIR, or DATABASE_URL), migrate, seed once, serve. */
const config = loadConfig();
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
// Migrations, and the demo seed (it rebuilds indexes), run as the tables' owner when one is configured; the server
// itself runs as DATABASE_URL's role, which cannot alter the audit log (docs/architecture.md).
const owner =
  config.DATABASE_OWNER_URL && database.driver === 'postgres'
    ? await openDatabase({ url: config.DATABASE_OWNER_URL, poolSize: 2 })
    : database;
await migrate(owner);
const filling = new AbortController();
const consoleLog = {
  info: (_o: object, m: string) => console.log(m),
  error: (o: object, m: string) => console.error(m, o),
};
const seeded = config.SEED_DEMO
  ? await seedDemo(
      {
        database: owner,
        config,
        clock: systemClock,
        audit: (await openAudit(config, owner, { now: () => systemClock.now(), log: consoleLog })).writer,
      },
      { first: DEMO_EVENTS_AT_START, signal: filling.signal, onProgress: demoProgress() },
    )
  : null;
const { app, services } = await buildServer(config, database);
// A few issued documents for the demo (the verify page, the documents panel), once.
if (config.SEED_DEMO) await seedDemoDocuments(database.db, services.documents, systemClock.now());
let background: Promise<unknown> = Promise.resolve();

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  // The demo year stops after the part being written (each part is its own transaction); the next start resumes.
  filling.abort();
  await background;
  await app.close();
  if (owner !== database) await owner.close();
  await database.close(); // PGlite must be closed, or the process never exits and the data dir may be left dirty.
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.PORT, host: config.HOST });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.PORT;
const where = database.driver === 'pglite' ? `PGlite in ${config.DATA_DIR}` : 'PostgreSQL (DATABASE_URL)';
console.log(
  `\nOpenEnforce 综合行政执法平台 — http://localhost:${port}  (database: ${where}${seeded?.users ? ', demo county seeded' : ''})`,
);
console.log(`API docs: http://localhost:${port}/api/docs`);
const demo = await demoLogins(database);
if (demo.length > 0) {
  console.log(`Demo accounts 演示账号 (password 密码: ${DEMO_PASSWORD}):`);
  for (const u of demo) {
    const label = ROLE_LABELS[u.role as Role];
    console.log(`  ${u.username.padEnd(11)} ${label.zh} / ${label.en}  ${u.town ? `[${u.town}]` : '[全县 county]'}`);
  }
}

if (seeded?.moreEvents) {
  const started = Date.now();
  console.log('The demo year of events fills in the background 演示事件在后台继续生成…');
  background = seeded.moreEvents().then(
    () =>
      console.log(
        `demo events: the year is complete (${Math.round((Date.now() - started) / 1000)} s in the background)`,
      ),
    (err: unknown) => app.log.error({ err }, 'demo events: background seeding stopped; the next start resumes it'),
  );
}

/** Progress of the demo year on the console, every 10,000 events and at the end. */
function demoProgress() {
  let shown = -1;
  return (present: number, total: number) => {
    const step = Math.floor(present / 10_000);
    if (step === shown && present < total) return;
    shown = step;
    console.log(`demo events ${present.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}`);
  };
}
