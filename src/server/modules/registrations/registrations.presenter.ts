import type { DuplicateCheck } from '../../../shared/duplicates.ts';
import { fromMinorUnits } from '../../../shared/money.ts';
import type { PartnerRegistration, Registration } from '../../../shared/registrations.ts';
import type { Ctx } from '../../context.ts';
import { partnerVerdict } from '../duplicates/duplicate-verdict.rules.ts';
import { presentPartnerDuplicateCheck } from '../duplicates/duplicates.presenter.ts';
import type { ResolvedProgram } from '../program/program.service.ts';
import { pickVisible } from '../safelists/safelists.rules.ts';
import { safelistsFor } from '../safelists/safelists.service.ts';
import { type ConflictClaim, type ConflictDecision, resolveConflict } from './conflict-policy.rules.ts';
import { canRequestExtension, protectionStatus } from './protection.rules.ts';
import * as repo from './registrations.repository.ts';
import { describeConflictReason } from './rules-of-engagement.ts';
import { slaStatus } from './sla.rules.ts';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const OPEN = new Set(['submitted', 'in_review']);

type Attachment = { id: string; fileName: string; sizeBytes: number };

/** What a registration's view needs besides its row: stored matches, follow-ups, the conflict analysis. */
export type Extras = {
  matches: Awaited<ReturnType<typeof repo.matchesOf>>;
  appeals: (Awaited<ReturnType<typeof appealsOf>>[number] & { attachments: Attachment[] })[];
  extensions: (Awaited<ReturnType<typeof extensionsOf>>[number] & { attachments: Attachment[] })[];
  claims: Awaited<ReturnType<typeof repo.openClaims>>;
  conflict: ConflictDecision | null;
};

const appealsOf = (ctx: Ctx, id: string) =>
  ctx.trx
    .selectFrom('appeals')
    .selectAll()
    .where('workspaceId', '=', ctx.workspaceId)
    .where('registrationId', '=', id)
    .orderBy('createdAt')
    .execute();
const extensionsOf = (ctx: Ctx, id: string) =>
  ctx.trx
    .selectFrom('extensionRequests')
    .selectAll()
    .where('workspaceId', '=', ctx.workspaceId)
    .where('registrationId', '=', id)
    .orderBy('createdAt')
    .execute();

/** The claims of the conflict policy: each partner's strongest open claim on the company (approved ones are qualified). */
export function conflictClaims(claims: Extras['claims'], now: Date, qualifying?: string): ConflictClaim[] {
  const byPartner = new Map<string, ConflictClaim>();
  for (const c of claims) {
    const qualified = c.status === 'approved' || c.id === qualifying;
    const claim: ConflictClaim = {
      partnerId: c.partnerId,
      tier: c.tier,
      registered: true,
      established: c.isEstablished,
      certification: (c.certificationStatus as ConflictClaim['certification']) ?? 'none',
      submittedAt: c.createdAt,
      qualification: qualified ? 'qualified' : 'pending',
      qualifiedAt: c.status === 'approved' ? c.decidedAt : c.id === qualifying ? now : null,
    };
    const seen = byPartner.get(c.partnerId);
    if (!seen || (claim.qualification === 'qualified' && seen.qualification !== 'qualified')) byPartner.set(c.partnerId, claim);
  }
  return [...byPartner.values()];
}

/** Loads what presenting a registration needs. */
export async function loadExtras(ctx: Ctx, row: repo.RegistrationRow, program: ResolvedProgram): Promise<Extras> {
  const [matches, appeals, extensions, claims] = await Promise.all([
    repo.matchesOf(ctx.trx, ctx.workspaceId, row.id),
    appealsOf(ctx, row.id),
    extensionsOf(ctx, row.id),
    repo.openClaims(ctx.trx, ctx.workspaceId, row.companyKey),
  ]);
  const ids = [...appeals.flatMap((a) => a.attachmentIds), ...extensions.flatMap((e) => e.attachmentIds)];
  const files = ids.length
    ? await ctx.trx
        .selectFrom('attachments')
        .select(['id', 'fileName', 'sizeBytes'])
        .where('workspaceId', '=', ctx.workspaceId)
        .where('id', 'in', ids)
        .execute()
    : [];
  const fileOf = (id: string) => files.find((f) => f.id === id);
  const withFiles = <T extends { attachmentIds: string[] }>(x: T) => ({
    ...x,
    attachments: x.attachmentIds.map(fileOf).filter((f): f is Attachment => Boolean(f)),
  });
  const partners = new Set(claims.map((c) => c.partnerId));
  const conflict = partners.size > 1 ? resolveConflict(conflictClaims(claims, ctx.now()), program.conflictPolicy) : null;
  return { matches, appeals: appeals.map(withFiles), extensions: extensions.map(withFiles), claims, conflict };
}

