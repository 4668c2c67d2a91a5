import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { partnerInput, partnerListQuery, partnerPatch, partnerSchema } from '../../../shared/partners.ts';
import { can } from '../../auth/policy.ts';
import { STAFF } from '../../http/authenticate.ts';
import { decodeCursor, pageQuery } from '../../http/pagination.ts';
import { type RunDeps, run } from '../../http/run.ts';
import * as partners from './partners.service.ts';

const idParams = z.strictObject({ id: z.uuid({ message: 'must be a partner id (UUID)' }) });
const read = { actors: STAFF, policy: can.readPartners, what: 'read partners' };
const write = { actors: STAFF, policy: can.managePartners, what: 'manage partners' };
const tags = ['partners'];

/** /api/v1/partners: partner organisations. */
export function partnerRoutes(deps: RunDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/partners', {
      config: { auth: write },
      schema: { tags, summary: 'Create a partner', body: partnerInput, response: { 201: partnerSchema } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => partners.createPartner(ctx, req.body), 201),
    });
    app.get('/partners', {
      config: { auth: read },
      schema: {
        tags,
        summary: 'List partners',
        querystring: partnerListQuery.extend(pageQuery),
        response: {
          200: z.object({ data: z.array(partnerSchema), nextCursor: z.string().nullable(), permissions: z.object({ create: z.boolean() }) }),
        },
      },
      handler: (req, reply) => {
        const { cursor, limit, ...filter } = req.query;
        return run(deps, req, reply, (ctx) => partners.listPartners(ctx, filter, limit, decodeCursor(cursor)));
      },
    });
    app.get('/partners/:id', {
      config: { auth: read },
      schema: { tags, summary: 'Get a partner', params: idParams, response: { 200: partnerSchema } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => partners.getPartner(ctx, req.params.id)),
    });
    app.patch('/partners/:id', {
      config: { auth: write },
      schema: { tags, summary: 'Update a partner', params: idParams, body: partnerPatch, response: { 200: partnerSchema } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => partners.updatePartner(ctx, req.params.id, req.body)),
    });
    app.delete('/partners/:id', {
      config: { auth: write },
      schema: {
        tags,
        summary: 'Delete a partner',
        params: idParams,
        querystring: z.strictObject({ reason: z.string().max(500).optional() }),
        response: { 204: z.null() },
      },
      handler: async (req, reply) => {
        await run(deps, req, reply, (ctx) => partners.deletePartner(ctx, req.params.id, req.query.reason), 204);
        return null;
      },
    });
  };
}
