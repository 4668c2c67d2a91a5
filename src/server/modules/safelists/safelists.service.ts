import {
  type EffectiveSafelist,
  SAFELIST_FIELDS,
  SAFELIST_OBJECTS,
  type SafelistObject,
  type SafelistRule,
  type SafelistRuleInput,
} from '../../../shared/safelists.ts';
import { actorLabel } from '../../auth/actor.ts';
import type { Ctx } from '../../context.ts';
import type { Trx } from '../../db/client.ts';
import { AppError, found } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './safelists.repository.ts';
import { notEditable, type PartnerFacts, resolveSafelist } from './safelists.rules.ts';

/** The resolved safelists of one partner: for each object, the visible and editable fields. */
export type PartnerSafelists = {
  partner: PartnerFacts & { name: string };
  of(object: SafelistObject): { visible: ReadonlySet<string>; editable: ReadonlySet<string>; effective: EffectiveSafelist };
};

function build(partner: PartnerFacts & { name: string }, rules: repo.RuleRow[]): PartnerSafelists {
  const resolved = new Map(
    SAFELIST_OBJECTS.map((object) => {
      const effective = resolveSafelist(object, partner, rules);
      return [object, { visible: new Set(effective.visible), editable: new Set(effective.editable), effective }];
    }),
  );
  return { partner, of: (object) => resolved.get(object) as ReturnType<PartnerSafelists['of']> };
}

// Resolved once per transaction and partner: a page of 50 deals asks for the same safelist 50 times.
const perTransaction = new WeakMap<Trx, Map<string, Promise<PartnerSafelists>>>();

/**
 * Hands this transaction the safelists of a partner whose facts and rules a service has read
 * anyway (repo.rulesForPartnerJson): safelistsFor then needs no statement for it.
 */
export function primeSafelists(trx: Trx, partner: PartnerFacts & { name: string }, rules: repo.RuleRow[]): void {
  let cache = perTransaction.get(trx);
  if (!cache) {
    cache = new Map();
    perTransaction.set(trx, cache);
  }
  cache.set(partner.id, Promise.resolve(build(partner, rules)));
}

/** The safelists that apply to a partner (its facts when the caller has them); throws not_found for a partner that is gone. */
export function safelistsFor(ctx: Ctx, partnerId: string, known?: PartnerFacts & { name: string }): Promise<PartnerSafelists> {
  let cache = perTransaction.get(ctx.trx);
  if (!cache) {
    cache = new Map();
    perTransaction.set(ctx.trx, cache);
  }
  let hit = cache.get(partnerId);
  if (!hit) {
    hit = (async () => {
      // A caller that has just read the partner passes its facts: one statement fewer.
      const partner = known?.id === partnerId ? known : found(await repo.partnerFacts(ctx.trx, ctx.workspaceId, partnerId), 'Partner');
      return build(partner, await repo.rulesFor(ctx.trx, ctx.workspaceId, partner));
    })();
    cache.set(partnerId, hit);
  }
  return hit;
}

/**
 * The safelists for a recipient outside any partner (a share link to a customer's contact): the
 * workspace's default rules, else the built-in defaults.
 */
export async function safelistsForWorkspace(ctx: Ctx): Promise<PartnerSafelists> {
  const none = { id: '00000000-0000-0000-0000-000000000000', name: '', type: '', tier: null };
  const rules = await repo.listRules(ctx.trx, ctx.workspaceId);
  return build(
    none,
    rules.filter((r) => r.scopeKind === 'workspace'),
  );
}

/** A partner's safelists with one object's replaced by a draft (the "view as partner" preview). */
export function withDraft(lists: PartnerSafelists, object: SafelistObject, draft: { visible: string[]; editable: string[] }): PartnerSafelists {
  const known = new Set(SAFELIST_FIELDS[object].map((f) => f.key));
  const visible = draft.visible.filter((k) => known.has(k));
  const effective: EffectiveSafelist = {
    object,
    visible,
    editable: draft.editable.filter((k) => visible.includes(k)),
    ruleId: null,
    scope: { kind: 'builtin' },
  };
  const replaced = { visible: new Set(effective.visible), editable: new Set(effective.editable), effective };
  return { partner: lists.partner, of: (o) => (o === object ? replaced : lists.of(o)) };
}

