import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FALLBACK_QUEUE_ID,
  matchesRule,
  type RoutableRegistration,
  type RoutingConfig,
  type RoutingState,
  routeRegistration,
  routingConfigSchema,
} from './routing.rules.ts';

const uid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [ALICE, BOB, CAROL, DAVE, ERIN, HEAD] = [1, 2, 3, 4, 5, 9].map(uid);
const MANAGERS = [DAVE, ERIN];

const reg = (over: Partial<RoutableRegistration> = {}): RoutableRegistration => ({
  type: 'deal',
  territory: 'DE-BY',
  amount: { minor: 5_000_000, currency: 'EUR' }, // 50 000 EUR
  partnerTier: 'gold',
  partnerType: 'reseller',
  motion: 'resale',
  partnerManagerId: null,
  ...over,
});

const config: RoutingConfig = {
  escalateTo: HEAD,
  rules: [
    { id: 'strategic', when: { amount: { currency: 'EUR', minMinor: 10_000_000 } }, assignTo: { kind: 'user', userId: ALICE }, escalateTo: BOB },
    {
      id: 'dach',
      when: { territories: ['DE', 'AT', 'CH'], motions: ['resale'] },
      assignTo: { kind: 'queue', queueId: 'dach', userIds: [ALICE, BOB, CAROL] },
    },
    { id: 'own-manager', when: { partnerTypes: ['referral'] }, assignTo: { kind: 'partner_manager' } },
    { id: 'off', enabled: false, when: {}, assignTo: { kind: 'user', userId: CAROL } },
  ],
};
const route = (r: RoutableRegistration, state: RoutingState = {}, unavailable: string[] = [], cfg = config) =>
  routeRegistration(r, cfg, state, { partnerManagerIds: MANAGERS, unavailableUserIds: unavailable });

describe('conditions', () => {
  it('matches territories including sub-territories, case-insensitively', () => {
    expect(matchesRule({ territories: ['DE'] }, reg({ territory: 'DE-BY' }))).toBe(true);
    expect(matchesRule({ territories: ['de'] }, reg({ territory: 'DE' }))).toBe(true);
    expect(matchesRule({ territories: ['DE'] }, reg({ territory: 'DEN' }))).toBe(false);
    expect(matchesRule({ territories: ['DE-BY'] }, reg({ territory: 'DE' }))).toBe(false);
    expect(matchesRule({ territories: ['DE'] }, reg({ territory: null }))).toBe(false);
  });

  it('matches deal sizes from the minimum inclusive to the maximum exclusive, in one currency', () => {
    const band = { amount: { currency: 'EUR', minMinor: 1_000_000, maxMinor: 5_000_000 } };
    expect(matchesRule(band, reg({ amount: { minor: 1_000_000, currency: 'EUR' } }))).toBe(true);
    expect(matchesRule(band, reg({ amount: { minor: 4_999_999, currency: 'EUR' } }))).toBe(true);
    expect(matchesRule(band, reg({ amount: { minor: 5_000_000, currency: 'EUR' } }))).toBe(false);
    expect(matchesRule(band, reg({ amount: { minor: 2_000_000, currency: 'USD' } }))).toBe(false);
    expect(matchesRule(band, reg({ amount: null }))).toBe(false);
  });

  it('matches tiers, partner types, motions and registration types, and needs all of them', () => {
    expect(matchesRule({ tiers: ['Gold', 'platinum'] }, reg())).toBe(true);
    expect(matchesRule({ tiers: ['gold'] }, reg({ partnerTier: null }))).toBe(false);
    expect(matchesRule({ partnerTypes: ['services'] }, reg())).toBe(false);
    expect(matchesRule({ motions: ['resale'] }, reg({ motion: null }))).toBe(false);
    expect(matchesRule({ registrationTypes: ['lead'] }, reg())).toBe(false);
    expect(matchesRule({ tiers: ['gold'], motions: ['resale'], registrationTypes: ['deal'], territories: ['DE'] }, reg())).toBe(true);
    expect(matchesRule({ tiers: ['gold'], motions: ['marketplace'] }, reg())).toBe(false);
    expect(matchesRule({}, reg())).toBe(true);
  });
});

