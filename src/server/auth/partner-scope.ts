import type { PartnerUserRole } from '../db/schema.ts';
import { AppError } from '../http/errors.ts';
import type { Actor } from './actor.ts';

/**
 * Who a partner-facing request acts for: the partner, the person (null for a partner API key,
 * which has the rights of a partner_admin), and their role. Every portal repository function
 * takes it, so a query cannot forget whose data it may read.
 */
export type PartnerScope = { partnerId: string; partnerUserId: string | null; role: PartnerUserRole };

/** The partner scope of a portal caller; forbidden for anyone else. */
export function partnerScopeOf(actor: Actor): PartnerScope {
  if (actor.kind === 'partner_user') return { partnerId: actor.partnerId, partnerUserId: actor.partnerUserId, role: actor.role };
  if (actor.kind === 'api_key' && actor.partnerId) return { partnerId: actor.partnerId, partnerUserId: null, role: 'partner_admin' };
  throw new AppError('forbidden', 'The portal API is for partner users and partner API keys.');
}

/** Whether the scope sees every deal of its partner (partner admins and partner keys) or only its own and shared ones. */
export const seesWholePartner = (scope: PartnerScope) => scope.role === 'partner_admin';
