import { z } from 'zod';
import { domainSchema } from './domains.ts';
import { nonEmpty } from './validation.ts';

export const PARTNER_TYPES = ['referral', 'reseller', 'marketplace', 'services', 'technology'] as const;
export const LIFECYCLE_STATES = ['applied', 'onboarding', 'active', 'suspended', 'offboarded'] as const;
export const CERTIFICATION_STATUSES = ['none', 'in_progress', 'certified'] as const;

export const partnerInput = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  type: z.enum(PARTNER_TYPES, { message: `must be one of ${PARTNER_TYPES.join(', ')}` }),
  tier: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be a short tier key such as gold')
    .nullish(),
  region: z.string().trim().min(1).max(100).nullish(),
  domains: z.array(domainSchema).max(50, 'at most 50 domains').optional(),
  lifecycleState: z.enum(LIFECYCLE_STATES, { message: `must be one of ${LIFECYCLE_STATES.join(', ')}` }).optional(),
  certificationStatus: z.enum(CERTIFICATION_STATUSES).optional(),
  isEstablished: z.boolean().optional(),
  managerUserId: z.uuid({ message: 'must be the id of a staff member' }).nullish().describe('the partner manager: routing and escalations'),
});
export type PartnerInput = z.infer<typeof partnerInput>;

export const partnerPatch = nonEmpty(partnerInput.partial());
export type PartnerPatch = z.infer<typeof partnerPatch>;

export const partnerSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  type: z.enum(PARTNER_TYPES),
  tier: z.string().nullable(),
  region: z.string().nullable(),
  domains: z.array(z.string()),
  lifecycleState: z.enum(LIFECYCLE_STATES),
  certificationStatus: z.enum(CERTIFICATION_STATUSES),
  isEstablished: z.boolean(),
  managerUserId: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Partner = z.infer<typeof partnerSchema>;

export const partnerListQuery = z.strictObject({
  q: z.string().trim().max(200).optional().describe('name contains'),
  type: z.enum(PARTNER_TYPES).optional(),
  tier: z.string().max(40).optional(),
  region: z.string().max(100).optional(),
  lifecycleState: z.enum(LIFECYCLE_STATES).optional(),
  domain: z.string().max(253).optional(),
  sort: z.enum(['name', 'createdAt']).default('name'),
});
