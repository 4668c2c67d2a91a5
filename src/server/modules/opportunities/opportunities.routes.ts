import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  opportunityContactRolesPut,
  opportunityInput,
  opportunityListQuery,
  opportunityPartnersPut,
  opportunityPatch,
  opportunitySchema,
  opportunitySummaryQuery,
  opportunitySummarySchema,
} from '../../../shared/opportunities.ts';
import { can } from '../../auth/policy.ts';
import { STAFF } from '../../http/authenticate.ts';
import { decodeCursor, pageQuery } from '../../http/pagination.ts';
import { type RunDeps, run } from '../../http/run.ts';
import { timelineRoutes } from '../timeline/timeline.routes.ts';
import * as opportunities from './opportunities.service.ts';

const idParams = z.strictObject({ id: z.uuid({ message: 'must be an opportunity id (UUID)' }) });
const read = { actors: STAFF, policy: can.readCrm, what: 'read opportunities' };
const write = { actors: STAFF, policy: can.manageCrm, what: 'change opportunities' };
const tags = ['opportunities'];

/** /api/v1/opportunities, their partner and contact roles, and their timelines. */
export function opportunityRoutes(deps: RunDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/opportunities', {
      config: { auth: write },
      schema: { tags, summary: 'Create an opportunity', body: opportunityInput, response: { 201: opportunitySchema } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => opportunities.createOpportunity(ctx, req.body), 201),
    });
    app.get('/opportunities', {
      config: { auth: read },
      schema: {
        tags,
        summary: 'List opportunities',
        querystring: opportunityListQuery.extend(pageQuery),
        response: {
          200: z.object({ data: z.array(opportunitySchema), nextCursor: z.string().nullable(), permissions: z.object({ create: z.boolean() }) }),
        },
      },
      handler: (req, reply) => {
        const { cursor, limit, ...filter } = req.query;
        return run(deps, req, reply, (ctx) => opportunities.listOpportunities(ctx, filter, limit, decodeCursor(cursor)));
      },
    });
    app.get('/opportunities/summary', {
      config: { auth: read },
      schema: {
        tags,
        summary: 'Deal count and totals per currency of each stage, over the opportunities matching the list filters',
        querystring: opportunitySummaryQuery,
        response: { 200: opportunitySummarySchema },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => opportunities.summarizeOpportunities(ctx, req.query)),
    });
    app.get('/opportunities/:id', {
      config: { auth: read },
      schema: { tags, summary: 'Get an opportunity', params: idParams, response: { 200: opportunitySchema } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => opportunities.getOpportunity(ctx, req.params.id)),
    });
    app.patch('/opportunities/:id', {
      config: { auth: write },
      schema: {
        tags,
        summary: 'Update an opportunity (a stage change goes on its timeline)',
        params: idParams,
        body: opportunityPatch,
        response: { 200: opportunitySchema },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => opportunities.updateOpportunity(ctx, req.params.id, req.body)),
    });
    app.put('/opportunities/:id/partners', {
      config: { auth: write },
      schema: {
        tags,
        summary: 'Replace the partner roles of an opportunity (shares together at most 100 %)',
        params: idParams,
        body: opportunityPartnersPut,
        response: { 200: opportunitySchema },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => opportunities.replacePartners(ctx, req.params.id, req.body.partners)),
    });
    app.put('/opportunities/:id/contact-roles', {
      config: { auth: write },
      schema: {
        tags,
        summary: 'Replace the contact roles of an opportunity',
        params: idParams,
        body: opportunityContactRolesPut,
        response: { 200: opportunitySchema },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => opportunities.replaceContactRoles(ctx, req.params.id, req.body.contactRoles)),
    });
    app.delete('/opportunities/:id', {
      config: { auth: write },
      schema: {
        tags,
        summary: 'Delete an opportunity (restorable)',
        params: idParams,
        querystring: z.strictObject({ reason: z.string().max(500).optional() }),
        response: { 204: z.null() },
      },
      handler: async (req, reply) => {
        await run(deps, req, reply, (ctx) => opportunities.deleteOpportunity(ctx, req.params.id, req.query.reason), 204);
        return null;
      },
    });
    app.post('/opportunities/:id/restore', {
      config: { auth: write },
      schema: { tags, summary: 'Restore a deleted opportunity', params: idParams, response: { 200: opportunitySchema } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => opportunities.restoreOpportunity(ctx, req.params.id)),
    });
    await app.register(
      timelineRoutes(deps, {
        path: 'opportunities',
        subjectType: 'opportunity',
        assertExists: opportunities.assertOpportunity,
        canRead: can.readCrm,
        canWrite: can.manageCrm,
      }),
    );
  };
}
