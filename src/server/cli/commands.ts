import { pino } from 'pino';
import { loadConfig } from '../config.ts';
import { inWorkspace } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import { createApiKey } from '../modules/api-keys/api-keys.service.ts';
import { verifyAuditChains } from '../modules/audit/audit.service.ts';
import { workspaceBySlug } from '../modules/auth/auth.repository.ts';
import { createWorkspace } from '../modules/workspaces/workspaces.service.ts';
import { createLogger, type Database, openDatabase } from '../runtime.ts';
import { seedDemo } from '../seed/demo.ts';

/** Opens the database quietly for a one-shot command and always closes it. */
async function withDatabase<T>(fn: (d: Database) => Promise<T>, migrate = true): Promise<T> {
  const config = loadConfig();
  const log = config.logLevel === 'info' ? pino({ level: 'warn' }) : createLogger(config);
  const database = await openDatabase(config, log, { migrate, poolSize: 2 });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

export async function migrateCommand() {
  const config = loadConfig();
  const database = await openDatabase(config, pino({ level: 'warn' }), { migrate: false, poolSize: 1 });
  try {
    const { migrate } = await import('../db/migrate.ts');
    const { applied } = await migrate(database.ownerUrl, config.secretKey, { appUrl: config.databaseAppUrl });
    console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date.');
  } finally {
    await database.close();
  }
}

export async function seedCommand() {
  const config = loadConfig();
  await withDatabase(async ({ db }) => {
    const creds = await seedDemo(db, config.dataDir);
    if (!creds) {
      console.log('The demo workspace exists already (its credentials file is missing from this data directory).');
      return;
    }
    console.log(`Demo workspace "${creds.slug}" is ready.`);
    console.log(`  admin:   ${creds.admin.email} / ${creds.admin.password}`);
    console.log(`  partner: ${creds.partner.email} / ${creds.partner.password}  (portal ${creds.partner.portal})`);
    console.log(`  API key: ${creds.apiKey}`);
  });
}

export async function workspaceCreateCommand(o: { name: string; slug?: string; adminEmail: string; adminName?: string; json?: boolean }) {
  await withDatabase(async ({ db }) => {
    const r = await createWorkspace(db, { name: o.name, slug: o.slug, adminEmail: o.adminEmail, adminName: o.adminName });
    if (o.json) {
      console.log(JSON.stringify({ workspaceId: r.workspaceId, slug: r.slug, adminUserId: r.adminUserId, apiKey: r.apiKey, apiKeyId: r.apiKeyId }));
    } else {
      console.log(`Workspace "${o.name}" created (slug ${r.slug}, id ${r.workspaceId}).`);
      console.log(`Admin ${o.adminEmail} can sign in with a magic link.`);
      console.log(`Admin API key (shown once): ${r.apiKey}`);
    }
  });
}

export async function apiKeyCommand(o: { workspace: string; name: string; scopes?: string[]; partner?: string; json?: boolean }) {
  await withDatabase(async ({ db }) => {
    const ws = await workspaceBySlug(db, o.workspace);
    if (!ws) throw new AppError('not_found', `No workspace has the slug "${o.workspace}".`);
    const { apiKeyInput } = await import('../modules/api-keys/api-keys.service.ts');
    const input = apiKeyInput.safeParse({ name: o.name, scopes: o.scopes, partnerId: o.partner });
    if (!input.success) {
      const fields = input.error.issues.map((i) => ({ field: `--${String(i.path[0] === 'partnerId' ? 'partner' : i.path[0])}`, message: i.message }));
      throw new AppError('validation_failed', 'Invalid options.', { fields });
    }
    const key = await inWorkspace(db, ws.id, (trx) =>
      createApiKey({ trx, workspaceId: ws.id, actor: { kind: 'system', workspaceId: ws.id, name: 'tandem cli' }, now: () => new Date() }, input.data),
    );
    if (o.json)
      console.log(JSON.stringify({ id: key.id, key: key.key, scopes: key.scopes, partnerId: key.partnerId, workspaceId: ws.id, slug: ws.slug }));
    else console.log(`API key "${key.name}" (shown once): ${key.key}`);
  });
}

export async function auditVerifyCommand(o: { workspace?: string; json?: boolean }) {
  const reports = await withDatabase(({ ownerDb }) => verifyAuditChains(ownerDb, o.workspace));
  if (o.workspace && reports.length === 0) throw new AppError('not_found', `No workspace has the slug "${o.workspace}".`);
  const broken = reports.filter((r) => r.broken);
  if (o.json) console.log(JSON.stringify({ ok: broken.length === 0, workspaces: reports }));
  else {
    for (const r of reports) {
      console.log(r.broken ? `BROKEN  ${r.slug}: event #${r.broken.seq}: ${r.broken.reason}` : `ok      ${r.slug}: ${r.events} events`);
    }
  }
  if (broken.length) process.exitCode = 3;
}
