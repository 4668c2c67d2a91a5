import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ConflictClaim,
  type ConflictPolicy,
  conflictPolicySchema,
  DEFAULT_CONFLICT_POLICY,
  reasonsFor,
  resolveConflict,
} from './conflict-policy.rules.ts';

const t = (day: number, hour = 10) => new Date(Date.UTC(2026, 5, day, hour));
const claim = (partnerId: string, over: Partial<ConflictClaim> = {}): ConflictClaim => ({
  partnerId,
  tier: null,
  registered: true,
  established: false,
  certification: 'none',
  submittedAt: t(1),
  qualification: 'qualified',
  qualifiedAt: t(2),
  ...over,
});
const FIRST = DEFAULT_CONFLICT_POLICY;
const TIERS: ConflictPolicy = { ...FIRST, mode: 'tier_priority', tierOrder: ['platinum', 'gold', 'silver'] };
const codes = (d: ReturnType<typeof resolveConflict>) => d.reasons.map((r) => `${r.winner ?? '-'}>${r.loser}:${r.code}`);

describe('the hierarchy under first qualified wins', () => {
  it('puts a registered deal before an unregistered claim, even an earlier one', () => {
    const d = resolveConflict(
      [claim('a', { registered: false, submittedAt: t(1), qualifiedAt: t(1) }), claim('b', { submittedAt: t(5), qualifiedAt: t(6) })],
      FIRST,
    );
    expect(d.winner).toEqual({ kind: 'partner', partnerId: 'b' });
    expect(codes(d)).toEqual(['b>a:registered_beats_unregistered']);
  });

  it('puts an established relationship before a new one, even one qualified first', () => {
    const d = resolveConflict([claim('new', { qualifiedAt: t(2) }), claim('incumbent', { established: true, qualifiedAt: t(9) })], FIRST);
    expect(d.winner).toEqual({ kind: 'partner', partnerId: 'incumbent' });
    expect(codes(d)).toEqual(['incumbent>new:established_beats_new']);
  });

  it('lets the first qualified submission win, with the times compared', () => {
    const d = resolveConflict([claim('late', { qualifiedAt: t(4) }), claim('early', { qualifiedAt: t(3), submittedAt: t(2) })], FIRST);
    expect(d.winner).toEqual({ kind: 'partner', partnerId: 'early' });
    expect(d.reasons).toEqual([
      { code: 'qualified_first', winner: 'early', loser: 'late', winnerValue: t(3).toISOString(), loserValue: t(4).toISOString() },
    ]);
    expect(d.provisional).toBe(false);
  });

  it('puts a qualified claim before a pending one submitted earlier', () => {
    const d = resolveConflict(
      [claim('pending', { submittedAt: t(1), qualification: 'pending', qualifiedAt: null }), claim('qualified', { submittedAt: t(3) })],
      FIRST,
    );
    expect(codes(d)).toEqual(['qualified>pending:qualified_beats_pending']);
  });

  it('breaks a tie in qualification time by certification', () => {
    const d = resolveConflict(
      [claim('none'), claim('learning', { certification: 'in_progress' }), claim('cert', { certification: 'certified' })],
      FIRST,
    );
    expect(d.ranking).toEqual(['cert', 'learning', 'none']);
    expect(codes(d)).toEqual(['cert>learning:higher_certification', 'cert>none:higher_certification']);
    expect(d.reasons[0]).toMatchObject({ winnerValue: 'certified', loserValue: 'in_progress' });
  });

  it('falls back to the earlier submission while nothing is qualified, marking the result provisional', () => {
    const pending = { qualification: 'pending' as const, qualifiedAt: null };
    const d = resolveConflict([claim('b', { ...pending, submittedAt: t(3) }), claim('a', { ...pending, submittedAt: t(2) })], FIRST);
    expect(d.winner).toEqual({ kind: 'partner', partnerId: 'a' });
    expect(codes(d)).toEqual(['a>b:submitted_first']);
    expect(d.provisional).toBe(true);
  });

  it('sends claims equal on every rule to a partner manager, in a stable order', () => {
    const d1 = resolveConflict([claim('y'), claim('x')], FIRST);
    const d2 = resolveConflict([claim('x'), claim('y')], FIRST);
    expect(d1).toEqual(d2);
    expect(d1).toMatchObject({ winner: { kind: 'partner', partnerId: 'x' }, needsReview: true });
    expect(codes(d1)).toEqual(['x>y:tie']);
  });

  it('leaves not-qualified claims out and says so', () => {
    const d = resolveConflict([claim('rejected', { qualification: 'not_qualified', established: true }), claim('ok')], FIRST);
    expect(d.winner).toEqual({ kind: 'partner', partnerId: 'ok' });
    expect(d.ranking).toEqual(['ok']);
    expect(codes(d)).toEqual(['->rejected:not_qualified']);
    expect(resolveConflict([claim('r', { qualification: 'not_qualified' })], FIRST)).toMatchObject({ winner: null, ranking: [], provisional: false });
    expect(resolveConflict([], FIRST)).toEqual({ winner: null, ranking: [], reasons: [], provisional: false, needsReview: false });
  });

  it('skips the steps a workspace switched off', () => {
    const policy = { ...FIRST, establishedBeatsNew: false, certificationBreaksTies: false };
    expect(
      codes(resolveConflict([claim('new', { qualifiedAt: t(2) }), claim('incumbent', { established: true, qualifiedAt: t(9) })], policy)),
    ).toEqual(['new>incumbent:qualified_first']);
    expect(
      codes(resolveConflict([claim('cert', { certification: 'certified', submittedAt: t(2) }), claim('none', { submittedAt: t(1) })], policy)),
    ).toEqual(['none>cert:submitted_first']);
  });

  it('refuses two claims of one partner', () => {
    expect(() => resolveConflict([claim('a'), claim('a')], FIRST)).toThrow(/one claim per partner/);
  });
});