describe('routing', () => {
  it('takes the first matching rule, in order', () => {
    expect(route(reg({ amount: { minor: 25_000_000, currency: 'EUR' } }))).toMatchObject({
      approverId: ALICE,
      ruleId: 'strategic',
      queueId: null,
      escalateToId: BOB,
    });
    expect(route(reg())).toMatchObject({ approverId: ALICE, ruleId: 'dach', queueId: 'dach', escalateToId: HEAD, state: { dach: ALICE } });
  });

  it('serves a queue round robin and hands back the cursor', () => {
    let state: RoutingState = { other: ERIN };
    const seen: (string | null)[] = [];
    for (let i = 0; i < 5; i++) {
      const r = route(reg(), state);
      seen.push(r.approverId);
      state = r.state;
    }
    expect(seen).toEqual([ALICE, BOB, CAROL, ALICE, BOB]);
    expect(state).toEqual({ other: ERIN, dach: BOB });
  });

  it('skips unavailable users in a queue, and starts over when the last one left the queue', () => {
    expect(route(reg(), { dach: ALICE }, [BOB]).approverId).toBe(CAROL);
    expect(route(reg(), { dach: uid(77) }).approverId).toBe(ALICE);
  });

  it('moves on to the next rule when a rule’s approvers are all away, and says so', () => {
    const r = route(reg({ amount: { minor: 25_000_000, currency: 'EUR' } }), {}, [ALICE]);
    expect(r).toMatchObject({ approverId: BOB, ruleId: 'dach', skipped: ['strategic'] });
    expect(route(reg(), {}, [ALICE, BOB, CAROL])).toMatchObject({ ruleId: null, queueId: FALLBACK_QUEUE_ID, approverId: DAVE, skipped: ['dach'] });
  });

  it('assigns the partner’s own manager, falling through when the partner has none', () => {
    const referral = reg({ partnerType: 'referral', motion: 'referral', territory: 'US' });
    expect(route({ ...referral, partnerManagerId: CAROL })).toMatchObject({ approverId: CAROL, ruleId: 'own-manager' });
    expect(route(referral)).toMatchObject({ ruleId: null, approverId: DAVE, skipped: ['own-manager'] });
  });

  it('falls back to the partner managers round robin, ignoring disabled rules', () => {
    const us = reg({ territory: 'US' });
    const first = route(us);
    expect(first).toMatchObject({ approverId: DAVE, ruleId: null, queueId: FALLBACK_QUEUE_ID, escalateToId: HEAD });
    expect(route(us, first.state).approverId).toBe(ERIN);
    expect(route(us, route(us, first.state).state).approverId).toBe(DAVE);
  });

  it('returns no approver, and the state unchanged, when nobody can take it', () => {
    const state = { dach: BOB };
    const r = routeRegistration(reg({ territory: 'US' }), { rules: [] }, state, { partnerManagerIds: [] });
    expect(r).toEqual({ approverId: null, ruleId: null, queueId: null, escalateToId: null, state, skipped: [] });
  });

  it('shares turns fairly: k rounds through a queue of n give each user k registrations', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 6 }), (n, k) => {
        const users = Array.from({ length: n }, (_, i) => uid(100 + i));
        const cfg: RoutingConfig = { rules: [{ id: 'q', when: {}, assignTo: { kind: 'queue', queueId: 'q', userIds: users } }] };
        let state: RoutingState = {};
        const counts = new Map<string, number>();
        for (let i = 0; i < n * k; i++) {
          const r = routeRegistration(reg(), cfg, state, { partnerManagerIds: [] });
          counts.set(r.approverId!, (counts.get(r.approverId!) ?? 0) + 1);
          state = r.state;
        }
        expect([...counts.values()]).toEqual(Array(n).fill(k));
      }),
    );
  });
});

describe('the routing settings', () => {
  const issues = (input: unknown) =>
    Object.fromEntries((routingConfigSchema.safeParse(input).error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

  it('accepts a configuration and fills defaults', () => {
    const parsed = routingConfigSchema.parse({ rules: [{ id: 'dach', when: { territories: ['DE'] }, assignTo: { kind: 'user', userId: ALICE } }] });
    expect(parsed.rules[0]).toEqual({ id: 'dach', enabled: true, when: { territories: ['DE'] }, assignTo: { kind: 'user', userId: ALICE } });
    expect(routingConfigSchema.parse({})).toEqual({ rules: [] });
  });

  it('names each wrong field', () => {
    expect(
      issues({
        rules: [
          {
            id: 'big deals!',
            when: { territories: [], amount: { currency: 'EURO', minMinor: 500, maxMinor: 100 }, motions: ['door-to-door'] },
            assignTo: { kind: 'user', userId: 'alice' },
          },
        ],
        escalateTo: 'head',
      }),
    ).toEqual({
      'rules.0.id': 'must be a short rule id such as emea-large (letters, digits, - and _)',
      'rules.0.when.territories': 'give at least one territory, or leave the condition out',
      'rules.0.when.amount.currency': 'must be an ISO 4217 currency code such as EUR, USD or JPY',
      'rules.0.when.amount.maxMinor': 'must be more than minMinor (500)',
      'rules.0.when.motions.0': 'must be one of referral, resale, marketplace, services, technology',
      'rules.0.assignTo.userId': 'must be the id of a staff user',
      escalateTo: 'must be the id of a staff user',
    });
    expect(
      issues({ rules: [{ id: 'a', when: { amount: { currency: 'EUR', minMinor: 500, maxMinor: 100 } }, assignTo: { kind: 'partner_manager' } }] }),
    ).toEqual({
      'rules.0.when.amount.maxMinor': 'must be more than minMinor (500)',
    });
    expect(issues({ rules: [{ id: 'a', when: { amount: { currency: 'EUR' } }, assignTo: { kind: 'partner_manager' } }] })).toEqual({
      'rules.0.when.amount': 'give minMinor, maxMinor or both',
    });
    expect(issues({ rules: [{ id: 'a', assignTo: { kind: 'team' } }] })).toEqual({
      'rules.0.assignTo.kind': 'kind must be user, partner_manager or queue',
    });
    expect(issues({ rules: [{ id: 'a', assignTo: { kind: 'queue', queueId: 'q', userIds: [] } }] })).toEqual({
      'rules.0.assignTo.userIds': 'a queue needs at least one user',
    });
    expect(issues({ rules: [{ id: 'a', assignTo: { kind: 'queue', queueId: FALLBACK_QUEUE_ID, userIds: [ALICE, ALICE] } }] })).toEqual({
      'rules.0.assignTo.queueId': 'partner_managers is reserved for the fallback queue',
      'rules.0.assignTo.userIds': 'must not list a user twice',
    });
  });

  it('refuses repeated rule ids and one queue id with two member lists', () => {
    const queue = (users: string[]) => ({ kind: 'queue', queueId: 'emea', userIds: users });
    expect(
      issues({
        rules: [
          { id: 'a', assignTo: queue([ALICE, BOB]) },
          { id: 'a', assignTo: queue([ALICE, BOB]) },
          { id: 'c', assignTo: queue([ALICE]) },
        ],
      }),
    ).toEqual({ 'rules.1.id': 'repeats the id of rule 1', 'rules.2.assignTo.userIds': 'must be the same users as queue emea in rule 1' });
  });
});
