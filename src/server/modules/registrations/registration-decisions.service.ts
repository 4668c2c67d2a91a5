// Decisions on a registration other than approval (registration-approve.service.ts): reject, take
// into review, reassign, withdraw, release a protection, acknowledge and plan a conflict.
import type { z } from 'zod';
import type { rejectInput } from '../../../shared/registrations.ts';
import type { Ctx } from '../../context.ts';
import { AppError, found } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { getProgramSettings } from '../program/program.service.ts';
import { addTimelineEntry } from '../timeline/timeline.service.ts';
import { deciderId, lockOpen, OPEN, reload } from './registration-decision-steps.ts';
import { formatDay, notifyPartner, notifyStaff } from './registration-notify.ts';
import * as repo from './registrations.repository.ts';
import { type RegistrationDeps, viewFor } from './registrations.service.ts';
import { MOTION_LABELS } from './rules-of-engagement.ts';
import { slaDeadline } from './sla.rules.ts';

export { approveRegistration } from './registration-approve.service.ts';

/** Rejects a registration with a reason from the workspace's list (REG-6); the partner may appeal within the window. */
export async function rejectRegistration(ctx: Ctx, deps: RegistrationDeps, id: string, input: z.infer<typeof rejectInput>) {
  const program = await getProgramSettings(ctx);
  const reasons = program.registration.rejectionReasons;
  const reason = reasons.find((r) => r.key === input.reason);
  if (!reason) {
    throw new AppError('validation_failed', 'Choose one of the workspace’s rejection reasons.', {
      fields: [{ field: 'body.reason', message: `must be one of ${reasons.map((r) => r.key).join(', ')}` }],
    });
  }
  const row = await lockOpen(ctx, id, 'rejected');
  const now = ctx.now();
  const appealUntil = slaDeadline('appeal_window', now, program.slaPolicies, program.calendarOf);
  await repo.updateRegistration(ctx.trx, ctx.workspaceId, id, {
    status: 'rejected',
    decidedAt: now,
    decidedByUserId: deciderId(ctx),
    rejectionReason: reason.key,
    decisionNote: input.note ?? null,
    appealUntil,
  });
  await repo.setMatchKeys(ctx.trx, ctx.workspaceId, id, []);
  await addTimelineEntry(
    ctx,
    { type: 'registration', id },
    {
      kind: 'system',
      body: `Rejected: ${reason.label.en}${input.note ? ` — ${input.note}` : ''}.`,
      visibility: 'shared',
      metadata: { event: 'rejected', reason: reason.key },
    },
  );
  const after = await reload(ctx, id, program);
  await recordAudit(ctx, {
    action: 'registration.rejected',
    entityType: 'registration',
    entityId: id,
    reason: `${reason.key}${input.note ? `: ${input.note}` : ''}`,
  });
  await notifyPartner(
    ctx,
    deps,
    program,
    row,
    'registration_rejected',
    (l) => ({
      reason: reason.label[l],
      note: input.note ? `${input.note} ` : '',
      appealUntil: formatDay(appealUntil, l, program.calendarOf.timeZone, true),
    }),
    `registration-rejected:${id}`,
  );
  return after;
}

/** An approver takes a registration into review (it stays on the same SLA). */
export async function startReview(ctx: Ctx, id: string) {
  const program = await getProgramSettings(ctx);
  const row = await lockOpen(ctx, id, 'taken into review');
  if (row.status === 'submitted') {
    await repo.updateRegistration(ctx.trx, ctx.workspaceId, id, { status: 'in_review', approverUserId: deciderId(ctx) ?? row.approverUserId });
    await recordAudit(ctx, { action: 'registration.review_started', entityType: 'registration', entityId: id });
  }
  return reload(ctx, id, program);
}

/** Hands a registration to another approver, who is told. */
export async function reassignRegistration(ctx: Ctx, deps: RegistrationDeps, id: string, approverUserId: string) {
  const program = await getProgramSettings(ctx);
  const row = await lockOpen(ctx, id, 'reassigned');
  const member = (await repo.staffMembers(ctx.trx, ctx.workspaceId)).find((m) => m.id === approverUserId && m.status === 'active');
  if (!member)
    throw new AppError('validation_failed', 'Assign an active staff member.', {
      fields: [{ field: 'body.approverUserId', message: 'is not an active staff member' }],
    });
  await repo.updateRegistration(ctx.trx, ctx.workspaceId, id, { approverUserId });
  await recordAudit(ctx, {
    action: 'registration.reassigned',
    entityType: 'registration',
    entityId: id,
    data: { from: row.approverUserId, to: approverUserId },
  });
  const due = (l: 'en' | 'de') => formatDay(row.decisionDueAt, l, program.calendarOf.timeZone, true);
  await notifyStaff(
    ctx,
    deps,
    program,
    approverUserId,
    row,
    'registration_assigned',
    (l) => ({ due: due(l), motion: MOTION_LABELS[row.motion][l], amount: '—', verdict: row.verdict }),
    `registration-assigned:${id}`,
  );
  return reload(ctx, id, program);
}

