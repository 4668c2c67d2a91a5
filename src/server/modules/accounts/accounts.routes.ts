import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accountInput, accountListQuery, accountPatch, accountSchema } from '../../../shared/accounts.ts';
import { can } from '../../auth/policy.ts';
import { STAFF } from '../../http/authenticate.ts';
import { decodeCursor, pageQuery } from '../../http/pagination.ts';
import { type RunDeps, run } from '../../http/run.ts';
import { timelineRoutes } from '../timeline/timeline.routes.ts';
import * as accounts from './accounts.service.ts';

const idParams = z.strictObject({ id: z.uuid({ message: 'must be an account id (UUID)' }) });
const read = { actors: STAFF, policy: can.readCrm, what: 'read accounts' };
const write = { actors: STAFF, policy: can.manageCrm, what: 'change accounts' };
const tags = ['accounts'];

/** /api/v1/accounts and their timelines. */
export function accountRoutes(deps: RunDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/accounts', {
      config: { auth: write },
      schema: { tags, summary: 'Create an account', body: accountInput, response: { 201: accountSchema } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => accounts.createAccount(ctx, req.body), 201),
    });
    app.get('/accounts', {
      config: { auth: read },
      schema: {
        tags,
        summary: 'List accounts',
        querystring: accountListQuery.extend(pageQuery),
        response: {
          200: z.object({ data: z.array(accountSchema), nextCursor: z.string().nullable(), permissions: z.object({ create: z.boolean() }) }),
        },
      },
      handler: (req, reply) => {
        const { cursor, limit, ...filter } = req.query;
        return run(deps, req, reply, (ctx) => accounts.listAccounts(ctx, filter, limit, decodeCursor(cursor)));
      },
    });
    app.get('/accounts/:id', {
      config: { auth: read },
      schema: { tags, summary: 'Get an account', params: idParams, response: { 200: accountSchema } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => accounts.getAccount(ctx, req.params.id)),
    });
    app.patch('/accounts/:id', {
      config: { auth: write },
      schema: { tags, summary: 'Update an account', params: idParams, body: accountPatch, response: { 200: accountSchema } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => accounts.updateAccount(ctx, req.params.id, req.body)),
    });
    app.delete('/accounts/:id', {
      config: { auth: write },
      schema: {
        tags,
        summary: 'Delete an account (restorable)',
        params: idParams,
        querystring: z.strictObject({ reason: z.string().max(500).optional() }),
        response: { 204: z.null() },
      },
      handler: async (req, reply) => {
        await run(deps, req, reply, (ctx) => accounts.deleteAccount(ctx, req.params.id, req.query.reason), 204);
        return null;
      },
    });
    app.post('/accounts/:id/restore', {
      config: { auth: write },
      schema: { tags, summary: 'Restore a deleted account', params: idParams, response: { 200: accountSchema } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => accounts.restoreAccount(ctx, req.params.id)),
    });
    await app.register(
      timelineRoutes(deps, {
        path: 'accounts',
        subjectType: 'account',
        assertExists: accounts.assertAccount,
        canRead: can.readCrm,
        canWrite: can.manageCrm,
      }),
    );
  };
}
