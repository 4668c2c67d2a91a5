import type { Ctx } from '../../context.ts';
import { queueEmail } from '../../email/email.service.ts';
import type { TemplateName } from '../../email/strings.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { ResolvedProgram } from '../program/program.service.ts';
import { addTimelineEntry } from '../timeline/timeline.service.ts';
import { formatDay } from './registration-notify.ts';
import * as repo from './registrations.repository.ts';
import type { RegistrationDeps } from './registrations.service.ts';
import {
  lastDayToConfirm,
  nextRenewalActionAt,
  type RenewalCloseReason,
  renewalConfirmationTimers,
  renewalStart,
  renewalStep,
} from './renewal-ownership.rules.ts';
import { type AccountFacts, accountFacts, type ConfirmationRow, loadStakes } from './renewal-ownership.service.ts';
import { formatDuration } from './sla.rules.ts';

/**
 * The renewal ownership timers of the `registrations.timers` sweep (REG-11). Planning: an account
 * with a renewal date in which a partner holds a stake gets one confirmation row per renewal date,
 * with the SLA's deadline (90 days before the renewal by default), reminder and escalation. Then
 * each row's `next_action_at`: the account owner and the managers of the partners with a stake are
 * reminded ahead, and once the deadline passes unconfirmed the row is flagged and escalated. Each
 * effect is written in the transaction that sets the column saying it happened (emails carry
 * dedupe keys), so it happens once however often the sweep runs.
 */

const CLOSE_TEXT: Record<RenewalCloseReason, string> = {
  renewal_date_changed: 'the renewal date changed',
  renewal_passed: 'the renewal date passed',
  account_deleted: 'the account was deleted',
  no_partner_stake: 'no partner holds a stake in the account any more',
};

/** Plans the confirmation of an account's renewal (idempotent: one row per renewal date), and acts at once if it is due. */
export async function planRenewalConfirmation(ctx: Ctx, deps: RegistrationDeps, program: ResolvedProgram, accountId: string, now: Date) {
  const account = await accountFacts(ctx, accountId);
  if (!account?.renewalDate || account.deletedAt) return;
  if (!(await loadStakes(ctx, accountId)).length) return;
  const timers = renewalConfirmationTimers(account.renewalDate, program.slaPolicies, program.calendarOf);
  // A renewal that passed already (today in the workspace, yesterday in UTC) is planned closed, so it is not looked at again.
  const passed = +now >= +renewalStart(account.renewalDate, program.calendarOf.timeZone);
  const progress = { renewalDate: account.renewalDate, ...timers, remindedAt: null, escalatedAt: null, confirmedAt: null, closedAt: null };
  const inserted = await ctx.trx
    .insertInto('renewalConfirmations')
    .values({
      workspaceId: ctx.workspaceId,
      accountId,
      renewalDate: account.renewalDate,
      dueAt: timers.dueAt,
      reminderDueAt: timers.reminderDueAt,
      escalationDueAt: timers.escalationDueAt,
      nextActionAt: passed ? null : nextRenewalActionAt(progress, now),
      closedAt: passed ? now : null,
      closeReason: passed ? 'renewal_passed' : null,
    })
    .onConflict((oc) => oc.columns(['workspaceId', 'accountId', 'renewalDate']).doNothing())
    .returning(['id', 'nextActionAt'])
    .executeTakeFirst();
  if (inserted?.nextActionAt && +inserted.nextActionAt <= +now) await renewalConfirmationTimer(ctx, deps, program, inserted.id, now);
}

