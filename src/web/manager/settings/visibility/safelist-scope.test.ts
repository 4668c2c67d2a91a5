import { describe, expect, it } from 'vitest';
import { builtinSafelist, type SafelistRule } from '../../../../shared/safelists.ts';
import { applyingRule } from './safelist-scope.ts';

const rule = (id: string, kind: SafelistRule['scope']['kind'], value: string | undefined, visible: string[]): SafelistRule => ({
  id,
  object: 'opportunity',
  scope: value ? { kind, value } : { kind },
  visible,
  editable: [],
  updatedBy: null,
  updatedAt: '2026-12-04T10:00:00.000Z',
});

const rules = [
  rule('w', 'workspace', undefined, ['name']),
  rule('t', 'partner_type', 'reseller', ['name', 'stage']),
  rule('g', 'tier', 'gold', ['amount']),
];
const partner = { id: 'p1', type: 'reseller', tier: 'gold' };

describe('the safelist rule that applies to a scope in the editor', () => {
  it('is the scope’s own rule when it has one', () => {
    const a = applyingRule('opportunity', { kind: 'partner_type', value: 'reseller' }, rules);
    expect(a.own?.id).toBe('t');
    expect(a.visible).toEqual(['name', 'stage']);
    expect(a.fallback.source?.id).toBe('w');
  });

  it('falls back from one partner to its tier, then its type, then the workspace, like the server', () => {
    expect(applyingRule('opportunity', { kind: 'partner', value: 'p1' }, rules, partner).fallback.source?.id).toBe('g');
    expect(applyingRule('opportunity', { kind: 'partner', value: 'p1' }, rules.slice(0, 2), partner).fallback.source?.id).toBe('t');
    expect(applyingRule('opportunity', { kind: 'partner', value: 'p1' }, rules.slice(0, 1), { ...partner, type: 'services' }).visible).toEqual([
      'name',
    ]);
  });

  it('uses the built-in defaults where no rule applies', () => {
    const a = applyingRule('opportunity', { kind: 'workspace' }, []);
    expect(a.own).toBeNull();
    expect(a.fallback.source).toBeNull();
    expect(a.visible).toEqual(builtinSafelist('opportunity').visible);
    expect(applyingRule('task', { kind: 'tier', value: 'gold' }, rules).editable).toEqual(['status']);
  });
});
