import { z } from 'zod';
import type { CERTIFICATION_STATUSES } from '../../../shared/partners.ts';

/**
 * Who wins when several claims meet on one account and motion (PRODUCT.md REG-10). The
 * hierarchy is applied in this order, every step explainable:
 *
 *   1. registered beats unregistered;
 *   2. an established relationship with the customer beats a new one;
 *   3. the policy: `first_qualified_wins` (a qualified claim beats a pending one, then the earlier
 *      qualification) or `tier_priority` (the higher tier in the configured order);
 *   4. certification status breaks ties (certified > in progress > none);
 *   5. under tier priority, first qualified breaks what is still tied; then the earlier
 *      submission; a claim tied on everything goes to a partner manager (`needsReview`).
 *
 * Established comes before the policy because the source names it as part of the hierarchy: an
 * incumbent partner is not displaced by a newcomer who was quicker to fill in a form. Claims on
 * different motions (a reseller and a services partner) do not conflict: they are roles on one
 * opportunity, and the caller passes claims of one motion only.
 */

/** A partner's certification status (a partner attribute until the LMS exists). */
export type CertificationStatus = (typeof CERTIFICATION_STATUSES)[number];

/** The two policies of REG-10. */
export const CONFLICT_MODES = ['first_qualified_wins', 'tier_priority'] as const;
/** One of CONFLICT_MODES. */
export type ConflictMode = (typeof CONFLICT_MODES)[number];

/**
 * Direct vs partner, when the vendor's own sales team has an open opportunity on the account:
 * `partner_yields` — the direct opportunity always wins; `partner_wins_if_registered_first` — a
 * partner registration submitted before the direct opportunity was opened wins, later ones yield;
 * `registered_partner_wins` — a registered partner wins even over an earlier direct opportunity
 * (the direct team co-sells). An unregistered claim always yields to a direct opportunity.
 */
export const DIRECT_POLICIES = ['partner_yields', 'partner_wins_if_registered_first', 'registered_partner_wins'] as const;
/** One of DIRECT_POLICIES. */
export type DirectPolicy = (typeof DIRECT_POLICIES)[number];

/** A workspace's conflict policy. */
export type ConflictPolicy = {
  mode: ConflictMode;
  /** Tier keys from highest to lowest, for `tier_priority`; unlisted tiers rank below, no tier last. */
  tierOrder: readonly string[];
  establishedBeatsNew: boolean;
  certificationBreaksTies: boolean;
  direct: DirectPolicy;
};

/** First qualified wins, the full hierarchy, and first registration wins against direct. */
export const DEFAULT_CONFLICT_POLICY: ConflictPolicy = {
  mode: 'first_qualified_wins',
  tierOrder: [],
  establishedBeatsNew: true,
  certificationBreaksTies: true,
  direct: 'partner_wins_if_registered_first',
};

const tierKey = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be a short tier key such as gold');

/** The conflict policy in workspace settings; tier priority needs the tier order. */
export const conflictPolicySchema = z
  .strictObject({
    mode: z.enum(CONFLICT_MODES, { message: `must be one of ${CONFLICT_MODES.join(', ')}` }).default(DEFAULT_CONFLICT_POLICY.mode),
    tierOrder: z
      .array(tierKey)
      .max(20, 'at most 20 tiers')
      .refine((t) => new Set(t).size === t.length, 'must not repeat a tier')
      .default([]),
    establishedBeatsNew: z.boolean({ message: 'must be true or false' }).default(true),
    certificationBreaksTies: z.boolean({ message: 'must be true or false' }).default(true),
    direct: z.enum(DIRECT_POLICIES, { message: `must be one of ${DIRECT_POLICIES.join(', ')}` }).default(DEFAULT_CONFLICT_POLICY.direct),
  })
  .superRefine((p, ctx) => {
    if (p.mode === 'tier_priority' && p.tierOrder.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['tierOrder'],
        message: 'tier priority needs the tiers from highest to lowest, e.g. ["platinum", "gold", "silver"]',
      });
    }
  }) satisfies z.ZodType<ConflictPolicy>;

