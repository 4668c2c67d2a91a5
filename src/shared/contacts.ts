import { z } from 'zod';
import { nonEmpty } from './validation.ts';

const optionalText = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`).nullish();

/** An email address as typed, trimmed and lower-cased. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'must be an email address such as jane@example.com' }).max(254, 'must be at most 254 characters'));

export const MAX_CONTACT_EMAILS = 20;

export const contactInput = z.strictObject({
  firstName: z.string().trim().max(100, 'must be at most 100 characters').nullish(),
  lastName: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  emails: z.array(emailSchema).max(MAX_CONTACT_EMAILS, `at most ${MAX_CONTACT_EMAILS} email addresses`).optional(),
  phone: optionalText(50),
  title: optionalText(200),
  accountId: z.uuid({ message: 'must be the id of an account' }).nullish(),
  partnerId: z.uuid({ message: 'must be the id of a partner' }).nullish(),
  ownerUserId: z.uuid({ message: 'must be the id of a staff member' }).nullish(),
});
export type ContactInput = z.infer<typeof contactInput>;
export const contactPatch = nonEmpty(contactInput.partial());
export type ContactPatch = z.infer<typeof contactPatch>;

export const contactSchema = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  name: z.string(),
  emails: z.array(z.string()),
  phone: z.string().nullable(),
  title: z.string().nullable(),
  accountId: z.uuid().nullable(),
  account: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  partnerId: z.uuid().nullable(),
  ownerUserId: z.uuid().nullable(),
  deletedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Contact = z.infer<typeof contactSchema>;

export const contactListQuery = z.strictObject({
  q: z.string().trim().max(200).optional().describe('name or email contains (accents and case ignored)'),
  accountId: z.uuid({ message: 'must be the id of an account' }).optional(),
  partnerId: z.uuid({ message: 'must be the id of a partner' }).optional(),
  email: emailSchema.optional().describe('contacts holding exactly this email address'),
  ownerUserId: z.uuid({ message: 'must be the id of a staff member' }).optional(),
  deleted: z.enum(['exclude', 'only']).default('exclude').describe('list deleted contacts (to restore them)'),
  sort: z.enum(['name', 'createdAt'], { message: 'must be name or createdAt' }).default('name'),
});
export type ContactListQuery = z.infer<typeof contactListQuery>;
