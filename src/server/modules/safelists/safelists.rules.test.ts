import { describe, expect, it } from 'vitest';
import { builtinSafelist, fieldKeys, SAFELIST_FIELDS, SAFELIST_OBJECTS, safelistRuleInput } from '../../../shared/safelists.ts';
import { notEditable, pickVisible, type RuleLike, resolveSafelist } from './safelists.rules.ts';

const partner = { id: '11111111-1111-4111-8111-111111111111', type: 'reseller', tier: 'gold' };
const rule = (scopeKind: RuleLike['scopeKind'], scopeValue: string, visible: string[], editable: string[] = []): RuleLike => ({
  id: `${scopeKind}-${scopeValue}`,
  object: 'opportunity',
  scopeKind,
  scopeValue,
  visible,
  editable,
});

describe('safelist resolution', () => {
  it('uses the built-in defaults without rules: stage, next step, owner, close month and protection, never amount or notes', () => {
    const s = resolveSafelist('opportunity', partner, []);
    expect(s.scope).toEqual({ kind: 'builtin' });
    expect(s.visible).toEqual(expect.arrayContaining(['stage', 'nextStep', 'ownerName', 'closeMonth', 'protection', 'partnerRole']));
    for (const hidden of ['amount', 'description', 'otherPartners', 'closeDate', 'contactRoles']) expect(s.visible).not.toContain(hidden);
    expect(s.editable).toEqual(['nextStep']);
  });

  it('lets the most specific matching rule win whole: partner, then tier, then partner type, then the workspace', () => {
    const rules = [
      rule('workspace', '', ['name']),
      rule('partner_type', 'reseller', ['name', 'stage']),
      rule('tier', 'gold', ['name', 'amount']),
      rule('partner', partner.id, ['name', 'nextStep'], ['nextStep']),
    ];
    expect(resolveSafelist('opportunity', partner, rules)).toMatchObject({
      visible: ['name', 'nextStep'],
      editable: ['nextStep'],
      scope: { kind: 'partner' },
    });
    expect(resolveSafelist('opportunity', partner, rules.slice(0, 3))).toMatchObject({
      visible: ['name', 'amount'],
      scope: { kind: 'tier', value: 'gold' },
    });
    expect(resolveSafelist('opportunity', partner, rules.slice(0, 2))).toMatchObject({ visible: ['name', 'stage'], scope: { kind: 'partner_type' } });
    expect(resolveSafelist('opportunity', partner, rules.slice(0, 1))).toMatchObject({ visible: ['name'], scope: { kind: 'workspace' } });
    // Rules of other partners, tiers and types never apply.
    const other = { id: '22222222-2222-4222-8222-222222222222', type: 'services', tier: null };
    expect(resolveSafelist('opportunity', other, rules)).toMatchObject({ visible: ['name'], scope: { kind: 'workspace' } });
  });

  it('drops fields that left the catalogue and editable fields that are not visible or never editable', () => {
    const s = resolveSafelist('opportunity', partner, [rule('workspace', '', ['name', 'legacyField', 'ownerName'], ['ownerName', 'nextStep'])]);
    expect(s.visible).toEqual(['name', 'ownerName']);
    expect(s.editable).toEqual([]);
  });

  it('keeps only visible keys and the id of a record', () => {
    expect(pickVisible({ id: 'x', a: 1, b: 2, c: undefined }, new Set(['a', 'c']))).toEqual({ id: 'x', a: 1, c: undefined });
  });

  it('names every changed field a partner may not edit', () => {
    expect(notEditable({ nextStep: 'x', amount: 1, stage: undefined }, new Set(['nextStep']))).toEqual([
      { field: 'body.amount', message: expect.stringContaining('not editable') },
    ]);
  });
});

describe('safelist catalogue and rule input', () => {
  it('has unique field keys per object and built-in editables that are visible', () => {
    for (const object of SAFELIST_OBJECTS) {
      const keys = fieldKeys(object);
      expect(new Set(keys).size, object).toBe(keys.length);
      const b = builtinSafelist(object);
      for (const e of b.editable) expect(b.visible, `${object}.${e}`).toContain(e);
      for (const f of SAFELIST_FIELDS[object]) if (f.editable?.byDefault) expect(f.visible).toBe(true);
    }
  });

  it('refuses unknown fields, never-editable fields and editable fields that are not visible, naming each', () => {
    const r = safelistRuleInput.safeParse({
      object: 'opportunity',
      scope: { kind: 'tier', value: 'gold' },
      visible: ['name', 'salary', 'ownerName'],
      editable: ['ownerName', 'amount', 'nope'],
    });
    expect(r.success).toBe(false);
    const issues = r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    expect(issues).toEqual([
      expect.stringMatching(/^visible\.1: is not a field of opportunity/),
      'editable.0: ownerName can never be edited by partners',
      'editable.1: amount must be visible to be editable',
      'editable.2: is not a field of opportunity',
    ]);
    expect(safelistRuleInput.safeParse({ object: 'opportunity', scope: { kind: 'partner', value: 'x' }, visible: [] }).success).toBe(false);
  });
});