/** The partner takes back a registration that waits for a decision. */
export async function withdrawRegistration(ctx: Ctx, id: string) {
  const program = await getProgramSettings(ctx);
  const partnerId = ctx.actor.kind === 'partner_user' ? ctx.actor.partnerId : ctx.actor.kind === 'api_key' ? ctx.actor.partnerId : null;
  const row = found(
    await repo.findRegistration(ctx.trx, ctx.workspaceId, id, { partnerId: partnerId ?? undefined, forUpdate: true }),
    'Registration',
  );
  if (!OPEN.has(row.status))
    throw new AppError('conflict', `Registration ${row.number} is ${row.status}: only one waiting for a decision can be withdrawn.`);
  await repo.updateRegistration(ctx.trx, ctx.workspaceId, id, { status: 'withdrawn', decidedAt: ctx.now() });
  await repo.setMatchKeys(ctx.trx, ctx.workspaceId, id, []);
  await addTimelineEntry(
    ctx,
    { type: 'registration', id },
    { kind: 'system', body: 'Withdrawn by the partner.', visibility: 'shared', metadata: { event: 'withdrawn' } },
  );
  await recordAudit(ctx, { action: 'registration.withdrawn', entityType: 'registration', entityId: id });
  return viewFor(ctx, found(await repo.findRegistration(ctx.trx, ctx.workspaceId, id), 'Registration'), program);
}

/** Staff release an approved registration's protection early (e.g. after no-touch), with a reason. */
export async function releaseRegistration(ctx: Ctx, deps: RegistrationDeps, id: string, reason: string) {
  const program = await getProgramSettings(ctx);
  const row = found(await repo.findRegistration(ctx.trx, ctx.workspaceId, id, { forUpdate: true }), 'Registration');
  if (row.status !== 'approved')
    throw new AppError('conflict', `Registration ${row.number} is ${row.status}: only an approved one holds a protection to release.`);
  await repo.updateRegistration(ctx.trx, ctx.workspaceId, id, { status: 'released', protectionReleasedAt: ctx.now(), releaseReason: reason });
  await repo.setMatchKeys(ctx.trx, ctx.workspaceId, id, []);
  await addTimelineEntry(
    ctx,
    { type: 'registration', id },
    { kind: 'system', body: `Protection released: ${reason}`, visibility: 'shared', metadata: { event: 'released' } },
  );
  await recordAudit(ctx, { action: 'registration.released', entityType: 'registration', entityId: id, reason });
  const until = (l: 'en' | 'de') => formatDay(ctx.now(), l, program.calendarOf.timeZone);
  await notifyPartner(ctx, deps, program, row, 'protection_expired', (l) => ({ protectedUntil: until(l) }), `registration-released:${id}`);
  return reload(ctx, id, program);
}

/** REG-11: the conflict is acknowledged (within 24 h), or its resolution plan recorded (within 5 business days). */
export async function handleConflict(ctx: Ctx, id: string, step: { acknowledge: true } | { plan: string }) {
  const program = await getProgramSettings(ctx);
  const row = await lockOpen(ctx, id, 'handled as a conflict');
  if (!row.conflictAckDueAt) throw new AppError('conflict', `Registration ${row.number} is not in conflict.`);
  const now = ctx.now();
  const values =
    'plan' in step
      ? { conflictPlan: step.plan, conflictPlannedAt: now, conflictAcknowledgedAt: row.conflictAcknowledgedAt ?? now }
      : { conflictAcknowledgedAt: row.conflictAcknowledgedAt ?? now };
  await repo.updateRegistration(ctx.trx, ctx.workspaceId, id, values);
  await addTimelineEntry(
    ctx,
    { type: 'registration', id },
    {
      kind: 'system',
      body: 'plan' in step ? `Conflict resolution plan: ${step.plan}` : 'Conflict acknowledged.',
      visibility: 'internal',
      metadata: { event: 'plan' in step ? 'conflict_planned' : 'conflict_acknowledged' },
    },
  );
  await recordAudit(ctx, {
    action: 'plan' in step ? 'registration.conflict_planned' : 'registration.conflict_acknowledged',
    entityType: 'registration',
    entityId: id,
    reason: 'plan' in step ? step.plan : null,
  });
  return reload(ctx, id, program);
}
