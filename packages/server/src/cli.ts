import { loadConfig, type Config } from './config.ts';
import { createAuditWriter, verifyAuditChain } from './platform/audit/index.ts';
import { systemClock } from './platform/clock.ts';
import {
  databaseFailureLine,
  describeUrl,
  embeddedDatabaseDir,
  embeddedDatabaseExists,
  hasTable,
  migrate,
  openDatabase,
  type Database,
} from './platform/db/index.ts';

/**
 * Command-line tool: `migrate`, `seed`, `audit:verify`. Uses the same configuration as the server (DATABASE_URL or
 * the embedded database under DATA_DIR). The embedded database allows one process: stop the server first.
 *
 * A database that is missing, not migrated or unreachable is answered with one line on stderr and exit code 1, never a
 * stack trace; a wrong command or configuration with exit code 2. Only `migrate` and `seed` create an embedded
 * database: `audit:verify` never leaves an empty one (or an empty DATA_DIR) behind.
 */
const COMMANDS = ['migrate', 'seed', 'audit:verify'] as const;
type Command = (typeof COMMANDS)[number];

class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

async function main(command: string | undefined): Promise<number> {
  if (!COMMANDS.includes(command as Command)) throw new CliFailure(`usage: cli.ts ${COMMANDS.join(' | ')}`, 2);
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    throw new CliFailure((err as Error).message.replace(/\n\s*/g, ' '), 2);
  }
  const where = config.DATABASE_URL ? describeUrl(config.DATABASE_URL) : embeddedDatabaseDir(config.DATA_DIR);
  if (command === 'audit:verify' && !config.DATABASE_URL && !embeddedDatabaseExists(config.DATA_DIR))
    throw new CliFailure(
      `no database in ${where} (DATA_DIR=${config.DATA_DIR}): start the server once or run \`npm run db:migrate\``,
    );

  // Connection trouble is the one line below; the driver's own warnings would only repeat it.
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, log: () => undefined });
  try {
    return await run(command as Command, database, config, where);
  } catch (err) {
    if (err instanceof CliFailure) throw err;
    throw new CliFailure(databaseFailureLine(err, where));
  } finally {
    await database.close().catch(() => undefined);
  }
}

async function run(command: Command, database: Database, config: Config, where: string): Promise<number> {
  switch (command) {
    case 'migrate':
      await migrate(database);
      console.log('migrations applied');
      return 0;
    case 'seed': {
      await migrate(database);
      // Loaded only here: the demo generator and catalog are most of the tool's start-up time.
      const { seedDemo } = await import('./demo/seed.ts');
      const { users, matters } = await seedDemo({
        database,
        config,
        clock: systemClock,
        audit: createAuditWriter(config.AUDIT_HASH),
      });
      console.log(
        `organisation: ${users ? `seeded (${users.length} logins)` : 'present, left alone'}; catalog: ${matters ? `${matters} matters seeded` : 'present, left alone'}`,
      );
      return 0;
    }
    case 'audit:verify': {
      if (!(await hasTable(database, 'audit_log')))
        throw new CliFailure(`the database at ${where} is not migrated (no audit log): run \`npm run db:migrate\``);
      const result = await verifyAuditChain(database);
      if (result.ok) {
        console.log(`audit chain intact: ${result.records} records, last hash ${result.lastHash}`);
        return 0;
      }
      console.error(
        `audit chain BROKEN at record ${result.brokenAt} (${result.reason}); ${result.records} records before it are intact`,
      );
      return 1;
    }
  }
}

let exitCode: number;
try {
  exitCode = await main(process.argv[2]);
} catch (err) {
  const failure = err instanceof CliFailure ? err : new CliFailure(databaseFailureLine(err, 'the database'));
  console.error(`error: ${failure.message}`);
  exitCode = failure.exitCode;
}
process.exit(exitCode);
