import type { Compilable, CompiledQuery } from 'kysely';
import { pipelined, streamOf, type Trx, transactionClient } from './client.ts';

/**
 * Statement batching for the requests of one group-commit transaction (http/group-commit.ts),
 * which run concurrently on its one connection. Each request builds and awaits its own queries;
 * `batched` holds a query back until every running request of the transaction waits for one (a
 * barrier), then sends all the held queries at once, pipelined past Kysely (`pipelined`)
 * in one write: 16 partner reads cost one round trip and one wake-up of the
 * database session instead of 16, and each is still the one prepared statement it is alone, with
 * its plan. Outside a group (a request alone, any other transaction) a query is sent at once.
 *
 * How queries are batched never changes what they answer; only when they are sent. The requests
 * of one group do not see each other's writes any differently than statements of one transaction
 * in some order do; group-commit keeps two requests that take the same lock in different groups.
 */

type Held = { query: CompiledQuery | null; resolve: (rows: unknown[]) => void; reject: (err: unknown) => void };

/** If the barrier is not reached (a request awaits a promise another request's held query resolves), send anyway. */
const SAFETY_FLUSH_MS = 20;

class BatchScope {
  private held: Held[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly trx: Trx,
    private active: number,
  ) {}

  hold(h: Held) {
    this.held.push(h);
    if (this.held.length >= this.active) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), SAFETY_FLUSH_MS);
  }

  /** A request of the group ended (answered or failed): the others need not wait for it. */
  leave() {
    this.active--;
    if (this.held.length && this.held.length >= this.active) this.flush();
  }

  private flush() {
    clearTimeout(this.timer);
    this.timer = undefined;
    const held = this.held;
    this.held = [];
    // Corked, the queries' messages leave in one write (pipelined: in an inWorkspace transaction).
    const client = transactionClient(this.trx);
    const stream = client && streamOf(client);
    stream?.cork();
    try {
      for (const h of held) (h.query ? pipelined(this.trx, h.query) : Promise.resolve([])).then(h.resolve, h.reject);
    } finally {
      stream?.uncork();
    }
  }
}

const scopes = new WeakMap<Trx, BatchScope>();

/** Lets `active` concurrent requests of the transaction batch their queries; call leave() when each ends. */
export function openBatchScope(trx: Trx, active: number): { leave: () => void } {
  const scope = new BatchScope(trx, active);
  scopes.set(trx, scope);
  return { leave: () => scope.leave() };
}

/**
 * Runs a query of a request, sent with the queries of the transaction's other requests (see
 * above); null joins the barrier without a query and yields no rows, so that requests that skip a
 * step stay in step with those that take it.
 */
export function batched<R>(trx: Trx, query: Compilable<R> | CompiledQuery<R> | null): Promise<R[]> {
  const scope = scopes.get(trx);
  const compiled = query === null ? null : 'compile' in query ? query.compile() : query;
  if (!scope) return compiled ? pipelined(trx, compiled) : Promise.resolve([]);
  return new Promise<R[]>((resolve, reject) => scope.hold({ query: compiled, resolve: resolve as Held['resolve'], reject }));
}
