import type { Insertable, Updateable } from 'kysely';
import type { Trx } from '../../db/client.ts';
import type { TasksTable } from '../../db/schema.ts';

/** Tasks with their assignee's name (staff or partner user). */
const withAssignee = (trx: Trx, workspaceId: string) =>
  trx
    .selectFrom('tasks as t')
    .leftJoin('users as u', 'u.id', 't.assigneeUserId')
    .leftJoin('partnerUsers as pu', 'pu.id', 't.assigneePartnerUserId')
    .selectAll('t')
    .select(['u.name as assigneeUserName', 'pu.name as assigneePartnerUserName'])
    .where('t.workspaceId', '=', workspaceId);

export type TaskRow = NonNullable<Awaited<ReturnType<typeof findTask>>>;

export function findTask(trx: Trx, workspaceId: string, id: string) {
  return withAssignee(trx, workspaceId).where('t.id', '=', id).executeTakeFirst();
}

/** The tasks of a deal, by due date (undated last); `sharedOnly` for partner-facing channels. */
export function listTasks(trx: Trx, workspaceId: string, opportunityId: string, opts: { sharedOnly?: boolean } = {}) {
  let q = withAssignee(trx, workspaceId).where('t.opportunityId', '=', opportunityId);
  if (opts.sharedOnly) q = q.where('t.visibility', '=', 'shared');
  return q
    .orderBy('t.dueDate', (ob) => ob.asc().nullsLast())
    .orderBy('t.createdAt')
    .orderBy('t.id')
    .execute();
}

export function insertTask(trx: Trx, values: Insertable<TasksTable>) {
  return trx.insertInto('tasks').values(values).returning('id').executeTakeFirstOrThrow();
}

export function updateTask(trx: Trx, workspaceId: string, id: string, values: Updateable<TasksTable>) {
  return trx.updateTable('tasks').set(values).where('workspaceId', '=', workspaceId).where('id', '=', id).execute();
}

export function deleteTask(trx: Trx, workspaceId: string, id: string) {
  return trx.deleteFrom('tasks').where('workspaceId', '=', workspaceId).where('id', '=', id).execute();
}

/** Whether a partner user belongs to a partner that holds a role on the deal. */
export async function isPartnerUserOnDeal(trx: Trx, workspaceId: string, opportunityId: string, partnerUserId: string) {
  const row = await trx
    .selectFrom('partnerUsers as pu')
    .innerJoin('opportunityPartners as op', (j) => j.onRef('op.partnerId', '=', 'pu.partnerId').on('op.opportunityId', '=', opportunityId))
    .select('pu.id')
    .where('pu.workspaceId', '=', workspaceId)
    .where('pu.id', '=', partnerUserId)
    .executeTakeFirst();
  return Boolean(row);
}
