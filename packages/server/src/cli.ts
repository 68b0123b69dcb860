import { loadConfig } from './config.ts';
import { seedDemo } from './demo/seed.ts';
import { createAuditWriter, verifyAuditChain } from './platform/audit/index.ts';
import { systemClock } from './platform/clock.ts';
import { migrate, openDatabase } from './platform/db/index.ts';

/**
 * Command-line tool: `migrate`, `seed`, `audit:verify`. Uses the same configuration as the server (DATABASE_URL or
 * the embedded database under DATA_DIR). The embedded database allows one process: stop the server first.
 */
const usage = 'usage: cli.ts migrate | seed | audit:verify';
const command = process.argv[2];
const config = loadConfig();
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
let exitCode = 0;
try {
  switch (command) {
    case 'migrate':
      await migrate(database);
      console.log('migrations applied');
      break;
    case 'seed': {
      await migrate(database);
      const { users, matters } = await seedDemo({
        database,
        config,
        clock: systemClock,
        audit: createAuditWriter(config.AUDIT_HASH),
      });
      console.log(
        `organisation: ${users ? `seeded (${users.length} logins)` : 'present, left alone'}; catalog: ${matters ? `${matters} matters seeded` : 'present, left alone'}`,
      );
      break;
    }
    case 'audit:verify': {
      const result = await verifyAuditChain(database);
      if (result.ok) {
        console.log(`audit chain intact: ${result.records} records, last hash ${result.lastHash}`);
      } else {
        console.error(
          `audit chain BROKEN at record ${result.brokenAt} (${result.reason}); ${result.records} records before it are intact`,
        );
        exitCode = 1;
      }
      break;
    }
    default:
      console.error(usage);
      exitCode = 2;
  }
} finally {
  await database.close();
}
process.exit(exitCode);
