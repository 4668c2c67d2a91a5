import { createHash } from 'node:crypto';
import { CamelCasePlugin, CompiledQuery, type InsertQueryBuilder, Kysely, PostgresDialect, sql, type UpdateQueryBuilder } from 'kysely';
import pg from 'pg';
import { CLIENT_OF, OwnClient, PreparingClient } from './prepared.ts';
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
    Client: opts.prepared === false ? OwnClient : PreparingClient,
    // Queries sent to a client while others run go out at once instead of waiting in turn
    // (`connectionClient`: BEGIN with the first statements, the batches of db/batch.ts); Kysely
    // sends one query of a connection after another, and those behave exactly as without.
    pipeline: true,
    // Prepared statements save parsing, never a plan: a generic plan chosen for one partner's
    // deals was 50 times slower for another's (the portal pipeline, bench crm-queries p1).
    ...(opts.prepared === false ? {} : { options: '-c plan_cache_mode=force_custom_plan' }),
  });
  pool.on('error', () => {}); // idle client errors surface on the next query instead of crashing
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [camelCase] });
}

/** Column names in TypeScript are camelCase, in the database snake_case (rows sent past Kysely use it too). */
export const camelCase = new CamelCasePlugin();

/**
 * The pg client of a connection (a transaction's), to send queries past Kysely — which sends one
 * query of a connection only after the one before has answered — pipelined (createDb):
 * answered in order, without a round trip each.
 */
async function connectionClient(conn: Trx): Promise<pg.Client> {
  const found: { client?: pg.Client } = {};
  await conn.executeQuery(CompiledQuery.raw(CLIENT_OF, [found]));
  if (!found.client) throw new Error('connectionClient: the pool does not use OwnClient');
  return found.client;
}

/** The pg client of each open inWorkspace transaction. */
const clients = new WeakMap<Trx, pg.Client>();

/** A client's socket stream: corked, the messages of several queries leave in one write. */
export function streamOf(client: pg.Client): { cork(): void; uncork(): void } {
  return (client as unknown as { connection: { stream: { cork(): void; uncork(): void } } }).connection.stream;
}

/**
 * Sends a query of an inWorkspace transaction now, pipelined behind whatever its connection is
 * running, instead of after the transaction's other Kysely queries have answered: for reads that
 * do not depend on each other (the memoised workspace and staff reads of a group commit).
 */
export function pipelined<R>(trx: Trx, query: CompiledQuery<R>): Promise<R[]> {
  const client = clients.get(trx);
  return client ? sendNow(client, query) : trx.executeQuery(query).then((r) => r.rows);
}

/** The pg client of an open inWorkspace transaction (undefined outside one). */
export function transactionClient(trx: Trx): pg.Client | undefined {
  return clients.get(trx);
}

/** Sends a query on a client now (pipelined behind what it is running) with camelCase rows. */
async function sendNow<R>(client: pg.Client, query: CompiledQuery<R>): Promise<R[]> {
  const result = await client.query(query.sql, query.parameters as unknown[]);
  return (await camelCase.transformResult({ result: { rows: result.rows }, queryId: query.queryId })).rows as R[];
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

/** The deferred writes as one statement (each a data-modifying WITH part), or null when there are none. */
function deferredStatement(conn: Trx, writes: DeferredWrite[]): CompiledQuery | null {
  if (!writes.length) return null;
  if (writes.length === 1) return writes[0](conn).compile();
  // biome-ignore lint/suspicious/noExplicitAny: a WITH chain of any tables' writes
  let q: any = conn;
  writes.forEach((write, i) => {
    q = q.with(`deferred_${i}`, () => write(conn));
  });
  return q.selectNoFrom(sql<number>`1`.as('written')).compile();
}

async function flushDeferred(conn: Trx, writes: DeferredWrite[]): Promise<void> {
  const statement = deferredStatement(conn, writes);
  writes.length = 0;
  if (statement) await conn.executeQuery(statement);
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
    const begin = `begin; select set_config('app.workspace_id', '${workspaceId}', true)${plans}${locks}`;
    const client = await connectionClient(conn);
    clients.set(conn, client);
    const stream = streamOf(client);
    let begun: Promise<unknown> | undefined;
    try {
      // BEGIN is not waited for: fn's first statements follow it in the pipeline (the same write,
      // for what fn sends before its first await). Should BEGIN fail (a lock wait ending in a
      // deadlock error), they fail as statements of the aborted transaction, and BEGIN's error is
      // the one thrown; before BEGIN nothing can run: the connection answers in order.
      let work: Promise<T>;
      stream.cork();
      try {
        begun = client.query(begin);
        begun.catch(() => {});
        work = fn(conn);
      } finally {
        stream.uncork();
      }
      const result = await work;
      await begun;
      // The deferred writes and COMMIT in one write; a failed write turns the COMMIT into a ROLLBACK.
      const statement = deferredStatement(conn, writes);
      writes.length = 0;
      stream.cork();
      const flushed = statement ? sendNow(client, statement) : Promise.resolve([]);
      const committed = client.query('commit');
      stream.uncork();
      flushed.catch(() => {});
      committed.catch(() => {});
      await flushed;
      if ((await committed).command !== 'COMMIT') throw new Error('inWorkspace: the transaction was rolled back at COMMIT');
      return result;
    } catch (err) {
      hooks.length = 0;
      const beginError = begun
        ? await begun.then(
            () => undefined,
            (e: unknown) => e,
          )
        : undefined;
      await sql
        .raw('rollback')
        .execute(conn)
        .catch(() => {});
      throw beginError ?? err;
    } finally {
      afterCommitHooks.delete(conn);
      deferredWrites.delete(conn);
      heldLocks.delete(conn);
      clients.delete(conn);
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
