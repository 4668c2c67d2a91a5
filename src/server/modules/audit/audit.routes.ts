import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../auth/policy.ts';
import type { Ctx } from '../../context.ts';
import { STAFF } from '../../http/authenticate.ts';
import { decodeCursor, pageQuery, toPage } from '../../http/pagination.ts';
import { type RunDeps, run } from '../../http/run.ts';

const query = z.strictObject({
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

/** Audit events of the workspace, newest first, with filters. */
async function listAuditEvents(ctx: Ctx, q: z.infer<typeof query>) {
  let s = ctx.trx.selectFrom('auditEvents').selectAll().where('workspaceId', '=', ctx.workspaceId);
  if (q.entityType) s = s.where('entityType', '=', q.entityType);
  if (q.entityId) s = s.where('entityId', '=', q.entityId);
  if (q.actorId) s = s.where('actorId', '=', q.actorId);
  if (q.action) s = s.where('action', '=', q.action);
  if (q.from) s = s.where('occurredAt', '>=', new Date(q.from));
  if (q.to) s = s.where('occurredAt', '<', new Date(q.to));
  const after = decodeCursor(q.cursor);
  if (after) s = s.where('seq', '<', Number(after.k) as never);
  const rows = await s
    .orderBy('seq', 'desc')
    .limit(q.limit + 1)
    .execute();
  const data = rows.map((r) => ({
    id: r.id,
    seq: Number(r.seq),
    occurredAt: r.occurredAt.toISOString(),
    actorKind: r.actorKind,
    actorId: r.actorId,
    actorLabel: r.actorLabel,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    changes: (r.changes as Record<string, unknown> | null) ?? null,
    reason: r.reason,
    requestId: r.requestId,
    ip: r.ip,
  }));
  return toPage(data, q.limit, (e) => e.seq);
}

/** /api/v1/audit-events */
export function auditRoutes(deps: RunDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/audit-events', {
      config: { auth: { actors: STAFF, policy: can.readAudit, what: 'read the audit log' } },
      schema: {
        tags: ['audit'],
        summary: 'Audit events, newest first',
        querystring: query,
        response: { 200: z.object({ data: z.array(eventSchema), nextCursor: z.string().nullable() }) },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => listAuditEvents(ctx, req.query)),
    });
  };
}
