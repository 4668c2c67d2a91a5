import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { partnerDealSchema } from '../../../shared/portal.ts';
import {
  effectiveSafelistSchema,
  safelistCatalogSchema,
  safelistPreviewInput,
  safelistRuleInput,
  safelistRuleSchema,
} from '../../../shared/safelists.ts';
import { can } from '../../auth/policy.ts';
import { STAFF } from '../../http/authenticate.ts';
import { type RunDeps, run } from '../../http/run.ts';
import { dealForPartner } from '../portal/portal.service.ts';
import * as safelists from './safelists.service.ts';

const tags = ['safelists'];
const manage = { auth: { actors: STAFF, policy: can.manageSafelists, what: 'manage partner safelists' } };

/** /api/v1/safelists: which fields partners see and edit, per partner type, tier or partner, and the "view as partner" preview. */
export function safelistRoutes(deps: RunDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/safelists', {
      config: { auth: { actors: STAFF, policy: can.readPartners, what: 'read partner safelists' } },
      schema: {
        tags,
        summary: 'The catalogue of partner-visible fields with their defaults, and the workspace’s rules',
        response: { 200: safelistCatalogSchema },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => safelists.getCatalog(ctx)),
    });
    app.put('/safelists', {
      config: manage,
      schema: {
        tags,
        summary: 'Save the rule of one object and scope (audited)',
        description:
          'The most specific rule applies to a partner: its own, then its tier’s, its type’s, the workspace’s; without one, the built-in defaults.',
        body: safelistRuleInput,
        response: { 200: safelistRuleSchema },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => safelists.saveRule(ctx, req.body)),
    });
    app.delete('/safelists/:id', {
      config: manage,
      schema: {
        tags,
        summary: 'Remove a rule (the scope falls back to the next one)',
        params: z.strictObject({ id: z.uuid() }),
        response: { 204: z.null() },
      },
      handler: async (req, reply) => {
        await run(deps, req, reply, (ctx) => safelists.deleteRule(ctx, req.params.id), 204);
        return null;
      },
    });
    app.get('/safelists/effective', {
      config: { auth: { actors: STAFF, policy: can.readPartners, what: 'read partner safelists' } },
      schema: {
        tags,
        summary: 'Every object’s safelist as it applies to one partner, and the rule that decided it',
        querystring: z.strictObject({ partnerId: z.uuid({ message: 'must be the id of a partner' }) }),
        response: { 200: z.object({ partner: z.object({ id: z.uuid(), name: z.string() }), data: z.array(effectiveSafelistSchema) }) },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => safelists.effectiveFor(ctx, req.query.partnerId)),
    });
    app.post('/safelists/preview', {
      config: { auth: { actors: STAFF, policy: can.readPartners, what: 'preview partner views' } },
      schema: {
        tags,
        summary: 'View a deal as a partner sees it, with the saved safelist or a draft',
        body: safelistPreviewInput,
        response: { 200: partnerDealSchema },
      },
      handler: (req, reply) =>
        run(deps, req, reply, async (ctx) => {
          const { partnerId, recordId, visible, editable } = req.body;
          let lists = await safelists.safelistsFor(ctx, partnerId);
          if (visible) lists = safelists.withDraft(lists, 'opportunity', { visible, editable: editable ?? [] });
          return dealForPartner(ctx, { partnerId, partnerUserId: null, role: 'partner_admin' }, lists, recordId);
        }),
    });
  };
}
