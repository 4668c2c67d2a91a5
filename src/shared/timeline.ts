import { z } from 'zod';

export const TIMELINE_SUBJECTS = ['account', 'contact', 'opportunity', 'lead', 'partner', 'registration'] as const;
export const TIMELINE_KINDS = ['note', 'email', 'slack_message', 'call', 'meeting', 'task', 'stage_change', 'field_change', 'system'] as const;
export const VISIBILITIES = ['internal', 'shared'] as const;

/** What a person may post by hand; stage and field changes are written by the system. */
export const timelineInput = z.strictObject({
  kind: z.enum(['note', 'call', 'meeting', 'task', 'email'], { message: 'must be one of note, call, meeting, task, email' }).default('note'),
  body: z.string().trim().min(1, 'must not be empty').max(20_000, 'must be at most 20,000 characters'),
  visibility: z.enum(VISIBILITIES, { message: 'must be internal or shared' }).default('internal'),
  occurredAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
});

export const timelineEntrySchema = z.object({
  id: z.uuid(),
  subjectType: z.enum(TIMELINE_SUBJECTS),
  subjectId: z.uuid(),
  kind: z.enum(TIMELINE_KINDS),
  author: z.object({ kind: z.string(), id: z.string().nullable(), label: z.string().nullable() }),
  visibility: z.enum(VISIBILITIES),
  body: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  occurredAt: z.string(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;
