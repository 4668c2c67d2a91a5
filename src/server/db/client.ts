import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PreparingClient } from './prepared.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
/** A connection inside an open transaction (a Kysely bound to one pooled connection). */
export type Trx = Kysely<Database>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// bigint (int8) and numeric come back as strings by default; counts are small enough for numbers.
pg.types.setTypeParser(20, (v) => Number(v));
// Dates (no time) stay ISO strings such as 2027-03-31: no time zone can shift them.
pg.types.setTypeParser(1082, (v) => v);

/** Creates a Kysely instance on a pg pool. */
export function createDb(url: string, opts: { max?: number; applicationName?: string; prepared?: boolean } = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    application_name: opts.applicationName ?? 'tandem',
    Client: opts.prepared === false ? pg.Client : PreparingClient,
  });
  pool.on('error', () => {}); // idle client errors surface on the next query instead of crashing
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
}

/** Work registered by afterCommit, per open inWorkspace transaction. */
const afterCommitHooks = new WeakMap<Trx, ((db: Db) => void)[]>();

/**
 * Runs fn with the transaction's Db once the inWorkspace transaction of trx has committed (never
 * after a rollback), after its connection went back to the pool. fn must not throw; it is called
 * without waiting for anything it starts. Outside an inWorkspace transaction it is not called.
 */
export function afterCommit(trx: Trx, fn: (db: Db) => void): void {
  afterCommitHooks.get(trx)?.push(fn);
}

/**
 * Runs fn in one transaction scoped to a workspace: row-level security on every tenant table
 * sees only that workspace's rows, whatever the queries inside forget to filter.
 */
export async function inWorkspace<T>(db: Db, workspaceId: string, fn: (trx: Trx) => Promise<T>): Promise<T> {
  // The id is inlined (after a strict check) so BEGIN and the setting travel in one round trip.
  if (!UUID.test(workspaceId)) throw new Error('inWorkspace: workspace id must be a lowercase UUID');
  const hooks: ((db: Db) => void)[] = [];
  const result = await db.connection().execute(async (conn) => {
    afterCommitHooks.set(conn, hooks);
    await sql.raw(`begin; select set_config('app.workspace_id', '${workspaceId}', true)`).execute(conn);
    try {
      const result = await fn(conn);
      await sql.raw('commit').execute(conn);
      return result;
    } catch (err) {
      hooks.length = 0;
      await sql
        .raw('rollback')
        .execute(conn)
        .catch(() => {});
      throw err;
    } finally {
      afterCommitHooks.delete(conn);
    }
  });
  for (const hook of hooks) {
    try {
      hook(db);
    } catch {}
  }
  return result;
}

/** Runs fn in a transaction with no workspace set: only SECURITY DEFINER look-ups see data. */
export async function outsideWorkspace<T>(db: Db, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}
