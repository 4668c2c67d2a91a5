import type { Selectable } from 'kysely';
import type { RenewalOwnership, RenewalOwnershipInput } from '../../../shared/renewal-ownership.ts';
import { actorLabel } from '../../auth/actor.ts';
import { can } from '../../auth/policy.ts';
import type { Ctx } from '../../context.ts';
import type { RenewalConfirmationsTable } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { getProgramSettings, type ResolvedProgram } from '../program/program.service.ts';
import { addTimelineEntry } from '../timeline/timeline.service.ts';
import { formatDay } from './registration-notify.ts';
import {
  type PartnerStake,
  partnerStakes,
  renewalConfirmationTimers,
  renewalOwnershipStatus,
  renewalStart,
  STAKE_REGISTRATION_STATUSES,
} from './renewal-ownership.rules.ts';

/**
 * Renewal ownership (REG-11) for staff: where an account's renewal ownership stands, and the
 * confirmation of who works the renewal — a partner with (or without) a stake, or the direct team.
 * The sweep's side (planning, reminders, escalation) is in renewal-ownership.jobs.ts.
 */

export type ConfirmationRow = Selectable<RenewalConfirmationsTable>;

/** The facts of an account the confirmation needs; deleted accounts too (the sweep closes their rows). */
export type AccountFacts = { id: string; name: string; renewalDate: string | null; ownerUserId: string | null; deletedAt: Date | null };

/** The account's facts, or undefined when it is not in the workspace. */
export function accountFacts(ctx: Ctx, accountId: string): Promise<AccountFacts | undefined> {
  return ctx.trx
    .selectFrom('accounts')
    .select(['id', 'name', 'renewalDate', 'ownerUserId', 'deletedAt'])
    .where('workspaceId', '=', ctx.workspaceId)
    .where('id', '=', accountId)
    .executeTakeFirst();
}

/** A partner's stake with what the messages and the API show of the partner. */
export type NamedStake = PartnerStake & { name: string; managerUserId: string | null };

