import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { partnerTimelineEntrySchema } from '../../../shared/portal.ts';
import {
  approveInput,
  metricsQuery,
  partnerRegistrationSchema,
  registrationInput,
  registrationListQuery,
  registrationSchema,
  rejectInput,
} from '../../../shared/registrations.ts';
import { timelineEntrySchema } from '../../../shared/timeline.ts';
import { can } from '../../auth/policy.ts';
import { ANY_USER, STAFF } from '../../http/authenticate.ts';
import { groupCommit } from '../../http/group-commit.ts';
import { decodeCursor, pageQuery } from '../../http/pagination.ts';
import { actorOf, type RunDeps, run } from '../../http/run.ts';
import { callerPartnerId } from '../duplicates/duplicates.service.ts';
import { registrationTimeline } from '../portal/portal.service.ts';
import { listTimeline } from '../timeline/timeline.service.ts';
import { workspaceRow } from '../workspaces/workspace-row.ts';
import * as decisions from './registration-decisions.service.ts';
import { registrationForm } from './registration-links.service.ts';
import { registrationMetrics, registrationMetricsSchema } from './registration-metrics.service.ts';
import { companyKeyOf, submitRegistration } from './registration-submit.service.ts';
import { companyLockKey, staffMembersOnce } from './registrations.repository.ts';
import * as registrations from './registrations.service.ts';

const idParams = z.strictObject({ id: z.uuid({ message: 'must be an id (UUID)' }) });
// The partner view is listed first and its duplicate check is strict: a staff view can never pass as it.
const view = z.union([partnerRegistrationSchema, registrationSchema]);
const tags = ['registrations'];
const decide = (what: string) => ({ auth: { actors: STAFF, policy: can.decideRegistrations, what } });

