import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { colleagueInvite, colleaguePatch, colleagueSchema } from '../../../shared/portal.ts';
import { can } from '../../auth/policy.ts';
import { STAFF } from '../../http/authenticate.ts';
import { type RunDeps, run } from '../../http/run.ts';
import type { UserDeps } from '../users/users.service.ts';
import { PORTAL } from './portal.routes.ts';
import * as team from './portal-team.service.ts';

const uuid = z.uuid({ message: 'must be an id (UUID)' });
const idParams = z.strictObject({ id: uuid });
const accessParams = z.strictObject({ id: uuid, partnerUserId: uuid });
const list = <T extends z.ZodType>(s: T) => z.object({ data: z.array(s), nextCursor: z.string().nullable() });
const accessEntry = z.object({ id: z.uuid(), name: z.string(), reason: z.enum(['owner', 'shared']) });

/** The partner's team (partner admins invite and deactivate colleagues) and who sees which deal, from both sides. */
export function portalTeamRoutes(deps: RunDeps & UserDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/portal/team', {
      config: { auth: { actors: PORTAL, policy: can.readPortal, what: 'see your colleagues' } },
      schema: { tags: ['portal'], summary: 'The people of your partner organisation', response: { 200: list(colleagueSchema) } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => team.listColleagues(ctx)),
    });
    app.post('/portal/team', {
      config: { auth: { actors: PORTAL, policy: can.managePartnerTeam, what: 'invite colleagues (partner admins only)' } },
      schema: {
        tags: ['portal'],
        summary: 'Invite a colleague (emails them a sign-in link)',
        body: colleagueInvite,
        response: { 201: colleagueSchema },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => team.inviteColleague(ctx, deps, req.body), 201),
    });
    app.patch('/portal/team/:id', {
      config: { auth: { actors: PORTAL, policy: can.managePartnerTeam, what: 'change colleagues (partner admins only)' } },
      schema: {
        tags: ['portal'],
        summary: 'Change a colleague’s role or deactivate them (their sessions end at once)',
        params: idParams,
        body: colleaguePatch,
        response: { 200: colleagueSchema },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => team.updateColleague(ctx, req.params.id, req.body)),
    });
    app.get('/portal/deals/:id/access', {
      config: { auth: { actors: PORTAL, policy: can.managePartnerTeam, what: 'see who works a deal (partner admins only)' } },
      schema: {
        tags: ['portal'],
        summary: 'Colleagues who see the deal as reps',
        params: idParams,
        response: { 200: z.object({ data: z.array(accessEntry) }) },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => team.dealAccessForPartner(ctx, req.params.id)),
    });
    app.put('/portal/deals/:id/access/:partnerUserId', {
      config: { auth: { actors: PORTAL, policy: can.managePartnerTeam, what: 'share deals with colleagues (partner admins only)' } },
      schema: {
        tags: ['portal'],
        summary: 'Share a deal with a colleague',
        params: accessParams,
        response: { 200: z.object({ data: z.array(accessEntry) }) },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => team.shareDealWithColleague(ctx, req.params.id, req.params.partnerUserId)),
    });
    app.delete('/portal/deals/:id/access/:partnerUserId', {
      config: { auth: { actors: PORTAL, policy: can.managePartnerTeam, what: 'share deals with colleagues (partner admins only)' } },
      schema: { tags: ['portal'], summary: 'Stop sharing a deal with a colleague', params: accessParams, response: { 204: z.null() } },
      handler: async (req, reply) => {
        await run(deps, req, reply, (ctx) => team.unshareDealWithColleague(ctx, req.params.id, req.params.partnerUserId), 204);
        return null;
      },
    });

    const staffEntry = accessEntry.extend({ partnerId: z.uuid() });
    app.get('/opportunities/:id/partner-access', {
      config: { auth: { actors: STAFF, policy: can.readCrm, what: 'read opportunities' } },
      schema: {
        tags: ['opportunities'],
        summary: 'Partner users who see the deal as reps (its owner and those it is shared with)',
        params: idParams,
        response: { 200: z.object({ data: z.array(staffEntry) }) },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => team.dealAccessForStaff(ctx, req.params.id)),
    });
    app.put('/opportunities/:id/partner-access/:partnerUserId', {
      config: { auth: { actors: STAFF, policy: can.manageCrm, what: 'share opportunities with partner users' } },
      schema: {
        tags: ['opportunities'],
        summary: 'Share the deal with a user of a partner on it',
        params: accessParams,
        response: { 200: z.object({ data: z.array(staffEntry) }) },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => team.grantDealAccess(ctx, req.params.id, req.params.partnerUserId)),
    });
    app.delete('/opportunities/:id/partner-access/:partnerUserId', {
      config: { auth: { actors: STAFF, policy: can.manageCrm, what: 'share opportunities with partner users' } },
      schema: { tags: ['opportunities'], summary: 'Stop sharing the deal with a partner user', params: accessParams, response: { 204: z.null() } },
      handler: async (req, reply) => {
        await run(deps, req, reply, (ctx) => team.revokeDealAccess(ctx, req.params.id, req.params.partnerUserId), 204);
        return null;
      },
    });
  };
}
