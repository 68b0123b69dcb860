import { loadConfig } from './config.ts';
import { seedDemo } from './demo/seed.ts';
import { createAuditWriter, verifyAuditChain, type Actor } from './platform/audit/index.ts';
import { authRepository } from './platform/auth/auth.repository.ts';
import { createAuthService } from './platform/auth/auth.service.ts';
import { systemClock } from './platform/clock.ts';
import { migrate, openDatabase } from './platform/db/index.ts';

/**
 * Command-line tool: `migrate`, `seed`, `audit:verify`, `user:unlock <username>` (lift an account's login delays),
 * `user:reset-password <username>` (print a temporary password that must be changed at the next login) — the
 * administrators' way back in that needs no other administrator. Uses the same configuration as the server (DATABASE_URL or
 * the embedded database under DATA_DIR). The embedded database allows one process: stop the server first.
 */
const usage = 'usage: cli.ts migrate | seed | audit:verify | user:unlock <username> | user:reset-password <username>';
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
    case 'user:unlock':
    case 'user:reset-password': {
      const username = process.argv[3];
      const user = username ? await authRepository.findUserByUsername(database.db, username) : undefined;
      if (!user) {
        console.error(username ? `no account named "${username}"` : usage);
        exitCode = 2;
        break;
      }
      const auth = createAuthService({
        database,
        config,
        clock: systemClock,
        audit: createAuditWriter(config.AUDIT_HASH),
      });
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
    default:
      console.error(usage);
      exitCode = 2;
  }
} finally {
  await database.close();
}
process.exit(exitCode);
