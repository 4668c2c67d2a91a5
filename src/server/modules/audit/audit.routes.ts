import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../auth/policy.ts';
import { STAFF } from '../../http/authenticate.ts';
import { pageQuery } from '../../http/pagination.ts';
import { type RunDeps, run } from '../../http/run.ts';
import { listAuditEvents } from './audit.service.ts';

export const auditQuery = z.strictObject({
  entityType: z.string().max(60).optional(),
  entityId: z.string().max(100).optional(),
  actorId: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
  to: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
  ...pageQuery,
});

const eventSchema = z.object({
  id: z.uuid(),
  seq: z.number(),
  occurredAt: z.string(),
  actorKind: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  changes: z.record(z.string(), z.unknown()).nullable(),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});

/** /api/v1/audit-events */
export function auditRoutes(deps: RunDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/audit-events', {
      config: { auth: { actors: STAFF, policy: can.readAudit, what: 'read the audit log' } },
      schema: {
        tags: ['audit'],
        summary: 'Audit events, newest first',
        querystring: auditQuery,
        response: { 200: z.object({ data: z.array(eventSchema), nextCursor: z.string().nullable() }) },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => listAuditEvents(ctx, req.query)),
    });
  };
}
