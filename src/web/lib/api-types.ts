// Types of the JSON the server sends (the contract of /api/v1), as the web app uses them:
// from the shared zod schemas where they exist, written out here where they do not (yet).
import type { z } from 'zod';

export type { Partner, PartnerInput, PartnerPatch } from '../../shared/partners.ts';

import type {
  brandingSchema,
  LOCALES,
  PARTNER_USER_ROLES,
  publicWorkspaceSchema,
  Me as SharedMe,
  STAFF_ROLES,
  workspacePatch,
  workspaceSchema,
} from '../../shared/workspace.ts';

export type Locale = (typeof LOCALES)[number];
export type StaffRole = (typeof STAFF_ROLES)[number];
export type PartnerUserRole = (typeof PARTNER_USER_ROLES)[number];
export type Branding = z.infer<typeof brandingSchema>;
export type Workspace = z.infer<typeof workspaceSchema>;
export type PublicWorkspace = z.infer<typeof publicWorkspaceSchema>;
/** PATCH /api/v1/workspace: name, time zone, language, and any branding fields (null clears one). */
export type WorkspacePatch = z.input<typeof workspacePatch>;
export type Permissions = SharedMe['permissions'];

/** GET /api/v1/me, with the role narrowed to the roles the UI knows. */
export type Me = Omit<SharedMe, 'actor'> & {
  actor: Omit<SharedMe['actor'], 'role'> & { role: StaffRole | PartnerUserRole };
};

export type Page<T> = { data: T[]; nextCursor: string | null };

/** Someone with an account: a staff user of the workspace or a partner user of a partner. */
export type Person<R extends string = StaffRole | PartnerUserRole> = {
  id: string;
  name: string;
  email: string;
  role: R;
  status: 'active' | 'deactivated' | 'invited';
};

export type StaffUser = Person<StaffRole> & { createdAt: string };

export type PartnerUser = Person<PartnerUserRole>;

export type ApiKey = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  partnerId: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export type AuditEvent = {
  id: string;
  seq: string | number;
  occurredAt: string;
  actorKind: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  /** `{ from, to }` per changed field; some actions record plain values instead. */
  changes: Record<string, unknown> | null;
  reason: string | null;
  requestId: string | null;
  ip: string | null;
};

export type MailSummary = {
  id: string;
  to: string;
  subject: string;
  template: string | null;
  status: string;
  createdAt: string;
};

export type Mail = MailSummary & { text: string | null; html: string | null };
