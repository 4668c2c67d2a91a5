import { sql } from 'kysely';
import type { SafelistObject, ScopeKind } from '../../../shared/safelists.ts';
import type { Trx } from '../../db/client.ts';

const columns = ['id', 'object', 'scopeKind', 'scopeValue', 'visible', 'editable', 'updatedByLabel', 'updatedAt'] as const;

export type RuleRow = NonNullable<Awaited<ReturnType<typeof findRule>>>;

/** Every rule of the workspace, most specific scope kinds last. */
export function listRules(trx: Trx, workspaceId: string) {
  return trx.selectFrom('safelistRules').select(columns).where('workspaceId', '=', workspaceId).orderBy('object').orderBy('scopeKind').execute();
}

/** The rules that can apply to one partner: its own, its tier's, its type's and the workspace's. */
export function rulesFor(trx: Trx, workspaceId: string, partner: { id: string; type: string; tier: string | null }) {
  return trx
    .selectFrom('safelistRules')
    .select(columns)
    .where('workspaceId', '=', workspaceId)
    .where((eb) =>
      eb.or([
        eb('scopeKind', '=', 'workspace'),
        eb.and([eb('scopeKind', '=', 'partner'), eb('scopeValue', '=', partner.id)]),
        eb.and([eb('scopeKind', '=', 'partner_type'), eb('scopeValue', '=', partner.type)]),
        ...(partner.tier ? [eb.and([eb('scopeKind', '=', 'tier'), eb('scopeValue', '=', partner.tier)])] : []),
      ]),
    )
    .execute();
}

export function findRule(trx: Trx, workspaceId: string, id: string) {
  return trx.selectFrom('safelistRules').select(columns).where('workspaceId', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export function findRuleByScope(trx: Trx, workspaceId: string, object: SafelistObject, scopeKind: ScopeKind, scopeValue: string) {
  return trx
    .selectFrom('safelistRules')
    .select(columns)
    .where('workspaceId', '=', workspaceId)
    .where('object', '=', object)
    .where('scopeKind', '=', scopeKind)
    .where('scopeValue', '=', scopeValue)
    .executeTakeFirst();
}

/** Saves the rule of one object and scope (one per pair). */
export function upsertRule(
  trx: Trx,
  values: {
    workspaceId: string;
    object: SafelistObject;
    scopeKind: ScopeKind;
    scopeValue: string;
    visible: string[];
    editable: string[];
    updatedByLabel: string;
  },
) {
  return trx
    .insertInto('safelistRules')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['workspaceId', 'object', 'scopeKind', 'scopeValue']).doUpdateSet({
        visible: values.visible,
        editable: values.editable,
        updatedByLabel: values.updatedByLabel,
      }),
    )
    .returning(columns)
    .executeTakeFirstOrThrow();
}

export function deleteRule(trx: Trx, workspaceId: string, id: string) {
  return trx.deleteFrom('safelistRules').where('workspaceId', '=', workspaceId).where('id', '=', id).execute();
}

/** The facts of a live partner that safelists are resolved by. */
export function partnerFacts(trx: Trx, workspaceId: string, id: string) {
  return trx
    .selectFrom('partners')
    .select(['id', 'name', 'type', 'tier'])
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
}

/**
 * rulesFor as a JSON array, to read with the partner in a statement on `partners` (its columns
 * unqualified in scope): one round trip fewer where a service reads the partner anyway. Parse
 * with rulesFromJson.
 */
export function rulesForPartnerJson(workspaceId: string) {
  return sql<unknown>`(select coalesce(json_agg(json_build_object('id', s.id, 'object', s.object, 'scopeKind', s.scope_kind,
      'scopeValue', s.scope_value, 'visible', s.visible, 'editable', s.editable, 'updatedByLabel', s.updated_by_label,
      'updatedAt', s.updated_at)), '[]')
    from safelist_rules s where s.workspace_id = ${workspaceId} and (s.scope_kind = 'workspace'
      or (s.scope_kind = 'partner' and s.scope_value = partners.id::text)
      or (s.scope_kind = 'partner_type' and s.scope_value = partners.type)
      or (s.scope_kind = 'tier' and s.scope_value = partners.tier)))`;
}

export function rulesFromJson(json: unknown): RuleRow[] {
  return (json as (RuleRow & { updatedAt: string })[]).map((r) => ({ ...r, updatedAt: new Date(r.updatedAt) })) as RuleRow[];
}
