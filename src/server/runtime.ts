import path from 'node:path';
import pino, { type Logger } from 'pino';
import { registerAuthJobs } from './auth/auth.jobs.ts';
import type { Config } from './config.ts';
import { createDb, type Db } from './db/client.ts';
import { type DatabaseServer, ensureEmbeddedServer } from './db/embedded.ts';
import { appRoleFor, assertAppRoleIsConfined, migrate } from './db/migrate.ts';
import { registerEmailJobs } from './email/email.jobs.ts';
import { Jobs } from './jobs/jobs.ts';
import { registerAuditJobs } from './modules/audit/audit.jobs.ts';
import { drainAuditSeals } from './modules/audit/audit-sealer.ts';
import { registerDuplicateJobs } from './modules/duplicates/match-keys.jobs.ts';
import { registerImportJobs } from './modules/imports/imports.runner.ts';
import { registerRegistrationJobs } from './modules/registrations/registration-timers.jobs.ts';

/** The database a process works on: connections for the owner and the app role. */
export type Database = {
  server: DatabaseServer;
  ownerUrl: string;
  appUrl: string;
  /** Queries of requests and jobs: the app role, subject to row-level security. */
  db: Db;
  /** Operator work across workspaces (migrations, audit verify, workspace creation checks). */
  ownerDb: Db;
  close(): Promise<void>;
};

/** A request URL without the secrets some carry: share-link tokens in the path, sign-in tokens in the query. */
export function redactUrl(url: string): string {
  return url
    .replace(/^\/s\/[^/?#]+/, '/s/[redacted]')
    .replace(/^\/api\/v1\/shared\/[^/?#]+/, '/api/v1/shared/[redacted]')
    .replace(/([?&]token=)[^&#]*/g, '$1[redacted]');
}

/** The structured logger: level from the config, secrets redacted; `destination` for tests that read the lines. */
export function createLogger(config: Config, destination?: { write(line: string): void }): Logger {
  return pino(
    {
      level: config.logLevel,
      serializers: {
        // Fastify's request serializer, with the URL's secrets removed (Fastify uses this one instead of its own).
        req: (req: { method: string; url: string; host?: string; ip?: string; socket?: { remotePort?: number } }) => ({
          method: req.method,
          url: redactUrl(req.url),
          host: req.host,
          remoteAddress: req.ip,
          remotePort: req.socket?.remotePort,
        }),
      },
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.token', '*.apiKey'],
        censor: '[redacted]',
      },
    },
    destination as never,
  );
}

/**
 * Opens the database: DATABASE_URL when set, otherwise the embedded PostgreSQL in the data
 * directory (attached when already running, started otherwise). Migrates first unless told not to.
 */
export async function openDatabase(config: Config, log: Logger, opts: { migrate?: boolean; poolSize?: number } = {}): Promise<Database> {
  const server: DatabaseServer = config.databaseUrl
    ? { ownerUrl: config.databaseUrl, startedHere: false, stop: async () => {} }
    : await ensureEmbeddedServer(config.dataDir, { log: (l) => log.debug({ pg: l }, 'postgres') });
  try {
    if (opts.migrate !== false) {
      await migrate(server.ownerUrl, config.secretKey, { appUrl: config.databaseAppUrl, log: (m) => log.info(m) });
    }
    const app = appRoleFor(server.ownerUrl, config.secretKey, config.databaseAppUrl);
    const db = createDb(app.url, { max: opts.poolSize ?? 20, prepared: config.preparedStatements });
    await assertAppRoleIsConfined(db);
    const ownerDb = createDb(server.ownerUrl, { max: 2, applicationName: 'tandem-owner' });
    return {
      server,
      ownerUrl: server.ownerUrl,
      appUrl: app.url,
      db,
      ownerDb,
      close: async () => {
        await drainAuditSeals(db); // a clean stop leaves no committed audit event unsealed
        await db.destroy();
        await ownerDb.destroy();
        await server.stop();
      },
    };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

/** The job system with every job of the product registered. */
export function createJobs(config: Config, database: { db: Db; appUrl: string }, log: Logger): Jobs {
  const jobs = new Jobs({ db: database.db, url: database.appUrl, log, smtpEnabled: Boolean(config.smtpUrl) });
  registerEmailJobs(jobs, database.db, config.smtpUrl, config.mailFrom);
  registerAuthJobs(jobs, database.db);
  registerImportJobs(jobs, database.db, config);
  registerDuplicateJobs(jobs, database.db);
  registerRegistrationJobs(jobs, database.db, config.publicUrl);
  registerAuditJobs(jobs, database.db);
  return jobs;
}

export const WEB_DIR = path.resolve(import.meta.dirname, '../../dist/web');
