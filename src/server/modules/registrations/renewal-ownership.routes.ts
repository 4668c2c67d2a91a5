import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RENEWAL_OWNERSHIP_STATUS_TEXT, renewalOwnershipInput, renewalOwnershipSchema } from '../../../shared/renewal-ownership.ts';
import { can } from '../../auth/policy.ts';
import { STAFF } from '../../http/authenticate.ts';
import { type RunDeps, run } from '../../http/run.ts';
import { confirmRenewalOwnership, getRenewalOwnership } from './renewal-ownership.service.ts';

const idParams = z.strictObject({ id: z.uuid({ message: 'must be an account id (UUID)' }) });
const tags = ['registrations'];
const statuses = Object.entries(RENEWAL_OWNERSHIP_STATUS_TEXT)
  .map(([k, v]) => `\`${k}\`: ${v}`)
  .join('; ');

/** /api/v1/accounts/:id/renewal-ownership: who works an account's renewal (REG-11). */
export function renewalOwnershipRoutes(deps: RunDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/accounts/:id/renewal-ownership', {
      config: { auth: { actors: STAFF, policy: can.readCrm, what: 'read accounts' } },
      schema: {
        tags,
        summary: 'Where the renewal ownership of an account stands',
        description: `The confirmation deadline (the SLA's lead before the renewal), the partners with a stake and the confirmation. Status: ${statuses}.`,
        params: idParams,
        response: { 200: renewalOwnershipSchema },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => getRenewalOwnership(ctx, req.params.id)),
    });
    app.post('/accounts/:id/renewal-ownership', {
      config: { auth: { actors: STAFF, policy: can.decideRegistrations, what: 'confirm renewal ownership' } },
      schema: {
        tags,
        summary: 'Confirm who owns the account’s next renewal: a partner, or the direct team (partnerId null)',
        description: 'Stops the reminders and the escalation of the renewal ownership SLA; lands on the account timeline and in the audit log.',
        params: idParams,
        body: renewalOwnershipInput,
        response: { 200: renewalOwnershipSchema },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => confirmRenewalOwnership(ctx, req.params.id, req.body)),
    });
  };
}