/** One partner's claim on the account and motion (one per partner: pass each partner's strongest). */
export type ConflictClaim = {
  partnerId: string;
  tier: string | null;
  /** Holds a deal registration, as opposed to an unregistered claim of involvement. */
  registered: boolean;
  /** Has an established relationship with the customer (a partner attribute). */
  established: boolean;
  certification: CertificationStatus;
  submittedAt: Date;
  qualification: 'qualified' | 'pending' | 'not_qualified';
  qualifiedAt: Date | null;
};

/** The vendor's own open opportunity on the account and motion. */
export type DirectOpportunity = { opportunityId: string; createdAt: Date };

/** Why one side wins over another; `direct` stands for the vendor's own opportunity. */
export type ConflictReasonCode =
  | 'registered_beats_unregistered'
  | 'established_beats_new'
  | 'qualified_beats_pending'
  | 'qualified_first'
  | 'higher_tier'
  | 'higher_certification'
  | 'submitted_first'
  | 'tie'
  | 'not_qualified'
  | 'direct_opportunity_open'
  | 'direct_opened_first'
  | 'registered_before_direct'
  | 'registered_partner_over_direct'
  | 'unregistered_yields_to_direct';

/** One step of the explanation: the winner, the loser (whose claim it explains) and the values compared. */
export type ConflictReason = {
  code: ConflictReasonCode;
  winner: string | null;
  loser: string;
  winnerValue?: string;
  loserValue?: string;
};

/** The outcome: the winner, the partners in rank order, and why, loser by loser. */
export type ConflictDecision = {
  winner: { kind: 'partner'; partnerId: string } | { kind: 'direct'; opportunityId: string } | null;
  /** Partner ids in hierarchy order, best first, ignoring any direct opportunity (who is next if it closes); not-qualified claims left out. */
  ranking: string[];
  reasons: ConflictReason[];
  /** The winning claim is not qualified yet: the order can still change. */
  provisional: boolean;
  /** Two claims are tied on every rule: a partner manager must decide. */
  needsReview: boolean;
};

type Criterion = { code: ConflictReasonCode; compare: (a: ConflictClaim, b: ConflictClaim) => number; value?: (c: ConflictClaim) => string };

const CERT_RANK: Record<CertificationStatus, number> = { certified: 0, in_progress: 1, none: 2 };
const flag = (f: (c: ConflictClaim) => boolean) => (a: ConflictClaim, b: ConflictClaim) => Number(f(b)) - Number(f(a));

function criteria(policy: ConflictPolicy): Criterion[] {
  const tierRank = (c: ConflictClaim) => {
    if (c.tier === null) return policy.tierOrder.length + 1;
    const i = policy.tierOrder.indexOf(c.tier.toLowerCase());
    return i === -1 ? policy.tierOrder.length : i;
  };
  const qualified: Criterion[] = [
    { code: 'qualified_beats_pending', compare: flag((c) => c.qualification === 'qualified') },
    {
      code: 'qualified_first',
      compare: (a, b) =>
        a.qualifiedAt && b.qualifiedAt && a.qualification === 'qualified' && b.qualification === 'qualified' ? +a.qualifiedAt - +b.qualifiedAt : 0,
      value: (c) => c.qualifiedAt?.toISOString() ?? '',
    },
  ];
  const list: Criterion[] = [{ code: 'registered_beats_unregistered', compare: flag((c) => c.registered) }];
  if (policy.establishedBeatsNew) list.push({ code: 'established_beats_new', compare: flag((c) => c.established) });
  if (policy.mode === 'first_qualified_wins') list.push(...qualified);
  else list.push({ code: 'higher_tier', compare: (a, b) => tierRank(a) - tierRank(b), value: (c) => c.tier ?? '' });
  if (policy.certificationBreaksTies) {
    list.push({
      code: 'higher_certification',
      compare: (a, b) => CERT_RANK[a.certification] - CERT_RANK[b.certification],
      value: (c) => c.certification,
    });
  }
  if (policy.mode === 'tier_priority') list.push(...qualified);
  list.push({ code: 'submitted_first', compare: (a, b) => +a.submittedAt - +b.submittedAt, value: (c) => c.submittedAt.toISOString() });
  return list;
}

