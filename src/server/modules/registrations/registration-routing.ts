import type { Motion } from '../../../shared/opportunities.ts';
import { COUNTERS } from '../../db/counters.ts';
import type { ResolvedProgram } from '../program/program.service.ts';
import type * as repo from './registrations.repository.ts';
import { FALLBACK_QUEUE_ID, type PartnerType, type RoutingResult, routeRegistration } from './routing.rules.ts';

type PartnerFacts = { id: string; type: string; tier: string | null; region: string | null; managerUserId: string | null };
type StaffMember = Awaited<ReturnType<typeof repo.staffMembers>>[number];

/**
 * A routing decided up to the turn: `counter` names the queue's turn counter when a queue takes
 * it; `approversByTurn()` lists who approves turn 1, then turns 2, 3, … (repeating) — for an
 * insert that takes the turn itself (repo.insertRegistration).
 */
export type PlannedRoute = { counter: string | null; withTurn: (turn: number) => RoutingResult; approversByTurn: () => (string | null)[] };

/** The users of a configured queue (one list per queue id, the settings schema sees to that). */
function queueMembers(program: ResolvedProgram, queueId: string): readonly string[] {
  for (const rule of program.routing.rules) if (rule.assignTo.kind === 'queue' && rule.assignTo.queueId === queueId) return rule.assignTo.userIds;
  return [];
}

/**
 * Routes a registration to its approver (REG-5) by the workspace's rules. A queue is served round
 * robin by a counter of turns per queue (`routing:<queue>`): each routing into the queue takes the
 * next turn, and turn t goes to the user after the one who had turn t − 1. The caller takes the
 * turn from the counter (it does not wait for other transactions, and never hands out a turn
 * twice) together with the registration number. Deactivated staff are not available; the
 * fallback queue is the partner managers (or, without any, the admins).
 */
export function planRoute(
  program: ResolvedProgram,
  r: { type: 'deal' | 'lead'; motion: Motion; amount: { minor: number; currency: string } | null; partner: PartnerFacts },
  staff: readonly StaffMember[],
): PlannedRoute {
  const active = staff.filter((s) => s.status === 'active');
  const managers = active.filter((s) => s.role === 'partner_manager').map((s) => s.id);
  const admins = active.filter((s) => s.role === 'admin').map((s) => s.id);
  const fallback = managers.length ? managers : admins;
  const route = (state: Record<string, string>) =>
    routeRegistration(
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
      { partnerManagerIds: fallback, unavailableUserIds: staff.filter((s) => s.status !== 'active').map((s) => s.id) },
    );
  // Which queue (if any) does not depend on the turn; only who in the queue does.
  const planned = route({});
  const queueId = planned.queueId;
  if (!queueId) return { counter: null, withTurn: () => planned, approversByTurn: () => [planned.approverId] };
  const members = queueId === FALLBACK_QUEUE_ID ? fallback : queueMembers(program, queueId);
  const withTurn = (turn: number) => {
    const previous = turn > 1 && members.length ? members[(turn - 2) % members.length] : undefined;
    return route(previous ? { [queueId]: previous } : {});
  };
  return {
    counter: COUNTERS.routingTurns(queueId),
    withTurn,
    approversByTurn: () => [planned, ...members.map((_, i) => withTurn(i + 2))].map((r) => r.approverId),
  };
}
