import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { DRIVERS, TEST_AUDIT_ENV, templateCopyUrls, type Driver } from '../test/harness.ts';
import { openDatabase, type Database } from './platform/db/index.ts';

/*
 * The audit commands as an operator runs them (`npm run audit:…`): a child process on a copy of the demo county,
 * configured by the environment only.
 */
const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const run = promisify(execFile);

async function cli(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
    });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout + x.stderr };
  }
}

/** A copy of the seeded template the CLI can open: a PGlite data directory on disk, or PostgreSQL URLs. */
async function setting(driver: Driver): Promise<{ env: Record<string, string>; owner: () => Promise<Database> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'oe-cli-'));
  if (driver === 'pglite') {
    const d = await openDatabase({ dataDir, loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
    await d.close();
    return { env: { DATA_DIR: dataDir }, owner: () => openDatabase({ dataDir }) };
  }
  const urls = await templateCopyUrls();
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: urls.app, DATABASE_OWNER_URL: urls.owner },
    owner: () => openDatabase({ url: urls.owner, poolSize: 1 }),
  };
}

describe.each(DRIVERS)('audit commands on %s', (driver) => {
  // Five child processes, each starting Node, tsx and the database: slow on a busy machine.
  it(
    'checkpoint, verify, erase; then a truncation is reported with one line and a non-zero exit',
    { timeout: 600_000 },
    async () => {
      const { env: base, owner } = await setting(driver);
      // Without the key, verify says so and fails rather than inventing one.
      const keyless = await cli(base, 'audit:verify');
      expect(keyless.code).toBe(1);
      expect(keyless.out).toMatch(/no audit key: AUDIT_HMAC_KEY is unset/);
      expect(keyless.out).toMatch(/^NO KEY/m);
      expect(keyless.out).not.toMatch(/\n\s+at /); // no stack trace

      const env = { ...base, ...TEST_AUDIT_ENV };
      const cp = await cli(env, 'audit:checkpoint');
      expect(cp.out).toMatch(/^audit checkpoint: [\d,]+ records, head [0-9a-f]{64}, signed by [0-9a-f]{16}/m);
      expect(cp.code).toBe(0);
      const intact = await cli(env, 'audit:verify');
      expect(intact.out).toMatch(/^audit chain intact: last record/m);
      expect(intact.out).toMatch(/1 signed checkpoints/);
      expect(intact.code).toBe(0);
      const erased = await cli(env, 'audit:erase', 'phone:13700009999', '--reason', 'withdrawn consent');
      expect(erased.out).toMatch(/^nothing to erase: no audit key for phone:[0-9a-f]{32}/m);
      expect(erased.code).toBe(0);

      const db = await owner();
      try {
        await db.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
        await db.query('DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 3 FROM audit_log)');
        await db.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
      } finally {
        await db.close();
      }
      const cut = await cli(env, 'audit:verify');
      expect(cut.code).toBe(1);
      expect(cut.out).toMatch(/^TRUNCATED +the checkpoint of .* recorded [\d,]+ records, the log ends at record/m);
      expect(cut.out).toMatch(/^audit log NOT intact/m);
    },
  );
});
