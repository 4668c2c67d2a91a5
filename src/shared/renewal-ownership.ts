import { z } from 'zod';

/**
 * Renewal ownership (REG-11): who works an account's renewal — one of the partners with a stake in
 * the account, or the vendor's direct team — confirmed at least 90 days (the workspace's SLA)
 * before the renewal date.
 */

/** Where a renewal ownership stands: see RENEWAL_OWNERSHIP_STATUS_TEXT for each. */
export const RENEWAL_OWNERSHIP_STATUSES = ['no_renewal', 'not_needed', 'on_track', 'at_risk', 'overdue', 'confirmed', 'renewal_passed'] as const;
export type RenewalOwnershipStatus = (typeof RENEWAL_OWNERSHIP_STATUSES)[number];

/** What each status means, for API readers. */
export const RENEWAL_OWNERSHIP_STATUS_TEXT: Record<RenewalOwnershipStatus, string> = {
  no_renewal: 'the account has no renewal date',
  not_needed: 'no partner holds a stake in the account',
  on_track: 'to be confirmed; the reminder is not due yet',
  at_risk: 'to be confirmed soon: the reminder is due',
  overdue: 'the confirmation deadline passed without a confirmation',
  confirmed: 'the owner of this renewal is confirmed',
  renewal_passed: 'the renewal date passed without a confirmation',
};

/** Why a partner has a stake: protection held now or before (a registration), or a role on an opportunity. */
export const STAKE_SOURCES = ['registration', 'opportunity'] as const;

/** `POST /accounts/:id/renewal-ownership`: the owning partner, or null for the vendor's direct team. */
export const renewalOwnershipInput = z.strictObject({
  partnerId: z
    .uuid({ message: 'must be the id of a partner, or null when your direct team owns the renewal' })
    .nullable()
    .describe('the partner that owns the renewal; null: the direct team'),
  note: z.string().trim().max(2_000, 'must be at most 2,000 characters').optional(),
});
export type RenewalOwnershipInput = z.infer<typeof renewalOwnershipInput>;

export const renewalOwnershipSchema = z.object({
  accountId: z.uuid(),
  renewalDate: z.string().nullable(),
  status: z.enum(RENEWAL_OWNERSHIP_STATUSES),
  /** The confirmation deadline: the SLA's duration before the renewal. */
  dueAt: z.string().nullable(),
  reminderDueAt: z.string().nullable(),
  remindedAt: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  stakes: z.array(z.object({ partnerId: z.uuid(), name: z.string(), via: z.array(z.enum(STAKE_SOURCES)) })),
  confirmation: z
    .object({
      at: z.string(),
      by: z.object({ userId: z.uuid().nullable(), label: z.string().nullable() }),
      owner: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('partner'), partnerId: z.uuid(), name: z.string() }),
        z.object({ kind: z.literal('direct') }),
      ]),
      note: z.string().nullable(),
    })
    .nullable(),
  permissions: z.object({ confirm: z.boolean() }),
});
export type RenewalOwnership = z.infer<typeof renewalOwnershipSchema>;
