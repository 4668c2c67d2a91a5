import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { timelineEntrySchema, timelineInput } from '../../../shared/timeline.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Ctx } from '../../context.ts';
import type { TimelineSubjectType } from '../../db/schema.ts';
import { STAFF } from '../../http/authenticate.ts';
import { decodeCursor, pageQuery } from '../../http/pagination.ts';
import { type RunDeps, run } from '../../http/run.ts';
import { listTimeline, postTimelineEntry } from './timeline.service.ts';

/** How a module exposes its records' timelines: the path segment, and how to check the record. */
export type TimelineHost = {
  path: string;
  subjectType: TimelineSubjectType;
  /** Throws not_found when the record does not exist (or is not visible) in the workspace. */
  assertExists: (ctx: Ctx, id: string) => Promise<void>;
  canRead: (a: Actor) => boolean;
  canWrite: (a: Actor) => boolean;
};

const idParams = z.strictObject({ id: z.uuid({ message: 'must be an id (UUID)' }) });

/** GET/POST /api/v1/{path}/{id}/timeline for one kind of record. */
export function timelineRoutes(deps: RunDeps, host: TimelineHost): FastifyPluginAsyncZod {
  const tags = ['timeline'];
  return async (app) => {
    app.get(`/${host.path}/:id/timeline`, {
      config: { auth: { actors: STAFF, policy: host.canRead, what: `read ${host.path}` } },
      schema: {
        tags,
        summary: `Timeline of a ${host.subjectType}, newest first`,
        params: idParams,
        querystring: z.strictObject({ ...pageQuery }),
        response: { 200: z.object({ data: z.array(timelineEntrySchema), nextCursor: z.string().nullable() }) },
      },
      handler: (req, reply) =>
        run(deps, req, reply, async (ctx) => {
          await host.assertExists(ctx, req.params.id);
          return listTimeline(ctx, { type: host.subjectType, id: req.params.id }, req.query.limit, decodeCursor(req.query.cursor));
        }),
    });
    app.post(`/${host.path}/:id/timeline`, {
      config: { auth: { actors: STAFF, policy: host.canWrite, what: `write to ${host.path}` } },
      schema: {
        tags,
        summary: `Post a note, call, meeting, task or email on a ${host.subjectType}`,
        params: idParams,
        body: timelineInput,
        response: { 201: timelineEntrySchema },
      },
      handler: (req, reply) =>
        run(
          deps,
          req,
          reply,
          async (ctx) => {
            await host.assertExists(ctx, req.params.id);
            return postTimelineEntry(ctx, { type: host.subjectType, id: req.params.id }, req.body);
          },
          201,
        ),
    });
  };
}
