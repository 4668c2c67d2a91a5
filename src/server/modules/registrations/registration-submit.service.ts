import type { RawBuilder } from 'kysely';
import type { DuplicateCheckInput } from '../../../shared/duplicates.ts';
import { formatMoney, fromMinorUnits, toMinorUnits } from '../../../shared/money.ts';
import type { Motion } from '../../../shared/opportunities.ts';
import type { RegistrationInput } from '../../../shared/registrations.ts';
import { actorId, actorLabel } from '../../auth/actor.ts';
import { can } from '../../auth/policy.ts';
import type { Ctx } from '../../context.ts';
import { holdsLock } from '../../db/client.ts';
import { queueEmailAtCommit } from '../../email/email.service.ts';
import { AppError, type FieldError } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { companyProfile, profileBlockingKeys } from '../duplicates/company-match.rules.ts';
import { normaliseCompanyName } from '../duplicates/company-name.rules.ts';
import { presentDuplicateCheck } from '../duplicates/duplicates.presenter.ts';
import { callerPartnerId, duplicateLookup, findDuplicates } from '../duplicates/duplicates.service.ts';
import { getProgramSettings, type ResolvedProgram, requiredFor } from '../program/program.service.ts';
import { primeSafelists } from '../safelists/safelists.service.ts';
import { addTimelineEntryAtCommit } from '../timeline/timeline.service.ts';
import { workspaceRow } from '../workspaces/workspace-row.ts';
import { portalBaseUrl } from '../workspaces/workspaces.service.ts';
import { formatDay } from './registration-notify.ts';
import { planRoute } from './registration-routing.ts';
import { extrasOfNew, presentRegistration, presentRegistrationToPartner } from './registrations.presenter.ts';
import * as repo from './registrations.repository.ts';
import { type RegistrationDeps, registrationCandidates } from './registrations.service.ts';
import { MOTION_LABELS } from './rules-of-engagement.ts';
import { slaDeadline, slaTimers } from './sla.rules.ts';

/** How a registration came in, when not from the calling person: a no-login link with its submitter. */
export type Via = { channel: 'link'; linkId: string; submitter: { name: string; email: string } };

/**
 * The partner a submission is for — the caller's own, or (staff, staff keys) the one named in the
 * body — with the open claims on the company, read under the company's lock (repo.companyLockKey:
 * taken at BEGIN by the grouped submit route, else here), so they include every claim committed
 * before it.
 */
async function partnerAndClaims(ctx: Ctx, input: RegistrationInput, companyKey: string, extra?: RawBuilder<unknown>) {
  const own = callerPartnerId(ctx.actor);
  if (own && input.partnerId && input.partnerId !== own) {
    throw new AppError('validation_failed', 'A partner registers for itself.', {
      fields: [{ field: 'body.partnerId', message: 'is set by your sign-in; leave it out' }],
    });
  }
  const partnerId = own ?? input.partnerId;
  if (!partnerId)
    throw new AppError('validation_failed', 'Name the partner the registration is for.', {
      fields: [{ field: 'body.partnerId', message: 'is required for staff' }],
    });
  const lockHeld = holdsLock(ctx.trx, repo.companyLockKey(ctx.workspaceId, companyKey));
  // A partner's answer goes through its safelists: their rules come with the partner.
  const safelists = own !== null;
  const found = await repo.partnerWithClaims(ctx.trx, ctx.workspaceId, partnerId, companyKey, { lockHeld, safelists, extra });
  if (!found)
    throw new AppError('validation_failed', 'The partner does not exist.', {
      fields: [{ field: 'body.partnerId', message: 'is not a partner of this workspace' }],
    });
  const p = found.partner;
  if (p.lifecycleState === 'suspended' || p.lifecycleState === 'offboarded') {
    throw new AppError('forbidden', `${p.name} is ${p.lifecycleState}: it cannot register deals. Contact your partner manager.`);
  }
  if (found.safelistRules) primeSafelists(ctx.trx, { id: p.id, name: p.name, type: p.type, tier: p.tier }, found.safelistRules);
  return found;
}

const FIELD_PATH: Record<string, string> = {
  companyDomain: 'body.company.domain',
  contactName: 'body.contact.name',
  contactEmail: 'body.contact.email',
  amount: 'body.amount',
  expectedCloseDate: 'body.expectedCloseDate',
  notes: 'body.notes',
};

/** Field errors for what the workspace requires of this type and motion but the input lacks (REG-2). */
function missingRequired(program: ResolvedProgram, input: RegistrationInput): FieldError[] {
  const present: Record<string, boolean> = {
    companyDomain: Boolean(input.company.domain),
    contactName: Boolean(input.contact.name),
    contactEmail: Boolean(input.contact.email),
    amount: input.amount !== undefined,
    expectedCloseDate: Boolean(input.expectedCloseDate),
    notes: Boolean(input.notes),
  };
  return requiredFor(program, input.type, input.motion)
    .filter((f) => !present[f])
    .map((f) => ({ field: FIELD_PATH[f], message: `is required for ${input.type === 'lead' ? 'lead' : input.motion} registrations` }));
}

