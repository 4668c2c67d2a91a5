import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { taskInput, taskPatch, taskSchema } from '../../../shared/tasks.ts';
import { can } from '../../auth/policy.ts';
import { STAFF } from '../../http/authenticate.ts';
import { type RunDeps, run } from '../../http/run.ts';
import * as tasks from './tasks.service.ts';

const idParams = z.strictObject({ id: z.uuid({ message: 'must be an id (UUID)' }) });
const tags = ['tasks'];

/** The tasks of a deal (mutual action plans): /api/v1/opportunities/{id}/tasks and /api/v1/tasks/{id}. */
export function taskRoutes(deps: RunDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/opportunities/:id/tasks', {
      config: { auth: { actors: STAFF, policy: can.readCrm, what: 'read opportunities' } },
      schema: { tags, summary: 'The tasks of a deal, by due date', params: idParams, response: { 200: z.object({ data: z.array(taskSchema) }) } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => tasks.listTasks(ctx, req.params.id)),
    });
    app.post('/opportunities/:id/tasks', {
      config: { auth: { actors: STAFF, policy: can.manageCrm, what: 'plan tasks' } },
      schema: {
        tags,
        summary: 'Add a task to a deal (shared ones show in the portal)',
        params: idParams,
        body: taskInput,
        response: { 201: taskSchema },
      },
      handler: (req, reply) => run(deps, req, reply, (ctx) => tasks.createTask(ctx, req.params.id, req.body), 201),
    });
    app.patch('/tasks/:id', {
      config: { auth: { actors: STAFF, policy: can.manageCrm, what: 'change tasks' } },
      schema: { tags, summary: 'Change a task', params: idParams, body: taskPatch, response: { 200: taskSchema } },
      handler: (req, reply) => run(deps, req, reply, (ctx) => tasks.updateTask(ctx, req.params.id, req.body)),
    });
    app.delete('/tasks/:id', {
      config: { auth: { actors: STAFF, policy: can.manageCrm, what: 'delete tasks' } },
      schema: { tags, summary: 'Delete a task', params: idParams, response: { 204: z.null() } },
      handler: async (req, reply) => {
        await run(deps, req, reply, (ctx) => tasks.deleteTask(ctx, req.params.id), 204);
        return null;
      },
    });
  };
}
