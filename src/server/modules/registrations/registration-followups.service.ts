import type { z } from 'zod';
import type { appealInput, decideAppealInput, decideExtensionInput, extensionInput } from '../../../shared/registrations.ts';
import type { Ctx } from '../../context.ts';
import { AppError, found } from '../../http/errors.ts';
import { assertOwnAttachments } from '../attachments/attachments.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { callerPartnerId } from '../duplicates/duplicates.service.ts';
import { getProgramSettings } from '../program/program.service.ts';
import { addTimelineEntry } from '../timeline/timeline.service.ts';
import { canRequestExtension, extendedExpiry, lastProtectedDay, protectionReminderAt } from './protection.rules.ts';
import { approveRegistration } from './registration-decisions.service.ts';
import { formatDay, notifyPartner, notifyStaff } from './registration-notify.ts';
import * as repo from './registrations.repository.ts';
import { type RegistrationDeps, staffView, viewFor } from './registrations.service.ts';
import { slaDeadline, slaTimers } from './sla.rules.ts';

/** The registration of the calling partner, locked; not_found for anyone else's. */
async function ownRegistration(ctx: Ctx, id: string) {
  const partnerId = callerPartnerId(ctx.actor);
  if (!partnerId) throw new AppError('forbidden', 'Only the partner of a registration can do this.');
  return found(await repo.findRegistration(ctx.trx, ctx.workspaceId, id, { partnerId, forUpdate: true }), 'Registration');
}

/**
 * A partner appeals a rejection within the appeal window (REG-6), with its reason and evidence
 * files; the appeal has its own decision SLA with a reminder and escalation.
 */
