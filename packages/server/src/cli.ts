import { userInfo } from 'node:os';
import { loadConfig, type Config } from './config.ts';
import {
  AuditKeyMissingError,
  checkpointDir,
  directoryStore,
  eraseSubject,
  loadChainKey,
  loadSigningKeys,
  openAudit,
  verifyAuditChain,
  type SecretKey,
} from './platform/audit/index.ts';
import type { Actor } from './platform/audit/index.ts';
import { authRepository } from './platform/auth/auth.repository.ts';
import { createAuthService } from './platform/auth/auth.service.ts';
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
 * Command-line tool: `migrate`, `seed`, `audit:verify`, `audit:checkpoint`, `audit:erase <subject>`,
 * `user:unlock <username>` (lift an account's login delays), `user:reset-password <username>` (print a temporary
 * password that must be changed at the next login) — the administrators' way back in that needs no other
 * administrator. Uses the same configuration as the server (DATABASE_URL or the embedded database under DATA_DIR;
 * migrations and the seed as DATABASE_OWNER_URL when set). The embedded database allows one process: stop the server
 * first.
 *
 * A database that is missing, not migrated or unreachable is answered with one line on stderr and exit code 1, never a
 * stack trace; a wrong command or configuration with exit code 2. Only `migrate` and `seed` create an embedded
 * database: the others never leave an empty one (or an empty DATA_DIR) behind.
 */
const usage =
  'usage: cli.ts migrate | seed | audit:verify | audit:checkpoint | audit:erase <subject> [--reason <text>] | ' +
  'user:unlock <username> | user:reset-password <username>';
// `npm run x -- a` passes `a`; a direct `node … cli.ts x -- a` passes the `--` too.
const [command, ...args] = process.argv.slice(2).filter((a, i) => !(i === 1 && a === '--'));
const consoleLog = {
  info: (_o: object, m: string) => console.log(m),
  error: (o: object, m: string) => console.error(`${m} ${JSON.stringify(o)}`),
};

const COMMANDS = [
  'migrate',
  'seed',
  'audit:verify',
  'audit:checkpoint',
  'audit:erase',
  'user:unlock',
  'user:reset-password',
];

/** A failure the operator acts on: one line, and the exit code (1: the database; 2: the command or settings). */
class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

let exitCode = 0;
let config: Config;
let where = 'the database';
const open: Database[] = [];
/** The database as the server's role (or the owner, for migrations and the seed); `creates`: may make an embedded one. */
const connect = async (owner: boolean, creates = false) => {
  const url = owner ? (config.DATABASE_OWNER_URL ?? config.DATABASE_URL) : config.DATABASE_URL;
  if (!url && !creates && !embeddedDatabaseExists(config.DATA_DIR))
    throw new CliFailure(
      `no database in ${where} (DATA_DIR=${config.DATA_DIR}): start the server once or run \`npm run db:migrate\``,
    );
  // Connection trouble is the one line of the catch below; the driver's own warnings would only repeat it.
  const d = await openDatabase({ url, dataDir: config.DATA_DIR, log: () => undefined });
  open.push(d);
  return d;
};

