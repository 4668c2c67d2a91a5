import { describe, expect, it } from 'vitest';
import type { RoutingConfig } from './program-queries.ts';
import { emptyRule, nextRuleId, placeRoutingError, routingConfig, routingDraft } from './routing-draft.ts';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

const config: RoutingConfig = {
  escalateTo: A,
  rules: [
    {
      id: 'emea-large',
      name: 'EMEA large deals',
      enabled: true,
      when: { territories: ['DE', 'AT'], amount: { currency: 'EUR', minMinor: 10_000_000 } },
      assignTo: { kind: 'queue', queueId: 'emea', userIds: [A, B] },
      escalateTo: null,
    },
    { id: 'gold', enabled: false, when: { tiers: ['gold'] }, assignTo: { kind: 'user', userId: B }, escalateTo: A },
    {
      id: 'emea-rest',
      enabled: true,
      when: { motions: ['resale'] },
      assignTo: { kind: 'queue', queueId: 'emea', userIds: [A, B] },
      escalateTo: null,
    },
  ],
};

describe('routingDraft and routingConfig', () => {
  it('lists each queue once with its members and shows deal sizes in major units', () => {
    const d = routingDraft(config);
    expect(d.queues).toEqual([{ id: 'emea', userIds: [A, B] }]);
    expect(d.rules[0]).toMatchObject({ amountCurrency: 'EUR', amountMin: 100_000, amountMax: '', target: 'queue', queueId: 'emea' });
    expect(d.rules[1]).toMatchObject({ name: '', enabled: false, target: 'user', userId: B, escalateTo: A });
  });

  it('round-trips a configuration unchanged', () => {
    expect(routingConfig(routingDraft(config))).toEqual({
      ...config,
      rules: config.rules.map((r) => ({ ...r, escalateTo: r.escalateTo ?? null })),
    });
  });

  it('writes a queue’s current members into every rule that uses it', () => {
    const d = routingDraft(config);
    d.queues[0].userIds = [B];
    const out = routingConfig(d);
    expect(out.rules[0].assignTo).toEqual({ kind: 'queue', queueId: 'emea', userIds: [B] });
    expect(out.rules[2].assignTo).toEqual({ kind: 'queue', queueId: 'emea', userIds: [B] });
  });

  it('leaves out empty conditions and an amount without a currency', () => {
    const rule = { ...emptyRule([]), amountMin: 5, territories: [' '], tiers: ['Gold '] };
    const out = routingConfig({ rules: [rule], queues: [], escalateTo: null });
    expect(out.rules[0].when).toEqual({ tiers: ['gold'] });
    expect(out.rules[0].assignTo).toEqual({ kind: 'partner_manager' });
  });

  it('converts deal sizes by the currency’s minor digits', () => {
    const rule = { ...emptyRule([]), amountCurrency: 'JPY', amountMin: 1000, amountMax: 50_000.5 };
    const yen = routingConfig({ rules: [rule], queues: [], escalateTo: null }).rules[0].when.amount;
    expect(yen?.minMinor).toBe(1000);
    expect(yen?.currency).toBe('JPY');
  });
});

describe('nextRuleId', () => {
  it('picks the first free rule-n', () => {
    expect(nextRuleId([])).toBe('rule-1');
    expect(nextRuleId([{ id: 'rule-2' }, { id: 'x' }])).toBe('rule-3');
    expect(nextRuleId([{ id: 'rule-2' }])).toBe('rule-3');
  });
});

describe('placeRoutingError', () => {
  it('puts each server path under the input that shows it', () => {
    expect(placeRoutingError('rules.2.when.amount.maxMinor')).toBe('rules.2.amountMax');
    expect(placeRoutingError('rules.0.when.amount')).toBe('rules.0.amountMin');
    expect(placeRoutingError('rules.1.when.territories.0')).toBe('rules.1.territories');
    expect(placeRoutingError('rules.3.assignTo.userIds')).toBe('rules.3.queueId');
    expect(placeRoutingError('rules.3.id')).toBe('rules.3.name');
    expect(placeRoutingError('rules.3.assignTo')).toBe('rules.3.target');
    expect(placeRoutingError('escalateTo')).toBe('escalateTo');
    expect(placeRoutingError('rules')).toBeNull();
  });
});
