import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { createJobs, createLogger, openDatabase, WEB_DIR } from '../runtime.ts';
import { readDemoCredentials, seedDemo } from '../seed/demo.ts';

/** `tandem start`: database, migrations, first-run demo, HTTP and/or workers, clean shutdown. */
export async function startCommand(o: { role: 'web' | 'worker' | 'all'; seed: boolean }) {
  const config = loadConfig();
  const log = createLogger(config);
  const database = await openDatabase(config, log);
  const jobs = createJobs(config, database, log);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: draining requests and jobs');
    await app?.close().catch(() => {});
    await jobs.stop().catch(() => {});
    await database.close().catch((err) => log.error({ err }, 'database shutdown failed'));
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const first = o.seed ? await seedDemo(database.db, config.dataDir) : undefined;
  const creds = first ?? readDemoCredentials(config.dataDir);
  await jobs.start();
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  if (o.role !== 'worker') {
    app = await buildApp({ config, db: database.db, jobs, log, webDir: WEB_DIR });
    await app.listen({ port: config.port, host: config.host });
  }
  if (o.role !== 'web') await jobs.startWorkers();

  const lines = [
    '',
    `  Tandem is running (${o.role}) on ${config.publicUrl}`,
    `  Database: ${config.databaseUrl ? 'DATABASE_URL' : `embedded PostgreSQL in ${config.dataDir}`}`,
    `  Email:    ${config.smtpUrl ? 'SMTP' : `dev mailbox (${config.publicUrl}/app/mailbox)`}`,
    `  API docs: ${config.publicUrl}/api/docs`,
  ];
  if (creds) {
    lines.push(
      '',
      `  Demo admin:   ${creds.admin.email} / ${creds.admin.password}   ${config.publicUrl}/login`,
      `  Demo partner: ${creds.partner.email} / ${creds.partner.password}   ${config.publicUrl}${creds.partner.portal}/login`,
      `  Admin API key: ${creds.apiKey}`,
    );
  }
  lines.push('', '  Press Ctrl-C to stop.', '');
  process.stdout.write(`${lines.join('\n')}\n`);
}
