import { createHash } from 'node:crypto';
import { CamelCasePlugin, type InsertQueryBuilder, Kysely, PostgresDialect, sql, type UpdateQueryBuilder } from 'kysely';
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
    // Prepared statements save parsing, never a plan: a generic plan chosen for one partner's
    // deals was 50 times slower for another's (the portal pipeline, bench crm-queries p1).
    ...(opts.prepared === false ? {} : { options: '-c plan_cache_mode=force_custom_plan' }),
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

/** A write whose result nobody reads: an INSERT or UPDATE builder without RETURNING. */
// biome-ignore lint/suspicious/noExplicitAny: any table's insert or update
export type DeferredWrite = (trx: Trx) => InsertQueryBuilder<Database, any, any> | UpdateQueryBuilder<Database, any, any, any>;

/** Writes registered by deferWrite, per open inWorkspace transaction. */
const deferredWrites = new WeakMap<Trx, DeferredWrite[]>();

/**
 * Writes in the transaction of trx, at its end: inWorkspace sends every deferred write of the
 * transaction in ONE statement (each a data-modifying WITH part) just before COMMIT, so an audit
 * event, a timeline entry and the stored idempotent answer cost one round trip together, not
 * three. Only for writes whose result the transaction does not read back; they commit or roll
 * back with it like any other statement. Outside an inWorkspace transaction the write runs now.
 */
export async function deferWrite(trx: Trx, write: DeferredWrite): Promise<void> {
  const pending = deferredWrites.get(trx);
  if (pending) pending.push(write);
  else await write(trx).execute();
}

/** Sends the transaction's deferred writes now (a step that must see them, such as a clean-up). */
export async function flushDeferredWrites(trx: Trx): Promise<void> {
  const pending = deferredWrites.get(trx);
  if (pending) await flushDeferred(trx, pending);
}

async function flushDeferred(conn: Trx, writes: DeferredWrite[]): Promise<void> {
  if (writes.length === 1) await writes[0](conn).execute();
  else if (writes.length > 1) {
    // biome-ignore lint/suspicious/noExplicitAny: a WITH chain of any tables' writes
    let q: any = conn;
    writes.forEach((write, i) => {
      q = q.with(`deferred_${i}`, () => write(conn));
    });
    await q.selectNoFrom(sql<number>`1`.as('written')).execute();
  }
  writes.length = 0;
}

/** Advisory locks taken at BEGIN, per open inWorkspace transaction. */
const heldLocks = new WeakMap<Trx, ReadonlySet<bigint>>();

/** Whether the inWorkspace transaction of trx took this advisory lock at its BEGIN. */
export function holdsLock(trx: Trx, key: bigint): boolean {
  return heldLocks.get(trx)?.has(key) ?? false;
}

/** A 64-bit advisory lock key for a name, computed here so it can travel inlined with BEGIN. */
export function lockKey(name: string): bigint {
  return createHash('sha256').update(name).digest().readBigInt64BE(0);
}

export type TransactionOptions = {
  /** Let PostgreSQL keep generic plans of prepared statements (connections force custom plans). */
  genericPlans?: boolean;
  /**
   * Transaction-level advisory locks taken in the BEGIN round trip, in ascending order: whoever
   * takes several takes them this way, so two such transactions cannot wait for each other.
   */
  locks?: readonly bigint[];
};

/**
 * Runs fn in one transaction scoped to a workspace: row-level security on every tenant table
 * sees only that workspace's rows, whatever the queries inside forget to filter.
 */
export async function inWorkspace<T>(db: Db, workspaceId: string, fn: (trx: Trx) => Promise<T>, opts: TransactionOptions = {}): Promise<T> {
  // The id is inlined (after a strict check) so BEGIN and the setting travel in one round trip.
  if (!UUID.test(workspaceId)) throw new Error('inWorkspace: workspace id must be a lowercase UUID');
  const hooks: ((db: Db) => void)[] = [];
  const result = await db.connection().execute(async (conn) => {
    afterCommitHooks.set(conn, hooks);
    const writes: DeferredWrite[] = [];
    deferredWrites.set(conn, writes);
    // Connections force custom plans (createDb); a transaction of look-ups by key whose generic
    // plans were measured to be as good (registration submit) may let PostgreSQL keep them.
    const plans = opts.genericPlans ? `, set_config('plan_cache_mode', 'auto', true)` : '';
    // bigints only (typed), so inlining them is safe.
    const keys = [...new Set(opts.locks ?? [])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const locks = keys.length ? `; select pg_advisory_xact_lock(k) from unnest('{${keys.join(',')}}'::bigint[]) as k` : '';
    if (keys.length) heldLocks.set(conn, new Set(keys));
    try {
      // Inside the try: a lock wait that ends in a deadlock error must roll back, not go back to the pool open.
      await sql.raw(`begin; select set_config('app.workspace_id', '${workspaceId}', true)${plans}${locks}`).execute(conn);
      const result = await fn(conn);
      await flushDeferred(conn, writes);
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
      deferredWrites.delete(conn);
      heldLocks.delete(conn);
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
