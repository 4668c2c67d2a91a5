#!/usr/bin/env node
// Development: runs the server and the Vite dev server side by side; Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = process.env.PORT ?? '3000';
const env = { ...process.env, PORT: port, TANDEM_API_URL: process.env.TANDEM_API_URL ?? `http://localhost:${port}` };

const children = [
  { name: 'server', child: spawn(process.execPath, [join(root, 'bin/tandem.mjs'), 'start'], { cwd: root, env, stdio: 'inherit' }) },
  { name: 'vite', child: spawn(process.execPath, [join(root, 'node_modules/vite/bin/vite.js')], { cwd: root, env, stdio: 'inherit' }) },
];

let stopping = false;

/** Forwards the signal to both children once, then exits when both are gone. */
function stop(signal) {
  if (stopping) return;
  stopping = true;
  for (const { child } of children) if (child.exitCode === null) child.kill(signal);
}

process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));

let remaining = children.length;
let failed = 0;
for (const { name, child } of children) {
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`dev: ${name} exited (${signal ?? code}); stopping the other process`);
      if (code) failed = code;
      stop('SIGTERM');
    }
    remaining -= 1;
    if (remaining === 0) process.exit(failed);
  });
}
