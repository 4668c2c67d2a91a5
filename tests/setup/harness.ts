import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { inject } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { type Config, loadConfig } from '../../src/server/config.ts';
import { createDb, type Db } from '../../src/server/db/client.ts';
import { appRoleFor } from '../../src/server/db/migrate.ts';
import { createWorkspace } from '../../src/server/modules/workspaces/workspaces.service.ts';
import { createJobs, createLogger } from '../../src/server/runtime.ts';
import { TEST_SECRET } from './constants.ts';
import { withDatabase } from './global.ts';

export type Harness = Awaited<ReturnType<typeof createHarness>>;

/**
 * A fresh database cloned from the migrated template, the app role's connection, the job
 * system and the HTTP app — real parts only. Call close() in afterAll.
 */
export async function createHarness(
  opts: { smtpUrl?: string; env?: Record<string, string>; logTo?: { write(line: string): void }; now?: () => Date; webDir?: string } = {},
) {
  const base = inject('pgBaseUrl');
  const name = `${inject('pgTemplate')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: withDatabase(base, 'postgres') });
  await admin.connect();
  await admin.query(`create database ${name} template ${inject('pgTemplate')}`);
  await admin.end();
  const ownerUrl = withDatabase(base, name);
  const app = appRoleFor(ownerUrl, TEST_SECRET);
  const config: Config = loadConfig({
    TANDEM_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'tandem-h-')),
    SECRET_KEY: TEST_SECRET,
    DATABASE_URL: ownerUrl,
    PUBLIC_URL: 'http://tandem.test',
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'silent',
    ...(opts.smtpUrl ? { SMTP_URL: opts.smtpUrl } : {}),
    ...(opts.env ?? {}),
  });
  // Silent unless a test reads the log lines (then at info, through the product's logger and its redaction).
  const log = opts.logTo ? createLogger({ ...config, logLevel: 'info' }, opts.logTo) : pino({ level: 'silent' });
  const db = createDb(app.url, { max: 10 });
  const ownerDb = createDb(ownerUrl, { max: 2 });
  const jobs = createJobs(config, { db, appUrl: app.url }, log);
  await jobs.start();
  const http = await buildApp({ config, db, jobs, log, now: opts.now, webDir: opts.webDir });
  await http.ready();

  /** A new workspace with an admin and an admin API key. */
  async function workspace(name = `Workspace ${randomBytes(3).toString('hex')}`) {
    const email = `admin-${randomBytes(4).toString('hex')}@example.com`;
    const ws = await createWorkspace(db, { name, adminEmail: email, adminPassword: 'correct horse battery', adminName: 'Ada Admin' });
    return { ...ws, adminEmail: email, adminPassword: 'correct horse battery' };
  }

  /** In-process request with an API key. */
  function api(key: string | undefined) {
    const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) =>
      http.inject({
        method,
        url,
        payload: body as never,
        headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
      });
    return {
      get: (url: string, headers?: Record<string, string>) => call('GET', url, undefined, headers),
      post: (url: string, body?: unknown, headers?: Record<string, string>) => call('POST', url, body ?? {}, headers),
      patch: (url: string, body?: unknown, headers?: Record<string, string>) => call('PATCH', url, body ?? {}, headers),
      put: (url: string, body?: unknown, headers?: Record<string, string>) => call('PUT', url, body, headers),
      delete: (url: string, headers?: Record<string, string>) => call('DELETE', url, undefined, headers),
    };
  }

  return {
    config,
    db: db as Db,
    ownerDb: ownerDb as Db,
    ownerUrl,
    appUrl: app.url,
    jobs,
    http,
    workspace,
    api,
    async close() {
      await http.close();
      await jobs.stop(2000);
      await db.destroy();
      await ownerDb.destroy();
      const c = new pg.Client({ connectionString: withDatabase(base, 'postgres') });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
