import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../auth/policy.ts';
import { STAFF } from '../../http/authenticate.ts';
import { type RunDeps, run } from '../../http/run.ts';
import * as keys from './api-keys.service.ts';

const tags = ['api-keys'];
const auth = { actors: STAFF, policy: can.manageApiKeys, what: 'manage API keys' };

/** /api/v1/api-keys */
export function apiKeyRoutes(deps: RunDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api-keys', {
      config: { auth },
      schema: { tags, summary: 'List API keys', response: { 200: z.object({ data: z.array(keys.apiKeySchema), nextCursor: z.null() }) } },
      handler: (req, reply) => run(deps, req, reply, keys.listApiKeys),
    });
    app.post('/api-keys', {
      config: { auth },
      schema: {
        tags,
        summary: 'Create an API key (the key is shown once)',
        body: keys.apiKeyInput,
        response: { 201: keys.apiKeySchema.extend({ key: z.string() }) },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => keys.createApiKey(ctx, req.body), 201),
    });
    app.delete('/api-keys/:id', {
      config: { auth },
      schema: { tags, summary: 'Revoke an API key', params: z.strictObject({ id: z.uuid() }), response: { 204: z.null() } },
      handler: async (req, reply) => {
        await run(deps, req, reply, (ctx) => keys.revokeApiKey(ctx, req.params.id), 204);
        return null;
      },
    });
  };
}