/** The extras of a registration just inserted: no follow-ups yet, its matches and the claims on its company known. */
export function extrasOfNew(now: Date, matches: Extras['matches'], claims: Extras['claims'], program: ResolvedProgram): Extras {
  const partners = new Set(claims.map((c) => c.partnerId));
  const conflict = partners.size > 1 ? resolveConflict(conflictClaims(claims, now), program.conflictPolicy) : null;
  return { matches, appeals: [], extensions: [], claims, conflict };
}

function protectionOf(row: repo.RegistrationRow, now: Date, program: ResolvedProgram) {
  if (!row.protectionExpiresAt || !row.protectionStartsAt) return null;
  const s = protectionStatus(
    now,
    { expiresAt: row.protectionExpiresAt, reminderDueAt: row.protectionReminderDueAt, releasedAt: row.protectionReleasedAt },
    program.calendarOf.timeZone,
  );
  return {
    state: s.state,
    startsAt: row.protectionStartsAt.toISOString(),
    expiresAt: row.protectionExpiresAt.toISOString(),
    lastProtectedDay: s.lastProtectedDay,
    daysLeft: s.daysLeft,
  };
}

const money = (row: repo.RegistrationRow) =>
  row.amountMinor !== null && row.currency ? { value: fromMinorUnits(Number(row.amountMinor), row.currency), currency: row.currency } : null;

