import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../auth/policy.ts';
import { STAFF } from '../../http/authenticate.ts';
import { type RunDeps, run } from '../../http/run.ts';
import * as users from './users.service.ts';

const id = z.strictObject({ id: z.uuid({ message: 'must be an id (UUID)' }) });
const partnerUserParams = z.strictObject({
  id: z.uuid({ message: 'must be an id (UUID)' }),
  userId: z.uuid({ message: 'must be an id (UUID)' }),
});
const list = <T extends z.ZodType>(s: T) => z.object({ data: z.array(s), nextCursor: z.string().nullable() });

/** /api/v1/users (staff members) and /api/v1/partners/{id}/users (partner users). */
export function userRoutes(deps: RunDeps & users.UserDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/users', {
      config: { auth: { actors: STAFF, policy: can.readUsers, what: 'list users' } },
      schema: { tags: ['users'], summary: 'Staff members of the workspace', response: { 200: list(users.staffSchema) } },
      handler: (req, reply) => run(deps, req, reply, users.listStaff),
    });
    app.post('/users', {
      config: { auth: { actors: STAFF, policy: can.manageUsers, what: 'invite users' } },
      schema: {
        tags: ['users'],
        summary: 'Invite a staff member (emails a sign-in link)',
        body: users.staffInvite,
        response: { 201: users.staffSchema },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => users.inviteStaff(ctx, deps, req.body), 201),
    });
    app.patch('/users/:id', {
      config: { auth: { actors: STAFF, policy: can.manageUsers, what: 'change users' } },
      schema: { tags: ['users'], summary: 'Change role or deactivate', params: id, body: users.staffPatch, response: { 200: users.staffSchema } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => users.updateStaff(ctx, req.params.id, req.body)),
    });
    app.get('/partners/:id/users', {
      config: { auth: { actors: STAFF, policy: can.readPartners, what: 'list partner users' } },
      schema: { tags: ['partners'], summary: 'People of a partner organisation', params: id, response: { 200: list(users.partnerUserSchema) } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => users.listPartnerUsers(ctx, req.params.id)),
    });
    app.post('/partners/:id/users', {
      config: { auth: { actors: STAFF, policy: can.managePartners, what: 'invite partner users' } },
      schema: {
        tags: ['partners'],
        summary: 'Invite a partner user (emails a portal sign-in link)',
        params: id,
        body: users.partnerUserInvite,
        response: { 201: users.partnerUserSchema },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => users.invitePartnerUser(ctx, deps, req.params.id, req.body), 201),
    });
    app.patch('/partners/:id/users/:userId', {
      config: { auth: { actors: STAFF, policy: can.managePartners, what: 'change partner users' } },
      schema: {
        tags: ['partners'],
        summary: 'Change a partner user’s role, or deactivate them (their sessions end at once)',
        params: partnerUserParams,
        body: users.partnerUserPatch,
        response: { 200: users.partnerUserSchema },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => users.updatePartnerUser(ctx, req.params.id, req.params.userId, req.body)),
    });
  };
}
