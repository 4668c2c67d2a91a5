import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, actorId } from '../auth/actor.ts';
import type { Ctx } from '../context.ts';
import { type Db, deferWrite, inWorkspace } from '../db/client.ts';
import { canonicalJson } from '../modules/audit/canonical-json.ts';
import { AppError } from './errors.ts';

export type RunDeps = { db: Db; now: () => Date };

/** The authenticated actor of a route that declared one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated', 'Log in or send an API key.');
  return request.actor;
}

/**
 * Runs a route's work in one tenant transaction as the caller. On POST with an Idempotency-Key
 * the key, the request fingerprint and the response are stored in the same transaction, so a
 * retry returns the first response and never creates a second record. `genericPlans` lets
 * PostgreSQL keep generic plans of prepared statements in this transaction (see inWorkspace).
 */
export async function run<T>(
  deps: RunDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  fn: (ctx: Ctx) => Promise<T>,
  status = 200,
  opts: { genericPlans?: boolean } = {},
): Promise<T> {
  const actor = actorOf(request);
  const key = request.method === 'POST' ? request.headers['idempotency-key'] : undefined;
  if (typeof key === 'string' && (key.length < 1 || key.length > 200)) {
    throw new AppError('validation_failed', 'Idempotency-Key must be 1–200 characters.', {
      fields: [{ field: 'header.idempotency-key', message: 'must be 1–200 characters' }],
    });
  }
  const result = await inWorkspace(
    deps.db,
    actor.workspaceId,
    async (trx) => {
      const ctx: Ctx = { trx, actor, workspaceId: actor.workspaceId, requestId: request.id, ip: request.ip, now: deps.now };
      if (typeof key !== 'string') return { status, body: await fn(ctx) };
      const actorKey = `${actor.kind}:${actorId(actor)}`;
      const fingerprint = createHash('sha256')
        .update(`${request.method} ${request.url}\n${canonicalJson(request.body ?? null)}`)
        .digest('hex');
      const inserted = await trx
        .insertInto('idempotencyKeys')
        .values({ workspaceId: actor.workspaceId, actorKey, key, requestHash: fingerprint })
        .onConflict((oc) => oc.doNothing())
        .returning('key')
        .executeTakeFirst();
      if (!inserted) {
        // A concurrent first request held the row until it committed; read what it answered.
        const prior = await trx
          .selectFrom('idempotencyKeys')
          .selectAll()
          .where('actorKey', '=', actorKey)
          .where('key', '=', key)
          .executeTakeFirstOrThrow();
        if (prior.requestHash !== fingerprint) {
          throw new AppError('idempotency_key_reused', 'This Idempotency-Key was used for a different request. Use a new key for a new request.');
        }
        reply.header('idempotent-replayed', 'true');
        return { status: prior.statusCode ?? status, body: prior.response as T };
      }
      const body = await fn(ctx);
      const response = JSON.stringify(body ?? null);
      // Stored with the transaction's other deferred writes, in the round trip before COMMIT.
      await deferWrite(trx, (t) =>
        t.updateTable('idempotencyKeys').set({ statusCode: status, response }).where('actorKey', '=', actorKey).where('key', '=', key),
      );
      return { status, body };
    },
    opts,
  );
  reply.status(result.status);
  return result.body;
}
