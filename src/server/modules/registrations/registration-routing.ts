import type { Motion } from '../../../shared/opportunities.ts';
import type { Ctx } from '../../context.ts';
import type { ResolvedProgram } from '../program/program.service.ts';
import * as repo from './registrations.repository.ts';
import { type PartnerType, type RoutingResult, routeRegistration } from './routing.rules.ts';

type PartnerFacts = { id: string; type: string; tier: string | null; region: string | null; managerUserId: string | null };

/**
 * Routes a registration to its approver (REG-5): the workspace's rules, in the transaction of the
 * assignment with the round-robin cursors locked, so two submissions never take the same turn.
 * Deactivated staff are not available; the fallback queue is the partner managers (or, without
 * any, the admins).
 */
export async function routeFor(
  ctx: Ctx,
  program: ResolvedProgram,
  r: { type: 'deal' | 'lead'; motion: Motion; amount: { minor: number; currency: string } | null; partner: PartnerFacts },
): Promise<RoutingResult> {
  const staff = await repo.staffMembers(ctx.trx, ctx.workspaceId);
  const active = staff.filter((s) => s.status === 'active');
  const managers = active.filter((s) => s.role === 'partner_manager').map((s) => s.id);
  const admins = active.filter((s) => s.role === 'admin').map((s) => s.id);
  const state = await repo.routingState(ctx.trx, ctx.workspaceId);
  const result = routeRegistration(
    {
      type: r.type,
      territory: r.partner.region,
      amount: r.amount,
      partnerTier: r.partner.tier,
      partnerType: r.partner.type as PartnerType,
      motion: r.motion,
      partnerManagerId: r.partner.managerUserId,
    },
    program.routing,
    state,
    { partnerManagerIds: managers.length ? managers : admins, unavailableUserIds: staff.filter((s) => s.status !== 'active').map((s) => s.id) },
  );
  await repo.saveRoutingState(ctx.trx, ctx.workspaceId, { ...result.state });
  return result;
}
