#!/usr/bin/env node
/* global process, console -- Node.js globals (the root ESLint config has no Node globals for .mjs) */
// Browser tests, end to end: `npm run test:e2e`.
//
// 1. Builds the web app when packages/web/dist is missing or older than its sources (web and domain).
// 2. Starts the server on a free port with a fresh embedded database in a temporary DATA_DIR; the server seeds the
//    demo county on first start (with a small demo year, DEMO_EVENTS=3000, written before it listens) and serves
//    packages/web/dist at /.
// 3. Waits for GET /api/ready, runs every e2e/*.e2e.ts (node --import tsx) with E2E_BASE_URL set.
// 4. Stops the server, removes the temporary directory, exits non-zero if any test file failed.
//
// Needs Debian's Chromium at /usr/bin/chromium (apt-get install -y chromium fonts-noto-cjk); no browser download.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startTestServer } from './test-server.mjs';
import { buildWebIfStale, root } from './web-build.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function runTest(file, base) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, E2E_BASE_URL: base, CHROMIUM_PATH: CHROMIUM },
    });
    child.on('exit', (code, signal) => resolve(code === 0 && !signal));
  });
}

async function main() {
  const only = process.argv.slice(2);
  if (!fs.existsSync(CHROMIUM)) {
    console.error(
      `e2e: Chromium is not installed at ${CHROMIUM}.\n` +
        '     Install it with: apt-get update && apt-get install -y chromium fonts-noto-cjk\n' +
        '     (or set CHROMIUM_PATH). The browser tests were NOT run.',
    );
    return 1;
  }
  const tests = fs
    .readdirSync(path.join(root, 'e2e'))
    .filter((f) => f.endsWith('.e2e.ts'))
    // `npm run test:e2e -- screens a11y` runs the files whose names contain one of the words.
    .filter((f) => only.length === 0 || only.some((w) => f.includes(w)))
    .sort()
    .map((f) => path.join('e2e', f));
  if (tests.length === 0) {
    console.error('e2e: no e2e/*.e2e.ts files');
    return 1;
  }

  buildWebIfStale('e2e');

  console.log('e2e: starting the server with a fresh embedded database');
  const t0 = Date.now();
  // A small year keeps the start quick; the browser tests need every status, not 100,000 events.
  let server;
  try {
    // Every answer the browser gets is held to its route's response schema (the contracts the web imports).
    server = await startTestServer({ demoEvents: 3000, env: { RESPONSE_CHECK: 'strict' } });
  } catch (err) {
    console.error(`e2e: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  const { base } = server;
  console.log(`e2e: server ready on ${base} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  let passed = 0;
  let failed = 0;
  try {
    for (const file of tests) {
      console.log(`\n── ${file}`);
      if (await runTest(file, base)) passed++;
      else failed++;
    }
  } finally {
    await server.stop();
  }
  console.log(`\ne2e: ${passed} file(s) passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