try {
  if (!COMMANDS.includes(command ?? '')) throw new CliFailure(usage, 2);
  try {
    config = loadConfig();
  } catch (err) {
    throw new CliFailure((err as Error).message.replace(/\n\s*/g, ' '), 2);
  }
  where = config.DATABASE_URL ? describeUrl(config.DATABASE_URL) : embeddedDatabaseDir(config.DATA_DIR);
  switch (command) {
    case 'migrate':
      await migrate(await connect(true, true));
      console.log('migrations applied');
      break;
    case 'seed': {
      const database = await connect(true, true);
      // Loaded only here: the demo generator and catalog are most of the tool's start-up time.
      const { seedDemo } = await import('./demo/seed.ts');
      await migrate(database);
      const audit = await openAudit(config, database, { now: () => systemClock.now(), log: consoleLog });
      const { users, matters } = await seedDemo({ database, config, clock: systemClock, audit: audit.writer });
      console.log(
        `organisation: ${users ? `seeded (${users.length} logins)` : 'present, left alone'}; catalog: ${matters ? `${matters} matters seeded` : 'present, left alone'}`,
      );
      break;
    }
    case 'audit:verify': {
      const database = await connect(false);
      if (!(await hasTable(database, 'audit_log')))
        throw new CliFailure(`the database at ${where} is not migrated (no audit log): run \`npm run db:migrate\``);
      exitCode = await verify(database);
      break;
    }
    case 'audit:checkpoint': {
      const database = await connect(false);
      const audit = await openAudit(config, database, { now: () => systemClock.now(), log: consoleLog });
      const out = await audit.checkpoints.checkpoint();
      if (out.written)
        console.log(
          `audit checkpoint: ${out.written.records.toLocaleString('en-US')} records, head ${out.written.hash}, signed by ${out.written.signer} → ${audit.store.where}/${out.name}`,
        );
      else {
        console.error(`audit checkpoint NOT written: ${out.reason}${out.detail ? ` (${out.detail})` : ''}`);
        exitCode = 1;
      }
      break;
    }
    case 'audit:erase': {
      const subject = args[0];
      const reasonAt = args.indexOf('--reason');
      if (!subject || subject.startsWith('--')) {
        console.error(`${usage}\n  <subject>: person:<id> | user:<id> | phone:<number> | a stored subject name`);
        exitCode = 2;
        break;
      }
      const database = await connect(false);
      const audit = await openAudit(config, database, {
        now: () => systemClock.now(),
        log: consoleLog,
        create: false,
      });
      const operator = userInfo().username;
      const result = await eraseSubject(
        { database, audit: audit.writer, master: audit.keys.personal },
        subject,
        { id: null, role: 'cli', clientIp: null, requestId: `audit:erase by ${operator}` },
        systemClock.now(),
        reasonAt > 0 ? (args[reasonAt + 1] ?? null) : null,
      );
      console.log(
        result.erased
          ? `erased: the audit key of ${result.subject} (created ${result.keyCreatedAt}) is deleted; its personal fields can no longer be read. The erasure is audited.`
          : `nothing to erase: no audit key for ${result.subject} (never recorded with personal data, or erased before). The request is audited.`,
      );
      // A deleted row stays in the table's file until vacuumed (the owner can; the server's role only warns).
      await database.query('VACUUM audit_subject_keys').catch(() => undefined);
      break;
    }
    case 'user:unlock':
    case 'user:reset-password': {
      const username = args[0];
      const database = await connect(false);
      const user = username ? await authRepository.findUserByUsername(database.db, username) : undefined;
      if (!user) {
        console.error(username ? `no account named "${username}"` : usage);
        exitCode = 2;
        break;
      }
      const audit = await openAudit(config, database, { now: () => systemClock.now(), log: consoleLog });
      const auth = createAuthService({ database, config, clock: systemClock, audit: audit.writer });
      const actor: Actor = { id: null, role: 'system', clientIp: null, requestId: `cli:${command}` };
      if (command === 'user:unlock') {
        const { cleared } = await auth.unlock(user.id, actor);
        console.log(`${username}: login delays lifted (${cleared} recent failed logins forgotten)`);
      } else {
        const { temporaryPassword } = await auth.resetPassword(user.id, null, actor);
        console.log(`${username}: temporary password ${temporaryPassword} (must be changed at the next login)`);
      }
      break;
    }
  }
} catch (e) {
  // One clear line, not a stack trace: the operator acts on the message.
  const missingTable = (e as { code?: string }).code === '42P01' || /relation "\w+" does not exist/.test(String(e));
  const failure =
    e instanceof CliFailure
      ? e
      : e instanceof AuditKeyMissingError
        ? new CliFailure(e.message)
        : new CliFailure(
            missingTable
              ? `the database at ${where} is not migrated: run \`npm run db:migrate\``
              : databaseFailureLine(e, where),
          );
  console.error(`error: ${failure.message}`);
  exitCode = failure.exitCode;
} finally {
  for (const d of open) await d.close().catch(() => undefined);
}
process.exit(exitCode);

/** Walk the chain and compare it with every checkpoint; one line per finding; 0 when intact. */
async function verify(database: Database): Promise<number> {
  let key: SecretKey | null = null;
  try {
    key = loadChainKey(config, { create: false });
  } catch (e) {
    if (!(e instanceof AuditKeyMissingError)) throw e;
    console.error(e.message);
  }
  const store = directoryStore(checkpointDir(config));
  const report = await verifyAuditChain(database, {
    key,
    checkpoints: { stored: await store.list(), keys: loadSigningKeys(config, { create: false }) },
  });
  const n = (x: number) => x.toLocaleString('en-US');
  console.log(
    `audit log: ${n(report.records)} records (${n(report.unkeyed)} from before the chain was keyed), ` +
      `${n(report.checkpoints)} signed checkpoints in ${store.where}`,
  );
  if (report.checkpoints === 0)
    console.log('note: no signed checkpoints yet: deleting the newest records could only be seen from the head row');
  for (const f of report.findings) console.error(f.line);
  if (report.ok) {
    console.log(`audit chain intact: last record ${n(report.lastSeq)}, hash ${report.lastHash}`);
    return 0;
  }
  console.error(`audit log NOT intact: ${report.findings.length} finding(s) above`);
  return 1;
}
