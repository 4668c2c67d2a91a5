import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { duplicateCheckInput, duplicateCheckSchema, partnerDuplicateCheckSchema } from '../../../shared/duplicates.ts';
import { can } from '../../auth/policy.ts';
import { type RunDeps, run } from '../../http/run.ts';
import { checkDuplicates, type RegistrationSource } from './duplicates.service.ts';

/** POST /api/v1/duplicate-check: REG-3's check of a company being registered. */
export function duplicateRoutes(deps: RunDeps & { registrations?: RegistrationSource }): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/duplicate-check', {
      config: { auth: { actors: ['staff', 'api_key', 'partner_user'], policy: can.checkDuplicates, what: 'check for duplicates' } },
      schema: {
        tags: ['duplicates'],
        summary: 'Check a company for duplicates and conflicts',
        description:
          'Matches a company (name, web domain, contact e-mail) against the accounts and their open opportunities: domain and e-mail-domain equality (free mail ignored), the name after legal forms, case, accents, transliteration, abbreviations, word order and typos. ' +
          '`conflict`: an account that is the same company (score ≥ 0.93) has an open opportunity; `possible_duplicate`: candidates scoring ≥ 0.76; `no_match`. ' +
          'Staff and staff API keys get the candidates with scores and reasons; partner users and partner-bound API keys get only `no_match` or `possible_conflict` with a message. Fast enough to call while typing (debounced).',
        body: duplicateCheckInput,
        // The partner schema is strict and listed first: a staff answer (with candidates) can never pass as it.
        response: { 200: z.union([partnerDuplicateCheckSchema, duplicateCheckSchema]) },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => checkDuplicates(ctx, req.body, deps.registrations)),
    });
  };
}