/** The key a company is serialised and ranked by: its normalised name, else its folded name. */
export function companyKeyOf(name: string): string {
  const n = normaliseCompanyName(name);
  return n.core || n.folded || name.trim().toLowerCase();
}

function submitterOf(ctx: Ctx, via?: Via) {
  const a = ctx.actor;
  if (via)
    return {
      kind: 'registration_link' as const,
      id: via.linkId,
      label: `${via.submitter.name} <${via.submitter.email}>`,
      email: via.submitter.email,
    };
  if (a.kind === 'partner_user') return { kind: 'partner_user' as const, id: a.partnerUserId, label: a.name, email: a.email };
  if (a.kind === 'staff') return { kind: 'staff' as const, id: a.userId, label: a.name, email: null };
  if (a.kind === 'api_key') return { kind: 'api_key' as const, id: a.apiKeyId, label: a.name, email: null };
  return { kind: 'system' as const, id: actorId(a), label: actorLabel(a), email: null };
}

/**
 * A partner's registration (REG-1 … REG-5): required fields per motion, the duplicate check
 * against accounts, open opportunities and registrations, the claim rank among open claims on the
 * company (decided under a lock on the company, so of simultaneous claims exactly one is first),
 * routing to an approver with the decision SLA, a number, and the confirmation email.
 *
 * Written for throughput: no lock on the whole workspace (the number and the round-robin turn come
 * from counters that do not wait; see db/counters.ts), and no statement twice — the answer, the
 * audit event and the emails are built from what the transaction already read and inserted.
 */
export async function submitRegistration(ctx: Ctx, deps: RegistrationDeps, input: RegistrationInput, via?: Via) {
  const program = await getProgramSettings(ctx);
  const missing = missingRequired(program, input);
  if (missing.length) throw new AppError('validation_failed', 'Some required fields are missing.', { fields: missing });
  const companyKey = companyKeyOf(input.company.name);
  const check: DuplicateCheckInput = { companyName: input.company.name, domain: input.company.domain, contactEmail: input.contact.email };
  const candidatesOf = registrationCandidates();
  // The duplicate check's look-up travels with the partner read: one round trip fewer.
  const lookup = duplicateLookup(ctx.workspaceId, check, candidatesOf);
  const { partner, claims, extra: prefetched } = await partnerAndClaims(ctx, input, companyKey, lookup);
  const now = ctx.now();

  const own = claims.find((c) => c.partnerId === partner.id && c.motion === input.motion && c.status !== 'approved');
  if (own) {
    throw new AppError(
      'conflict',
      `${partner.name} registered this company for ${input.motion} already (${own.number}); it is waiting for a decision.`,
      { registrationNumber: own.number },
    );
  }
  const { verdict: checked, findings } = await findDuplicates(ctx, check, candidatesOf, prefetched);
  // Another partner's open claim on the same company makes this a conflict even before anyone is protected.
  const competing = claims.some((c) => c.partnerId !== partner.id);
  const verdict = competing ? 'conflict' : checked;

  const staff = await repo.staffMembersOnce(ctx.trx, ctx.workspaceId);
  const amountMinor = input.amount ? toMinorUnits(input.amount.value, input.amount.currency) : null;
  const planned = planRoute(
    program,
    {
      type: input.type,
      motion: input.motion,
      amount: input.amount ? { minor: amountMinor as number, currency: input.amount.currency } : null,
      partner,
    },
    staff,
  );
  // Queue and rule do not depend on the turn, only who in the queue does: the insert takes the turn.
  const route = planned.withTurn(1);
  const decision = slaTimers('registration_decision', now, program.slaPolicies, program.calendarOf);
  const conflictTimers =
    verdict === 'conflict'
      ? {
          conflictAckDueAt: slaDeadline('conflict_acknowledgement', now, program.slaPolicies, program.calendarOf),
          conflictPlanDueAt: slaDeadline('conflict_resolution_plan', now, program.slaPolicies, program.calendarOf),
        }
      : {};
  const submitter = submitterOf(ctx, via);
  const profile = companyProfile({
    name: input.company.name,
    domains: input.company.domain ? [input.company.domain] : [],
    emails: input.contact.email ? [input.contact.email] : [],
  });
  const candidates = presentDuplicateCheck(checked, findings).candidates;
  const inserted = await repo.insertRegistration(
    ctx.trx,
    {
      workspaceId: ctx.workspaceId,
      type: input.type,
      partnerId: partner.id,
      submittedByKind: submitter.kind,
      submittedById: submitter.id,
      submittedByLabel: submitter.label,
      channel: via ? 'link' : ctx.actor.kind === 'partner_user' ? 'portal' : 'api',
      companyName: input.company.name,
      companyDomain: input.company.domain ?? null,
      companyKey,
      contactName: input.contact.name ?? null,
      contactEmail: input.contact.email?.toLowerCase() ?? null,
      amountMinor,
      currency: input.amount?.currency ?? null,
      expectedCloseDate: input.expectedCloseDate ?? null,
      motion: input.motion,
      notes: input.notes ?? null,
      verdict,
      claimRank: claims.length + 1,
      firstClaimId: claims[0]?.id ?? null,
      queueId: route.queueId,
      routingRuleId: route.ruleId,
      decisionDueAt: decision.dueAt,
      decisionReminderDueAt: decision.reminderDueAt,
      decisionEscalationDueAt: decision.escalationDueAt,
      lastActivityAt: now,
      ...conflictTimers,
    },
    planned.counter ? { counter: planned.counter, byTurn: planned.approversByTurn() } : { approverId: route.approverId },
    profileBlockingKeys(profile),
    candidates,
  );
  const id = inserted.id;
  await addTimelineEntryAtCommit(
    ctx,
    { type: 'registration', id },
    {
      kind: 'system',
      body: `Registered by ${submitter.label} (${via ? 'registration link' : ctx.actor.kind === 'partner_user' ? 'portal' : 'API'}); duplicate check: ${verdict}.`,
      visibility: 'shared',
      metadata: { event: 'submitted', verdict, claimRank: claims.length + 1 },
    },
  );

  // The row as findRegistration would read it, from what was inserted and read above.
  const row: repo.RegistrationRow = {
    ...inserted,
    partnerName: partner.name,
    partnerTier: partner.tier,
    partnerType: partner.type,
    partnerEstablished: partner.isEstablished,
    partnerCertification: partner.certificationStatus,
    approverName: staff.find((s) => s.id === inserted.approverUserId)?.name ?? null,
    decidedByName: null,
  };
  const ownClaim = {
    id,
    number: row.number,
    partnerId: partner.id,
    status: row.status,
    motion: row.motion,
    createdAt: row.createdAt,
    decidedAt: null,
    protectionExpiresAt: null,
    tier: partner.tier,
    isEstablished: partner.isEstablished,
    certificationStatus: partner.certificationStatus,
  };
  const matches = candidates.map((c) => ({
    kind: c.kind,
    candidateId: c.id,
    name: c.name,
    score: c.score,
    reasons: JSON.parse(JSON.stringify(c.reasons)),
  }));
  const extras = extrasOfNew(now, matches, [...claims, ownClaim], program);
  await recordAudit(ctx, {
    action: 'registration.submitted',
    entityType: 'registration',
    entityId: id,
    before: null,
    after: presentRegistration(row, extras, now, program),
  });
  await notifySubmission(ctx, deps, row, program, submitter.email, staff);
  if (callerPartnerId(ctx.actor)) return presentRegistrationToPartner(ctx, row, extras, program);
  return presentRegistration(row, extras, now, program, can.decideRegistrations(ctx.actor));
}