/** The partners (not deleted) with a stake in the account, by name. */
export async function loadStakes(ctx: Ctx, accountId: string): Promise<NamedStake[]> {
  const registrations = await ctx.trx
    .selectFrom('registrations')
    .select(['partnerId', 'status'])
    .where('workspaceId', '=', ctx.workspaceId)
    .where('accountId', '=', accountId)
    .where('status', 'in', [...STAKE_REGISTRATION_STATUSES])
    .execute();
  const roles = await ctx.trx
    .selectFrom('opportunityPartners as op')
    .innerJoin('opportunities as o', 'o.id', 'op.opportunityId')
    .select('op.partnerId')
    .where('o.workspaceId', '=', ctx.workspaceId)
    .where('o.accountId', '=', accountId)
    .where('o.deletedAt', 'is', null)
    .execute();
  const stakes = partnerStakes(registrations, roles);
  if (!stakes.length) return [];
  const partners = await ctx.trx
    .selectFrom('partners')
    .select(['id', 'name', 'managerUserId'])
    .where('workspaceId', '=', ctx.workspaceId)
    .where(
      'id',
      'in',
      stakes.map((s) => s.partnerId),
    )
    .where('deletedAt', 'is', null)
    .execute();
  const byId = new Map(partners.map((p) => [p.id, p]));
  return stakes
    .flatMap((s) => {
      const p = byId.get(s.partnerId);
      return p ? [{ ...s, name: p.name, managerUserId: p.managerUserId }] : [];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The confirmation row of one renewal date, if planned or confirmed. */
export function findConfirmation(ctx: Ctx, accountId: string, renewalDate: string, opts: { forUpdate?: boolean } = {}) {
  let q = ctx.trx
    .selectFrom('renewalConfirmations')
    .selectAll()
    .where('workspaceId', '=', ctx.workspaceId)
    .where('accountId', '=', accountId)
    .where('renewalDate', '=', renewalDate);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

async function partnerName(ctx: Ctx, partnerId: string): Promise<string> {
  const p = await ctx.trx.selectFrom('partners').select('name').where('id', '=', partnerId).executeTakeFirst();
  return p?.name ?? partnerId;
}

/** An account's renewal ownership as the API shows it; the SLA instants come from the row, else the policy. */
async function present(
  ctx: Ctx,
  program: ResolvedProgram,
  account: AccountFacts,
  stakes: NamedStake[],
  row: ConfirmationRow | undefined,
): Promise<RenewalOwnership> {
  const timers = account.renewalDate ? renewalConfirmationTimers(account.renewalDate, program.slaPolicies, program.calendarOf) : null;
  const dueAt = row?.dueAt ?? timers?.dueAt ?? null;
  const reminderDueAt = row ? row.reminderDueAt : (timers?.reminderDueAt ?? null);
  const status = renewalOwnershipStatus(
    ctx.now(),
    { renewalDate: account.renewalDate, hasStake: stakes.length > 0, confirmedAt: row?.confirmedAt ?? null, dueAt, reminderDueAt },
    program.calendarOf.timeZone,
  );
  const confirmation =
    row?.confirmedAt != null
      ? {
          at: row.confirmedAt.toISOString(),
          by: { userId: row.confirmedByUserId, label: row.confirmedByLabel },
          owner: row.ownerPartnerId
            ? { kind: 'partner' as const, partnerId: row.ownerPartnerId, name: await partnerName(ctx, row.ownerPartnerId) }
            : { kind: 'direct' as const },
          note: row.note,
        }
      : null;
  return {
    accountId: account.id,
    renewalDate: account.renewalDate,
    status,
    dueAt: dueAt?.toISOString() ?? null,
    reminderDueAt: reminderDueAt?.toISOString() ?? null,
    remindedAt: row?.remindedAt?.toISOString() ?? null,
    escalatedAt: row?.escalatedAt?.toISOString() ?? null,
    stakes: stakes.map((s) => ({ partnerId: s.partnerId, name: s.name, via: s.via })),
    confirmation,
    permissions: { confirm: can.decideRegistrations(ctx.actor) && status !== 'no_renewal' && status !== 'renewal_passed' },
  };
}

async function liveAccount(ctx: Ctx, accountId: string): Promise<AccountFacts> {
  const account = await accountFacts(ctx, accountId);
  if (!account || account.deletedAt) throw new AppError('not_found', 'Account not found.');
  return account;
}

/** Where the account's renewal ownership stands: the deadline, the partners with a stake, the confirmation. */
export async function getRenewalOwnership(ctx: Ctx, accountId: string): Promise<RenewalOwnership> {
  const account = await liveAccount(ctx, accountId);
  const program = await getProgramSettings(ctx);
  const row = account.renewalDate ? await findConfirmation(ctx, accountId, account.renewalDate) : undefined;
  return present(ctx, program, account, await loadStakes(ctx, accountId), row);
}

/**
 * Confirms who owns the account's next renewal (REG-11): a partner of the workspace, or the direct
 * team (`partnerId: null`). Allowed until the renewal day; a second confirmation replaces the first.
 * Stops the reminders and the escalation, and lands on the account's timeline and in the audit log.
 */
export async function confirmRenewalOwnership(ctx: Ctx, accountId: string, input: RenewalOwnershipInput): Promise<RenewalOwnership> {
  const account = await liveAccount(ctx, accountId);
  const program = await getProgramSettings(ctx);
  const tz = program.calendarOf.timeZone;
  const now = ctx.now();
  if (!account.renewalDate) {
    throw new AppError('conflict', `${account.name} has no renewal date: set the account's renewal date first.`);
  }
  if (+now >= +renewalStart(account.renewalDate, tz)) {
    throw new AppError(
      'conflict',
      `The renewal on ${formatDay(account.renewalDate, 'en', tz)} has passed: set the account's next renewal date first.`,
    );
  }
  let owner: { id: string; name: string } | null = null;
  if (input.partnerId) {
    const p = await ctx.trx
      .selectFrom('partners')
      .select(['id', 'name', 'lifecycleState'])
      .where('workspaceId', '=', ctx.workspaceId)
      .where('id', '=', input.partnerId)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    if (!p) {
      throw new AppError('validation_failed', 'The partner does not exist.', {
        fields: [{ field: 'body.partnerId', message: 'is not a partner of this workspace' }],
      });
    }
    if (p.lifecycleState === 'offboarded') {
      throw new AppError('validation_failed', `${p.name} is offboarded and cannot own a renewal.`, {
        fields: [{ field: 'body.partnerId', message: 'is an offboarded partner' }],
      });
    }
    owner = { id: p.id, name: p.name };
  }
  const stakes = await loadStakes(ctx, accountId);
  // The row may not be planned yet (a renewal far off, or no stake): plan it here with its timers.
  const timers = renewalConfirmationTimers(account.renewalDate, program.slaPolicies, program.calendarOf);
  await ctx.trx
    .insertInto('renewalConfirmations')
    .values({
      workspaceId: ctx.workspaceId,
      accountId,
      renewalDate: account.renewalDate,
      dueAt: timers.dueAt,
      reminderDueAt: timers.reminderDueAt,
      escalationDueAt: timers.escalationDueAt,
    })
    .onConflict((oc) => oc.columns(['workspaceId', 'accountId', 'renewalDate']).doNothing())
    .execute();
  const before = await findConfirmation(ctx, accountId, account.renewalDate, { forUpdate: true });
  if (!before) throw new AppError('internal', 'The renewal confirmation could not be stored.');
  const by = ctx.actor.kind === 'staff' ? { userId: ctx.actor.userId, label: ctx.actor.name } : { userId: null, label: actorLabel(ctx.actor) };
  await ctx.trx
    .updateTable('renewalConfirmations')
    .set({
      confirmedAt: now,
      confirmedByUserId: by.userId,
      confirmedByLabel: by.label,
      ownerPartnerId: owner?.id ?? null,
      note: input.note || null,
      nextActionAt: null,
      closedAt: null,
      closeReason: null,
    })
    .where('id', '=', before.id)
    .execute();
  const ownerText = owner ? owner.name : 'the direct team';
  const late = +now >= +before.dueAt;
  await addTimelineEntry(
    ctx,
    { type: 'account', id: accountId },
    {
      kind: 'system',
      body: `Renewal ownership confirmed: ${ownerText} owns the renewal on ${formatDay(account.renewalDate, 'en', tz)}${late ? ' (after the deadline)' : ''}.${input.note ? ` Note: ${input.note}` : ''}`,
      visibility: 'internal',
      metadata: {
        event: 'renewal_ownership_confirmed',
        renewalDate: account.renewalDate,
        ownerPartnerId: owner?.id ?? null,
        late,
        replaced: before.confirmedAt ? (before.ownerPartnerId ?? 'direct') : null,
      },
    },
  );
  const ownerOf = (r: { confirmedAt: Date | null; ownerPartnerId: string | null }) =>
    r.confirmedAt ? { owner: r.ownerPartnerId ? { kind: 'partner', partnerId: r.ownerPartnerId } : { kind: 'direct' } } : { owner: null };
  await recordAudit(ctx, {
    action: 'account.renewal_ownership_confirmed',
    entityType: 'account',
    entityId: accountId,
    before: { renewalDate: account.renewalDate, ...ownerOf(before), note: before.note },
    after: { renewalDate: account.renewalDate, ...ownerOf({ confirmedAt: now, ownerPartnerId: owner?.id ?? null }), note: input.note || null },
    data: { dueAt: before.dueAt.toISOString(), late, stakes: stakes.map((s) => s.partnerId) },
    reason: input.note || null,
  });
  const row = await findConfirmation(ctx, accountId, account.renewalDate);
  return present(ctx, program, account, stakes, row);
}
