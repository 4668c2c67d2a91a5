import { z } from 'zod';
import { partnerAccountSchema, partnerDealSchema, partnerLeadSchema, portalDealListQuery } from './portal.ts';

export const SHARE_ENTITY_TYPES = ['opportunity', 'account', 'lead', 'opportunity_list'] as const;
export const SHARE_ACTIONS = ['acknowledge', 'comment', 'update_task'] as const;
export type ShareAction = (typeof SHARE_ACTIONS)[number];

/** A link for a named recipient to one record, or to a filtered list of one partner's deals. */
export const shareLinkInput = z
  .strictObject({
    entityType: z.enum(SHARE_ENTITY_TYPES, { message: `must be one of ${SHARE_ENTITY_TYPES.join(', ')}` }),
    entityId: z.uuid({ message: 'must be the id of the record to share' }).optional(),
    view: portalDealListQuery.partial().optional().describe('for opportunity_list: the filters of the shared list'),
    partnerId: z
      .uuid({ message: 'must be the id of a partner' })
      .optional()
      .describe('whose safelist applies (default: the deal’s partner when it has one)'),
    recipientEmail: z
      .email({ message: 'must be an email address' })
      .max(320)
      .transform((e) => e.toLowerCase()),
    recipientName: z.string().trim().min(1).max(200).optional(),
    expiresInHours: z.number().int('must be a whole number of hours').min(1, 'must be at least 1 hour').optional(),
    allowedActions: z
      .array(z.enum(SHARE_ACTIONS, { message: `must be one of ${SHARE_ACTIONS.join(', ')}` }))
      .max(3)
      .default([]),
    requireCode: z.boolean().default(false).describe('ask for a one-time code sent to the recipient’s email before showing anything'),
    notify: z.boolean().default(true).describe('email the link to the recipient'),
  })
  .superRefine((v, ctx) => {
    if (v.entityType === 'opportunity_list' && v.entityId)
      ctx.addIssue({ code: 'custom', path: ['entityId'], message: 'a list has no entityId; give view instead' });
    if (v.entityType !== 'opportunity_list' && !v.entityId) ctx.addIssue({ code: 'custom', path: ['entityId'], message: 'name the record to share' });
    if (v.entityType === 'opportunity_list' && !v.partnerId)
      ctx.addIssue({ code: 'custom', path: ['partnerId'], message: 'a list shows one partner’s deals: name the partner' });
  });
export type ShareLinkInput = z.infer<typeof shareLinkInput>;

export const shareLinkSchema = z.object({
  id: z.uuid(),
  url: z.string().optional().describe('only in the answer to the create request: the token is not stored'),
  entityType: z.enum(SHARE_ENTITY_TYPES),
  entityId: z.uuid().nullable(),
  partnerId: z.uuid().nullable(),
  recipientEmail: z.string(),
  recipientName: z.string().nullable(),
  allowedActions: z.array(z.enum(SHARE_ACTIONS)),
  requireCode: z.boolean(),
  status: z.enum(['active', 'expired', 'revoked']),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  accessCount: z.number(),
  lastAccessedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type ShareLink = z.infer<typeof shareLinkSchema>;

export const shareLinkListQuery = z.strictObject({
  entityType: z.enum(SHARE_ENTITY_TYPES).optional(),
  entityId: z.uuid().optional(),
});

/** What a recipient learns before entering a code: who shares, until when, and whether a code is needed. */
export const sharedMetaSchema = z.object({
  workspace: z.object({
    name: z.string(),
    slug: z.string(),
    branding: z.object({
      logoUrl: z.string().nullable(),
      primaryColor: z.string().nullable(),
      productName: z.string().nullable(),
      supportEmail: z.string().nullable(),
      faviconUrl: z.string().nullable(),
    }),
  }),
  recipientName: z.string().nullable(),
  recipientHint: z.string().describe('the recipient’s address, masked'),
  entityType: z.enum(SHARE_ENTITY_TYPES),
  expiresAt: z.string(),
  requiresCode: z.boolean(),
  verified: z.boolean(),
  allowedActions: z.array(z.enum(SHARE_ACTIONS)),
  acknowledgedAt: z.string().nullable(),
  locale: z.enum(['en', 'de']),
});

/** The shared record as the recipient may see it (the safelist of the link's partner applies). */
export const sharedRecordSchema = z.object({
  deal: partnerDealSchema.optional(),
  account: partnerAccountSchema.optional(),
  lead: partnerLeadSchema.optional(),
  deals: z.array(partnerDealSchema).optional(),
});

export const shareCodeInput = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be the 6-digit code from the email'),
});
export const shareCommentInput = z.strictObject({
  body: z.string().trim().min(1, 'must not be empty').max(5_000, 'must be at most 5,000 characters'),
});
