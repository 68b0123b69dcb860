/* global process -- Node.js globals (the root ESLint config has no Node globals for .mjs) */
// `npm start`: build the web app if needed, then run the server (embedded PGlite under ./data unless DATABASE_URL).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildWebIfStale, root } from './web-build.mjs';

buildWebIfStale('start');
const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'packages/server/src/main.ts')], {
  cwd: root,
  stdio: 'inherit',
});
// Pass Ctrl-C and termination on, so the server closes its database cleanly.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
