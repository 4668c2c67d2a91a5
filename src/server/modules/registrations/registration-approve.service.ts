// Approving a registration (REG-7): the account and opportunity it links or creates, the partner's
// role and share on it, the protection window, the conflict policy's verdict, notifications.
import type { z } from 'zod';
import { fromMinorUnits } from '../../../shared/money.ts';
import type { Motion, PartnerRole } from '../../../shared/opportunities.ts';
import type { approveInput } from '../../../shared/registrations.ts';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../http/errors.ts';
import { createAccount } from '../accounts/accounts.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { DUPLICATE_THRESHOLD } from '../duplicates/company-match.rules.ts';
import { createLead } from '../leads/leads.service.ts';
import { createOpportunity, getOpportunity, linkRegistration, replacePartners } from '../opportunities/opportunities.service.ts';
import { grantOwnerAccess } from '../portal/portal-team.service.ts';
import { getProgramSettings } from '../program/program.service.ts';
import { addTimelineEntry } from '../timeline/timeline.service.ts';
import { resolveConflict } from './conflict-policy.rules.ts';
import { noTouchAt, protectionWindow } from './protection.rules.ts';
import { deciderId, lockOpen, reload } from './registration-decision-steps.ts';
import { formatDay, notifyPartner } from './registration-notify.ts';
import { conflictClaims } from './registrations.presenter.ts';
import * as repo from './registrations.repository.ts';
import type { RegistrationDeps } from './registrations.service.ts';
import { describeConflictReason } from './rules-of-engagement.ts';

const ROLE_OF: Record<Motion, PartnerRole> = {
  referral: 'referrer',
  resale: 'reseller',
  marketplace: 'marketplace',
  services: 'services',
  technology: 'technology',
};

/** The account the approval links: the one named, the stored match that is the same company, one holding its domain, or none yet. */
async function accountFor(ctx: Ctx, row: repo.RegistrationRow, given?: string): Promise<string | null> {
  if (given) {
    const a = await ctx.trx.selectFrom('accounts').select('id').where('id', '=', given).where('deletedAt', 'is', null).executeTakeFirst();
    if (!a)
      throw new AppError('validation_failed', 'The account does not exist.', {
        fields: [{ field: 'body.accountId', message: 'is not an account of this workspace' }],
      });
    return a.id;
  }
  const matches = await repo.matchesOf(ctx.trx, ctx.workspaceId, row.id);
  const best = matches.find((m) => m.kind === 'account' && m.score >= DUPLICATE_THRESHOLD);
  if (best) {
    const live = await ctx.trx
      .selectFrom('accounts')
      .select('id')
      .where('id', '=', best.candidateId)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    if (live) return live.id;
  }
  if (row.companyDomain) {
    const byDomain = await ctx.trx
      .selectFrom('accountDomains as d')
      .innerJoin('accounts as a', 'a.id', 'd.accountId')
      .select('a.id')
      .where('d.workspaceId', '=', ctx.workspaceId)
      .where('d.domain', '=', row.companyDomain)
      .where('a.deletedAt', 'is', null)
      .executeTakeFirst();
    if (byDomain) return byDomain.id;
  }
  return null;
}

/** The vendor's own open opportunity on the account for this motion (no partner on it), oldest first. */
async function directOpportunity(ctx: Ctx, accountId: string | null, motion: Motion) {
  if (!accountId) return null;
  const o = await ctx.trx
    .selectFrom('opportunities as o')
    .select(['o.id', 'o.name', 'o.createdAt'])
    .where('o.workspaceId', '=', ctx.workspaceId)
    .where('o.accountId', '=', accountId)
    .where('o.deletedAt', 'is', null)
    .where('o.source', '=', 'direct')
    .where('o.stage', 'not in', ['closed_won', 'closed_lost'])
    .where((eb) => eb.or([eb('o.motion', '=', motion), eb('o.motion', 'is', null)]))
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('opportunityPartners as p').select('p.partnerId').whereRef('p.opportunityId', '=', 'o.id'))),
    )
    .orderBy('o.createdAt')
    .executeTakeFirst();
  return o ?? null;
}

/**
 * Approves a registration (REG-7, REG-8, REG-10): the conflict policy must rank it first (or the
 * approver overrides it, with a reason); then the account is linked or created, the opportunity
 * created or linked with the partner's role (sourced), the protection window starts, and the
 * partner is told its protection date. The database refuses a second active protection of one
 * account and motion, so two approvals at once cannot both win.
 */
