import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  partnerDealSchema,
  partnerLeadSchema,
  partnerTaskSchema,
  partnerTimelineEntrySchema,
  portalDealListQuery,
  portalDealPatch,
  portalLeadListQuery,
  portalReplyInput,
  portalTaskPatch,
} from '../../../shared/portal.ts';
import type { ActorKind } from '../../auth/actor.ts';
import { can } from '../../auth/policy.ts';
import type { Ctx } from '../../context.ts';
import { inWorkspace } from '../../db/client.ts';
import { decodeCursor, pageQuery } from '../../http/pagination.ts';
import { actorOf, type RunDeps, run } from '../../http/run.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { BOM, csvRows } from '../exports/csv-cells.ts';
import { getRulesOfEngagement } from '../program/program.service.ts';
import * as portal from './portal.service.ts';
import { dealCsvColumns } from './portal-export.ts';

/** Partner users, and API keys bound to a partner. */
export const PORTAL: ActorKind[] = ['partner_user', 'api_key'];

const idParams = z.strictObject({ id: z.uuid({ message: 'must be an id (UUID)' }) });
const page = <T extends z.ZodType>(s: T) => z.object({ data: z.array(s), nextCursor: z.string().nullable() });
const read = (what: string) => ({ auth: { actors: PORTAL, policy: can.readPortal, what } });
const write = (what: string) => ({ auth: { actors: PORTAL, policy: can.writePortal, what } });
const tags = ['portal'];

/** /api/v1/portal/…: the partner's deals, their shared timeline and tasks, its leads, the rules of engagement. */
export function portalRoutes(deps: RunDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/portal/deals', {
      config: read('read your deals'),
      schema: {
        tags,
        summary: 'Your deals (as your partner’s safelist shows them)',
        querystring: portalDealListQuery.extend(pageQuery),
        response: { 200: page(partnerDealSchema) },
      },
      handler: (req, reply) => {
        const { cursor, limit, ...filter } = req.query;
        return run(deps, req, reply, (ctx) => portal.listDeals(ctx, filter, limit, decodeCursor(cursor)));
      },
    });
    app.get('/portal/deals/export.csv', {
      config: read('export your deals'),
      schema: {
        tags,
        summary: 'Your deals as CSV: the columns your safelist shows',
        querystring: portalDealListQuery,
        produces: ['text/csv'],
        response: { 200: z.string().describe('CSV file') },
      },
      handler: async (req, reply) => {
        const actor = actorOf(req);
        const ctxOf = (trx: Ctx['trx']): Ctx => ({ trx, actor, workspaceId: actor.workspaceId, requestId: req.id, ip: req.ip, now: deps.now });
        const PAGE = 1_000;
        const first = await inWorkspace(deps.db, actor.workspaceId, async (trx) => {
          const ctx = ctxOf(trx);
          const { lists } = await portal.partnerContext(ctx);
          await recordAudit(ctx, { action: 'portal.deals_exported', entityType: 'opportunity', data: { filter: req.query } });
          return { columns: dealCsvColumns(lists), page: await portal.listDeals(ctx, req.query, PAGE) };
        });
        async function* body() {
          yield BOM + csvRows([first.columns.map((c) => c.header)], ',');
          let p = first.page;
          for (;;) {
            yield csvRows(
              p.data.map((d) => first.columns.map((c) => c.value(d))),
              ',',
            );
            if (!p.nextCursor) return;
            const after = decodeCursor(p.nextCursor);
            p = await inWorkspace(deps.db, actor.workspaceId, (trx) => portal.listDeals(ctxOf(trx), req.query, PAGE, after));
          }
        }
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="deals-${deps.now().toISOString().slice(0, 10)}.csv"`)
          .header('cache-control', 'no-store');
        return reply.send(Readable.from(body()) as never);
      },
    });
    app.get('/portal/deals/:id', {
      config: read('read your deals'),
      schema: { tags, summary: 'One of your deals, with its account and contacts', params: idParams, response: { 200: partnerDealSchema } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => portal.getDeal(ctx, req.params.id)),
    });
    app.patch('/portal/deals/:id', {
      config: write('change your deals'),
      schema: {
        tags,
        summary: 'Change the fields of a deal your safelist lets you edit (403 naming any other field)',
        params: idParams,
        body: portalDealPatch,
        response: { 200: partnerDealSchema },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => portal.updateDeal(ctx, req.params.id, req.body)),
    });
    app.get('/portal/deals/:id/timeline', {
      config: read('read your deals'),
      schema: {
        tags,
        summary: 'The shared timeline of a deal, newest first',
        params: idParams,
        querystring: z.strictObject({ ...pageQuery }),
        response: { 200: page(partnerTimelineEntrySchema) },
      },
      handler: (req, reply) =>
        run(deps, req, reply, (ctx) => portal.dealTimeline(ctx, req.params.id, req.query.limit, decodeCursor(req.query.cursor))),
    });
    app.post('/portal/deals/:id/timeline', {
      config: write('reply on your deals'),
      schema: {
        tags,
        summary: 'Reply on a deal: a note on its timeline, shared with the vendor’s team',
        params: idParams,
        body: portalReplyInput,
        response: { 201: partnerTimelineEntrySchema },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => portal.replyOnDeal(ctx, req.params.id, req.body.body), 201),
    });
    app.get('/portal/deals/:id/tasks', {
      config: read('read your deals'),
      schema: { tags, summary: 'The shared tasks of a deal', params: idParams, response: { 200: z.object({ data: z.array(partnerTaskSchema) }) } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => portal.dealTasks(ctx, req.params.id)),
    });
    app.patch('/portal/tasks/:id', {
      config: write('update tasks'),
      schema: {
        tags,
        summary: 'Update a shared task of one of your deals (the fields your safelist makes editable)',
        params: idParams,
        body: portalTaskPatch,
        response: { 200: partnerTaskSchema },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => portal.updateDealTask(ctx, req.params.id, req.body)),
    });
    app.get('/portal/leads', {
      config: read('read your leads'),
      schema: { tags, summary: 'Your leads, newest first', querystring: portalLeadListQuery, response: { 200: page(partnerLeadSchema) } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => portal.listLeads(ctx, req.query.status)),
    });
    app.get('/portal/rules-of-engagement', {
      config: read('read the rules of engagement'),
      schema: {
        tags,
        summary: 'The published rules of engagement (conflict policy, protection, SLAs) in your language',
        querystring: z.strictObject({ locale: z.enum(['en', 'de']).optional() }),
        response: {
          200: z.object({ title: z.string(), rules: z.array(z.string()), locale: z.enum(['en', 'de']), protectionDays: z.number() }),
        },
      },
      handler: (req, reply) =>
        run(deps, req, reply, async (ctx) => {
          const locale = req.query.locale ?? (await portal.callerLocale(ctx));
          const { title, rules, protectionDays } = await getRulesOfEngagement(ctx, locale);
          return { title, rules, locale, protectionDays };
        }),
    });
  };
}
