import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { duplicateCheckInput, partnerDuplicateCheckSchema } from '../../../shared/duplicates.ts';
import {
  appealInput,
  decideAppealInput,
  decideExtensionInput,
  extensionInput,
  linkRegistrationInput,
  partnerRegistrationSchema,
  registrationLinkInput,
  registrationLinkSchema,
  registrationSchema,
} from '../../../shared/registrations.ts';
import { can } from '../../auth/policy.ts';
import { STAFF } from '../../http/authenticate.ts';
import { type RunDeps, run } from '../../http/run.ts';
import { checkDuplicates } from '../duplicates/duplicates.service.ts';
import * as followups from './registration-followups.service.ts';
import * as links from './registration-links.service.ts';
import { type RegistrationDeps, registrationCandidates } from './registrations.service.ts';

const idParams = z.strictObject({ id: z.uuid({ message: 'must be an id (UUID)' }) });
const tokenParams = z.strictObject({ token: z.string().min(10).max(200) });
const tags = ['registrations'];
const view = z.union([partnerRegistrationSchema, registrationSchema]);
const PARTNER = { actors: ['partner_user' as const, 'api_key' as const], policy: can.writePortal };
const LINK = { actors: ['registration_link' as const] };

/** Appeals, extension requests and the no-login registration links. */
export function registrationFollowupRoutes(deps: RunDeps & RegistrationDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/registrations/:id/appeal', {
      config: { auth: { ...PARTNER, what: 'appeal decisions' } },
      schema: {
        tags,
        summary: 'Appeal a rejection within the appeal window, with evidence (attachment ids from POST /attachments)',
        params: idParams,
        body: appealInput,
        response: { 201: view },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => followups.appealRegistration(ctx, deps, req.params.id, req.body), 201),
    });
    app.post('/appeals/:id/decide', {
      config: { auth: { actors: STAFF, policy: can.decideRegistrations, what: 'decide appeals' } },
      schema: {
        tags,
        summary: 'Uphold an appeal (the registration is approved) or deny it',
        params: idParams,
        body: decideAppealInput,
        response: { 200: registrationSchema },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => followups.decideAppeal(ctx, deps, req.params.id, req.body)),
    });
    app.post('/registrations/:id/extension-requests', {
      config: { auth: { ...PARTNER, what: 'request extensions' } },
      schema: {
        tags,
        summary: 'Ask to extend the protection on evidence of progress',
        params: idParams,
        body: extensionInput,
        response: { 201: view },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => followups.requestExtension(ctx, deps, req.params.id, req.body), 201),
    });
    app.post('/extension-requests/:id/decide', {
      config: { auth: { actors: STAFF, policy: can.decideRegistrations, what: 'decide extension requests' } },
      schema: {
        tags,
        summary: 'Approve an extension (by the days asked, or `days`) or refuse it',
        params: idParams,
        body: decideExtensionInput,
        response: { 200: registrationSchema },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => followups.decideExtension(ctx, deps, req.params.id, req.body)),
    });

    app.post('/partners/:id/registration-links', {
      config: { auth: { actors: STAFF, policy: can.managePartners, what: 'create registration links' } },
      schema: {
        tags,
        summary: 'A no-login registration link for a partner (the URL is shown once)',
        params: idParams,
        body: registrationLinkInput,
        response: { 201: registrationLinkSchema },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => links.createRegistrationLink(ctx, deps, req.params.id, req.body), 201),
    });
    app.get('/partners/:id/registration-links', {
      config: { auth: { actors: STAFF, policy: can.readPartners, what: 'read registration links' } },
      schema: {
        tags,
        summary: 'A partner’s registration links with their use',
        params: idParams,
        response: { 200: z.object({ data: z.array(registrationLinkSchema), nextCursor: z.null() }) },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => links.listRegistrationLinks(ctx, req.params.id)),
    });
    app.delete('/registration-links/:id', {
      config: { auth: { actors: STAFF, policy: can.managePartners, what: 'revoke registration links' } },
      schema: { tags, summary: 'Revoke a registration link (it answers 410 from now on)', params: idParams, response: { 204: z.null() } },
      handler: async (req, reply) => {
        await run(deps, req, reply, (ctx) => links.revokeRegistrationLink(ctx, req.params.id), 204);
        return null;
      },
    });

    app.get('/registration-links/:token/form', {
      config: { auth: LINK },
      schema: {
        tags,
        summary: 'What the no-login registration form needs: branding, the partner, required fields',
        params: tokenParams,
        response: {
          200: z.object({
            workspace: z.record(z.string(), z.unknown()),
            partner: z.object({ name: z.string() }),
            expiresAt: z.string(),
            motions: z.array(z.string()),
            requiredFields: z.record(z.string(), z.array(z.string())),
            leadRequiredFields: z.array(z.string()),
          }),
        },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => links.linkForm(ctx)),
    });
    app.post('/registration-links/:token/duplicate-check', {
      config: { auth: LINK },
      schema: {
        tags,
        summary: 'The live hint while typing: only whether a conflict is possible',
        params: tokenParams,
        body: duplicateCheckInput,
        response: { 200: partnerDuplicateCheckSchema },
      },
      handler: (req, reply) =>
        run(deps, req, reply, async (ctx) => partnerDuplicateCheckSchema.parse(await checkDuplicates(ctx, req.body, registrationCandidates()))),
    });
    app.post('/registration-links/:token/registrations', {
      config: { auth: LINK },
      schema: {
        tags,
        summary: 'Register a deal or lead through the link (the confirmation goes to the submitter)',
        params: tokenParams,
        body: linkRegistrationInput,
        response: { 201: partnerRegistrationSchema },
      },
      handler: (req, reply) =>
        run(deps, req, reply, async (ctx) => partnerRegistrationSchema.parse(await links.registerThroughLink(ctx, deps, req.body)), 201),
    });
  };
}
