import { createHmac } from 'node:crypto';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { QUEUE_NAMES } from '../jobs/queues.ts';
import { migrations } from './migrations/index.ts';

export const BOSS_SCHEMA = 'pgboss';
const DEFAULT_APP_ROLE = 'tandem_app';

export type AppRole = { name: string; url: string };

/** The app role's password is derived from SECRET_KEY, so nothing else needs storing. */
function appRolePassword(secretKey: string): string {
  return createHmac('sha256', secretKey).update('tandem database app role').digest('hex');
}

/** Resolves the connection the app runs queries with: DATABASE_APP_URL, or the owner URL with the app role. */
export function appRoleFor(ownerUrl: string, secretKey: string, appUrl?: string): AppRole {
  if (appUrl) return { name: decodeURIComponent(new URL(appUrl).username), url: appUrl };
  const u = new URL(ownerUrl);
  u.username = DEFAULT_APP_ROLE;
  u.password = appRolePassword(secretKey);
  return { name: DEFAULT_APP_ROLE, url: u.toString() };
}

function ownerDb(ownerUrl: string) {
  // biome-ignore lint/suspicious/noExplicitAny: the migrator works on the untyped schema
  return new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: ownerUrl, max: 2 }) }) });
}

/**
 * Applies pending migrations as the owner, then (idempotently) creates the app role, grants it
 * exactly what it needs — never ownership, never BYPASSRLS, no UPDATE/DELETE on the audit log —
 * and creates pg-boss's schema and queues.
 */
export async function migrate(
  ownerUrl: string,
  secretKey: string,
  opts: { appUrl?: string; log?: (msg: string) => void } = {},
): Promise<{ applied: string[] }> {
  const log = opts.log ?? (() => {});
  const db = ownerDb(ownerUrl);
  try {
    // One migrator at a time across processes.
    await sql`select pg_advisory_lock(4242001)`.execute(db);
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const { error, results } = await migrator.migrateToLatest();
    if (error) throw error;
    const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    for (const name of applied) log(`migration applied: ${name}`);

    const role = appRoleFor(ownerUrl, secretKey, opts.appUrl);
    if (!opts.appUrl) await ensureRole(db, role.name, appRolePassword(secretKey));
    await grantAppRole(db, role.name);
    if (!(await bossIsReady(db))) await ensureBoss(ownerUrl);
    await grantBoss(db, role.name);
    await sql`select pg_advisory_unlock(4242001)`.execute(db);
    return { applied };
  } finally {
    await db.destroy();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: owner connection
async function ensureRole(db: Kysely<any>, name: string, password: string) {
  const ident = sql.id(name);
  try {
    await sql`do $$ begin
      if not exists (select 1 from pg_roles where rolname = ${sql.lit(name)}) then
        create role ${ident} login nosuperuser nobypassrls noinherit;
      end if; end $$`.execute(db);
  } catch (err) {
    // Two processes creating the role at once: the loser sees a duplicate; the role exists either way.
    if ((err as { code?: string }).code !== '23505') throw err;
  }
  // Only the password is kept in sync; attributes stay as created (changing them needs a superuser).
  await sql`alter role ${ident} with password ${sql.lit(password)}`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: owner connection
async function grantAppRole(db: Kysely<any>, name: string) {
  const r = sql.id(name);
  const { rows } = await sql<{ db: string }>`select current_database() as db`.execute(db);
  await sql`grant connect on database ${sql.id(rows[0].db)} to ${r}`.execute(db);
  await sql`grant usage on schema public to ${r}`.execute(db);
  await sql`grant select, insert, update, delete on all tables in schema public to ${r}`.execute(db);
  await sql`revoke all on kysely_migration, kysely_migration_lock from ${r}`.execute(db);
  await sql`grant select on kysely_migration to ${r}`.execute(db);
  await sql`revoke update, delete, truncate on audit_events from ${r}`.execute(db);
  await sql`grant usage, select on all sequences in schema public to ${r}`.execute(db);
  await sql`grant execute on all functions in schema public to ${r}`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: owner connection
async function bossIsReady(db: Kysely<any>): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from information_schema.tables where table_schema = ${BOSS_SCHEMA} and table_name = 'queue'`.execute(db);
  if (!rows[0].n) return false;
  const queues = await sql<{ n: number }>`
    select count(*)::int as n from ${sql.id(BOSS_SCHEMA)}.queue where name = any(${[...QUEUE_NAMES]}::text[])`.execute(db);
  return queues.rows[0].n === QUEUE_NAMES.length;
}

async function ensureBoss(ownerUrl: string) {
  const boss = new PgBoss({ connectionString: ownerUrl, schema: BOSS_SCHEMA, supervise: false, schedule: false, max: 2 });
  boss.on('error', () => {});
  await boss.start();
  try {
    for (const name of QUEUE_NAMES) {
      if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, retryLimit: 5, retryBackoff: true, retryDelay: 2 });
    }
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

// biome-ignore lint/suspicious/noExplicitAny: owner connection
async function grantBoss(db: Kysely<any>, name: string) {
  const r = sql.id(name);
  const s = sql.id(BOSS_SCHEMA);
  await sql`grant usage on schema ${s} to ${r}`.execute(db);
  await sql`grant select, insert, update, delete on all tables in schema ${s} to ${r}`.execute(db);
  await sql`grant usage, select on all sequences in schema ${s} to ${r}`.execute(db);
  await sql`grant execute on all functions in schema ${s} to ${r}`.execute(db);
}

/**
 * Refuses to run the app on a connection that would silently switch row-level security off:
 * a superuser, a role with BYPASSRLS, or the owner of the tables.
 */
// biome-ignore lint/suspicious/noExplicitAny: any connection
export async function assertAppRoleIsConfined(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean; owns: number }>`
    select r.rolname, r.rolsuper, r.rolbypassrls,
      (select count(*)::int from pg_tables t where t.schemaname = 'public' and t.tableowner = r.rolname) as owns
    from pg_roles r where r.rolname = current_user`.execute(db);
  const r = rows[0];
  if (r.rolsuper || r.rolbypassrls || r.owns > 0) {
    throw new Error(
      `The app database role "${r.rolname}" ${r.rolsuper ? 'is a superuser' : r.rolbypassrls ? 'has BYPASSRLS' : 'owns tables'}; ` +
        'row-level security would not isolate workspaces. Point DATABASE_APP_URL at a role without these rights (or unset it).',
    );
  }
}

/** Names of migrations the code knows but the database has not applied (empty when current). */
// biome-ignore lint/suspicious/noExplicitAny: reads kysely's own table
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  const done = new Set(rows.map((r) => r.name));
  return Object.keys(migrations).filter((n) => !done.has(n));
}
