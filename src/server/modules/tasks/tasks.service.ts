import type { Task, TaskInput, TaskPatch } from '../../../shared/tasks.ts';
import type { Ctx } from '../../context.ts';
import { AppError, found } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { isMember } from '../opportunities/opportunities.repository.ts';
import { assertOpportunity } from '../opportunities/opportunities.service.ts';
import { addTimelineEntry } from '../timeline/timeline.service.ts';
import * as repo from './tasks.repository.ts';

/** The calendar day of an instant in UTC (YYYY-MM-DD); due dates are days. */
const today = (ctx: Ctx) => ctx.now().toISOString().slice(0, 10);

/** The fields of a task that leave the server (staff channels). */
export function presentTask(t: repo.TaskRow, now: string): Task {
  const assignee = t.assigneeUserId
    ? { kind: 'staff' as const, id: t.assigneeUserId, name: t.assigneeUserName ?? '' }
    : t.assigneePartnerUserId
      ? { kind: 'partner_user' as const, id: t.assigneePartnerUserId, name: t.assigneePartnerUserName ?? '' }
      : null;
  return {
    id: t.id,
    opportunityId: t.opportunityId,
    title: t.title,
    description: t.description,
    side: t.side,
    assignee,
    dueDate: t.dueDate,
    status: t.status,
    visibility: t.visibility,
    isOverdue: t.status !== 'done' && t.dueDate !== null && t.dueDate < now,
    completedAt: t.completedAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

async function assertAssignees(ctx: Ctx, opportunityId: string, p: { assigneeUserId?: string | null; assigneePartnerUserId?: string | null }) {
  if (p.assigneeUserId && !(await isMember(ctx.trx, ctx.workspaceId, p.assigneeUserId))) {
    throw new AppError('validation_failed', 'The assignee is not a staff member of this workspace.', {
      fields: [{ field: 'body.assigneeUserId', message: 'is not a staff member of this workspace' }],
    });
  }
  if (p.assigneePartnerUserId && !(await repo.isPartnerUserOnDeal(ctx.trx, ctx.workspaceId, opportunityId, p.assigneePartnerUserId))) {
    throw new AppError('validation_failed', 'The assignee does not work for a partner on this deal.', {
      fields: [{ field: 'body.assigneePartnerUserId', message: 'is not a user of a partner on this deal' }],
    });
  }
}

async function load(ctx: Ctx, id: string) {
  return presentTask(found(await repo.findTask(ctx.trx, ctx.workspaceId, id), 'Task'), today(ctx));
}

/** The tasks of a deal; `sharedOnly` for what partners may see. */
export async function listTasks(ctx: Ctx, opportunityId: string, opts: { sharedOnly?: boolean } = {}) {
  await assertOpportunity(ctx, opportunityId);
  const rows = await repo.listTasks(ctx.trx, ctx.workspaceId, opportunityId, opts);
  return { data: rows.map((r) => presentTask(r, today(ctx))) };
}

/** Adds a task to a deal; a shared one shows on the deal's timeline for the partner too. */
export async function createTask(ctx: Ctx, opportunityId: string, input: TaskInput) {
  await assertOpportunity(ctx, opportunityId);
  await assertAssignees(ctx, opportunityId, input);
  const { id } = await repo.insertTask(ctx.trx, {
    workspaceId: ctx.workspaceId,
    opportunityId,
    title: input.title,
    description: input.description ?? null,
    side: input.side,
    assigneeUserId: input.assigneeUserId ?? null,
    assigneePartnerUserId: input.assigneePartnerUserId ?? null,
    dueDate: input.dueDate ?? null,
    status: input.status,
    visibility: input.visibility,
    completedAt: input.status === 'done' ? ctx.now() : null,
  });
  const task = await load(ctx, id);
  await recordAudit(ctx, { action: 'task.created', entityType: 'task', entityId: id, before: null, after: task });
  await addTimelineEntry(
    ctx,
    { type: 'opportunity', id: opportunityId },
    {
      kind: 'task',
      body: task.title,
      visibility: task.visibility,
      metadata: { taskId: id, event: 'created', dueDate: task.dueDate },
    },
  );
  return task;
}

/**
 * Changes a task. Partner channels pass only the fields their safelist lets them edit; the
 * service checks the task belongs to the deal the caller could see and records who did it.
 */
export async function updateTask(ctx: Ctx, id: string, patch: TaskPatch, opts: { opportunityId?: string } = {}) {
  const before = await load(ctx, id);
  if (opts.opportunityId && before.opportunityId !== opts.opportunityId) throw new AppError('not_found', 'Task not found.');
  await assertAssignees(ctx, before.opportunityId, patch);
  const completedAt = patch.status === undefined ? undefined : patch.status === 'done' ? (before.completedAt ?? ctx.now().toISOString()) : null;
  await repo.updateTask(ctx.trx, ctx.workspaceId, id, { ...patch, ...(completedAt === undefined ? {} : { completedAt }) });
  const after = await load(ctx, id);
  await recordAudit(ctx, { action: 'task.updated', entityType: 'task', entityId: id, before, after });
  if (patch.status && patch.status !== before.status) {
    await addTimelineEntry(
      ctx,
      { type: 'opportunity', id: after.opportunityId },
      {
        kind: 'task',
        body: after.title,
        visibility: after.visibility,
        metadata: { taskId: id, event: 'status', from: before.status, to: after.status },
      },
    );
  }
  return after;
}

/** Removes a task. */
export async function deleteTask(ctx: Ctx, id: string) {
  const before = await load(ctx, id);
  await repo.deleteTask(ctx.trx, ctx.workspaceId, id);
  await recordAudit(ctx, { action: 'task.deleted', entityType: 'task', entityId: id, before, after: null });
}

/** A task with its raw row, for the partner presenter. */
export async function findTaskRow(ctx: Ctx, id: string) {
  return repo.findTask(ctx.trx, ctx.workspaceId, id);
}

/** The raw rows of a deal's shared tasks, for the partner presenter. */
export function sharedTaskRows(ctx: Ctx, opportunityId: string) {
  return repo.listTasks(ctx.trx, ctx.workspaceId, opportunityId, { sharedOnly: true });
}