/** /api/v1/registrations: partners register deals and leads; staff decide them. */
export function registrationRoutes(deps: RunDeps & registrations.RegistrationDeps): FastifyPluginAsyncZod {
  // Its statements are look-ups by key and inserts: generic plans measured as good as custom
  // ones, and planning them every time halved throughput at 1 M accounts (bench registration-submit).
  // Every submission reads the workspace row and the staff: read once per group, sent with its BEGIN.
  const submitGrouped = groupCommit(deps, {
    genericPlans: true,
    prefetch: (trx, workspaceId) => {
      void workspaceRow({ trx, workspaceId }).catch(() => {});
      void staffMembersOnce(trx, workspaceId).catch(() => {});
    },
  });
  return async (app) => {
    app.post('/registrations', {
      config: { auth: { actors: ANY_USER, policy: can.registerDeals, what: 'register deals' } },
      schema: {
        tags,
        summary: 'Register a deal or lead (partner users and partner keys for their partner; staff name partnerId)',
        description:
          'Required fields are configured per motion (errors name each missing field). Answers with the registration number, status and the duplicate check: the full check for staff, only `no_match` or `possible_conflict` for partners. Honours Idempotency-Key. Sends the confirmation email.',
        body: registrationInput,
        response: { 201: view },
      },
      // Submissions that arrive together commit together (http/group-commit.ts), each company's
      // lock taken at BEGIN.
      handler: (req, reply) =>
        submitGrouped(req, reply, (ctx) => submitRegistration(ctx, deps, req.body), 201, [
          companyLockKey(actorOf(req).workspaceId, companyKeyOf(req.body.company.name)),
        ]),
    });
    app.get('/registrations', {
      config: { auth: { actors: ANY_USER, policy: can.readRegistrations, what: 'read registrations' } },
      schema: {
        tags,
        summary: 'Registrations: the queue for staff (filters, most urgent first with sort=decisionDueAt), its own for a partner',
        querystring: registrationListQuery.extend(pageQuery),
        response: { 200: z.object({ data: z.array(view), nextCursor: z.string().nullable() }) },
      },
      handler: (req, reply) => {
        const { cursor, limit, ...filter } = req.query;
        return run(deps, req, reply, (ctx) => registrations.listRegistrations(ctx, filter, limit, decodeCursor(cursor)));
      },
    });
    app.get('/registrations/form', {
      config: { auth: { actors: ANY_USER, policy: can.registerDeals, what: 'register deals' } },
      schema: {
        tags,
        summary: 'The registration form’s rules: motions and the fields the workspace requires per motion (deals) and for leads',
        response: {
          200: z.object({
            motions: z.array(z.string()),
            requiredFields: z.record(z.string(), z.array(z.string())),
            leadRequiredFields: z.array(z.string()),
          }),
        },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => registrationForm(ctx)),
    });
    app.get('/registrations/metrics', {
      config: { auth: { actors: STAFF, policy: can.readCrm, what: 'read registration metrics' } },
      schema: {
        tags,
        summary: 'REG-12 figures: time to decision (median, p90), approval rate, top rejection reasons, protections, registered vs unregistered',
        querystring: metricsQuery,
        response: { 200: registrationMetricsSchema },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => registrationMetrics(ctx, req.query)),
    });
    app.get('/registrations/:id', {
      config: { auth: { actors: ANY_USER, policy: can.readRegistrations, what: 'read registrations' } },
      schema: { tags, summary: 'One registration (a partner sees only its own)', params: idParams, response: { 200: view } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => registrations.getRegistration(ctx, req.params.id)),
    });
    app.get('/registrations/:id/timeline', {
      config: { auth: { actors: ANY_USER, policy: can.readRegistrations, what: 'read registrations' } },
      schema: {
        tags,
        summary: 'The registration’s timeline, newest first (partners see the shared entries through their safelist)',
        params: idParams,
        querystring: z.strictObject({ ...pageQuery }),
        // Staff entries first: a partner entry lacks their fields, so it can only pass as what it is.
        response: { 200: z.object({ data: z.array(z.union([timelineEntrySchema, partnerTimelineEntrySchema])), nextCursor: z.string().nullable() }) },
      },
      handler: (req, reply) =>
        run(deps, req, reply, async (ctx) => {
          await registrations.getRegistration(ctx, req.params.id);
          const cursor = decodeCursor(req.query.cursor);
          if (callerPartnerId(ctx.actor) !== null) return registrationTimeline(ctx, req.params.id, req.query.limit, cursor);
          return listTimeline(ctx, { type: 'registration', id: req.params.id }, req.query.limit, cursor);
        }),
    });
    app.post('/registrations/:id/approve', {
      config: decide('approve registrations'),
      schema: {
        tags,
        summary: 'Approve: links or creates the account and opportunity with the partner’s role, starts the protection window',
        params: idParams,
        body: approveInput,
        response: { 200: registrationSchema },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => decisions.approveRegistration(ctx, deps, req.params.id, req.body)),
    });
    app.post('/registrations/:id/reject', {
      config: decide('reject registrations'),
      schema: {
        tags,
        summary: 'Reject with a reason from the workspace’s list and a note',
        params: idParams,
        body: rejectInput,
        response: { 200: registrationSchema },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => decisions.rejectRegistration(ctx, deps, req.params.id, req.body)),
    });
    app.post('/registrations/:id/review', {
      config: decide('review registrations'),
      schema: { tags, summary: 'Take a registration into review', params: idParams, response: { 200: registrationSchema } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => decisions.startReview(ctx, req.params.id)),
    });
    app.post('/registrations/:id/reassign', {
      config: decide('reassign registrations'),
      schema: {
        tags,
        summary: 'Give the decision to another approver',
        params: idParams,
        body: z.strictObject({ approverUserId: z.uuid({ message: 'must be the id of a staff member' }) }),
        response: { 200: registrationSchema },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => decisions.reassignRegistration(ctx, deps, req.params.id, req.body.approverUserId)),
    });
    app.post('/registrations/:id/release', {
      config: decide('release protections'),
      schema: {
        tags,
        summary: 'Release an approved registration’s protection early (e.g. no activity), with a reason',
        params: idParams,
        body: z.strictObject({ reason: z.string().trim().min(1, 'say why the protection is released').max(2_000) }),
        response: { 200: registrationSchema },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => decisions.releaseRegistration(ctx, deps, req.params.id, req.body.reason)),
    });
    app.post('/registrations/:id/withdraw', {
      config: { auth: { actors: ['partner_user', 'api_key'], policy: can.writePortal, what: 'withdraw your registrations' } },
      schema: { tags, summary: 'The partner withdraws a registration waiting for a decision', params: idParams, response: { 200: view } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => decisions.withdrawRegistration(ctx, req.params.id)),
    });
    app.post('/registrations/:id/conflict/acknowledge', {
      config: decide('handle conflicts'),
      schema: { tags, summary: 'Acknowledge a conflict (SLA 24 h)', params: idParams, response: { 200: registrationSchema } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => decisions.handleConflict(ctx, req.params.id, { acknowledge: true })),
    });
    app.post('/registrations/:id/conflict/plan', {
      config: decide('handle conflicts'),
      schema: {
        tags,
        summary: 'Record the conflict’s resolution plan (SLA 5 business days)',
        params: idParams,
        body: z.strictObject({ plan: z.string().trim().min(1, 'describe the plan').max(10_000) }),
        response: { 200: registrationSchema },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => decisions.handleConflict(ctx, req.params.id, { plan: req.body.plan })),
    });
  };
}