describe('the hierarchy under tier priority', () => {
  it('puts the higher tier first whoever was quicker', () => {
    const d = resolveConflict([claim('silver', { tier: 'silver', qualifiedAt: t(2) }), claim('gold', { tier: 'gold', qualifiedAt: t(8) })], TIERS);
    expect(d.winner).toEqual({ kind: 'partner', partnerId: 'gold' });
    expect(d.reasons).toEqual([{ code: 'higher_tier', winner: 'gold', loser: 'silver', winnerValue: 'gold', loserValue: 'silver' }]);
  });

  it('ranks unlisted tiers below listed ones and partners without a tier last', () => {
    const d = resolveConflict(
      [claim('none'), claim('bronze', { tier: 'bronze' }), claim('silver', { tier: 'silver' }), claim('plat', { tier: 'Platinum' })],
      TIERS,
    );
    expect(d.ranking).toEqual(['plat', 'silver', 'bronze', 'none']);
  });

  it('still lets registration and an established relationship come before tier', () => {
    const d = resolveConflict(
      [
        claim('plat', { tier: 'platinum', registered: false }),
        claim('gold', { tier: 'gold' }),
        claim('silver', { tier: 'silver', established: true }),
      ],
      TIERS,
    );
    expect(d.ranking).toEqual(['silver', 'gold', 'plat']);
    expect(codes(d)).toEqual(['silver>gold:established_beats_new', 'silver>plat:registered_beats_unregistered']);
  });

  it('breaks a tier tie by certification, then by the first qualification', () => {
    const d = resolveConflict(
      [
        claim('g1', { tier: 'gold', qualifiedAt: t(3) }),
        claim('g2', { tier: 'gold', certification: 'certified', qualifiedAt: t(9) }),
        claim('g3', { tier: 'gold', qualifiedAt: t(4) }),
      ],
      TIERS,
    );
    expect(d.ranking).toEqual(['g2', 'g1', 'g3']);
    expect(codes(d)).toEqual(['g2>g1:higher_certification', 'g2>g3:higher_certification']);
    const next = resolveConflict([claim('g1', { tier: 'gold', qualifiedAt: t(3) }), claim('g3', { tier: 'gold', qualifiedAt: t(4) })], TIERS);
    expect(codes(next)).toEqual(['g1>g3:qualified_first']);
  });
});

describe('direct versus partner', () => {
  const direct = { opportunityId: 'opp-1', createdAt: t(5) };

  it('lets partners yield to an open direct opportunity under partner_yields', () => {
    const d = resolveConflict([claim('a', { submittedAt: t(1) }), claim('u', { registered: false })], { ...FIRST, direct: 'partner_yields' }, direct);
    expect(d.winner).toEqual({ kind: 'direct', opportunityId: 'opp-1' });
    expect(codes(d)).toEqual(['direct>a:direct_opportunity_open', 'direct>u:unregistered_yields_to_direct']);
    expect(d.ranking).toEqual(['a', 'u']); // who is next should the direct opportunity close
  });

  it('keeps a registration made before the direct opportunity, and only that one', () => {
    const before = claim('before', { submittedAt: t(3) });
    const after = claim('after', { submittedAt: t(6), established: true });
    const d = resolveConflict([after, before], FIRST, direct);
    expect(d.winner).toEqual({ kind: 'partner', partnerId: 'before' });
    expect(codes(d)).toEqual(['before>direct:registered_before_direct', 'direct>after:direct_opened_first']);
    expect(resolveConflict([after], FIRST, direct).winner).toEqual({ kind: 'direct', opportunityId: 'opp-1' });
    // At the same instant the direct opportunity was first: "before" means before.
    expect(resolveConflict([claim('same', { submittedAt: t(5) })], FIRST, direct).winner?.kind).toBe('direct');
  });

  it('lets a registered partner win over an earlier direct opportunity under registered_partner_wins', () => {
    const policy: ConflictPolicy = { ...FIRST, direct: 'registered_partner_wins' };
    const d = resolveConflict([claim('late', { submittedAt: t(9), qualifiedAt: t(9) }), claim('u', { registered: false })], policy, direct);
    expect(d.winner).toEqual({ kind: 'partner', partnerId: 'late' });
    expect(codes(d)).toEqual(['late>direct:registered_partner_over_direct', 'direct>u:unregistered_yields_to_direct']);
    expect(resolveConflict([claim('u', { registered: false })], policy, direct).winner?.kind).toBe('direct');
  });

  it('gives the account to the direct opportunity when no partner claims it', () => {
    expect(resolveConflict([], FIRST, direct)).toMatchObject({ winner: { kind: 'direct', opportunityId: 'opp-1' }, reasons: [] });
  });

  it('picks out the reasons that concern one partner', () => {
    const d = resolveConflict([claim('before', { submittedAt: t(3) }), claim('after', { submittedAt: t(6) })], FIRST, direct);
    expect(reasonsFor(d, 'after').map((r) => r.code)).toEqual(['direct_opened_first']);
    expect(reasonsFor(d, 'before').map((r) => r.code)).toEqual(['registered_before_direct']);
  });
});

