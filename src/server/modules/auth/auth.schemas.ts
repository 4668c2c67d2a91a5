import { z } from 'zod';
import { nonEmpty } from '../../../shared/validation.ts';
import { LOCALES, slug } from '../../../shared/workspace.ts';
import { PASSWORD_MIN_LENGTH } from '../../auth/passwords.ts';

const email = z
  .email({ message: 'must be an email address' })
  .max(320)
  .transform((e) => e.toLowerCase());

export const loginBody = z.strictObject({
  email,
  password: z.string().min(1, 'must not be empty').max(200),
  workspace: slug.optional().describe('workspace slug; required for partner users'),
});
export const magicLinkBody = z.strictObject({ email, workspace: slug.optional() });
export const verifyBody = z.strictObject({ token: z.string().min(10, 'must be the token from the link').max(200) });
export const mePatch = nonEmpty(
  z.strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    locale: z.enum(LOCALES, { message: 'must be en or de' }).nullable().optional(),
  }),
);
export const passwordBody = z.strictObject({
  currentPassword: z.string().max(200).optional(),
  newPassword: z.string().min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`).max(200),
});
