import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../src/config.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { createAuditWriter, loadAuditKeys } from '../src/platform/audit/index.ts';
import { fixedClock } from '../src/platform/clock.ts';
import { migrate, openDatabase } from '../src/platform/db/index.ts';
import { createDatabaseOn, startPgCluster, type PgCluster } from './pg-cluster.ts';
import { TEST_APP_ROLE, TEST_AUDIT_ENV, TEST_NOW } from './constants.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated, seeded PostgreSQL database to use as TEMPLATE for each test database. */
    pgServerUrl: string;
    pgTemplate: string;
    /** A migrated, seeded PGlite data directory dump (tar) to load per test file: initdb in WASM is slow. */
    pgliteTemplate: string;
  }
}

/**
 * Once per run: start PostgreSQL 15 (or use TEST_DATABASE_URL), and build the migrated + seeded demo county once
 * for each driver, so that every test file starts from a copy in about a second.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'oe-test-'));
  let cluster: PgCluster | undefined;
  const serverUrl = process.env.TEST_DATABASE_URL ?? (cluster = await startPgCluster()).url;
  // A small demo year keeps the templates quick; the tests that read it ask for every status and source.
  const config = loadConfig({ LOG_LEVEL: 'silent', DEMO_EVENTS: '3000', ...TEST_AUDIT_ENV });
  const clock = fixedClock(TEST_NOW);
  const audit = () => createAuditWriter({ hash: 'sha256', keys: loadAuditKeys(config, { create: false }) });

  const templateUrl = await createDatabaseOn(serverUrl, 'oe_template');
  const pgDb = await openDatabase({ url: templateUrl, poolSize: 2 });
  await migrate(pgDb);
  await seedDemo({ database: pgDb, config, clock, audit: audit() });
  // The server runs as a login role in the migrations' group role, owning nothing (docs/architecture.md).
  await pgDb.query(`DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${TEST_APP_ROLE}') THEN
      CREATE ROLE ${TEST_APP_ROLE} LOGIN PASSWORD '${TEST_APP_ROLE}';
    END IF;
  END $$`);
  await pgDb.query(`GRANT openenforce_app TO ${TEST_APP_ROLE}`);
  await pgDb.close();

  const lite = await openDatabase({ dataDir: 'memory://' });
  await migrate(lite);
  await seedDemo({ database: lite, config, clock, audit: audit() });
  const dump = await lite.pglite!.dumpDataDir('none');
  const dumpPath = join(dir, 'pglite-template.tar');
  writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  await lite.close();

  project.provide('pgServerUrl', serverUrl);
  project.provide('pgTemplate', 'oe_template');
  project.provide('pgliteTemplate', dumpPath);

  return async () => {
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
