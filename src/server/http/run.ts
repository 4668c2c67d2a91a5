import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, actorId } from '../auth/actor.ts';
import type { Ctx } from '../context.ts';
import { type Db, deferWrite, inWorkspace, pipelined, type Trx } from '../db/client.ts';
import { canonicalJson } from '../modules/audit/canonical-json.ts';
import { AppError } from './errors.ts';

export type RunDeps = { db: Db; now: () => Date };

/** The authenticated actor of a route that declared one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated', 'Log in or send an API key.');
  return request.actor;
}

/** A request's Idempotency-Key (POST only), checked; with the actor it names its stored answer. */
export function idempotencyOf(request: FastifyRequest, actor: Actor): { actorKey: string; key: string } | null {
  const key = request.method === 'POST' ? request.headers['idempotency-key'] : undefined;
  if (typeof key !== 'string') return null;
  if (key.length < 1 || key.length > 200) {
    throw new AppError('validation_failed', 'Idempotency-Key must be 1–200 characters.', {
      fields: [{ field: 'header.idempotency-key', message: 'must be 1–200 characters' }],
    });
  }
  return { actorKey: `${actor.kind}:${actorId(actor)}`, key };
}

/** What a request's work answered inside its transaction; applied to the reply after COMMIT. */
export type Answer<T> = { status: number; body: T; replayed: boolean };

/** A request's fingerprint: what a retry with the same Idempotency-Key must repeat. */
function fingerprintOf(request: FastifyRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.url}\n${canonicalJson(request.body ?? null)}`)
    .digest('hex');
}

/**
 * Claims the Idempotency-Keys of several requests in one statement (a group commit): returns
 * the requests whose key is new. A key another transaction holds uncommitted waits for it.
 * The rows go in the order given; callers that claim several keys order them the same way.
 */
export async function claimIdempotencyKeys(trx: Trx, requests: readonly FastifyRequest[]): Promise<Set<FastifyRequest>> {
  const claimed = new Set<FastifyRequest>();
  const rows: { request: FastifyRequest; row: { workspaceId: string; actorKey: string; key: string; requestHash: string } }[] = [];
  for (const request of requests) {
    const actor = actorOf(request);
    const idem = idempotencyOf(request, actor);
    if (idem) rows.push({ request, row: { workspaceId: actor.workspaceId, ...idem, requestHash: fingerprintOf(request) } });
    else claimed.add(request); // nothing to claim
  }
  if (!rows.length) return claimed;
  // Pipelined: it goes out with BEGIN and the group's first reads.
  const inserted = await pipelined(
    trx,
    trx
      .insertInto('idempotencyKeys')
      .values(rows.map((r) => r.row))
      .onConflict((oc) => oc.doNothing())
      .returning(['actorKey', 'key'])
      .compile(),
  );
  const fresh = new Set(inserted.map((r) => `${r.actorKey}\n${r.key}`));
  for (const r of rows) if (fresh.has(`${r.row.actorKey}\n${r.row.key}`)) claimed.add(r.request);
  return claimed;
}

/**
 * A request's work inside an open tenant transaction, as the caller. With an Idempotency-Key the
 * key, the request fingerprint and the response are stored in the same transaction, so a retry
 * returns the first response and never creates a second record. `claimed` says whether the key
 * was already claimed for this request (claimIdempotencyKeys: true) or found taken (false);
 * undefined claims it here.
 */
export async function answerInTransaction<T>(
  trx: Trx,
  deps: RunDeps,
  request: FastifyRequest,
  fn: (ctx: Ctx) => Promise<T>,
  status: number,
  claimed?: boolean,
): Promise<Answer<T>> {
  const actor = actorOf(request);
  const idem = idempotencyOf(request, actor);
  const ctx: Ctx = { trx, actor, workspaceId: actor.workspaceId, requestId: request.id, ip: request.ip, now: deps.now };
  if (!idem) return { status, body: await fn(ctx), replayed: false };
  const { actorKey, key } = idem;
  const isNew = claimed ?? (await claimIdempotencyKeys(trx, [request])).has(request);
  if (!isNew) {
    // A concurrent first request held the row until it committed; read what it answered.
    const prior = await trx
      .selectFrom('idempotencyKeys')
      .selectAll()
      .where('actorKey', '=', actorKey)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    if (prior.requestHash !== fingerprintOf(request)) {
      throw new AppError('idempotency_key_reused', 'This Idempotency-Key was used for a different request. Use a new key for a new request.');
    }
    return { status: prior.statusCode ?? status, body: prior.response as T, replayed: true };
  }
  const body = await fn(ctx);
  const response = JSON.stringify(body ?? null);
  // Stored with the transaction's other deferred writes, in the round trip before COMMIT.
  await deferWrite(trx, (t) =>
    t.updateTable('idempotencyKeys').set({ statusCode: status, response }).where('actorKey', '=', actorKey).where('key', '=', key),
  );
  return { status, body, replayed: false };
}

/** Sets the committed answer on the reply and returns its body. */
export function sendAnswer<T>(reply: FastifyReply, answer: Answer<T>): T {
  if (answer.replayed) reply.header('idempotent-replayed', 'true');
  reply.status(answer.status);
  return answer.body;
}

export type RunOptions = {
  /** Let PostgreSQL keep generic plans of prepared statements in this transaction (see inWorkspace). */
  genericPlans?: boolean;
  /** Advisory locks (64-bit keys) the transaction takes at BEGIN, in ascending order (see inWorkspace). */
  locks?: readonly bigint[];
};

/** Runs a route's work in one tenant transaction as the caller (see answerInTransaction). */
export async function run<T>(
  deps: RunDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  fn: (ctx: Ctx) => Promise<T>,
  status = 200,
  opts: RunOptions = {},
): Promise<T> {
  const actor = actorOf(request);
  idempotencyOf(request, actor); // a malformed key is refused before any transaction
  const answer = await inWorkspace(deps.db, actor.workspaceId, (trx) => answerInTransaction(trx, deps, request, fn, status), opts);
  return sendAnswer(reply, answer);
}