/** A registration as staff see it. */
export function presentRegistration(row: repo.RegistrationRow, x: Extras, now: Date, program: ResolvedProgram, canDecide = false): Registration {
  const duplicateCheck: DuplicateCheck = {
    verdict: row.verdict,
    candidates: x.matches.map((m) => ({
      kind: m.kind,
      id: m.candidateId,
      name: m.name,
      score: m.score,
      reasons: m.reasons as { code: string; text: string }[],
      accountId: m.kind === 'account' ? m.candidateId : null,
    })),
  };
  const names = new Map(x.claims.map((c) => [c.partnerId, c.partnerId === row.partnerId ? row.partnerName : `partner of ${c.number}`]));
  const winnerPartner = x.conflict?.winner?.kind === 'partner' ? x.conflict.winner.partnerId : null;
  const open = OPEN.has(row.status);
  return {
    id: row.id,
    number: row.number,
    type: row.type,
    status: row.status,
    partner: { id: row.partnerId, name: row.partnerName, tier: row.partnerTier, type: row.partnerType },
    submittedBy: { kind: row.submittedByKind, id: row.submittedById, label: row.submittedByLabel },
    channel: row.channel,
    company: { name: row.companyName, domain: row.companyDomain },
    contact: { name: row.contactName, email: row.contactEmail },
    amount: money(row),
    expectedCloseDate: row.expectedCloseDate,
    motion: row.motion,
    notes: row.notes,
    duplicateCheck,
    claim: { rank: row.claimRank, firstClaimId: row.firstClaimId },
    conflict:
      x.conflict || row.verdict === 'conflict'
        ? {
            winnerRegistrationId: x.claims.find((c) => c.partnerId === winnerPartner && (c.status === 'approved' || OPEN.has(c.status)))?.id ?? null,
            reasons: (x.conflict?.reasons ?? []).map((r) => ({
              code: r.code,
              text: describeConflictReason(r, 'en', (id) => names.get(id) ?? 'another partner'),
            })),
            needsReview: x.conflict?.needsReview ?? false,
            ackDueAt: iso(row.conflictAckDueAt),
            acknowledgedAt: iso(row.conflictAcknowledgedAt),
            planDueAt: iso(row.conflictPlanDueAt),
            plan: row.conflictPlan,
            plannedAt: iso(row.conflictPlannedAt),
          }
        : null,
    approver: row.approverUserId ? { id: row.approverUserId, name: row.approverName ?? '' } : null,
    queueId: row.queueId,
    decisionSla:
      open && row.decisionDueAt
        ? (() => {
            const s = slaStatus(
              now,
              { startedAt: row.createdAt, dueAt: row.decisionDueAt, reminderDueAt: row.decisionReminderDueAt },
              program.slaPolicies.registration_decision,
              program.calendarOf,
            );
            return { dueAt: row.decisionDueAt.toISOString(), state: s.state, remainingBusinessHours: Math.round(s.remainingBusinessHours * 10) / 10 };
          })()
        : null,
    decidedAt: iso(row.decidedAt),
    decidedBy: row.decidedByUserId ? { id: row.decidedByUserId, name: row.decidedByName ?? '' } : null,
    decisionNote: row.decisionNote,
    rejectionReason: row.rejectionReason,
    appealUntil: iso(row.appealUntil),
    accountId: row.accountId,
    opportunityId: row.opportunityId,
    leadId: row.leadId,
    protection: protectionOf(row, now, program),
    noTouch: row.noTouchFlaggedAt !== null && row.status === 'approved',
    appeals: x.appeals.map((a) => ({
      id: a.id,
      status: a.status,
      reason: a.reason,
      attachments: a.attachments,
      dueAt: a.dueAt.toISOString(),
      decidedAt: iso(a.decidedAt),
      decisionNote: a.decisionNote,
      createdAt: a.createdAt.toISOString(),
    })),
    extensionRequests: x.extensions.map((e) => ({
      id: e.id,
      status: e.status,
      evidenceKind: e.evidenceKind,
      evidenceText: e.evidenceText,
      attachments: e.attachments,
      requestedDays: e.requestedDays,
      grantedDays: e.grantedDays,
      dueAt: e.dueAt.toISOString(),
      decidedAt: iso(e.decidedAt),
      decisionNote: e.decisionNote,
      createdAt: e.createdAt.toISOString(),
    })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    permissions: { decide: canDecide },
  };
}

/**
 * A registration as its partner sees it: the fields of its registration safelist, the
 * partner-safe duplicate verdict (never candidates), its protection and what it may do next.
 */
export async function presentRegistrationToPartner(
  ctx: Ctx,
  row: repo.RegistrationRow,
  x: Extras,
  program: ResolvedProgram,
): Promise<PartnerRegistration> {
  const lists = await safelistsFor(ctx, row.partnerId, { id: row.partnerId, name: row.partnerName, type: row.partnerType, tier: row.partnerTier });
  const now = ctx.now();
  const reason = program.registration.rejectionReasons.find((r) => r.key === row.rejectionReason);
  const locale = program.locale;
  const source = {
    number: row.number,
    type: row.type,
    status: row.status,
    company: { name: row.companyName, domain: row.companyDomain },
    contact: { name: row.contactName, email: row.contactEmail },
    amount: money(row),
    expectedCloseDate: row.expectedCloseDate,
    motion: row.motion,
    notes: row.notes,
    decisionDueAt: OPEN.has(row.status) ? iso(row.decisionDueAt) : null,
    decisionReason:
      row.status === 'rejected' ? { reason: row.rejectionReason, label: reason?.label[locale] ?? row.rejectionReason, note: row.decisionNote } : null,
    protectionExpiresAt: iso(row.protectionExpiresAt),
    submittedAt: row.createdAt.toISOString(),
  };
  const history = x.extensions.map((e) => ({
    status: e.status === 'approved' ? ('granted' as const) : e.status === 'refused' ? ('refused' as const) : ('pending' as const),
    decidedAt: e.decidedAt,
    grantedDays: e.grantedDays,
  }));
  const canExtend =
    row.status === 'approved' &&
    row.protectionExpiresAt !== null &&
    canRequestExtension({
      now,
      protection: { approvedAt: row.protectionStartsAt ?? row.createdAt, expiresAt: row.protectionExpiresAt, releasedAt: row.protectionReleasedAt },
      history,
      // The request brings its evidence; here only the other conditions are asked.
      evidence: [{ kind: 'meeting_held', occurredAt: now }],
      settings: program.protection,
      timeZone: program.calendarOf.timeZone,
    }).ok;
  return {
    ...pickVisible(source, lists.of('registration').visible),
    id: row.id,
    duplicateCheck: presentPartnerDuplicateCheck(partnerVerdict(row.verdict), locale),
    protection: protectionOf(row, now, program),
    appeals: x.appeals.map((a) => ({
      id: a.id,
      status: a.status,
      dueAt: a.dueAt.toISOString(),
      decidedAt: iso(a.decidedAt),
      decisionNote: a.decisionNote,
      createdAt: a.createdAt.toISOString(),
    })),
    extensionRequests: x.extensions.map((e) => ({
      id: e.id,
      status: e.status,
      grantedDays: e.grantedDays,
      decidedAt: iso(e.decidedAt),
      decisionNote: e.decisionNote,
      createdAt: e.createdAt.toISOString(),
    })),
    actions: {
      appeal: row.status === 'rejected' && row.appealUntil !== null && row.appealUntil > now && !x.appeals.some((a) => a.status === 'open'),
      requestExtension: canExtend,
      withdraw: OPEN.has(row.status),
    },
    appealUntil: row.status === 'rejected' ? iso(row.appealUntil) : null,
  } as PartnerRegistration;
}
