import type { Insertable } from 'kysely';
import type { Trx } from '../db/client.ts';
import type { TasksTable } from '../db/schema.ts';

const DAY = 86_400_000;

const TASKS: { title: string; side: 'vendor' | 'partner'; due: number; status: 'open' | 'in_progress' | 'done'; by: 'staff' | 'partner' | 'rep' }[] =
  [
    { title: 'Send the customer reference from a similar rollout', side: 'partner', due: 5, status: 'open', by: 'partner' },
    { title: 'Book the technical workshop with the customer’s IT', side: 'partner', due: -3, status: 'in_progress', by: 'rep' },
    { title: 'Prepare the proposal with partner pricing', side: 'vendor', due: 10, status: 'open', by: 'staff' },
    { title: 'Confirm the decision makers and their timeline', side: 'partner', due: -12, status: 'done', by: 'partner' },
  ];

const NOTES = [
  'Kick-off with the customer is booked; we will share the agenda before the meeting.',
  'The customer asked for a security questionnaire. We are on it and will send it this week.',
];

/**
 * What makes the demo partner's portal look alive, added after the demo CRM: a rep colleague of
 * the demo partner user who sees some of its open deals, shared tasks of both sides (one overdue,
 * one done) and shared notes on its most recent open deals, a reply of the partner, and a few
 * leads brought by it. Deterministic: deals and leads are picked by their order, dates count from
 * `today`. Does nothing in a workspace without a partner user.
 */
export async function seedPortalDemo(trx: Trx, workspaceId: string, today: number): Promise<{ tasks: number; timelineEntries: number }> {
  const admin = await trx
    .selectFrom('partnerUsers')
    .select(['id', 'partnerId', 'email', 'name'])
    .where('workspaceId', '=', workspaceId)
    .orderBy('createdAt')
    .executeTakeFirst();
  if (!admin) return { tasks: 0, timelineEntries: 0 };
  const staff = await trx
    .selectFrom('workspaceMembers as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .select(['u.id', 'u.email'])
    .where('m.workspaceId', '=', workspaceId)
    .where('m.role', '=', 'admin')
    .orderBy('u.email')
    .executeTakeFirst();
  const domain = admin.email.split('@')[1] ?? 'example.com';
  const rep = await trx
    .insertInto('partnerUsers')
    .values({
      workspaceId,
      partnerId: admin.partnerId,
      email: `rico@${domain}`,
      name: 'Rico Vogel',
      role: 'partner_rep',
      status: 'active',
      locale: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const deals = await trx
    .selectFrom('opportunities as o')
    .innerJoin('opportunityPartners as p', (j) => j.onRef('p.opportunityId', '=', 'o.id').on('p.partnerId', '=', admin.partnerId))
    .select(['o.id'])
    .where('o.workspaceId', '=', workspaceId)
    .where('o.stage', 'in', ['prospecting', 'qualification', 'proposal', 'negotiation'])
    .where('o.deletedAt', 'is', null)
    .orderBy('o.updatedAt', 'desc')
    .orderBy('o.id')
    .limit(6)
    .execute();
  if (deals.length === 0) return { tasks: 0, timelineEntries: 0 };

  await trx
    .insertInto('dealAccess')
    .values(
      deals
        .slice(0, 3)
        .map((d, i) => ({ workspaceId, opportunityId: d.id, partnerUserId: rep.id, reason: i === 0 ? ('owner' as const) : ('shared' as const) })),
    )
    .execute();

  const day = (offset: number) => new Date(today + offset * DAY).toISOString().slice(0, 10);
  const tasks: Insertable<TasksTable>[] = deals.slice(0, 4).flatMap((d, k) =>
    TASKS.slice(0, 4 - (k % 2)).map((task) => ({
      workspaceId,
      opportunityId: d.id,
      title: task.title,
      description: null,
      side: task.side,
      assigneeUserId: task.by === 'staff' ? (staff?.id ?? null) : null,
      assigneePartnerUserId: task.by === 'partner' ? admin.id : task.by === 'rep' ? rep.id : null,
      dueDate: day(task.due + k * 2),
      status: task.status,
      visibility: 'shared',
      completedAt: task.status === 'done' ? new Date(today - 2 * DAY) : null,
    })),
  );
  tasks.push({
    workspaceId,
    opportunityId: deals[0].id,
    title: 'Check the partner discount with finance',
    description: null,
    side: 'vendor',
    assigneeUserId: staff?.id ?? null,
    assigneePartnerUserId: null,
    dueDate: day(3),
    status: 'open',
    visibility: 'internal',
    completedAt: null,
  });
  await trx.insertInto('tasks').values(tasks).execute();

  const at = (days: number, hours: number) => new Date(today - days * DAY + hours * 3_600_000);
  const author = staff
    ? { authorKind: 'staff' as const, authorId: staff.id, authorLabel: staff.email }
    : { authorKind: 'system' as const, authorId: null, authorLabel: 'demo seed' };
  const entries = deals.slice(0, 3).flatMap((d, k) =>
    [
      { ...author, body: NOTES[k % NOTES.length], occurredAt: at(2 + k, 10) },
      {
        authorKind: 'partner_user' as const,
        authorId: admin.id,
        authorLabel: admin.email,
        body: 'Thanks! The customer confirmed the date, we will bring their IT lead.',
        occurredAt: at(1 + k, 15),
      },
    ].map((e) => ({
      workspaceId,
      subjectType: 'opportunity' as const,
      subjectId: d.id,
      kind: 'note' as const,
      visibility: 'shared' as const,
      metadata: '{}',
      createdAt: e.occurredAt,
      ...e,
    })),
  );
  await trx.insertInto('timelineEntries').values(entries).execute();

  const leads = await trx
    .selectFrom('leads')
    .select('id')
    .where('workspaceId', '=', workspaceId)
    .where('partnerId', 'is', null)
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .limit(5)
    .execute();
  if (leads.length)
    await trx
      .updateTable('leads')
      .set({ partnerId: admin.partnerId })
      .where('workspaceId', '=', workspaceId)
      .where(
        'id',
        'in',
        leads.map((l) => l.id),
      )
      .execute();
  return { tasks: tasks.length, timelineEntries: entries.length };
}
