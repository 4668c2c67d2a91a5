import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { searchQuery, searchResponse } from '../../../shared/search.ts';
import { can } from '../../auth/policy.ts';
import { STAFF } from '../../http/authenticate.ts';
import { type RunDeps, run } from '../../http/run.ts';
import { searchCrm } from './search.service.ts';

/** GET /api/v1/search: one box for accounts, contacts and opportunities. */
export function searchRoutes(deps: RunDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/search', {
      config: { auth: { actors: STAFF, policy: can.readCrm, what: 'search the CRM' } },
      schema: {
        tags: ['search'],
        summary: 'Search accounts, contacts and opportunities',
        description:
          'Accounts by name (full text and trigram similarity, accents and case ignored, Mueller finds Müller) and by domain (prefix); contacts by name and email; opportunities by name. Ranked across types.',
        querystring: searchQuery,
        response: { 200: searchResponse },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => searchCrm(ctx, req.query)),
    });
  };
}
