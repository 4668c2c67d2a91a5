import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../auth/policy.ts';
import { STAFF } from '../../http/authenticate.ts';
import { decodeCursor, pageQuery } from '../../http/pagination.ts';
import { type RunDeps, run } from '../../http/run.ts';
import { getEmail, listEmails } from './mailbox.service.ts';

const summary = z.object({ id: z.uuid(), to: z.string(), subject: z.string(), template: z.string(), status: z.string(), createdAt: z.string() });
const auth = { actors: STAFF, policy: can.readMailbox, what: 'read the mailbox' };

/** /api/v1/dev/mailbox: every email the workspace sent or kept (the dev mailbox when SMTP is off). */
export function mailboxRoutes(deps: RunDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/dev/mailbox', {
      config: { auth },
      schema: {
        tags: ['mailbox'],
        summary: 'Emails, newest first',
        querystring: z.strictObject({ to: z.string().max(320).optional(), ...pageQuery }),
        response: { 200: z.object({ data: z.array(summary), nextCursor: z.string().nullable() }) },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => listEmails(ctx, { to: req.query.to }, req.query.limit, decodeCursor(req.query.cursor))),
    });
    app.get('/dev/mailbox/:id', {
      config: { auth },
      schema: {
        tags: ['mailbox'],
        summary: 'One email with its bodies',
        params: z.strictObject({ id: z.uuid() }),
        response: { 200: summary.extend({ text: z.string(), html: z.string() }) },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => getEmail(ctx, req.params.id)),
    });
  };
}
