import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../auth/policy.ts';
import { STAFF } from '../../http/authenticate.ts';
import { found } from '../../http/errors.ts';
import { decodeCursor, pageQuery, toPage } from '../../http/pagination.ts';
import { type RunDeps, run } from '../../http/run.ts';

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
      handler: (req, reply) =>
        run(deps, req, reply, async (ctx) => {
          let q = ctx.trx
            .selectFrom('emailMessages')
            .select(['id', 'toAddress', 'subject', 'template', 'status', 'createdAt'])
            .where('workspaceId', '=', ctx.workspaceId);
          if (req.query.to) q = q.where('toAddress', '=', req.query.to.toLowerCase());
          const after = decodeCursor(req.query.cursor);
          if (after)
            q = q.where((eb) =>
              eb.or([
                eb('createdAt', '<', new Date(String(after.k))),
                eb.and([eb('createdAt', '=', new Date(String(after.k))), eb('id', '<', after.id)]),
              ]),
            );
          const rows = await q
            .orderBy('createdAt', 'desc')
            .orderBy('id', 'desc')
            .limit(req.query.limit + 1)
            .execute();
          const data = rows.map((r) => ({
            id: r.id,
            to: r.toAddress,
            subject: r.subject,
            template: r.template,
            status: r.status,
            createdAt: r.createdAt.toISOString(),
          }));
          return toPage(data, req.query.limit, (m) => m.createdAt);
        }),
    });
    app.get('/dev/mailbox/:id', {
      config: { auth },
      schema: {
        tags: ['mailbox'],
        summary: 'One email with its bodies',
        params: z.strictObject({ id: z.uuid() }),
        response: { 200: summary.extend({ text: z.string(), html: z.string() }) },
      },
      handler: (req, reply) =>
        run(deps, req, reply, async (ctx) => {
          const r = found(await ctx.trx.selectFrom('emailMessages').selectAll().where('id', '=', req.params.id).executeTakeFirst(), 'Email');
          return {
            id: r.id,
            to: r.toAddress,
            subject: r.subject,
            template: r.template,
            status: r.status,
            createdAt: r.createdAt.toISOString(),
            text: r.textBody,
            html: r.htmlBody,
          };
        }),
    });
  };
}
