import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { ensureEmbeddedServer } from '../../src/server/db/embedded.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { TEST_SECRET } from './constants.ts';

/**
 * Starts one PostgreSQL for the run — the embedded server, or the one at DATABASE_URL — and
 * builds a migrated template database; every test file clones its own database from it.
 */
export default async function setup(project: TestProject) {
  let dataDir: string | undefined;
  let stop = async () => {};
  let baseUrl: string;
  if (process.env.DATABASE_URL) {
    baseUrl = process.env.DATABASE_URL;
  } else {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-test-'));
    const server = await ensureEmbeddedServer(dataDir, { database: 'postgres' });
    baseUrl = server.ownerUrl;
    stop = server.stop;
  }
  const template = `tandem_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: withDatabase(baseUrl, 'postgres') });
  await admin.connect();
  await admin.query(`drop database if exists ${template}`);
  await admin.query(`create database ${template}`);
  await migrate(withDatabase(baseUrl, template), TEST_SECRET);
  await admin.end();
  project.provide('pgBaseUrl', baseUrl);
  project.provide('pgTemplate', template);
  project.provide('pgDataDir', dataDir ?? '');
  return async () => {
    const c = new pg.Client({ connectionString: withDatabase(baseUrl, 'postgres') });
    await c.connect();
    const { rows } = await c.query(`select datname from pg_database where datname like $1 or datname = $2`, [`${template}_%`, template]);
    for (const r of rows) await c.query(`drop database if exists "${r.datname}" with (force)`);
    await c.end();
    await stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgBaseUrl: string;
    pgTemplate: string;
    pgDataDir: string;
  }
}