describe('properties', () => {
  const arbClaim = (id: string) =>
    fc.record({
      partnerId: fc.constant(id),
      tier: fc.constantFrom(null, 'platinum', 'gold', 'silver', 'bronze'),
      registered: fc.boolean(),
      established: fc.boolean(),
      certification: fc.constantFrom('none' as const, 'in_progress' as const, 'certified' as const),
      submittedAt: fc.integer({ min: 1, max: 20 }).map((d) => t(d)),
      qualification: fc.constantFrom('qualified' as const, 'pending' as const, 'not_qualified' as const),
      qualifiedAt: fc.integer({ min: 1, max: 20 }).map((d) => t(d, 15)),
    });
  const claims = fc.integer({ min: 0, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbClaim(`p${i}`))));
  const policies = fc.record({
    mode: fc.constantFrom('first_qualified_wins' as const, 'tier_priority' as const),
    tierOrder: fc.constant(['platinum', 'gold', 'silver']),
    establishedBeatsNew: fc.boolean(),
    certificationBreaksTies: fc.boolean(),
    direct: fc.constantFrom('partner_yields' as const, 'partner_wins_if_registered_first' as const, 'registered_partner_wins' as const),
  });
  const directs = fc.option(fc.integer({ min: 1, max: 20 }).map((d) => ({ opportunityId: 'opp', createdAt: t(d, 12) })));

  it('does not depend on the order of the claims, and explains every other claim exactly once', () => {
    fc.assert(
      fc.property(claims, policies, directs, fc.integer(), (list, policy, direct, seed) => {
        const shuffled = [...list].sort((a, b) => ((a.partnerId.charCodeAt(1) * seed) % 7) - ((b.partnerId.charCodeAt(1) * seed) % 7));
        const d = resolveConflict(list, policy, direct);
        expect(resolveConflict(shuffled, policy, direct)).toEqual(d);
        const winnerId = d.winner?.kind === 'partner' ? d.winner.partnerId : null;
        const losers = d.reasons.map((r) => r.loser).filter((l) => l !== 'direct');
        expect([...losers].sort()).toEqual(
          list
            .map((c) => c.partnerId)
            .filter((id) => id !== winnerId)
            .sort(),
        );
        if (!direct && d.ranking.length) expect(winnerId).toBe(d.ranking[0]);
        if (winnerId) expect(list.find((c) => c.partnerId === winnerId)?.qualification).not.toBe('not_qualified');
      }),
      { numRuns: 500 },
    );
  });
});

describe('the policy settings', () => {
  it('fills defaults and requires the tier order for tier priority', () => {
    expect(conflictPolicySchema.parse({})).toEqual(DEFAULT_CONFLICT_POLICY);
    expect(conflictPolicySchema.parse({ mode: 'tier_priority', tierOrder: [' Gold ', 'silver'] }).tierOrder).toEqual(['gold', 'silver']);
    const bad = conflictPolicySchema.safeParse({ mode: 'tier_priority' });
    expect(bad.error?.issues).toEqual([expect.objectContaining({ path: ['tierOrder'], message: expect.stringContaining('highest to lowest') })]);
    expect(conflictPolicySchema.safeParse({ direct: 'direct_wins' }).error?.issues[0]).toMatchObject({
      path: ['direct'],
      message: 'must be one of partner_yields, partner_wins_if_registered_first, registered_partner_wins',
    });
    expect(conflictPolicySchema.safeParse({ tierOrder: ['gold', 'gold'] }).error?.issues[0].message).toBe('must not repeat a tier');
  });
});
