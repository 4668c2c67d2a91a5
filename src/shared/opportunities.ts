import { z } from 'zod';
import { currencyCode, decimalPlaces, moneyInput, moneySchema } from './money.ts';
import { nonEmpty } from './validation.ts';

/** The default pipeline, in order, with each stage's win probability in percent. */
export const STAGES = ['prospecting', 'qualification', 'proposal', 'negotiation', 'closed_won', 'closed_lost'] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_PROBABILITY: Readonly<Record<Stage, number>> = {
  prospecting: 10,
  qualification: 25,
  proposal: 50,
  negotiation: 75,
  closed_won: 100,
  closed_lost: 0,
};
/** Stages of deals still being worked. */
export const OPEN_STAGES: readonly Stage[] = ['prospecting', 'qualification', 'proposal', 'negotiation'];
export const isClosedStage = (s: Stage) => s === 'closed_won' || s === 'closed_lost';

export const MOTIONS = ['referral', 'resale', 'marketplace', 'services', 'technology'] as const;
export type Motion = (typeof MOTIONS)[number];
export const PARTNER_ROLES = ['reseller', 'services', 'referrer', 'influencer', 'marketplace', 'technology'] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];
export const ATTRIBUTIONS = ['sourced', 'influenced'] as const;
export const OPPORTUNITY_SOURCES = ['direct', 'partner'] as const;
export const MAX_PARTNERS = 20;
export const MAX_CONTACT_ROLES = 50;