/** Sends the reminder or the escalation that is due on a confirmation, or closes it when its question went away. */
export async function renewalConfirmationTimer(ctx: Ctx, deps: RegistrationDeps, program: ResolvedProgram, id: string, now: Date) {
  const row = await ctx.trx.selectFrom('renewalConfirmations').selectAll().where('id', '=', id).forUpdate().skipLocked().executeTakeFirst();
  if (!row?.nextActionAt || +row.nextActionAt > +now) return;
  const tz = program.calendarOf.timeZone;
  const account = await accountFacts(ctx, row.accountId);
  const stakes = account && !account.deletedAt ? await loadStakes(ctx, row.accountId) : [];
  const step = renewalStep(
    now,
    row,
    account ? { renewalDate: account.renewalDate, deleted: account.deletedAt !== null } : null,
    stakes.length > 0,
    tz,
  );
  if (step.kind === 'wait') {
    await ctx.trx
      .updateTable('renewalConfirmations')
      .set({ nextActionAt: nextRenewalActionAt(row, now) })
      .where('id', '=', id)
      .execute();
    return;
  }
  if (step.kind === 'close') {
    await ctx.trx
      .updateTable('renewalConfirmations')
      .set({ closedAt: now, closeReason: step.reason, nextActionAt: null })
      .where('id', '=', id)
      .execute();
    await recordAudit(ctx, {
      action: 'account.renewal_ownership_closed',
      entityType: 'account',
      entityId: row.accountId,
      data: { renewalDate: row.renewalDate, closeReason: step.reason },
      reason: CLOSE_TEXT[step.reason],
    });
    return;
  }
  const acc = account as AccountFacts;
  const renewal = (l: 'en' | 'de') => formatDay(row.renewalDate, l, tz);
  const due = (l: 'en' | 'de') => formatDay(lastDayToConfirm(row.dueAt, tz), l, tz);
  const lead = (l: 'en' | 'de') => formatDuration(program.slaPolicies.renewal_ownership_confirmation.duration, l);
  const partners = stakes.map((s) => s.name).join(', ');
  const staff = await repo.staffMembers(ctx.trx, ctx.workspaceId);
  const active = new Set(staff.filter((s) => s.status === 'active').map((s) => s.id));
  const admin = staff.find((s) => s.status === 'active' && s.role === 'admin')?.id ?? null;
  const responsible = unique([acc.ownerUserId, ...stakes.map((s) => s.managerUserId)].filter((u): u is string => !!u && active.has(u)));
  if (step.kind === 'remind') {
    const to = responsible.length ? responsible : admin ? [admin] : [];
    await ctx.trx
      .updateTable('renewalConfirmations')
      .set({ remindedAt: now, nextActionAt: nextRenewalActionAt({ ...row, remindedAt: now }, now) })
      .where('id', '=', id)
      .execute();
    await addTimelineEntry(
      ctx,
      { type: 'account', id: acc.id },
      {
        kind: 'system',
        body: `Renewal on ${renewal('en')}: who owns it (${partners} or the direct team) is to be confirmed by ${due('en')}. Reminder sent.`,
        visibility: 'internal',
        metadata: { event: 'renewal_ownership_reminded', renewalDate: row.renewalDate, dueAt: row.dueAt.toISOString(), to },
      },
    );
    await recordAudit(ctx, {
      action: 'account.renewal_ownership_reminded',
      entityType: 'account',
      entityId: acc.id,
      data: { renewalDate: row.renewalDate, dueAt: row.dueAt.toISOString(), to, stakes: stakes.map((s) => s.partnerId) },
      reason: `renewal ownership to be confirmed ${lead('en')} before the renewal`,
    });
    await notify(
      ctx,
      deps,
      program,
      to,
      acc,
      'renewal_ownership_reminder',
      (l) => ({ renewal: renewal(l), due: due(l), lead: lead(l), partners }),
      row,
    );
    return;
  }
  // Escalate: the workspace's escalation contact, else an admin; the people who were reminded hear of it too.
  const escalateTo = [program.routing.escalateTo, admin].find((u): u is string => !!u && active.has(u)) ?? null;
  const to = unique([...(escalateTo ? [escalateTo] : []), ...responsible]);
  await ctx.trx
    .updateTable('renewalConfirmations')
    .set({ escalatedAt: now, remindedAt: row.remindedAt ?? now, nextActionAt: null })
    .where('id', '=', id)
    .execute();
  await addTimelineEntry(
    ctx,
    { type: 'account', id: acc.id },
    {
      kind: 'system',
      body: `Renewal ownership not confirmed by ${due('en')} (${lead('en')} before the renewal on ${renewal('en')}): flagged and escalated.`,
      visibility: 'internal',
      metadata: { event: 'renewal_ownership_escalated', renewalDate: row.renewalDate, dueAt: row.dueAt.toISOString(), to: escalateTo },
    },
  );
  await recordAudit(ctx, {
    action: 'account.renewal_ownership_escalated',
    entityType: 'account',
    entityId: acc.id,
    data: { renewalDate: row.renewalDate, dueAt: row.dueAt.toISOString(), to: escalateTo, notified: to, stakes: stakes.map((s) => s.partnerId) },
    reason: `renewal ownership not confirmed ${lead('en')} before the renewal`,
  });
  await notify(ctx, deps, program, to, acc, 'renewal_ownership_overdue', (l) => ({ renewal: renewal(l), due: due(l), lead: lead(l), partners }), row);
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

// Emails staff members about an account's renewal ownership, each in their language, once per row and template.
async function notify(
  ctx: Ctx,
  deps: RegistrationDeps,
  program: ResolvedProgram,
  userIds: string[],
  account: AccountFacts,
  template: TemplateName,
  vars: (locale: 'en' | 'de') => Record<string, string>,
  row: ConfirmationRow,
) {
  if (!userIds.length) return;
  const users = await ctx.trx.selectFrom('users').select(['id', 'email', 'locale']).where('id', 'in', userIds).execute();
  for (const u of users) {
    const locale = u.locale ?? program.locale;
    await queueEmail(ctx, deps.jobs, {
      to: u.email,
      template,
      locale,
      actionUrl: `${deps.publicUrl}/app/accounts/${account.id}`,
      vars: { company: account.name, ...vars(locale) },
      dedupeKey: `${template}:${row.id}:${u.id}`,
    });
  }
}
