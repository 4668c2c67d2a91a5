// Which safelist rule applies to a scope in the editor: the scope's own rule, else the one a
// partner in that scope falls back to (mirroring the server's precedence), else the built-in one.
import { builtinSafelist, type SafelistObject, type SafelistRule, type ScopeKind } from '../../../../shared/safelists.ts';

/** The scope being edited; `value` is the type, the tier or the partner id (absent for the workspace). */
export type EditorScope = { kind: ScopeKind; value?: string };

/** A partner's facts that decide its fallback (when the scope is one partner). */
export type PartnerFacts = { id: string; type: string; tier: string | null };

export type Applying = {
  /** The scope's own rule, if it has one. */
  own: SafelistRule | null;
  /** What applies when the scope has no rule of its own (or would, after "reset"). */
  fallback: { source: SafelistRule | null; visible: string[]; editable: string[] };
  /** What applies now: the own rule, else the fallback. */
  visible: string[];
  editable: string[];
};

const sameScope = (r: SafelistRule, object: SafelistObject, kind: ScopeKind, value?: string) =>
  r.object === object && r.scope.kind === kind && (kind === 'workspace' || r.scope.value === value);

/** The rule that applies to `scope` and the one it falls back to. */
export function applyingRule(object: SafelistObject, scope: EditorScope, rules: readonly SafelistRule[], partner?: PartnerFacts | null): Applying {
  const own = rules.find((r) => sameScope(r, object, scope.kind, scope.value)) ?? null;
  // Less specific scopes, most specific first: one partner → its tier → its type → workspace.
  const chain: EditorScope[] =
    scope.kind === 'partner'
      ? [
          ...(partner?.tier ? [{ kind: 'tier' as const, value: partner.tier }] : []),
          ...(partner ? [{ kind: 'partner_type' as const, value: partner.type }] : []),
          { kind: 'workspace' },
        ]
      : scope.kind === 'workspace'
        ? []
        : [{ kind: 'workspace' }];
  const source = chain.map((s) => rules.find((r) => sameScope(r, object, s.kind, s.value))).find(Boolean) ?? null;
  const fallback = source ? { source, visible: source.visible, editable: source.editable } : { source: null, ...builtinSafelist(object) };
  return { own, fallback, visible: own?.visible ?? fallback.visible, editable: own?.editable ?? fallback.editable };
}
