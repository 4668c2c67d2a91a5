import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { createJobs, createLogger, openDatabase, WEB_DIR } from '../../src/server/runtime.ts';
import { seedDemo } from '../../src/server/seed/demo.ts';

/**
 * A real Tandem server for browser journeys: its own embedded PostgreSQL (or DATABASE_URL's
 * server, in a fresh database), the demo workspace, the built web app, on a free port.
 */
export async function startTestServer() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-e2e-'));
  // A free port known before the config is built, so links in emails (PUBLIC_URL) point at this server.
  const port = await freePort();
  const env: Record<string, string> = {
    TANDEM_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '0',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
  };
  if (process.env.DATABASE_URL) {
    const u = new URL(process.env.DATABASE_URL);
    const name = `tandem_e2e_${process.pid}`;
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.query(`create database ${name}`);
    await c.end();
    u.pathname = `/${name}`;
    env.DATABASE_URL = u.toString();
  }
  const config = loadConfig(env);
  const log = createLogger(config);
  const database = await openDatabase(config, log);
  const jobs = createJobs(config, database, log);
  await jobs.start();
  const creds = await seedDemo(database.db, dataDir);
  if (!creds) throw new Error('demo seed failed');
  const app = await buildApp({ config, db: database.db, jobs, log, webDir: WEB_DIR });
  await app.listen({ port, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    admin: creds.admin,
    partner: { email: creds.partner.email, password: creds.partner.password, slug: creds.slug },
    apiKey: creds.apiKey,
    db: database.db,
    /** The owner's connection (no row-level security), for journeys that move time: expire a link, say. */
    ownerDb: database.ownerDb,
    async stop() {
      await app.close();
      await jobs.stop(2000);
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A port nobody listens on right now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
