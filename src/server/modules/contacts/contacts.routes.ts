import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contactInput, contactListQuery, contactPatch, contactSchema } from '../../../shared/contacts.ts';
import { can } from '../../auth/policy.ts';
import { STAFF } from '../../http/authenticate.ts';
import { decodeCursor, pageQuery } from '../../http/pagination.ts';
import { type RunDeps, run } from '../../http/run.ts';
import { timelineRoutes } from '../timeline/timeline.routes.ts';
import * as contacts from './contacts.service.ts';

const idParams = z.strictObject({ id: z.uuid({ message: 'must be a contact id (UUID)' }) });
const read = { actors: STAFF, policy: can.readCrm, what: 'read contacts' };
const write = { actors: STAFF, policy: can.manageCrm, what: 'change contacts' };
const tags = ['contacts'];

/** /api/v1/contacts and their timelines. */
export function contactRoutes(deps: RunDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/contacts', {
      config: { auth: write },
      schema: { tags, summary: 'Create a contact', body: contactInput, response: { 201: contactSchema } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => contacts.createContact(ctx, req.body), 201),
    });
    app.get('/contacts', {
      config: { auth: read },
      schema: {
        tags,
        summary: 'List contacts',
        querystring: contactListQuery.extend(pageQuery),
        response: {
          200: z.object({ data: z.array(contactSchema), nextCursor: z.string().nullable(), permissions: z.object({ create: z.boolean() }) }),
        },
      },
      handler: (req, reply) => {
        const { cursor, limit, ...filter } = req.query;
        return run(deps, req, reply, (ctx) => contacts.listContacts(ctx, filter, limit, decodeCursor(cursor)));
      },
    });
    app.get('/contacts/:id', {
      config: { auth: read },
      schema: { tags, summary: 'Get a contact', params: idParams, response: { 200: contactSchema } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => contacts.getContact(ctx, req.params.id)),
    });
    app.patch('/contacts/:id', {
      config: { auth: write },
      schema: { tags, summary: 'Update a contact', params: idParams, body: contactPatch, response: { 200: contactSchema } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => contacts.updateContact(ctx, req.params.id, req.body)),
    });
    app.delete('/contacts/:id', {
      config: { auth: write },
      schema: {
        tags,
        summary: 'Delete a contact (restorable)',
        params: idParams,
        querystring: z.strictObject({ reason: z.string().max(500).optional() }),
        response: { 204: z.null() },
      },
      handler: async (req, reply) => {
        await run(deps, req, reply, (ctx) => contacts.deleteContact(ctx, req.params.id, req.query.reason), 204);
        return null;
      },
    });
    app.post('/contacts/:id/restore', {
      config: { auth: write },
      schema: { tags, summary: 'Restore a deleted contact', params: idParams, response: { 200: contactSchema } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => contacts.restoreContact(ctx, req.params.id)),
    });
    await app.register(
      timelineRoutes(deps, {
        path: 'contacts',
        subjectType: 'contact',
        assertExists: contacts.assertContact,
        canRead: can.readCrm,
        canWrite: can.manageCrm,
      }),
    );
  };
}
