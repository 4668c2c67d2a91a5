import { z } from 'zod';
import { domainSchema } from './domains.ts';
import { duplicateCheckSchema, partnerDuplicateCheckSchema } from './duplicates.ts';
import { moneyInput, moneySchema } from './money.ts';
import { MOTIONS } from './opportunities.ts';

/** Deal and lead registration (REG-1 … REG-12): what partners submit and what each side sees. */

export const REGISTRATION_TYPES = ['deal', 'lead'] as const;
export const REGISTRATION_STATUSES = ['submitted', 'in_review', 'approved', 'rejected', 'expired', 'released', 'withdrawn'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const OPEN_REGISTRATION_STATUSES: readonly RegistrationStatus[] = ['submitted', 'in_review'];

/** Fields a workspace can require per motion (company name and motion always are). */
export const REQUIRABLE_FIELDS = ['companyDomain', 'contactName', 'contactEmail', 'amount', 'expectedCloseDate', 'notes'] as const;
export type RequirableField = (typeof REQUIRABLE_FIELDS)[number];

const blankAsAbsent = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const text = (max: number) => z.preprocess(blankAsAbsent, z.string().trim().max(max, `must be at most ${max} characters`).optional());

/** `POST /api/v1/registrations`; `partnerId` only for staff and staff keys (a partner registers for itself). */
export const registrationInput = z.strictObject({
  type: z.enum(REGISTRATION_TYPES, { message: 'must be deal or lead' }).default('deal'),
  company: z.strictObject({
    name: z.string().trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters'),
    domain: z.preprocess(blankAsAbsent, domainSchema.optional()),
  }),
  contact: z
    .strictObject({
      name: text(200),
      email: z.preprocess(blankAsAbsent, z.email({ message: 'must be an e-mail address such as anna@example.com' }).max(320).optional()),
    })
    .default({}),
  amount: moneyInput.optional(),
  expectedCloseDate: z.preprocess(blankAsAbsent, z.iso.date({ message: 'must be a date such as 2027-03-31' }).optional()),
  motion: z.enum(MOTIONS, { message: `must be one of ${MOTIONS.join(', ')}` }),
  notes: text(10_000),
  partnerId: z.uuid({ message: 'must be the id of a partner' }).optional(),
});
export type RegistrationInput = z.infer<typeof registrationInput>;

/** A no-login form also asks who submits (the confirmation goes there). */
export const linkRegistrationInput = registrationInput.omit({ partnerId: true }).extend({
  submitter: z.strictObject({
    name: z.string().trim().min(1, 'must not be empty').max(200),
    email: z.email({ message: 'must be an e-mail address such as anna@example.com' }).max(320),
  }),
});

const slaSchema = z.object({
  dueAt: z.string(),
  state: z.enum(['on_track', 'at_risk', 'breached']),
  remainingBusinessHours: z.number().nullable(),
});

const protectionSchema = z.object({
  state: z.enum(['active', 'expiring', 'expired', 'released']),
  startsAt: z.string(),
  expiresAt: z.string(),
  lastProtectedDay: z.string(),
  daysLeft: z.number(),
});

export const appealSchema = z.object({
  id: z.uuid(),
  status: z.enum(['open', 'upheld', 'denied']),
  reason: z.string(),
  attachments: z.array(z.object({ id: z.uuid(), fileName: z.string(), sizeBytes: z.number() })),
  dueAt: z.string(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
});

export const extensionRequestSchema = z.object({
  id: z.uuid(),
  status: z.enum(['pending', 'approved', 'refused']),
  evidenceKind: z.enum(['discovery_booked', 'stage_advanced', 'meeting_held', 'other']),
  evidenceText: z.string(),
  attachments: z.array(z.object({ id: z.uuid(), fileName: z.string(), sizeBytes: z.number() })),
  requestedDays: z.number().nullable(),
  grantedDays: z.number().nullable(),
  dueAt: z.string(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
});

/** A registration as staff see it: everything, with the stored duplicate check and the conflict analysis. */
export const registrationSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  type: z.enum(REGISTRATION_TYPES),
  status: z.enum(REGISTRATION_STATUSES),
  partner: z.object({ id: z.uuid(), name: z.string(), tier: z.string().nullable(), type: z.string() }),
  submittedBy: z.object({ kind: z.string(), id: z.string().nullable(), label: z.string().nullable() }),
  channel: z.enum(['portal', 'link', 'api', 'email']),
  company: z.object({ name: z.string(), domain: z.string().nullable() }),
  contact: z.object({ name: z.string().nullable(), email: z.string().nullable() }),
  amount: moneySchema.nullable(),
  expectedCloseDate: z.string().nullable(),
  motion: z.enum(MOTIONS),
  notes: z.string().nullable(),
  duplicateCheck: duplicateCheckSchema,
  claim: z.object({ rank: z.number(), firstClaimId: z.uuid().nullable() }),
  conflict: z
    .object({
      winnerRegistrationId: z.uuid().nullable(),
      reasons: z.array(z.object({ code: z.string(), text: z.string() })),
      needsReview: z.boolean(),
      ackDueAt: z.string().nullable(),
      acknowledgedAt: z.string().nullable(),
      planDueAt: z.string().nullable(),
      plan: z.string().nullable(),
      plannedAt: z.string().nullable(),
    })
    .nullable(),
  approver: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  queueId: z.string().nullable(),
  decisionSla: slaSchema.nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  decisionNote: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  appealUntil: z.string().nullable(),
  accountId: z.uuid().nullable(),
  opportunityId: z.uuid().nullable(),
  leadId: z.uuid().nullable(),
  protection: protectionSchema.nullable(),
  noTouch: z.boolean(),
  appeals: z.array(appealSchema),
  extensionRequests: z.array(extensionRequestSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  permissions: z.object({ decide: z.boolean() }),
});
export type Registration = z.infer<typeof registrationSchema>;

/** A registration as its partner sees it: the safelist's fields, the partner-safe check, and what it may do next. */
export const partnerRegistrationSchema = z.object({
  id: z.uuid(),
  number: z.string().optional(),
  type: z.enum(REGISTRATION_TYPES).optional(),
  status: z.enum(REGISTRATION_STATUSES).optional(),
  company: z.object({ name: z.string(), domain: z.string().nullable() }).optional(),
  contact: z.object({ name: z.string().nullable(), email: z.string().nullable() }).optional(),
  amount: moneySchema.nullable().optional(),
  expectedCloseDate: z.string().nullable().optional(),
  motion: z.enum(MOTIONS).optional(),
  notes: z.string().nullable().optional(),
  decisionDueAt: z.string().nullable().optional(),
  decisionReason: z.object({ reason: z.string().nullable(), label: z.string().nullable(), note: z.string().nullable() }).nullable().optional(),
  protectionExpiresAt: z.string().nullable().optional(),
  submittedAt: z.string().optional(),
  duplicateCheck: partnerDuplicateCheckSchema,
  protection: protectionSchema.nullable(),
  appeals: z.array(appealSchema.pick({ id: true, status: true, dueAt: true, decidedAt: true, decisionNote: true, createdAt: true })),
  extensionRequests: z.array(
    extensionRequestSchema.pick({ id: true, status: true, grantedDays: true, decidedAt: true, decisionNote: true, createdAt: true }),
  ),
  actions: z.object({ appeal: z.boolean(), requestExtension: z.boolean(), withdraw: z.boolean() }),
  appealUntil: z.string().nullable(),
});
export type PartnerRegistration = z.infer<typeof partnerRegistrationSchema>;

export const registrationListQuery = z.strictObject({
  status: z
    .preprocess(
      (v) => (typeof v === 'string' ? v.split(',') : v),
      z.array(z.enum(REGISTRATION_STATUSES, { message: `must be one of ${REGISTRATION_STATUSES.join(', ')}` })),
    )
    .optional(),
  type: z.enum(REGISTRATION_TYPES, { message: 'must be deal or lead' }).optional(),
  partnerId: z.uuid().optional(),
  approverUserId: z.uuid().optional(),
  motion: z.enum(MOTIONS).optional(),
  verdict: z.enum(['no_match', 'possible_duplicate', 'conflict']).optional(),
  q: z.string().trim().max(200).optional().describe('company name or registration number contains'),
  sort: z.enum(['createdAt', 'decisionDueAt']).default('createdAt'),
});

export const approveInput = z.strictObject({
  protectionDays: z
    .number()
    .int('must be a whole number of days')
    .min(30, 'must be at least 30 days')
    .max(365, 'must be at most 365 days')
    .optional(),
  accountId: z.uuid({ message: 'must be the id of an account' }).optional().describe('link this account instead of the best match or a new one'),
  opportunityId: z
    .uuid({ message: 'must be the id of an opportunity' })
    .optional()
    .describe('link an existing opportunity (the partner gets a role on it)'),
  note: z.string().trim().max(5_000).optional(),
  override: z
    .strictObject({ reason: z.string().trim().min(1, 'say why the conflict policy is overridden').max(2_000) })
    .optional()
    .describe('approve although the conflict policy ranks another claim first'),
});

export const rejectInput = z.strictObject({
  reason: z.string().trim().min(1, 'choose a reason').max(60),
  note: z.string().trim().max(5_000).optional(),
});

export const appealInput = z.strictObject({
  reason: z.string().trim().min(1, 'say why the decision should change').max(10_000),
  attachmentIds: z.array(z.uuid()).max(10, 'at most 10 files').default([]),
});

export const extensionInput = z.strictObject({
  evidence: z.strictObject({
    kind: z.enum(['discovery_booked', 'stage_advanced', 'meeting_held', 'other'], {
      message: 'must be discovery_booked, stage_advanced, meeting_held or other',
    }),
    text: z.string().trim().min(1, 'describe the progress').max(10_000),
    at: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
  }),
  requestedDays: z.number().int().min(1).max(365).optional(),
  attachmentIds: z.array(z.uuid()).max(10, 'at most 10 files').default([]),
});

export const decideAppealInput = z.strictObject({
  decision: z.enum(['upheld', 'denied'], { message: 'must be upheld (the registration is approved) or denied' }),
  note: z.string().trim().max(5_000).optional(),
  protectionDays: z.number().int().min(30).max(365).optional(),
});

export const decideExtensionInput = z.strictObject({
  decision: z.enum(['approved', 'refused'], { message: 'must be approved or refused' }),
  days: z.number().int().min(1).max(365).optional(),
  note: z.string().trim().max(5_000).optional(),
});

export const registrationLinkInput = z.strictObject({
  expiresInDays: z.number().int().min(1, 'must be at least 1 day').max(365, 'must be at most 365 days').default(30),
  label: z.string().trim().max(200).optional(),
});

export const registrationLinkSchema = z.object({
  id: z.uuid(),
  partnerId: z.uuid(),
  url: z.string().optional().describe('only in the answer to the create request'),
  label: z.string().nullable(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  status: z.enum(['active', 'expired', 'revoked']),
  useCount: z.number(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
});

/** Default rejection reasons (REG-6); a workspace can change the list. */
export const DEFAULT_REJECTION_REASONS = [
  {
    key: 'duplicate',
    label: { en: 'Duplicate of an existing registration or deal', de: 'Dublette einer bestehenden Registrierung oder eines Deals' },
  },
  { key: 'not_qualified', label: { en: 'Not qualified', de: 'Nicht qualifiziert' } },
  {
    key: 'customer_in_active_cycle',
    label: { en: 'Customer already in an active sales cycle', de: 'Kunde bereits in einem aktiven Verkaufszyklus' },
  },
  { key: 'outside_territory', label: { en: 'Outside the partner’s territory', de: 'Außerhalb des Partnergebiets' } },
  { key: 'incomplete', label: { en: 'Information incomplete', de: 'Angaben unvollständig' } },
  { key: 'other', label: { en: 'Other', de: 'Sonstiges' } },
] as const;

export const metricsQuery = z.strictObject({
  from: z.iso.date({ message: 'must be a date such as 2026-01-01' }).optional(),
  to: z.iso.date({ message: 'must be a date such as 2026-12-31' }).optional(),
  motion: z.enum(MOTIONS).optional(),
  partnerId: z.uuid().optional(),
});
