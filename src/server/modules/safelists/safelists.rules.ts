import { builtinSafelist, type EffectiveSafelist, SAFELIST_FIELDS, type SafelistObject, type ScopeKind } from '../../../shared/safelists.ts';
import type { FieldError } from '../../http/errors.ts';

/** A saved rule as the resolution needs it. */
export type RuleLike = { id: string; object: SafelistObject; scopeKind: ScopeKind; scopeValue: string; visible: string[]; editable: string[] };

/** The partner a safelist is resolved for. */
export type PartnerFacts = { id: string; type: string; tier: string | null };

/** Most specific first: one partner, its tier, its type, the workspace's default. */
const PRECEDENCE: readonly ScopeKind[] = ['partner', 'tier', 'partner_type', 'workspace'];

function matches(rule: RuleLike, partner: PartnerFacts): boolean {
  switch (rule.scopeKind) {
    case 'partner':
      return rule.scopeValue === partner.id;
    case 'tier':
      return partner.tier !== null && rule.scopeValue === partner.tier;
    case 'partner_type':
      return rule.scopeValue === partner.type;
    case 'workspace':
      return true;
  }
}

/**
 * The safelist of one object for one partner: the most specific matching rule replaces the less
 * specific ones whole (no merging, so what an admin sees in a rule is exactly what applies);
 * without a rule, the built-in defaults. Fields no longer in the catalogue are dropped.
 */
export function resolveSafelist(object: SafelistObject, partner: PartnerFacts, rules: readonly RuleLike[]): EffectiveSafelist {
  const known = new Set(SAFELIST_FIELDS[object].map((f) => f.key));
  const editableKnown = new Set(SAFELIST_FIELDS[object].filter((f) => f.editable).map((f) => f.key));
  for (const kind of PRECEDENCE) {
    const rule = rules.find((r) => r.object === object && r.scopeKind === kind && matches(r, partner));
    if (rule) {
      const visible = rule.visible.filter((k) => known.has(k));
      return {
        object,
        visible,
        editable: rule.editable.filter((k) => editableKnown.has(k) && visible.includes(k)),
        ruleId: rule.id,
        scope: kind === 'workspace' ? { kind } : { kind, value: rule.scopeValue },
      };
    }
  }
  return { object, ...builtinSafelist(object), ruleId: null, scope: { kind: 'builtin' } };
}

/** Keeps the visible fields of a partner-facing record (and its id); everything else stays on the server. */
export function pickVisible<T extends Record<string, unknown>>(source: T, visible: ReadonlySet<string>): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(source) as (keyof T & string)[]) {
    if (key === 'id' || visible.has(key)) out[key] = source[key];
  }
  return out;
}

/** Field errors for every field of a partner's change that its safelist does not make editable. */
export function notEditable(patch: Record<string, unknown>, editable: ReadonlySet<string>, path = 'body'): FieldError[] {
  return Object.keys(patch)
    .filter((key) => patch[key] !== undefined && !editable.has(key))
    .map((key) => ({ field: `${path}.${key}`, message: 'is not editable by partners (the vendor’s safelist keeps it read-only or hidden)' }));
}
