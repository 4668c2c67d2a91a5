import type { z } from 'zod';
import type { colleagueInvite, colleaguePatch } from '../../../shared/portal.ts';
import { partnerScopeOf } from '../../auth/partner-scope.ts';
import type { Ctx } from '../../context.ts';
import { AppError, found } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertOpportunity } from '../opportunities/opportunities.service.ts';
import { isPartnerUserOnDeal } from '../tasks/tasks.repository.ts';
import { invitePartnerUser, listPartnerUsers, type UserDeps, updatePartnerUser } from '../users/users.service.ts';
import * as repo from './portal.repository.ts';
import { assertDeal } from './portal.service.ts';

/** The people of the caller's partner organisation. */
export async function listColleagues(ctx: Ctx) {
  return listPartnerUsers(ctx, partnerScopeOf(ctx.actor).partnerId);
}

/** A partner admin invites a colleague of their own organisation (emails a sign-in link). */
export function inviteColleague(ctx: Ctx, deps: UserDeps, input: z.infer<typeof colleagueInvite>) {
  return invitePartnerUser(ctx, deps, partnerScopeOf(ctx.actor).partnerId, input);
}

/** A partner admin changes a colleague's role or deactivates them. */
export function updateColleague(ctx: Ctx, partnerUserId: string, patch: z.infer<typeof colleaguePatch>) {
  return updatePartnerUser(ctx, partnerScopeOf(ctx.actor).partnerId, partnerUserId, patch);
}

/** Who of the partner sees a deal besides its admins. */
export async function dealAccessForPartner(ctx: Ctx, opportunityId: string) {
  const scope = partnerScopeOf(ctx.actor);
  await assertDeal(ctx, opportunityId);
  const rows = await repo.dealAccessList(ctx.trx, ctx.workspaceId, opportunityId);
  return { data: rows.filter((r) => r.partnerId === scope.partnerId).map(({ id, name, reason }) => ({ id, name, reason })) };
}

/** A partner admin shares one of the partner's deals with a colleague. */
export async function shareDealWithColleague(ctx: Ctx, opportunityId: string, partnerUserId: string) {
  const scope = partnerScopeOf(ctx.actor);
  await assertDeal(ctx, opportunityId);
  if (!(await repo.isColleague(ctx.trx, ctx.workspaceId, scope.partnerId, partnerUserId))) {
    throw new AppError('validation_failed', 'Share the deal with an active colleague of your organisation.', {
      fields: [{ field: 'params.partnerUserId', message: 'is not an active colleague of yours' }],
    });
  }
  await repo.grantDealAccess(ctx.trx, ctx.workspaceId, opportunityId, partnerUserId, 'shared');
  await recordAudit(ctx, { action: 'deal_access.granted', entityType: 'opportunity', entityId: opportunityId, data: { partnerUserId } });
  return dealAccessForPartner(ctx, opportunityId);
}

/** A partner admin takes a shared deal away from a colleague. */
export async function unshareDealWithColleague(ctx: Ctx, opportunityId: string, partnerUserId: string) {
  const scope = partnerScopeOf(ctx.actor);
  await assertDeal(ctx, opportunityId);
  if (!(await repo.isColleague(ctx.trx, ctx.workspaceId, scope.partnerId, partnerUserId))) throw new AppError('not_found', 'Colleague not found.');
  await repo.revokeDealAccess(ctx.trx, ctx.workspaceId, opportunityId, partnerUserId);
  await recordAudit(ctx, { action: 'deal_access.revoked', entityType: 'opportunity', entityId: opportunityId, data: { partnerUserId } });
}

/** The partner user who registered a deal sees it as its owner (also as a partner_rep). */
export async function grantOwnerAccess(ctx: Ctx, opportunityId: string, partnerUserId: string) {
  await repo.grantDealAccess(ctx.trx, ctx.workspaceId, opportunityId, partnerUserId, 'owner');
}

/** Staff: the partner users who see a deal as reps (owners and those it was shared with). */
export async function dealAccessForStaff(ctx: Ctx, opportunityId: string) {
  await assertOpportunity(ctx, opportunityId);
  return { data: await repo.dealAccessList(ctx.trx, ctx.workspaceId, opportunityId) };
}

/** Staff: shares a deal with a user of a partner that holds a role on it. */
export async function grantDealAccess(ctx: Ctx, opportunityId: string, partnerUserId: string) {
  await assertOpportunity(ctx, opportunityId);
  if (!(await isPartnerUserOnDeal(ctx.trx, ctx.workspaceId, opportunityId, partnerUserId))) {
    throw new AppError('validation_failed', 'Share the deal with a user of a partner that holds a role on it.', {
      fields: [{ field: 'params.partnerUserId', message: 'is not a user of a partner on this deal' }],
    });
  }
  await repo.grantDealAccess(ctx.trx, ctx.workspaceId, opportunityId, partnerUserId, 'shared');
  await recordAudit(ctx, { action: 'deal_access.granted', entityType: 'opportunity', entityId: opportunityId, data: { partnerUserId } });
  return dealAccessForStaff(ctx, opportunityId);
}

/** Staff: takes a shared deal away from a partner user. */
export async function revokeDealAccess(ctx: Ctx, opportunityId: string, partnerUserId: string) {
  await assertOpportunity(ctx, opportunityId);
  found(
    (await repo.dealAccessList(ctx.trx, ctx.workspaceId, opportunityId)).find((r) => r.id === partnerUserId),
    'Deal access',
  );
  await repo.revokeDealAccess(ctx.trx, ctx.workspaceId, opportunityId, partnerUserId);
  await recordAudit(ctx, { action: 'deal_access.revoked', entityType: 'opportunity', entityId: opportunityId, data: { partnerUserId } });
}
