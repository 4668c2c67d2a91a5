import type { PartnerUserRole, ShareAction, ShareLinksTable, StaffRole } from '../db/schema.ts';

/** Who is calling. Every request and job runs as exactly one actor in exactly one workspace. */
export type Actor =
  | {
      kind: 'staff';
      workspaceId: string;
      userId: string;
      role: StaffRole;
      name: string;
      email: string;
      sessionId: string;
      csrfToken: string;
    }
  | {
      kind: 'partner_user';
      workspaceId: string;
      partnerUserId: string;
      partnerId: string;
      role: PartnerUserRole;
      name: string;
      email: string;
      sessionId: string;
      csrfToken: string;
    }
  | { kind: 'api_key'; workspaceId: string; apiKeyId: string; name: string; scopes: string[]; partnerId: string | null }
  | {
      /** The recipient of a share link, known by the link's token (and the emailed code, when it asks for one). */
      kind: 'share_link';
      workspaceId: string;
      shareLinkId: string;
      recipientEmail: string;
      /** The recipient's name as the vendor gave it, else their email address. */
      name: string;
      partnerId: string | null;
      entityType: ShareLinksTable['entityType'];
      entityId: string | null;
      allowedActions: ShareAction[];
    }
  | {
      /** Someone using a partner's no-login registration link: registers for that partner, sees only what it submitted. */
      kind: 'registration_link';
      workspaceId: string;
      registrationLinkId: string;
      partnerId: string;
      name: string;
    }
  | { kind: 'system'; workspaceId: string; name: string; onBehalfOf?: { kind: 'staff' | 'partner_user'; id: string } };

export type ActorKind = Actor['kind'];

/** Stable id of the actor for audit and idempotency records. */
export function actorId(actor: Actor): string | null {
  switch (actor.kind) {
    case 'staff':
      return actor.userId;
    case 'partner_user':
      return actor.partnerUserId;
    case 'api_key':
      return actor.apiKeyId;
    case 'share_link':
      return actor.shareLinkId;
    case 'registration_link':
      return actor.registrationLinkId;
    case 'system':
      return actor.onBehalfOf?.id ?? null;
  }
}

export function actorLabel(actor: Actor): string {
  if (actor.kind === 'share_link') return actor.recipientEmail;
  return actor.kind === 'staff' || actor.kind === 'partner_user' ? actor.email : actor.name;
}
