import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer } from './app.ts';
import { loadConfig } from './config.ts';
import { fixedClock } from './platform/clock.ts';
import { migrate, openDatabase } from './platform/db/index.ts';

/*
 * The OpenAPI document as the server builds it, and its committed snapshot (`packages/server/openapi.json`): a change
 * of any route or schema shows in review as a diff of that file. `npm run openapi` rewrites it;
 * `test/contracts.test.ts` fails while it is stale.
 */

export const OPENAPI_SNAPSHOT = fileURLToPath(new URL('../openapi.json', import.meta.url));

/** The document as JSON text (two-space indent, final newline), from a server on an empty in-memory database. */
export async function openApiDocument(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'oe-openapi-'));
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrate(database);
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      WEB_DIST: '/nonexistent',
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
      EVENT_ESCALATION_INTERVAL_MS: '0',
      NOTIFY_DRAIN_INTERVAL_MS: '0',
      AUDIT_CHECKPOINT_INTERVAL_MS: '0',
    });
    const server = await buildServer(config, database, fixedClock('2026-01-01T00:00:00.000Z'));
    try {
      return documentText(server.app.swagger());
    } finally {
      await server.app.close();
    }
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The one way the document is written, so that the snapshot and the live document compare as text. */
export function documentText(doc: unknown): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = await openApiDocument();
  if (process.argv.includes('--stdout')) process.stdout.write(text);
  else {
    writeFileSync(OPENAPI_SNAPSHOT, text);
    console.log(`wrote ${OPENAPI_SNAPSHOT}`);
  }
}