export async function approveRegistration(ctx: Ctx, deps: RegistrationDeps, id: string, input: z.infer<typeof approveInput>) {
  const program = await getProgramSettings(ctx);
  const row = await lockOpen(ctx, id, 'approved');
  const now = ctx.now();
  let accountId = await accountFor(ctx, row, input.accountId);
  const direct = await directOpportunity(ctx, accountId, row.motion);
  const claims = await repo.openClaims(ctx.trx, ctx.workspaceId, row.companyKey);
  const decision = resolveConflict(
    conflictClaims(claims, now, row.id),
    program.conflictPolicy,
    direct ? { opportunityId: direct.id, createdAt: direct.createdAt } : null,
  );
  const wins = decision.winner?.kind === 'partner' && decision.winner.partnerId === row.partnerId;
  if (!wins && !input.override) {
    const names = new Map(claims.map((c) => [c.partnerId, c.partnerId === row.partnerId ? row.partnerName : `the partner of ${c.number}`]));
    const why = decision.reasons.find((r) => r.loser === row.partnerId);
    const text = why ? describeConflictReason(why, 'en', (pid) => names.get(pid) ?? 'another partner') : '';
    throw new AppError(
      'conflict',
      decision.winner?.kind === 'direct'
        ? `The vendor's own opportunity "${direct?.name}" is open on this account, and the conflict policy lets it win. ${text} Approve with an override reason to decide otherwise.`
        : `The conflict policy ranks another claim first. ${text} Approve with an override reason to decide otherwise.`,
      { winner: decision.winner, reasons: decision.reasons },
    );
  }

  let opportunityId: string | null = null;
  let leadId: string | null = null;
  if (row.type === 'deal') {
    if (!accountId) accountId = (await createAccount(ctx, { name: row.companyName, domains: row.companyDomain ? [row.companyDomain] : [] })).id;
    const role = { partnerId: row.partnerId, role: ROLE_OF[row.motion], attribution: 'sourced' as const };
    if (input.opportunityId) {
      const o = await getOpportunity(ctx, input.opportunityId).catch(() => {
        throw new AppError('validation_failed', 'The opportunity does not exist.', {
          fields: [{ field: 'body.opportunityId', message: 'is not an opportunity of this workspace' }],
        });
      });
      const others = o.partners.filter((p) => p.partnerId !== row.partnerId);
      const share = Math.max(0, 100 - others.reduce((s, p) => s + p.share, 0));
      await replacePartners(ctx, o.id, [
        ...others.map((p) => ({ partnerId: p.partnerId, role: p.role, attribution: p.attribution, share: p.share })),
        { ...role, share },
      ]);
      opportunityId = o.id;
      accountId = o.accountId;
    } else {
      const amount =
        row.amountMinor !== null && row.currency
          ? { value: fromMinorUnits(Number(row.amountMinor), row.currency), currency: row.currency }
          : { value: 0, currency: 'EUR' };
      const closeDate = row.expectedCloseDate ?? new Date(+now + 90 * 86_400_000).toISOString().slice(0, 10);
      const created = await createOpportunity(ctx, {
        name: `${row.companyName} – ${row.motion}`,
        accountId,
        amount,
        stage: 'prospecting',
        closeDate,
        motion: row.motion,
        source: 'partner',
        ownerUserId: deciderId(ctx),
        description: row.notes,
        partners: [{ ...role, share: 100 }],
      });
      opportunityId = created.id;
    }
    await linkRegistration(ctx, opportunityId, row.id);
    if (row.submittedByKind === 'partner_user' && row.submittedById) await grantOwnerAccess(ctx, opportunityId, row.submittedById);
  } else {
    const [first, ...rest] = (row.contactName ?? '').trim().split(/\s+/);
    const lead = await createLead(ctx, {
      firstName: rest.length ? first : null,
      lastName: (rest.length ? rest.join(' ') : first) || row.companyName,
      email: row.contactEmail,
      company: row.companyName,
      companyDomain: row.companyDomain,
      partnerId: row.partnerId,
    });
    leadId = lead.id;
  }

  const window = protectionWindow(now, { motion: row.motion, tier: row.partnerTier }, program.protection, program.calendarOf, input.protectionDays);
  try {
    await repo.updateRegistration(ctx.trx, ctx.workspaceId, id, {
      status: 'approved',
      decidedAt: now,
      decidedByUserId: deciderId(ctx),
      decisionNote: input.note ?? null,
      overrideReason: input.override?.reason ?? null,
      accountId,
      opportunityId,
      leadId,
      protectionDays: window.days,
      protectionStartsAt: window.protectionStartsAt,
      protectionExpiresAt: window.protectionExpiresAt,
      protectionReminderDueAt: window.reminderDueAt,
      noTouchDueAt: noTouchAt(now, program.protection.noTouchDays),
      lastActivityAt: now,
      conflictAcknowledgedAt: row.conflictAckDueAt && !row.conflictAcknowledgedAt ? now : row.conflictAcknowledgedAt,
    });
  } catch (err) {
    if ((err as { constraint?: string }).constraint === 'registrations_one_protection_idx') {
      throw new AppError(
        'conflict',
        'Another registration of this account and motion is protected already: the first approval won. Reject this one or link another account.',
      );
    }
    throw err;
  }
  const until = (l: 'en' | 'de') => formatDay(window.lastProtectedDay, l, program.calendarOf.timeZone);
  await addTimelineEntry(
    ctx,
    { type: 'registration', id },
    {
      kind: 'system',
      body: `Approved; protected until ${until('en')}.`,
      visibility: 'shared',
      metadata: { event: 'approved', protectionExpiresAt: window.protectionExpiresAt.toISOString() },
    },
  );
  // Why the conflict policy was overridden names the vendor's deal or other partners: staff only.
  if (input.override) {
    await addTimelineEntry(
      ctx,
      { type: 'registration', id },
      {
        kind: 'system',
        body: `Conflict policy overridden on approval: ${input.override.reason}`,
        visibility: 'internal',
        metadata: { event: 'approval_override' },
      },
    );
  }
  if (opportunityId) {
    await addTimelineEntry(
      ctx,
      { type: 'opportunity', id: opportunityId },
      {
        kind: 'system',
        body: `Registration ${row.number} of ${row.partnerName} approved; protected until ${until('en')}.`,
        visibility: 'shared',
        metadata: { event: 'registration_approved', registrationId: id },
      },
    );
  }
  const after = await reload(ctx, id, program);
  await recordAudit(ctx, {
    action: 'registration.approved',
    entityType: 'registration',
    entityId: id,
    reason: input.override?.reason ?? input.note ?? null,
    data: { accountId, opportunityId, leadId, protectionDays: window.days, override: Boolean(input.override) },
  });
  await notifyPartner(ctx, deps, program, row, 'registration_approved', (l) => ({ protectedUntil: until(l) }), `registration-approved:${id}`);
  return after;
}
