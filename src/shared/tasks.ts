import { z } from 'zod';
import { TASK_STATUSES } from './portal.ts';

export { TASK_STATUSES };
export const TASK_SIDES = ['vendor', 'partner'] as const;

/** A to-do on a deal (mutual action plan): whose side it is on, who does it, by when. */
export const taskInput = z
  .strictObject({
    title: z.string().trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters'),
    description: z.string().trim().max(5_000).nullish(),
    side: z.enum(TASK_SIDES, { message: 'must be vendor or partner' }).default('vendor'),
    assigneeUserId: z.uuid({ message: 'must be the id of a staff member' }).nullish(),
    assigneePartnerUserId: z.uuid({ message: 'must be the id of a partner user' }).nullish(),
    dueDate: z.iso.date({ message: 'must be a date such as 2027-03-31' }).nullish(),
    status: z.enum(TASK_STATUSES, { message: `must be one of ${TASK_STATUSES.join(', ')}` }).default('open'),
    visibility: z.enum(['internal', 'shared'], { message: 'must be internal or shared' }).default('shared'),
  })
  .refine((t) => !(t.assigneeUserId && t.assigneePartnerUserId), {
    message: 'give a staff assignee or a partner assignee, not both',
    path: ['assigneePartnerUserId'],
  });
export type TaskInput = z.infer<typeof taskInput>;

export const taskPatch = z
  .strictObject({
    title: z.string().trim().min(1, 'must not be empty').max(300).optional(),
    description: z.string().trim().max(5_000).nullable().optional(),
    side: z.enum(TASK_SIDES, { message: 'must be vendor or partner' }).optional(),
    assigneeUserId: z.uuid({ message: 'must be the id of a staff member' }).nullable().optional(),
    assigneePartnerUserId: z.uuid({ message: 'must be the id of a partner user' }).nullable().optional(),
    dueDate: z.iso.date({ message: 'must be a date such as 2027-03-31' }).nullable().optional(),
    status: z.enum(TASK_STATUSES, { message: `must be one of ${TASK_STATUSES.join(', ')}` }).optional(),
    visibility: z.enum(['internal', 'shared'], { message: 'must be internal or shared' }).optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: 'give at least one field to change' });
export type TaskPatch = z.infer<typeof taskPatch>;

export const taskSchema = z.object({
  id: z.uuid(),
  opportunityId: z.uuid(),
  title: z.string(),
  description: z.string().nullable(),
  side: z.enum(TASK_SIDES),
  assignee: z.object({ kind: z.enum(['staff', 'partner_user']), id: z.uuid(), name: z.string() }).nullable(),
  dueDate: z.string().nullable(),
  status: z.enum(TASK_STATUSES),
  visibility: z.enum(['internal', 'shared']),
  isOverdue: z.boolean(),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Task = z.infer<typeof taskSchema>;
