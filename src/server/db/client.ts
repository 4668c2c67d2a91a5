import { CamelCasePlugin, Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;

// bigint (int8) and numeric come back as strings by default; counts are small enough for numbers.
pg.types.setTypeParser(20, (v) => Number(v));

/** Creates a Kysely instance on a pg pool. */
export function createDb(url: string, opts: { max?: number; applicationName?: string } = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    application_name: opts.applicationName ?? 'tandem',
  });
  pool.on('error', () => {}); // idle client errors surface on the next query instead of crashing
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
}

/**
 * Runs fn in one transaction scoped to a workspace: row-level security on every tenant table
 * sees only that workspace's rows, whatever the queries inside forget to filter.
 */
export async function inWorkspace<T>(db: Db, workspaceId: string, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('app.workspace_id', ${workspaceId}, true)`.execute(trx);
    return fn(trx);
  });
}

/** Runs fn in a transaction with no workspace set: only SECURITY DEFINER look-ups see data. */
export async function outsideWorkspace<T>(db: Db, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}
