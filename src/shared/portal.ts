import { z } from 'zod';
import { moneyInput, moneySchema } from './money.ts';
import { MOTIONS, STAGES } from './opportunities.ts';

/**
 * What partners see: the portal API's records. Every field is optional because the safelist of
 * the partner decides which of them are there; the response schemas list nothing else, so a field
 * outside them could not leave the server even by mistake.
 */

const opt = <T extends z.ZodType>(s: T) => s.optional();

export const PROTECTION_STATUSES = ['none', 'protected', 'expiring', 'expired'] as const;

export const partnerContactSchema = z.object({
  name: opt(z.string()),
  title: opt(z.string().nullable()),
  role: opt(z.string()),
  emails: opt(z.array(z.string())),
  phone: opt(z.string().nullable()),
  accountName: opt(z.string().nullable()),
});

export const partnerAccountSchema = z.object({
  name: opt(z.string()),
  domains: opt(z.array(z.string())),
  industry: opt(z.string().nullable()),
  country: opt(z.string().nullable()),
  region: opt(z.string().nullable()),
  segment: opt(z.string().nullable()),
  employeeCount: opt(z.number().nullable()),
  customerStatus: opt(z.string()),
  ownerName: opt(z.string().nullable()),
  renewalDate: opt(z.string().nullable()),
  description: opt(z.string().nullable()),
});

export const partnerDealSchema = z.object({
  id: z.uuid(),
  name: opt(z.string()),
  accountName: opt(z.string()),
  stage: opt(z.enum(STAGES)),
  stageChangedAt: opt(z.string()),
  nextStep: opt(z.string().nullable()),
  nextStepUpdatedAt: opt(z.string().nullable()),
  ownerName: opt(z.string().nullable()),
  closeMonth: opt(z.string().describe('YYYY-MM')),
  closeDate: opt(z.string()),
  motion: opt(z.enum(MOTIONS).nullable()),
  partnerRole: opt(z.object({ role: z.string(), attribution: z.enum(['sourced', 'influenced']), share: z.number() })),
  protection: opt(z.object({ status: z.enum(PROTECTION_STATUSES), expiresAt: z.string().nullable() })),
  registrationNumber: opt(z.string().nullable()),
  lastActivityAt: opt(z.string().nullable()),
  amount: opt(moneySchema),
  probability: opt(z.number()),
  description: opt(z.string().nullable()),
  otherPartners: opt(z.array(z.object({ name: z.string(), role: z.string() }))),
  contactRoles: opt(z.array(partnerContactSchema)),
  account: opt(partnerAccountSchema),
  createdAt: opt(z.string()),
  updatedAt: opt(z.string()),
  permissions: z.object({ editable: z.array(z.string()), reply: z.boolean() }),
});
export type PartnerDeal = z.infer<typeof partnerDealSchema>;

export const portalDealListQuery = z.strictObject({
  q: z.string().trim().max(200).optional().describe('name contains (accents and case ignored)'),
  stage: z
    .preprocess((v) => (typeof v === 'string' ? v.split(',') : v), z.array(z.enum(STAGES, { message: `must be one of ${STAGES.join(', ')}` })))
    .optional(),
  motion: z
    .preprocess((v) => (typeof v === 'string' ? v.split(',') : v), z.array(z.enum(MOTIONS, { message: `must be one of ${MOTIONS.join(', ')}` })))
    .optional(),
  sort: z.enum(['closeDate', 'updatedAt', 'name'], { message: 'must be closeDate, updatedAt or name' }).default('closeDate'),
  order: z.enum(['asc', 'desc'], { message: 'must be asc or desc' }).default('asc'),
});
export type PortalDealListQuery = z.infer<typeof portalDealListQuery>;

/** What a partner may change on a deal, if its safelist makes the field editable. */
export const portalDealPatch = z
  .strictObject({
    nextStep: z.string().trim().max(2000).nullable().optional(),
    stage: z.enum(STAGES, { message: `must be one of ${STAGES.join(', ')}` }).optional(),
    closeDate: z.iso.date({ message: 'must be a date such as 2027-03-31' }).optional(),
    amount: moneyInput.optional(),
    description: z.string().max(20_000).nullable().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: 'give at least one field to change' });
export type PortalDealPatch = z.infer<typeof portalDealPatch>;

export const partnerTimelineEntrySchema = z.object({
  id: z.uuid(),
  kind: opt(z.string()),
  body: opt(z.string()),
  authorName: opt(z.string().nullable()),
  fromPartner: z.boolean(),
  /** The event a system entry records, e.g. `approved` (registrations). */
  event: z.string().optional(),
  occurredAt: opt(z.string()),
  stageChange: opt(z.object({ from: z.string().nullable(), to: z.string().nullable() })),
});
export type PartnerTimelineEntry = z.infer<typeof partnerTimelineEntrySchema>;

export const portalReplyInput = z.strictObject({
  body: z.string().trim().min(1, 'must not be empty').max(20_000, 'must be at most 20,000 characters'),
});

export const TASK_STATUSES = ['open', 'in_progress', 'done'] as const;

export const partnerTaskSchema = z.object({
  id: z.uuid(),
  title: opt(z.string()),
  description: opt(z.string().nullable()),
  side: opt(z.enum(['vendor', 'partner'])),
  status: opt(z.enum(TASK_STATUSES)),
  dueDate: opt(z.string().nullable()),
  assigneeName: opt(z.string().nullable()),
  completedAt: opt(z.string().nullable()),
  permissions: z.object({ editable: z.array(z.string()) }),
});
export type PartnerTask = z.infer<typeof partnerTaskSchema>;

export const portalTaskPatch = z
  .strictObject({
    status: z.enum(TASK_STATUSES, { message: `must be one of ${TASK_STATUSES.join(', ')}` }).optional(),
    dueDate: z.iso.date({ message: 'must be a date such as 2027-03-31' }).nullable().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: 'give at least one field to change' });

export const partnerLeadSchema = z.object({
  id: z.uuid(),
  firstName: opt(z.string()),
  lastName: opt(z.string()),
  company: opt(z.string()),
  companyDomain: opt(z.string().nullable()),
  email: opt(z.string().nullable()),
  phone: opt(z.string().nullable()),
  title: opt(z.string().nullable()),
  status: opt(z.string()),
  ownerName: opt(z.string().nullable()),
  createdAt: opt(z.string()),
});
export type PartnerLead = z.infer<typeof partnerLeadSchema>;

export const portalLeadListQuery = z.strictObject({
  status: z.enum(['new', 'working', 'qualified', 'disqualified', 'converted']).optional(),
});

/** A colleague at the partner, as partner admins manage them in the portal. */
export const colleagueSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.enum(['partner_admin', 'partner_rep']),
  status: z.enum(['invited', 'active', 'deactivated']),
  createdAt: z.string(),
});
export const colleagueInvite = z.strictObject({
  email: z
    .email({ message: 'must be an email address' })
    .max(320)
    .transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1, 'must not be empty').max(200),
  role: z.enum(['partner_admin', 'partner_rep'], { message: 'must be partner_admin or partner_rep' }).default('partner_rep'),
});
export const colleaguePatch = z
  .strictObject({
    role: z.enum(['partner_admin', 'partner_rep'], { message: 'must be partner_admin or partner_rep' }).optional(),
    status: z.enum(['active', 'deactivated'], { message: 'must be active or deactivated' }).optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: 'give at least one field to change' });

export const dealAccessInput = z.strictObject({ partnerUserId: z.uuid({ message: 'must be the id of a colleague' }) });
