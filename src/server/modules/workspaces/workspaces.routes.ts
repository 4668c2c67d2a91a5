import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { workspacePatch, workspaceSchema } from '../../../shared/workspace.ts';
import { can } from '../../auth/policy.ts';
import { STAFF } from '../../http/authenticate.ts';
import { type RunDeps, run } from '../../http/run.ts';
import { getWorkspace, updateWorkspace } from './workspaces.service.ts';

const tags = ['workspace'];

/** /api/v1/workspace: settings of the caller's workspace. */
export function workspaceRoutes(deps: RunDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/workspace', {
      config: { auth: { actors: STAFF, policy: can.readWorkspace, what: 'read workspace settings' } },
      schema: { tags, summary: 'The workspace: name, time zone, locale, branding', response: { 200: workspaceSchema } },
      handler: (req, reply) => run(deps, req, reply, getWorkspace),
    });
    app.patch('/workspace', {
      config: { auth: { actors: STAFF, policy: can.manageWorkspace, what: 'change workspace settings' } },
      schema: { tags, summary: 'Change workspace settings and branding', body: workspacePatch, response: { 200: workspaceSchema } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => updateWorkspace(ctx, req.body)),
    });
  };
}
