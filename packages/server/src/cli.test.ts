import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { TEST_AUDIT_ENV, testDatabase } from '../test/harness.ts';
import { openDatabase } from './platform/db/index.ts';

/*
 * The command-line tool as an operator meets it: a child process. A database that is missing, not migrated or
 * unreachable is one line on stderr and a non-zero exit, never a stack trace; `audit:verify` creates nothing.
 */
const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const UNREACHABLE = 'postgres://openenforce:secret@127.0.0.1:1/openenforce';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string>, cwd = tmpdir()): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', TSX, CLI, ...args],
      { cwd, env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'silent', ...env }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** One line, no stack frames, nothing of the URL's password. */
function expectOneLine(run: Run, pattern: RegExp) {
  expect(run.code, run.stderr).toBe(1);
  const lines = run.stderr.trim().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stderr).not.toContain('secret');
}

describe('cli: a database it cannot use is one clear line', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const d = mkdtempSync(join(tmpdir(), 'oe-cli-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('audit:verify on a fresh checkout: no database, and no empty ./data left behind', async () => {
    const cwd = fresh();
    const run = await cli(['audit:verify'], {}, cwd);
    expectOneLine(run, /^error: no database in .*data\/pglite.*db:migrate/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('audit:verify on an embedded database that was never migrated', async () => {
    const dataDir = join(fresh(), 'data');
    const empty = await openDatabase({ dataDir });
    await empty.close();
    expectOneLine(await cli(['audit:verify'], { DATA_DIR: dataDir }), /^error: .* is not migrated .*db:migrate/);
  });

  it('audit:verify on a PostgreSQL database that was never migrated', async () => {
    const name = `cli_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: inject('pgServerUrl') });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(inject('pgServerUrl'));
    url.pathname = `/${name}`;
    expectOneLine(await cli(['audit:verify'], { DATABASE_URL: url.toString() }), /^error: .* is not migrated/);
  });

  it('every command with an unreachable DATABASE_URL', async () => {
    const runs = await Promise.all(
      ['audit:verify', 'migrate', 'seed'].map((command) => cli([command], { DATABASE_URL: UNREACHABLE })),
    );
    for (const run of runs)
      expectOneLine(run, /^error: cannot reach the database at 127\.0\.0\.1:1\/openenforce: .*ECONNREFUSED/);
  });

  it('a seeded database verifies (exit 0)', async () => {
    const database = await testDatabase('postgres');
    const url = database.url!;
    await database.close();
    // The chain is keyed: the verifier needs the installation's key (the tests' fixed one).
    const run = await cli(['audit:verify'], { DATABASE_URL: url, ...TEST_AUDIT_ENV });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^audit chain intact: last record \d+/m);
  });

  it('a wrong command or configuration exits 2 with one line', async () => {
    const usage = await cli(['nonsense'], {});
    expect(usage.code).toBe(2);
    expect(usage.stderr.trim().split('\n')).toHaveLength(1);
    const config = await cli(['migrate'], { DATABASE_URL: 'not a url' });
    expect(config.code).toBe(2);
    expect(config.stderr.trim().split('\n')).toHaveLength(1);
    expect(config.stderr).toMatch(/DATABASE_URL/);
  });
});