// The first criterion that separates two claims (negative: a is better), or a tie.
function decide(list: Criterion[], a: ConflictClaim, b: ConflictClaim): { code: ConflictReasonCode; sign: number; criterion?: Criterion } {
  for (const criterion of list) {
    const d = criterion.compare(a, b);
    if (d !== 0) return { code: criterion.code, sign: Math.sign(d), criterion };
  }
  return { code: 'tie', sign: 0 };
}

function reasonBetween(list: Criterion[], winner: ConflictClaim, loser: ConflictClaim): ConflictReason {
  const { code, criterion } = decide(list, winner, loser);
  const r: ConflictReason = { code, winner: winner.partnerId, loser: loser.partnerId };
  if (criterion?.value) [r.winnerValue, r.loserValue] = [criterion.value(winner), criterion.value(loser)];
  return r;
}

/**
 * Decides between the claims on one account and motion under the policy, with an optional open
 * direct opportunity, and explains every loser's position. Pure and deterministic.
 */
export function resolveConflict(claims: readonly ConflictClaim[], policy: ConflictPolicy, direct: DirectOpportunity | null = null): ConflictDecision {
  if (new Set(claims.map((c) => c.partnerId)).size !== claims.length) throw new RangeError('pass one claim per partner');
  const list = criteria(policy);
  const byId = (a: ConflictClaim, b: ConflictClaim) => (a.partnerId < b.partnerId ? -1 : a.partnerId > b.partnerId ? 1 : 0);
  const excluded = claims.filter((c) => c.qualification === 'not_qualified').sort(byId);
  // Sorted by the hierarchy; claims tied on everything in id order, so the result never depends on input order.
  const ranked = claims.filter((c) => c.qualification !== 'not_qualified').sort((a, b) => decide(list, a, b).sign || byId(a, b));
  const reasons: ConflictReason[] = [];
  let field = ranked;
  if (direct) {
    // The partner claims that hold their ground against the vendor's own opportunity.
    const survives = (c: ConflictClaim) =>
      c.registered &&
      (policy.direct === 'registered_partner_wins' || (policy.direct === 'partner_wins_if_registered_first' && +c.submittedAt < +direct.createdAt));
    const directCode = (c: ConflictClaim): ConflictReasonCode =>
      !c.registered ? 'unregistered_yields_to_direct' : policy.direct === 'partner_yields' ? 'direct_opportunity_open' : 'direct_opened_first';
    for (const c of ranked) if (!survives(c)) reasons.push({ code: directCode(c), winner: 'direct', loser: c.partnerId });
    field = ranked.filter(survives);
  }
  const lead = field[0] ?? null;
  const partnerReasons = lead ? field.slice(1).map((c) => reasonBetween(list, lead, c)) : [];
  if (direct && lead) {
    const code = policy.direct === 'registered_partner_wins' ? 'registered_partner_over_direct' : 'registered_before_direct';
    reasons.unshift({ code, winner: lead.partnerId, loser: 'direct' }, ...partnerReasons);
  } else {
    reasons.unshift(...partnerReasons);
  }
  for (const c of excluded) reasons.push({ code: 'not_qualified', winner: null, loser: c.partnerId });
  const winner: ConflictDecision['winner'] = lead
    ? { kind: 'partner', partnerId: lead.partnerId }
    : direct
      ? { kind: 'direct', opportunityId: direct.opportunityId }
      : null;

  return {
    winner,
    ranking: ranked.map((c) => c.partnerId),
    reasons,
    provisional: lead !== null && lead.qualification !== 'qualified',
    needsReview: partnerReasons.some((r) => r.code === 'tie'),
  };
}

/** The reasons that explain one partner's outcome (what the portal may show that partner). */
export function reasonsFor(decision: ConflictDecision, partnerId: string): ConflictReason[] {
  return decision.reasons.filter((r) => r.loser === partnerId || r.winner === partnerId);
}
