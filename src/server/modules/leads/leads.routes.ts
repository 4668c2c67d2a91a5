import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { leadConversionSchema, leadConvertInput, leadInput, leadListQuery, leadPatch, leadSchema } from '../../../shared/leads.ts';
import { can } from '../../auth/policy.ts';
import { STAFF } from '../../http/authenticate.ts';
import { decodeCursor, pageQuery } from '../../http/pagination.ts';
import { type RunDeps, run } from '../../http/run.ts';
import { timelineRoutes } from '../timeline/timeline.routes.ts';
import { convertLead } from './lead-conversion.service.ts';
import * as leads from './leads.service.ts';

const idParams = z.strictObject({ id: z.uuid({ message: 'must be a lead id (UUID)' }) });
const read = { actors: STAFF, policy: can.readCrm, what: 'read leads' };
const write = { actors: STAFF, policy: can.manageCrm, what: 'change leads' };
const tags = ['leads'];

/** /api/v1/leads, their conversion and their timelines. */
export function leadRoutes(deps: RunDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/leads', {
      config: { auth: write },
      schema: { tags, summary: 'Create a lead', body: leadInput, response: { 201: leadSchema } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => leads.createLead(ctx, req.body), 201),
    });
    app.get('/leads', {
      config: { auth: read },
      schema: {
        tags,
        summary: 'List leads',
        querystring: leadListQuery.extend(pageQuery),
        response: {
          200: z.object({ data: z.array(leadSchema), nextCursor: z.string().nullable(), permissions: z.object({ create: z.boolean() }) }),
        },
      },
      handler: (req, reply) => {
        const { cursor, limit, ...filter } = req.query;
        return run(deps, req, reply, (ctx) => leads.listLeads(ctx, filter, limit, decodeCursor(cursor)));
      },
    });
    app.get('/leads/:id', {
      config: { auth: read },
      schema: { tags, summary: 'Get a lead', params: idParams, response: { 200: leadSchema } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => leads.getLead(ctx, req.params.id)),
    });
    app.patch('/leads/:id', {
      config: { auth: write },
      schema: { tags, summary: 'Update a lead', params: idParams, body: leadPatch, response: { 200: leadSchema } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => leads.updateLead(ctx, req.params.id, req.body)),
    });
    app.delete('/leads/:id', {
      config: { auth: write },
      schema: {
        tags,
        summary: 'Delete a lead (restorable)',
        params: idParams,
        querystring: z.strictObject({ reason: z.string().max(500).optional() }),
        response: { 204: z.null() },
      },
      handler: async (req, reply) => {
        await run(deps, req, reply, (ctx) => leads.deleteLead(ctx, req.params.id, req.query.reason), 204);
        return null;
      },
    });
    app.post('/leads/:id/restore', {
      config: { auth: write },
      schema: { tags, summary: 'Restore a deleted lead', params: idParams, response: { 200: leadSchema } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => leads.restoreLead(ctx, req.params.id)),
    });
    app.post('/leads/:id/convert', {
      config: { auth: write },
      schema: {
        tags,
        summary: 'Convert a lead into an account, a contact and optionally an opportunity (once)',
        description:
          'All in one transaction. The account is the one given by accountId, else (unless createAccount is true) the one holding the company domain, else a new one. With createOpportunity, the lead’s partner becomes its sourcing referrer at 100 %. A second conversion answers 409.',
        params: idParams,
        body: leadConvertInput,
        response: { 200: leadConversionSchema },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => convertLead(ctx, req.params.id, req.body)),
    });
    await app.register(
      timelineRoutes(deps, {
        path: 'leads',
        subjectType: 'lead',
        assertExists: leads.assertLead,
        canRead: can.readCrm,
        canWrite: can.manageCrm,
      }),
    );
  };
}