const oneOf = (values: readonly string[]) => ({ message: `must be one of ${values.join(', ')}` });
const optionalText = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`).nullish();

/** One partner on an opportunity: its role, sourced or influenced, and its share in percent (two decimals at most). */
export const opportunityPartnerInput = z.strictObject({
  partnerId: z.uuid({ message: 'must be the id of a partner' }),
  role: z.enum(PARTNER_ROLES, oneOf(PARTNER_ROLES)),
  attribution: z.enum(ATTRIBUTIONS, { message: 'must be sourced or influenced' }),
  share: z
    .number({ message: 'must be a percentage from 0 to 100' })
    .min(0, 'must be a percentage from 0 to 100')
    .max(100, 'must be a percentage from 0 to 100')
    .refine((s) => decimalPlaces(s) <= 2, 'must have at most two decimals, e.g. 33.33'),
});
export type OpportunityPartnerInput = z.infer<typeof opportunityPartnerInput>;

/** Sum of shares in hundredths of a percent, so 33.33 + 33.33 + 33.34 is exactly 100. */
export const totalShare = (partners: readonly { share: number }[]) => partners.reduce((sum, p) => sum + Math.round(p.share * 100), 0) / 100;

/** The partners of an opportunity: each partner once, shares together at most 100 %. */
export const opportunityPartnersList = z
  .array(opportunityPartnerInput)
  .max(MAX_PARTNERS, `at most ${MAX_PARTNERS} partners`)
  .superRefine((partners, ctx) => {
    const seen = new Set<string>();
    partners.forEach((p, i) => {
      if (seen.has(p.partnerId))
        ctx.addIssue({ code: 'custom', path: [i, 'partnerId'], message: 'lists this partner a second time; give each partner once' });
      seen.add(p.partnerId);
    });
    const total = totalShare(partners);
    if (total > 100) ctx.addIssue({ code: 'custom', path: [], message: `partner shares add up to ${total} %; together they must not exceed 100 %` });
  });

export const opportunityContactRoleInput = z.strictObject({
  contactId: z.uuid({ message: 'must be the id of a contact' }),
  role: z.string().trim().min(1, 'must not be empty').max(60, 'must be at most 60 characters'),
});
export type OpportunityContactRoleInput = z.infer<typeof opportunityContactRoleInput>;

/** The contact roles of an opportunity: each contact once. */
export const opportunityContactRolesList = z
  .array(opportunityContactRoleInput)
  .max(MAX_CONTACT_ROLES, `at most ${MAX_CONTACT_ROLES} contact roles`)
  .superRefine((roles, ctx) => {
    const seen = new Set<string>();
    roles.forEach((r, i) => {
      if (seen.has(r.contactId))
        ctx.addIssue({ code: 'custom', path: [i, 'contactId'], message: 'lists this contact a second time; give each contact once' });
      seen.add(r.contactId);
    });
  });

export const opportunityInput = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters'),
  accountId: z.uuid({ message: 'must be the id of an account' }),
  amount: moneyInput,
  stage: z.enum(STAGES, oneOf(STAGES)),
  closeDate: z.iso.date({ message: 'must be a date such as 2027-03-31' }),
  motion: z.enum(MOTIONS, oneOf(MOTIONS)).nullish(),
  source: z.enum(OPPORTUNITY_SOURCES, { message: 'must be direct or partner' }).optional(),
  ownerUserId: z.uuid({ message: 'must be the id of a staff member' }).nullish(),
  description: z.string().max(20_000, 'must be at most 20,000 characters').nullish(),
  nextStep: optionalText(2_000),
  partners: opportunityPartnersList.optional(),
  contactRoles: opportunityContactRolesList.optional(),
});
export type OpportunityInput = z.infer<typeof opportunityInput>;

/** A PATCH changes fields; partners and contact roles are replaced through their own PUTs. */
export const opportunityPatch = nonEmpty(opportunityInput.omit({ partners: true, contactRoles: true }).partial());
export type OpportunityPatch = z.infer<typeof opportunityPatch>;

export const opportunityPartnersPut = z.strictObject({ partners: opportunityPartnersList });
export const opportunityContactRolesPut = z.strictObject({ contactRoles: opportunityContactRolesList });

export const opportunitySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  accountId: z.uuid(),
  account: z.object({ id: z.uuid(), name: z.string() }),
  amount: moneySchema,
  stage: z.enum(STAGES),
  stageChangedAt: z.string(),
  probability: z.number(),
  closeDate: z.string(),
  ownerUserId: z.uuid().nullable(),
  source: z.enum(OPPORTUNITY_SOURCES),
  motion: z.enum(MOTIONS).nullable(),
  description: z.string().nullable(),
  nextStep: z.string().nullable(),
  nextStepUpdatedAt: z.string().nullable(),
  registrationId: z.uuid().nullable(),
  partners: z.array(
    z.object({
      partnerId: z.uuid(),
      partnerName: z.string(),
      role: z.enum(PARTNER_ROLES),
      attribution: z.enum(ATTRIBUTIONS),
      share: z.number(),
    }),
  ),
  contactRoles: z.array(z.object({ contactId: z.uuid(), name: z.string(), role: z.string() })),
  deletedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Opportunity = z.infer<typeof opportunitySchema>;

/** `a,b` or `?x=a&x=b` → a checked list of enum values. */
const listOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) =>
      [v]
        .flat()
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values, oneOf(values))).max(values.length));

const amountBound = z.coerce.number({ message: 'must be a number' }).min(0, 'must not be negative').optional();

export const OPPORTUNITY_SORTS = ['closeDate', 'amount', 'name', 'createdAt', 'updatedAt'] as const;

export const opportunityListQuery = z.strictObject({
  q: z.string().trim().max(200).optional().describe('name contains (accents and case ignored)'),
  stage: listOf(STAGES).optional().describe('one stage or several, comma-separated: proposal,negotiation'),
  motion: listOf(MOTIONS).optional().describe('one motion or several, comma-separated'),
  ownerUserId: z.uuid().optional(),
  accountId: z.uuid().optional(),
  partnerId: z.uuid().optional().describe('opportunities this partner has a role on'),
  closeFrom: z.iso.date({ message: 'must be a date such as 2027-01-01' }).optional().describe('close date on or after'),
  closeTo: z.iso.date({ message: 'must be a date such as 2027-12-31' }).optional().describe('close date on or before'),
  currency: currencyCode.optional().describe('only amounts in this currency'),
  amountMin: amountBound.describe('amount at least this, in major units of each opportunity’s own currency'),
  amountMax: amountBound.describe('amount at most this, in major units of each opportunity’s own currency'),
  deleted: z.enum(['exclude', 'only']).default('exclude').describe('list deleted opportunities (to restore them)'),
  sort: z.enum(OPPORTUNITY_SORTS, oneOf(OPPORTUNITY_SORTS)).default('closeDate').describe('amount sorts by minor units across currencies'),
  order: z.enum(['asc', 'desc'], { message: 'must be asc or desc' }).default('asc'),
});
export type OpportunityListQuery = z.infer<typeof opportunityListQuery>;

/** GET /opportunities/summary takes the list's filters; sort and order do not change a sum. */
export const opportunitySummaryQuery = opportunityListQuery.omit({ sort: true, order: true });
export type OpportunitySummaryQuery = z.infer<typeof opportunitySummaryQuery>;

/** One currency's deals in a stage: how many, their summed amount, and that amount times the stage probability. */
export const currencyTotalSchema = z.object({ currency: z.string(), count: z.number().int(), amount: moneySchema, weighted: moneySchema });
export type CurrencyTotal = z.infer<typeof currencyTotalSchema>;

/** A stage of the pipeline: deal count and totals per currency (amounts of different currencies are never added). */
export const stageSummarySchema = z.object({
  stage: z.enum(STAGES),
  probability: z.number(),
  count: z.number().int(),
  totals: z.array(currencyTotalSchema).describe('one entry per currency, most deals first'),
});
export type StageSummary = z.infer<typeof stageSummarySchema>;

export const opportunitySummarySchema = z.object({
  data: z.array(stageSummarySchema).describe('every stage of the pipeline (or of the stage filter), in pipeline order'),
});
export type OpportunitySummary = z.infer<typeof opportunitySummarySchema>;