/** The confirmation to the submitter (REG-4) and the assignment to the approver. */
async function notifySubmission(
  ctx: Ctx,
  deps: RegistrationDeps,
  r: repo.RegistrationRow,
  program: ResolvedProgram,
  submitterEmail: string | null,
  staff: Awaited<ReturnType<typeof repo.staffMembers>>,
) {
  const base = await portalBaseUrl(ctx, deps.publicUrl);
  const ws = await workspaceRow(ctx);
  const due = (locale: 'en' | 'de') => formatDay(r.decisionDueAt, locale, program.calendarOf.timeZone, true);
  const vars = (locale: 'en' | 'de') => ({
    number: r.number,
    company: r.companyName,
    partner: r.partnerName,
    motion: MOTION_LABELS[r.motion as Motion][locale],
    due: due(locale),
    amount:
      r.amountMinor !== null && r.currency
        ? formatMoney({ value: fromMinorUnits(Number(r.amountMinor), r.currency), currency: r.currency }, locale)
        : '—',
  });
  if (submitterEmail) {
    const pu = await ctx.trx.selectFrom('partnerUsers').select('locale').where('email', '=', submitterEmail).executeTakeFirst();
    const locale = pu?.locale ?? program.locale;
    await queueEmailAtCommit(ctx, deps.jobs, {
      to: submitterEmail,
      template: 'registration_received',
      locale,
      actionUrl: `${base}/p/${ws.slug}/registrations/${r.id}`,
      vars: vars(locale),
      dedupeKey: `registration-received:${r.id}`,
    });
  }
  const approver = r.approverUserId ? staff.find((s) => s.id === r.approverUserId) : undefined;
  if (approver) {
    const locale = approver.locale ?? program.locale;
    await queueEmailAtCommit(ctx, deps.jobs, {
      to: approver.email,
      template: 'registration_assigned',
      locale,
      actionUrl: `${deps.publicUrl}/app/registrations/${r.id}`,
      vars: { ...vars(locale), verdict: r.verdict.replace('_', ' ') },
      dedupeKey: `registration-assigned:${r.id}:${r.approverUserId}`,
    });
  }
}
