#!/usr/bin/env node
// Builds the web app with Vite only when dist/web/index.html is missing or older than its sources.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const output = join(root, 'dist/web/index.html');
const sources = ['src/web', 'src/shared', 'vite.config.ts', 'postcss.config.cjs'].map((p) => join(root, p));

/** Newest modification time (ms) under a file or folder; 0 when it does not exist. */
function newest(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return { time: 0, path };
  }
  if (!stat.isDirectory()) return { time: stat.mtimeMs, path };
  let best = { time: 0, path };
  for (const entry of readdirSync(path)) {
    const found = newest(join(path, entry));
    if (found.time > best.time) best = found;
  }
  return best;
}

let built = 0;
try {
  built = statSync(output).mtimeMs;
} catch {}
const source = sources.map(newest).reduce((a, b) => (b.time > a.time ? b : a));

if (built && built >= source.time) {
  console.log('web build: dist/web is up to date');
} else {
  const why = built ? `${relative(root, source.path)} changed` : 'dist/web/index.html is missing';
  console.log(`web build: building because ${why}…`);
  const vite = join(root, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
