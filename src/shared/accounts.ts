import { z } from 'zod';
import { domainSchema } from './domains.ts';
import { nonEmpty } from './validation.ts';

export const CUSTOMER_STATUSES = ['prospect', 'customer', 'former'] as const;

const optionalText = (max: number) => z.string().trim().min(1).max(max).nullish();

export const accountInput = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters'),
  domains: z.array(domainSchema).max(50, 'at most 50 domains').optional(),
  industry: optionalText(100),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as DE')
    .nullish(),
  region: optionalText(100),
  segment: optionalText(60),
  employeeCount: z.number().int('must be a whole number').min(0).max(10_000_000).nullish(),
  ownerUserId: z.uuid({ message: 'must be the id of a staff member' }).nullish(),
  customerStatus: z.enum(CUSTOMER_STATUSES, { message: 'must be prospect, customer or former' }).optional(),
  renewalDate: z.iso.date({ message: 'must be a date such as 2027-03-31' }).nullish(),
  description: z.string().max(20_000).nullish(),
});
export type AccountInput = z.infer<typeof accountInput>;
export const accountPatch = nonEmpty(accountInput.partial());

export const accountSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  domains: z.array(z.string()),
  industry: z.string().nullable(),
  country: z.string().nullable(),
  region: z.string().nullable(),
  segment: z.string().nullable(),
  employeeCount: z.number().nullable(),
  ownerUserId: z.uuid().nullable(),
  customerStatus: z.enum(CUSTOMER_STATUSES),
  renewalDate: z.string().nullable(),
  description: z.string().nullable(),
  deletedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Account = z.infer<typeof accountSchema>;

export const accountListQuery = z.strictObject({
  q: z.string().trim().max(200).optional().describe('name contains (accents and case ignored)'),
  domain: z.string().trim().toLowerCase().max(253).optional(),
  ownerUserId: z.uuid().optional(),
  customerStatus: z.enum(CUSTOMER_STATUSES).optional(),
  country: z.string().length(2).toUpperCase().optional(),
  segment: z.string().max(60).optional(),
  deleted: z.enum(['exclude', 'only']).default('exclude').describe('list deleted accounts (to restore them)'),
  sort: z.enum(['name', 'createdAt']).default('name'),
});
