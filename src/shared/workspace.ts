import { z } from 'zod';
import { nonEmpty } from './validation.ts';

export const LOCALES = ['en', 'de'] as const;
export const STAFF_ROLES = ['admin', 'partner_manager', 'sales', 'revops'] as const;
export const PARTNER_USER_ROLES = ['partner_admin', 'partner_rep'] as const;

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const timeZone = z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin');
export const slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$/, 'must be 3–50 lowercase letters, digits or dashes');

export const brandingSchema = z.object({
  logoUrl: z.string().nullable(),
  primaryColor: z.string().nullable(),
  productName: z.string().nullable(),
  supportEmail: z.string().nullable(),
  faviconUrl: z.string().nullable(),
});

export const brandingPatch = z.strictObject({
  logoUrl: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL of an image' })
    .max(2000)
    .nullish(),
  primaryColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'must be a hex colour such as #1c7ed6')
    .transform((c) => c.toLowerCase())
    .nullish(),
  productName: z.string().trim().min(1).max(60).nullish(),
  supportEmail: z.email({ message: 'must be an email address' }).nullish(),
  faviconUrl: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL of an icon' })
    .max(2000)
    .nullish(),
});

/** A host name the portal also answers on (the workspace's own domain, pointed at Tandem). */
export const customHost = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, 'must be a host name such as partners.acme.example');

export const workspaceSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  timeZone: z.string(),
  locale: z.enum(LOCALES),
  branding: brandingSchema,
  customHost: z.string().nullable(),
  createdAt: z.string(),
});

export const workspacePatch = nonEmpty(
  z.strictObject({
    name: z.string().trim().min(1, 'must not be empty').max(200).optional(),
    timeZone: timeZone.optional(),
    locale: z.enum(LOCALES, { message: 'must be en or de' }).optional(),
    branding: brandingPatch.optional(),
    customHost: customHost.nullable().optional(),
  }),
);

export const publicWorkspaceSchema = z.object({
  slug: z.string(),
  name: z.string(),
  locale: z.enum(LOCALES),
  branding: brandingSchema,
});

export const meSchema = z.object({
  actor: z.object({
    kind: z.enum(['staff', 'partner_user']),
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    role: z.string(),
    locale: z.enum(LOCALES).nullable(),
    partner: z.object({ id: z.uuid(), name: z.string() }).optional(),
  }),
  workspace: workspaceSchema,
  permissions: z.object({
    manageWorkspace: z.boolean(),
    manageUsers: z.boolean(),
    managePartners: z.boolean(),
    readAudit: z.boolean(),
    readMailbox: z.boolean(),
    manageApiKeys: z.boolean(),
  }),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof meSchema>;