/** Throws a 403 naming every field of a partner's change that its safelist does not let it edit. */
export function assertEditable(lists: PartnerSafelists, object: SafelistObject, patch: Record<string, unknown>): void {
  const fields = notEditable(patch, lists.of(object).editable);
  if (fields.length) {
    throw new AppError(
      'forbidden',
      `You cannot change ${fields.map((f) => f.field.replace(/^body\./, '')).join(', ')} here. Ask your partner manager.`,
      {
        fields,
      },
    );
  }
}

function presentRule(r: repo.RuleRow): SafelistRule {
  return {
    id: r.id,
    object: r.object,
    scope: r.scopeKind === 'workspace' ? { kind: r.scopeKind } : { kind: r.scopeKind, value: r.scopeValue },
    visible: r.visible,
    editable: r.editable,
    updatedBy: r.updatedByLabel,
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** The catalogue of fields with their built-in defaults, and the workspace's rules. */
export async function getCatalog(ctx: Ctx) {
  const rules = await repo.listRules(ctx.trx, ctx.workspaceId);
  return {
    objects: SAFELIST_OBJECTS.map((object) => ({ object, fields: SAFELIST_FIELDS[object].map((f) => ({ ...f })) })),
    rules: rules.map(presentRule),
  };
}

async function assertScope(ctx: Ctx, input: SafelistRuleInput) {
  if (input.scope.kind !== 'partner') return;
  const partner = await repo.partnerFacts(ctx.trx, ctx.workspaceId, input.scope.value);
  if (!partner)
    throw new AppError('validation_failed', 'The partner of this rule does not exist in the workspace.', {
      fields: [{ field: 'body.scope.value', message: 'is not a partner of this workspace' }],
    });
}

/** Saves the rule of one object and scope; the change is audited with the fields before and after. */
export async function saveRule(ctx: Ctx, input: SafelistRuleInput): Promise<SafelistRule> {
  await assertScope(ctx, input);
  const scopeValue = input.scope.kind === 'workspace' ? '' : input.scope.value;
  const before = await repo.findRuleByScope(ctx.trx, ctx.workspaceId, input.object, input.scope.kind, scopeValue);
  const row = await repo.upsertRule(ctx.trx, {
    workspaceId: ctx.workspaceId,
    object: input.object,
    scopeKind: input.scope.kind,
    scopeValue,
    visible: [...new Set(input.visible)],
    editable: [...new Set(input.editable)],
    updatedByLabel: actorLabel(ctx.actor),
  });
  const after = presentRule(row);
  await recordAudit(ctx, {
    action: 'safelist.saved',
    entityType: 'safelist_rule',
    entityId: row.id,
    before: before ? presentRule(before) : null,
    after,
  });
  return after;
}

/** Removes a rule: the scope falls back to the next less specific one. */
export async function deleteRule(ctx: Ctx, id: string): Promise<void> {
  const before = presentRule(found(await repo.findRule(ctx.trx, ctx.workspaceId, id), 'Safelist rule'));
  await repo.deleteRule(ctx.trx, ctx.workspaceId, id);
  await recordAudit(ctx, { action: 'safelist.deleted', entityType: 'safelist_rule', entityId: id, before, after: null });
}

/** Every object's safelist as it applies to one partner, with the rule that decided it. */
export async function effectiveFor(ctx: Ctx, partnerId: string) {
  const lists = await safelistsFor(ctx, partnerId);
  return { partner: { id: lists.partner.id, name: lists.partner.name }, data: SAFELIST_OBJECTS.map((o) => lists.of(o).effective) };
}
