import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../context.ts';
import { openBatchScope } from '../db/batch.ts';
import { inWorkspace, type Trx } from '../db/client.ts';
import { type Answer, actorOf, answerInTransaction, claimIdempotencyKeys, idempotencyOf, type RunDeps, sendAnswer } from './run.ts';

/** How a route's requests are grouped (defaults measured by bench registration-submit). */
export type GroupOptions = {
  /** Most requests in one transaction. */
  maxGroup?: number;
  /** Most group transactions of one workspace running at once (the others' requests wait and join the next). */
  maxInFlight?: number;
  genericPlans?: boolean;
  /** Reads the group's requests will all make (memoised per transaction), started with BEGIN so they travel with it. */
  prefetch?: (trx: Trx, workspaceId: string) => void;
};

type Pending = {
  request: FastifyRequest;
  fn: (ctx: Ctx) => Promise<unknown>;
  status: number;
  locks: readonly bigint[];
  /** actorKey + Idempotency-Key: two requests with the same one never share a transaction. */
  idem: string | null;
  settle: (answer: Promise<Answer<unknown>>) => void;
};

/**
 * Group commit for a hot write route: requests of one workspace that arrive while its
 * transactions are busy wait and then run together, concurrently, in ONE transaction —
 * one BEGIN, one COMMIT (one WAL flush), one read of what they share (the workspace row, staff,
 * safelists are read once per transaction), one round trip for all their deferred writes, and
 * one round trip for each query they all make (db/batch.ts: 16 partner reads in one statement).
 * Nothing is acknowledged before the group's COMMIT. A request alone runs as `run` runs it.
 *
 * - The advisory locks the requests name are all taken at BEGIN, in ascending order, and the
 *   requests run sorted by their idempotency keys: two groups cannot wait for each other. A
 *   request whose lock a running group holds waits in the queue for the next group, instead of
 *   holding up a whole group at BEGIN (two partners registering one company at once).
 * - If anything in a group fails (one request's error, a deadlock, a lost connection), the group
 *   rolls back and every request of it runs again alone: each gets exactly the answer it would
 *   have got alone, and a failing request cannot take the others down with it.
 */
export function groupCommit(deps: RunDeps, options: GroupOptions = {}) {
  const maxGroup = options.maxGroup ?? 24;
  const maxInFlight = options.maxInFlight ?? 3;
  const queues = new Map<string, Pending[]>();
  const inFlight = new Map<string, number>();
  /** Advisory locks held by running groups (all workspaces: the keys include the workspace). */
  const held = new Map<bigint, number>();
  const hold = (locks: readonly bigint[], by: number) => {
    for (const k of new Set(locks)) {
      const n = (held.get(k) ?? 0) + by;
      if (n) held.set(k, n);
      else held.delete(k);
    }
  };

  const alone = (p: Pending): Promise<Answer<unknown>> =>
    inWorkspace(deps.db, actorOf(p.request).workspaceId, (trx) => answerInTransaction(trx, deps, p.request, p.fn, p.status), {
      genericPlans: options.genericPlans,
      locks: p.locks,
    });

  async function runGroup(workspaceId: string, group: Pending[]) {
    if (group.length === 1) {
      const answer = alone(group[0]);
      group[0].settle(answer);
      await answer.catch(() => {}); // in flight until it ends
      return;
    }
    group.sort((a, b) => ((a.idem ?? '') < (b.idem ?? '') ? -1 : (a.idem ?? '') > (b.idem ?? '') ? 1 : 0));
    try {
      const answers = await inWorkspace(
        deps.db,
        workspaceId,
        async (trx) => {
          options.prefetch?.(trx, workspaceId);
          // Every key of the group in one statement, in the group's order.
          const claimed = await claimIdempotencyKeys(
            trx,
            group.map((p) => p.request),
          );
          // The requests run at once; their like queries travel together (db/batch.ts).
          const scope = openBatchScope(trx, group.length);
          const settled = await Promise.allSettled(
            group.map((p) => answerInTransaction(trx, deps, p.request, p.fn, p.status, claimed.has(p.request)).finally(scope.leave)),
          );
          const failed = settled.find((s) => s.status === 'rejected');
          if (failed) throw failed.reason;
          return settled.map((s) => (s as PromiseFulfilledResult<Answer<unknown>>).value);
        },
        { genericPlans: options.genericPlans, locks: group.flatMap((p) => p.locks) },
      );
      for (const [i, p] of group.entries()) p.settle(Promise.resolve(answers[i]));
    } catch {
      // Rolled back: each alone, as if it had come by itself.
      await Promise.all(
        group.map((p) =>
          alone(p).then(
            (a) => p.settle(Promise.resolve(a)),
            (err) => p.settle(Promise.reject(err)),
          ),
        ),
      );
    }
  }

  function pump(workspaceId: string) {
    const queue = queues.get(workspaceId);
    while (queue?.length && (inFlight.get(workspaceId) ?? 0) < maxInFlight) {
      const group: Pending[] = [];
      const idems = new Set<string>();
      const locked = new Set<bigint>();
      for (let i = 0; i < queue.length && group.length < maxGroup; ) {
        const p = queue[i];
        // A retry of a request in this group, a request that needs a lock a request of this group
        // takes (they run at once, so they would not see each other's writes), or one that needs a
        // lock a running group holds (it would wait at BEGIN, and the whole group with it): a later group.
        if ((p.idem !== null && idems.has(p.idem)) || p.locks.some((k) => held.has(k) || locked.has(k))) {
          i++;
          continue;
        }
        if (p.idem !== null) idems.add(p.idem);
        for (const k of p.locks) locked.add(k);
        group.push(p);
        queue.splice(i, 1);
      }
      if (!queue.length) queues.delete(workspaceId);
      if (!group.length) return; // all waiting for running groups, which pump again when they end
      const locks = group.flatMap((p) => p.locks);
      hold(locks, 1);
      inFlight.set(workspaceId, (inFlight.get(workspaceId) ?? 0) + 1);
      void runGroup(workspaceId, group).finally(() => {
        hold(locks, -1);
        const n = (inFlight.get(workspaceId) ?? 1) - 1;
        if (n) inFlight.set(workspaceId, n);
        else inFlight.delete(workspaceId);
        pump(workspaceId);
      });
    }
  }

  /** Like `run`, in a group; `locks` are the advisory locks this request's work needs. */
  return async function runGrouped<T>(
    request: FastifyRequest,
    reply: FastifyReply,
    fn: (ctx: Ctx) => Promise<T>,
    status: number,
    locks: readonly bigint[] = [],
  ): Promise<T> {
    const actor = actorOf(request);
    const idem = idempotencyOf(request, actor);
    const answer = await new Promise<Answer<unknown>>((resolve, reject) => {
      const pending: Pending = {
        request,
        fn,
        status,
        locks,
        idem: idem ? `${idem.actorKey}\n${idem.key}` : null,
        settle: (a) => a.then(resolve, reject),
      };
      const queue = queues.get(actor.workspaceId);
      if (queue) queue.push(pending);
      else queues.set(actor.workspaceId, [pending]);
      pump(actor.workspaceId);
    });
    return sendAnswer(reply, answer as Answer<T>);
  };
}
