/* global console -- Node.js globals (the root ESLint config has no Node globals for .mjs) */
// Build the web app when packages/web/dist is missing or older than its sources (web and domain).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const e of fs.readdirSync(p)) {
    if (e === 'node_modules' || e === 'dist') continue;
    max = Math.max(max, newestMtime(path.join(p, e)));
  }
  return max;
}

export function buildWebIfStale(label = 'web') {
  const web = path.join(root, 'packages/web');
  const built = path.join(web, 'dist/index.html');
  const sources = ['src', 'public', 'build', 'index.html', 'vite.config.ts', 'package.json'].map((f) =>
    path.join(web, f),
  );
  sources.push(path.join(root, 'packages/domain/src'));
  const newest = Math.max(...sources.map(newestMtime));
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= newest) return;
  console.log(`${label}: building the web app (vite)…`);
  const r = spawnSync('npm', ['run', 'build', '-w', '@openenforce/web'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('web build failed');
}
