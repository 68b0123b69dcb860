#!/usr/bin/env node
/* global process, console, fetch, setTimeout, clearTimeout -- Node.js globals (the root ESLint config has no Node globals for .mjs) */
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
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildWebIfStale, root } from './web-build.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const READY_TIMEOUT_MS = 180_000;

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(base, server) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited early with code ${server.exitCode}`);
    try {
      const res = await fetch(`${base}/api/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the server was not ready within ${READY_TIMEOUT_MS / 1000} s`);
}

function stopServer(server) {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => server.kill('SIGKILL'), 10_000);
    server.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    server.kill('SIGTERM');
  });
}

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
    .sort()
    .map((f) => path.join('e2e', f));
  if (tests.length === 0) {
    console.error('e2e: no e2e/*.e2e.ts files');
    return 1;
  }

  buildWebIfStale('e2e');

  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openenforce-e2e-'));
  const base = `http://localhost:${port}`;
  console.log(`e2e: starting the server on ${base} (DATA_DIR=${dataDir})`);
  const server = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      // A small year keeps the start quick; the browser tests need every status, not 100,000 events.
      DEMO_EVENTS: '3000',
      // Every answer the browser gets is held to its route's response schema: a field the schema would drop, or an
      // answer that does not fit, fails the request (so the contracts the web imports are what it receives).
      RESPONSE_CHECK: 'strict',
    },
  });

  let passed = 0;
  let failed = 0;
  try {
    const t0 = Date.now();
    await waitReady(base, server);
    console.log(`e2e: server ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    for (const file of tests) {
      console.log(`\n── ${file}`);
      if (await runTest(file, base)) passed++;
      else failed++;
    }
  } catch (err) {
    console.error(`e2e: ${err instanceof Error ? err.message : String(err)}`);
    failed++;
  } finally {
    await stopServer(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`\ne2e: ${passed} file(s) passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
