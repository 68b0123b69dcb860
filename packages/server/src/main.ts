import { buildServer } from './app.ts';
import { loadConfig } from './config.ts';
import { demoLogins, seedDemo } from './demo/seed.ts';
import { DEMO_PASSWORD } from './demo/generate.ts';
import { createAuditWriter } from './platform/audit/index.ts';
import { systemClock } from './platform/clock.ts';
import { migrate, openDatabase } from './platform/db/index.ts';
import { ROLE_LABELS, type Role } from '@openenforce/domain/organization';

/** Start: open the database (PGlite under DATA_DIR, or DATABASE_URL), migrate, seed once, serve. */
const config = loadConfig();
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
await migrate(database);
const seeded = config.SEED_DEMO
  ? (await seedDemo({ database, config, clock: systemClock, audit: createAuditWriter(config.AUDIT_HASH) })).users
  : null;
const { app } = await buildServer(config, database);

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  await app.close();
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
  `\nOpenEnforce 综合行政执法平台 — http://localhost:${port}  (database: ${where}${seeded ? ', demo county seeded' : ''})`,
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