export async function appealRegistration(ctx: Ctx, deps: RegistrationDeps, id: string, input: z.infer<typeof appealInput>) {
  const program = await getProgramSettings(ctx);
  const row = await ownRegistration(ctx, id);
  const now = ctx.now();
  if (row.status !== 'rejected') throw new AppError('conflict', `Registration ${row.number} is ${row.status}: only a rejection can be appealed.`);
  if (!row.appealUntil || row.appealUntil <= now) {
    throw new AppError(
      'conflict',
      `The appeal window of ${row.number} closed on ${formatDay(row.appealUntil, 'en', program.calendarOf.timeZone, true)}.`,
    );
  }
  const open = await ctx.trx.selectFrom('appeals').select('id').where('registrationId', '=', id).where('status', '=', 'open').executeTakeFirst();
  if (open) throw new AppError('conflict', `An appeal of ${row.number} is already waiting for a decision.`);
  await assertOwnAttachments(ctx, input.attachmentIds, 'body.attachmentIds');
  const t = slaTimers('appeal_decision', now, program.slaPolicies, program.calendarOf);
  const appeal = await ctx.trx
    .insertInto('appeals')
    .values({
      workspaceId: ctx.workspaceId,
      registrationId: id,
      reason: input.reason,
      attachmentIds: input.attachmentIds,
      submittedByLabel: ctx.actor.name,
      dueAt: t.dueAt,
      reminderDueAt: t.reminderDueAt,
      escalationDueAt: t.escalationDueAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await addTimelineEntry(
    ctx,
    { type: 'registration', id },
    { kind: 'system', body: `Appealed: ${input.reason}`, visibility: 'shared', metadata: { event: 'appealed', appealId: appeal.id } },
  );
  await recordAudit(ctx, {
    action: 'registration.appealed',
    entityType: 'registration',
    entityId: id,
    reason: input.reason,
    data: { appealId: appeal.id, attachments: input.attachmentIds.length },
  });
  const decider = row.decidedByUserId ?? row.approverUserId;
  await notifyStaff(
    ctx,
    deps,
    program,
    decider,
    row,
    'appeal_received',
    (l) => ({ due: formatDay(t.dueAt, l, program.calendarOf.timeZone, true) }),
    `appeal-received:${appeal.id}`,
  );
  return viewFor(ctx, found(await repo.findRegistration(ctx.trx, ctx.workspaceId, id), 'Registration'), program);
}

/**
 * Staff decide an appeal: upheld approves the registration as an approval would (conflict policy,
 * account and opportunity, protection); denied keeps the rejection. The partner is told either way.
 */
export async function decideAppeal(ctx: Ctx, deps: RegistrationDeps, appealId: string, input: z.infer<typeof decideAppealInput>) {
  const program = await getProgramSettings(ctx);
  const appeal = found(
    await ctx.trx
      .selectFrom('appeals')
      .selectAll()
      .where('workspaceId', '=', ctx.workspaceId)
      .where('id', '=', appealId)
      .forUpdate()
      .executeTakeFirst(),
    'Appeal',
  );
  if (appeal.status !== 'open') throw new AppError('conflict', `This appeal was ${appeal.status} already.`);
  const row = found(await repo.findRegistration(ctx.trx, ctx.workspaceId, appeal.registrationId, { forUpdate: true }), 'Registration');
  const now = ctx.now();
  await ctx.trx
    .updateTable('appeals')
    .set({
      status: input.decision,
      decidedAt: now,
      decidedByUserId: ctx.actor.kind === 'staff' ? ctx.actor.userId : null,
      decisionNote: input.note ?? null,
    })
    .where('id', '=', appealId)
    .execute();
  if (input.decision === 'upheld') {
    // The rejection is overturned: the registration is decided again, as an approval.
    await repo.updateRegistration(ctx.trx, ctx.workspaceId, row.id, { status: 'in_review', rejectionReason: null, appealUntil: null });
    await approveRegistration(ctx, deps, row.id, {
      protectionDays: input.protectionDays,
      note: input.note ? `Appeal upheld: ${input.note}` : 'Appeal upheld',
    });
  } else {
    await addTimelineEntry(
      ctx,
      { type: 'registration', id: row.id },
      {
        kind: 'system',
        body: `Appeal denied${input.note ? `: ${input.note}` : '.'}`,
        visibility: 'shared',
        metadata: { event: 'appeal_denied', appealId },
      },
    );
  }
  await recordAudit(ctx, {
    action: `appeal.${input.decision}`,
    entityType: 'appeal',
    entityId: appealId,
    reason: input.note ?? null,
    data: { registrationId: row.id },
  });
  await notifyPartner(
    ctx,
    deps,
    program,
    row,
    'appeal_decided',
    (l) => ({
      decision: input.decision === 'upheld' ? (l === 'de' ? 'stattgegeben' : 'upheld') : l === 'de' ? 'abgelehnt' : 'denied',
      note: input.note ?? '',
    }),
    `appeal-decided:${appealId}`,
  );
  return staffView(ctx, found(await repo.findRegistration(ctx.trx, ctx.workspaceId, row.id), 'Registration'), program);
}

async function extensionHistory(ctx: Ctx, registrationId: string) {
  const rows = await ctx.trx
    .selectFrom('extensionRequests')
    .select(['status', 'decidedAt', 'grantedDays'])
    .where('registrationId', '=', registrationId)
    .execute();
  return rows.map((r) => ({
    status: r.status === 'approved' ? ('granted' as const) : r.status === 'refused' ? ('refused' as const) : ('pending' as const),
    decidedAt: r.decidedAt,
    grantedDays: r.grantedDays,
  }));
}

/**
 * A partner asks to extend a protection (REG-8) on evidence of progress; refused with the reason
 * when the rules do not allow it yet (window not open, limits reached, evidence missing or old).
 */
export async function requestExtension(ctx: Ctx, deps: RegistrationDeps, id: string, input: z.infer<typeof extensionInput>) {
  const program = await getProgramSettings(ctx);
  const row = await ownRegistration(ctx, id);
  const now = ctx.now();
  if (row.status !== 'approved' || !row.protectionExpiresAt)
    throw new AppError('conflict', `Registration ${row.number} holds no protection to extend.`);
  await assertOwnAttachments(ctx, input.attachmentIds, 'body.attachmentIds');
  const verdict = canRequestExtension({
    now,
    protection: {
      approvedAt: row.protectionStartsAt ?? row.decidedAt ?? now,
      expiresAt: row.protectionExpiresAt,
      releasedAt: row.protectionReleasedAt,
    },
    history: await extensionHistory(ctx, id),
    evidence: [{ kind: input.evidence.kind, occurredAt: input.evidence.at ? new Date(input.evidence.at) : now, note: input.evidence.text }],
    settings: program.protection,
    timeZone: program.calendarOf.timeZone,
  });
  if (!verdict.ok) {
    throw new AppError('conflict', `An extension cannot be requested: ${verdict.message}.`, {
      reason: verdict.reason,
      ...(verdict.opensAt ? { opensAt: verdict.opensAt.toISOString() } : {}),
    });
  }
  const due = slaDeadline('registration_decision', now, program.slaPolicies, program.calendarOf);
  const req = await ctx.trx
    .insertInto('extensionRequests')
    .values({
      workspaceId: ctx.workspaceId,
      registrationId: id,
      evidenceKind: input.evidence.kind,
      evidenceText: input.evidence.text,
      evidenceAt: input.evidence.at ?? now,
      attachmentIds: input.attachmentIds,
      requestedDays: input.requestedDays ?? verdict.grantDays,
      submittedByLabel: ctx.actor.name,
      dueAt: due,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await addTimelineEntry(
    ctx,
    { type: 'registration', id },
    {
      kind: 'system',
      body: `Extension requested (${input.evidence.kind.replace('_', ' ')}): ${input.evidence.text}`,
      visibility: 'shared',
      metadata: { event: 'extension_requested', extensionRequestId: req.id },
    },
  );
  await recordAudit(ctx, {
    action: 'registration.extension_requested',
    entityType: 'registration',
    entityId: id,
    data: { extensionRequestId: req.id, evidence: input.evidence.kind },
  });
  const until = (l: 'en' | 'de') =>
    formatDay(lastProtectedDay(row.protectionExpiresAt as Date, program.calendarOf.timeZone), l, program.calendarOf.timeZone);
  await notifyStaff(
    ctx,
    deps,
    program,
    row.decidedByUserId ?? row.approverUserId,
    row,
    'extension_requested',
    (l) => ({ evidence: input.evidence.text, protectedUntil: until(l), due: formatDay(due, l, program.calendarOf.timeZone, true) }),
    `extension-requested:${req.id}`,
  );
  return viewFor(ctx, found(await repo.findRegistration(ctx.trx, ctx.workspaceId, id), 'Registration'), program);
}

/** Staff approve an extension (protection moves by the granted days, the reminder with it) or refuse it. */
export async function decideExtension(ctx: Ctx, deps: RegistrationDeps, requestId: string, input: z.infer<typeof decideExtensionInput>) {
  const program = await getProgramSettings(ctx);
  const req = found(
    await ctx.trx
      .selectFrom('extensionRequests')
      .selectAll()
      .where('workspaceId', '=', ctx.workspaceId)
      .where('id', '=', requestId)
      .forUpdate()
      .executeTakeFirst(),
    'Extension request',
  );
  if (req.status !== 'pending') throw new AppError('conflict', `This extension request was ${req.status} already.`);
  const row = found(await repo.findRegistration(ctx.trx, ctx.workspaceId, req.registrationId, { forUpdate: true }), 'Registration');
  if (row.status !== 'approved' || !row.protectionExpiresAt)
    throw new AppError('conflict', `Registration ${row.number} holds no protection any more.`);
  const now = ctx.now();
  const tz = program.calendarOf.timeZone;
  let expiresAt = row.protectionExpiresAt;
  let days: number | null = null;
  if (input.decision === 'approved') {
    const used = row.extendedDays;
    days = Math.min(input.days ?? req.requestedDays ?? program.protection.extension.days, program.protection.extension.maxTotalDays - used);
    if (days <= 0) throw new AppError('conflict', `Extensions of ${row.number} used the ${program.protection.extension.maxTotalDays} days allowed.`);
    expiresAt = extendedExpiry(row.protectionExpiresAt, days, tz);
    await repo.updateRegistration(ctx.trx, ctx.workspaceId, row.id, {
      protectionExpiresAt: expiresAt,
      protectionReminderDueAt: protectionReminderAt(expiresAt, program.protection.reminderDaysBefore, program.calendarOf, now),
      protectionRemindedAt: null,
      extensionCount: row.extensionCount + 1,
      extendedDays: used + days,
    });
  }
  await ctx.trx
    .updateTable('extensionRequests')
    .set({
      status: input.decision,
      grantedDays: days,
      decidedAt: now,
      decidedByUserId: ctx.actor.kind === 'staff' ? ctx.actor.userId : null,
      decisionNote: input.note ?? null,
    })
    .where('id', '=', requestId)
    .execute();
  const until = (l: 'en' | 'de') => formatDay(lastProtectedDay(expiresAt, tz), l, tz);
  await addTimelineEntry(
    ctx,
    { type: 'registration', id: row.id },
    {
      kind: 'system',
      body:
        input.decision === 'approved'
          ? `Protection extended by ${days} days, until ${until('en')}.`
          : `Extension refused${input.note ? `: ${input.note}` : '.'}`,
      visibility: 'shared',
      metadata: { event: `extension_${input.decision}`, extensionRequestId: requestId },
    },
  );
  await recordAudit(ctx, {
    action: `extension.${input.decision}`,
    entityType: 'extension_request',
    entityId: requestId,
    reason: input.note ?? null,
    data: { registrationId: row.id, days },
  });
  await notifyPartner(
    ctx,
    deps,
    program,
    row,
    'extension_decided',
    (l) => ({
      decision: input.decision === 'approved' ? (l === 'de' ? 'verlängert' : 'approved') : l === 'de' ? 'abgelehnt' : 'refused',
      protectedUntil: until(l),
      note: input.note ?? '',
    }),
    `extension-decided:${requestId}`,
  );
  return staffView(ctx, found(await repo.findRegistration(ctx.trx, ctx.workspaceId, row.id), 'Registration'), program);
}
