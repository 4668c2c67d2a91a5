import { z } from 'zod';
import { emailSchema } from './contacts.ts';
import { domainSchema } from './domains.ts';
import { opportunityInput } from './opportunities.ts';
import { nonEmpty } from './validation.ts';

export const LEAD_STATUSES = ['new', 'working', 'qualified', 'disqualified', 'converted'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];
/** The statuses a person sets; `converted` comes only from POST /leads/{id}/convert. */
export const OPEN_LEAD_STATUSES = ['new', 'working', 'qualified', 'disqualified'] as const;

const optionalText = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`).nullish();

export const leadInput = z.strictObject({
  firstName: z.string().trim().max(100, 'must be at most 100 characters').nullish(),
  lastName: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  email: emailSchema.nullish(),
  phone: optionalText(50),
  title: optionalText(200),
  company: z.string().trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters'),
  companyDomain: domainSchema.nullish(),
  status: z
    .enum(OPEN_LEAD_STATUSES, { message: 'must be one of new, working, qualified, disqualified (convert a lead with POST /leads/{id}/convert)' })
    .optional(),
  ownerUserId: z.uuid({ message: 'must be the id of a staff member' }).nullish(),
  partnerId: z.uuid({ message: 'must be the id of a partner' }).nullish(),
});
export type LeadInput = z.infer<typeof leadInput>;
export const leadPatch = nonEmpty(leadInput.partial());
export type LeadPatch = z.infer<typeof leadPatch>;

export const leadSchema = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  title: z.string().nullable(),
  company: z.string(),
  companyDomain: z.string().nullable(),
  status: z.enum(LEAD_STATUSES),
  ownerUserId: z.uuid().nullable(),
  partnerId: z.uuid().nullable(),
  convertedAccountId: z.uuid().nullable(),
  convertedContactId: z.uuid().nullable(),
  convertedOpportunityId: z.uuid().nullable(),
  convertedAt: z.string().nullable(),
  deletedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Lead = z.infer<typeof leadSchema>;

/** `a,b` or `?x=a&x=b` → a checked list of statuses. */
const statusList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) =>
    [v]
      .flat()
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(LEAD_STATUSES, { message: `must be one of ${LEAD_STATUSES.join(', ')}` })).max(LEAD_STATUSES.length));

export const leadListQuery = z.strictObject({
  q: z.string().trim().max(200).optional().describe('name, company or email contains (accents and case ignored)'),
  status: statusList.optional().describe('one status or several, comma-separated: new,working'),
  ownerUserId: z.uuid({ message: 'must be the id of a staff member' }).optional(),
  partnerId: z.uuid({ message: 'must be the id of a partner' }).optional(),
  deleted: z.enum(['exclude', 'only']).default('exclude').describe('list deleted leads (to restore them)'),
  sort: z.enum(['createdAt', 'company'], { message: 'must be createdAt or company' }).default('createdAt'),
});
export type LeadListQuery = z.infer<typeof leadListQuery>;

/** The opportunity a conversion may create on the (linked or new) account. */
export const leadConversionOpportunity = opportunityInput.pick({ name: true, amount: true, stage: true, closeDate: true, motion: true });

export const leadConvertInput = z
  .strictObject({
    accountId: z.uuid({ message: 'must be the id of an account' }).optional().describe('link this account'),
    createAccount: z.literal(true, { message: 'must be true (or leave it out)' }).optional().describe('create a new account from the company'),
    createOpportunity: leadConversionOpportunity.optional(),
  })
  .refine((v) => !(v.accountId && v.createAccount), {
    message: 'give accountId to link an account or createAccount: true to create one, not both',
    path: ['createAccount'],
  })
  .describe('Without accountId or createAccount, the account holding the company domain is linked, else a new one is created.');
export type LeadConvertInput = z.infer<typeof leadConvertInput>;

export const leadConversionSchema = z.object({
  lead: leadSchema,
  accountId: z.uuid(),
  contactId: z.uuid(),
  opportunityId: z.uuid().nullable(),
});
export type LeadConversion = z.infer<typeof leadConversionSchema>;
