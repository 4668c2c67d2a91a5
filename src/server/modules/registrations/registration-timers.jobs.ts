import { sql } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import type { Ctx } from '../../context.ts';
import { type Db, inWorkspace, type Trx } from '../../db/client.ts';
import type { Jobs } from '../../jobs/jobs.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { getProgramSettings, type ResolvedProgram } from '../program/program.service.ts';
import { addTimelineEntry } from '../timeline/timeline.service.ts';
import { lastProtectedDay, noTouchAt } from './protection.rules.ts';
import { formatDay, notifyPartner, notifyStaff } from './registration-notify.ts';
import * as repo from './registrations.repository.ts';
import type { RegistrationDeps } from './registrations.service.ts';
import { planRenewalConfirmation, renewalConfirmationTimer } from './renewal-ownership.jobs.ts';
import { planningWindow } from './renewal-ownership.rules.ts';
import { addDays } from './zoned-time.ts';

/**
 * The registration timers (REG-5, REG-8, REG-9, REG-11): decision reminders and escalations,
 * conflict SLAs, protection reminders and expiry, no-touch flags, appeal SLAs, and renewal
 * ownership confirmations (renewal-ownership.jobs.ts). One sweep lists what
 * is due across workspaces (a SECURITY DEFINER look-up of ids), then handles each row in its own
 * tenant transaction after locking it FOR UPDATE SKIP LOCKED and checking it is still due: two
 * sweeps never handle one row, a crash leaves it due, and every effect is recorded in the same
 * transaction as the column that says it happened (emails carry dedupe keys), so a timer fires
 * once in effect.
 */

const SYSTEM = (workspaceId: string): Actor => ({ kind: 'system', workspaceId, name: 'job:registrations.timers' });

type Due = { workspaceId: string; id: string; timer: 'decision' | 'conflict' | 'protection' | 'appeal' | 'renewal_plan' | 'renewal' };

/** Who receives an escalation: the routing rule's escalation, the workspace's, the partner's manager, else an admin. */
async function escalationTarget(ctx: Ctx, program: ResolvedProgram, r: repo.RegistrationRow): Promise<string | null> {
  const rule = program.routing.rules.find((x) => x.id === r.routingRuleId);
  const partner = await ctx.trx.selectFrom('partners').select('managerUserId').where('id', '=', r.partnerId).executeTakeFirst();
  const staff = await repo.staffMembers(ctx.trx, ctx.workspaceId);
  const active = new Set(staff.filter((s) => s.status === 'active').map((s) => s.id));
  const admin = staff.find((s) => s.status === 'active' && s.role === 'admin')?.id ?? null;
  for (const candidate of [rule?.escalateTo, program.routing.escalateTo, partner?.managerUserId, admin]) {
    if (candidate && active.has(candidate) && candidate !== r.approverUserId) return candidate;
  }
  return admin;
}

async function lockedRegistration(trx: Trx, workspaceId: string, id: string) {
  return repo.findRegistration(trx, workspaceId, id, { forUpdate: true }).catch(() => undefined);
}

async function decisionTimer(ctx: Ctx, deps: RegistrationDeps, program: ResolvedProgram, r: repo.RegistrationRow, now: Date) {
  if (!['submitted', 'in_review'].includes(r.status)) return;
  const tz = program.calendarOf.timeZone;
  const due = (l: 'en' | 'de') => formatDay(r.decisionDueAt, l, tz, true);
  if (r.decisionEscalationDueAt && r.decisionEscalationDueAt <= now && !r.decisionEscalatedAt) {
    const to = await escalationTarget(ctx, program, r);
    await repo.updateRegistration(ctx.trx, ctx.workspaceId, r.id, {
      decisionEscalatedAt: now,
      decisionRemindedAt: r.decisionRemindedAt ?? now,
      approverUserId: to ?? r.approverUserId,
    });
    await addTimelineEntry(
      ctx,
      { type: 'registration', id: r.id },
      { kind: 'system', body: 'Decision SLA breached: escalated.', visibility: 'internal', metadata: { event: 'decision_escalated', to } },
    );
    await recordAudit(ctx, {
      action: 'registration.escalated',
      entityType: 'registration',
      entityId: r.id,
      data: { from: r.approverUserId, to, sla: 'decision' },
    });
    await notifyStaff(
      ctx,
      deps,
      program,
      to,
      r,
      'registration_escalated',
      (l) => ({ what: l === 'de' ? 'die Entscheidung' : 'the decision', due: due(l) }),
      `registration-escalated:${r.id}`,
    );
    return;
  }
  if (r.decisionReminderDueAt && r.decisionReminderDueAt <= now && !r.decisionRemindedAt) {
    await repo.updateRegistration(ctx.trx, ctx.workspaceId, r.id, { decisionRemindedAt: now });
    await notifyStaff(ctx, deps, program, r.approverUserId, r, 'registration_reminder', (l) => ({ due: due(l) }), `registration-reminder:${r.id}`);
  }
}

async function conflictTimer(ctx: Ctx, deps: RegistrationDeps, program: ResolvedProgram, r: repo.RegistrationRow, now: Date) {
  if (!['submitted', 'in_review'].includes(r.status) || r.conflictEscalatedAt) return;
  const ackLate = r.conflictAckDueAt && r.conflictAckDueAt <= now && !r.conflictAcknowledgedAt;
  const planLate = r.conflictPlanDueAt && r.conflictPlanDueAt <= now && !r.conflictPlannedAt;
  if (!ackLate && !planLate) return;
  const to = await escalationTarget(ctx, program, r);
  await repo.updateRegistration(ctx.trx, ctx.workspaceId, r.id, { conflictEscalatedAt: now });
  const what = (l: 'en' | 'de') =>
    ackLate
      ? l === 'de'
        ? 'die Bestätigung des Konflikts'
        : 'the conflict acknowledgement'
      : l === 'de'
        ? 'der Lösungsplan des Konflikts'
        : 'the conflict resolution plan';
  const dueAt = ackLate ? r.conflictAckDueAt : r.conflictPlanDueAt;
  await addTimelineEntry(
    ctx,
    { type: 'registration', id: r.id },
    {
      kind: 'system',
      body: `Conflict SLA breached (${what('en')}): escalated.`,
      visibility: 'internal',
      metadata: { event: 'conflict_escalated', to },
    },
  );
  await recordAudit(ctx, {
    action: 'registration.conflict_escalated',
    entityType: 'registration',
    entityId: r.id,
    data: { to, sla: ackLate ? 'acknowledgement' : 'plan' },
  });
  await notifyStaff(
    ctx,
    deps,
    program,
    to,
    r,
    'registration_escalated',
    (l) => ({ what: what(l), due: formatDay(dueAt, l, program.calendarOf.timeZone, true) }),
    `conflict-escalated:${r.id}`,
  );
}

async function protectionTimer(ctx: Ctx, deps: RegistrationDeps, program: ResolvedProgram, r: repo.RegistrationRow, now: Date) {
  if (r.status !== 'approved' || !r.protectionExpiresAt) return;
  const tz = program.calendarOf.timeZone;
  const until = (l: 'en' | 'de') => formatDay(lastProtectedDay(r.protectionExpiresAt as Date, tz), l, tz);
  if (r.protectionExpiresAt <= now) {
    await repo.updateRegistration(ctx.trx, ctx.workspaceId, r.id, {
      status: 'expired',
      protectionReleasedAt: r.protectionExpiresAt,
      releaseReason: 'protection expired',
    });
    await repo.setMatchKeys(ctx.trx, ctx.workspaceId, r.id, []);
    await addTimelineEntry(
      ctx,
      { type: 'registration', id: r.id },
      { kind: 'system', body: `Protection expired on ${until('en')} and is released.`, visibility: 'shared', metadata: { event: 'expired' } },
    );
    await recordAudit(ctx, { action: 'registration.expired', entityType: 'registration', entityId: r.id });
    await notifyPartner(
      ctx,
      deps,
      program,
      r,
      'protection_expired',
      (l) => ({ protectedUntil: until(l) }),
      `protection-expired:${r.id}:${r.protectionExpiresAt.toISOString()}`,
    );
    return;
  }
  if (r.protectionReminderDueAt && r.protectionReminderDueAt <= now && !r.protectionRemindedAt) {
    await repo.updateRegistration(ctx.trx, ctx.workspaceId, r.id, { protectionRemindedAt: now });
    await addTimelineEntry(
      ctx,
      { type: 'registration', id: r.id },
      { kind: 'system', body: `Protection ends on ${until('en')}: reminder sent.`, visibility: 'shared', metadata: { event: 'protection_reminded' } },
    );
    await notifyPartner(
      ctx,
      deps,
      program,
      r,
      'protection_expiring',
      (l) => ({ protectedUntil: until(l) }),
      `protection-expiring:${r.id}:${r.protectionExpiresAt.toISOString()}`,
    );
  }
  if (r.noTouchDueAt && r.noTouchDueAt <= now && !r.noTouchFlaggedAt) {
    // The last touch: anything on the deal's timeline, or on the registration's.
    const { rows } = await sql<{ last: Date | null }>`
      select greatest(${r.lastActivityAt}::timestamptz, (select max(t.occurred_at) from timeline_entries t
        where t.workspace_id = ${ctx.workspaceId} and t.subject_type = 'opportunity' and t.subject_id = ${r.opportunityId}::uuid
          and t.kind not in ('system'))) as last`.execute(ctx.trx);
    const last = rows[0]?.last ?? r.lastActivityAt ?? r.decidedAt ?? now;
    const dueAgain = noTouchAt(new Date(last), program.protection.noTouchDays);
    if (dueAgain > now) {
      await repo.updateRegistration(ctx.trx, ctx.workspaceId, r.id, { noTouchDueAt: dueAgain, lastActivityAt: new Date(last) });
      return;
    }
    await repo.updateRegistration(ctx.trx, ctx.workspaceId, r.id, { noTouchFlaggedAt: now });
    await addTimelineEntry(
      ctx,
      { type: 'registration', id: r.id },
      {
        kind: 'system',
        body: `No activity for ${program.protection.noTouchDays} days: flagged no-touch (the protection can be released and the account reassigned).`,
        visibility: 'internal',
        metadata: { event: 'no_touch' },
      },
    );
    await recordAudit(ctx, { action: 'registration.no_touch_flagged', entityType: 'registration', entityId: r.id });
    const partner = await ctx.trx.selectFrom('partners').select('managerUserId').where('id', '=', r.partnerId).executeTakeFirst();
    await notifyStaff(
      ctx,
      deps,
      program,
      partner?.managerUserId ?? r.decidedByUserId ?? r.approverUserId,
      r,
      'no_touch_flagged',
      () => ({ days: String(program.protection.noTouchDays) }),
      `no-touch:${r.id}`,
    );
  }
}

async function appealTimer(ctx: Ctx, deps: RegistrationDeps, program: ResolvedProgram, appealId: string, now: Date) {
  const a = await ctx.trx.selectFrom('appeals').selectAll().where('id', '=', appealId).forUpdate().skipLocked().executeTakeFirst();
  if (a?.status !== 'open') return;
  const r = await repo.findRegistration(ctx.trx, ctx.workspaceId, a.registrationId);
  if (!r) return;
  const due = (l: 'en' | 'de') => formatDay(a.dueAt, l, program.calendarOf.timeZone, true);
  const owner = r.decidedByUserId ?? r.approverUserId;
  if (a.escalationDueAt && a.escalationDueAt <= now && !a.escalatedAt) {
    const to = await escalationTarget(ctx, program, { ...r, approverUserId: owner });
    await ctx.trx
      .updateTable('appeals')
      .set({ escalatedAt: now, remindedAt: a.remindedAt ?? now })
      .where('id', '=', a.id)
      .execute();
    await recordAudit(ctx, { action: 'appeal.escalated', entityType: 'appeal', entityId: a.id, data: { to } });
    await notifyStaff(
      ctx,
      deps,
      program,
      to,
      r,
      'registration_escalated',
      (l) => ({ what: l === 'de' ? 'die Entscheidung über den Einspruch' : 'the appeal decision', due: due(l) }),
      `appeal-escalated:${a.id}`,
    );
    return;
  }
  if (a.reminderDueAt && a.reminderDueAt <= now && !a.remindedAt) {
    await ctx.trx.updateTable('appeals').set({ remindedAt: now }).where('id', '=', a.id).execute();
    await notifyStaff(ctx, deps, program, owner, r, 'registration_reminder', (l) => ({ due: due(l) }), `appeal-reminder:${a.id}`);
  }
}

/** Handles one due timer in its tenant transaction (skipped when another sweep holds the row). */
export async function handleDue(trx: Trx, deps: RegistrationDeps, due: Due, now: Date): Promise<void> {
  const ctx: Ctx = { trx, actor: SYSTEM(due.workspaceId), workspaceId: due.workspaceId, now: () => now };
  const program = await getProgramSettings(ctx);
  if (due.timer === 'appeal') return appealTimer(ctx, deps, program, due.id, now);
  if (due.timer === 'renewal_plan') return planRenewalConfirmation(ctx, deps, program, due.id, now);
  if (due.timer === 'renewal') return renewalConfirmationTimer(ctx, deps, program, due.id, now);
  const locked = await trx.selectFrom('registrations').select('id').where('id', '=', due.id).forUpdate().skipLocked().executeTakeFirst();
  if (!locked) return;
  const r = await lockedRegistration(trx, due.workspaceId, due.id);
  if (!r) return;
  if (due.timer === 'decision') return decisionTimer(ctx, deps, program, r, now);
  if (due.timer === 'conflict') return conflictTimer(ctx, deps, program, r, now);
  return protectionTimer(ctx, deps, program, r, now);
}

/**
 * One sweep at `now`: every due timer of every workspace (up to `limit` per kind). `planRenewals`
 * also plans the renewal confirmations of accounts that need one (a scan of the accounts renewing
 * within the planning window). Returns how many were looked at.
 */
export async function sweepRegistrationTimers(db: Db, deps: RegistrationDeps, now: Date, limit = 200, planRenewals = true): Promise<number> {
  const { rows } = await sql<Due>`select * from due_registration_timers(${now}, ${limit})`.execute(db);
  const window = planningWindow(now);
  // Without planning the window is empty (it ends before it starts): only the confirmations' own timers are due.
  const until = planRenewals ? window.until : addDays(window.from, -1);
  const renewals = await sql<Due>`select * from due_renewal_confirmations(${now}, ${window.from}::date, ${until}::date, ${limit})`.execute(db);
  const due = [...rows, ...renewals.rows];
  for (const d of due) await inWorkspace(db, d.workspaceId, (trx) => handleDue(trx, deps, d, now));
  return due.length;
}

const PLAN_EVERY_MS = 3_600_000;

/** Registers the sweep: every minute, on one worker (the schedule's singleton). */
export function registerRegistrationJobs(jobs: Jobs, db: Db, publicUrl: string): void {
  // Renewal deadlines are counted in days: planning them hourly (and on the first sweep after a
  // start) is plenty, and keeps the scan of renewing accounts out of the minute's sweep.
  let plannedAt = 0;
  jobs.schedule({
    name: 'registrations.timers',
    cron: '* * * * *',
    run: async () => {
      const now = new Date();
      const plan = +now - plannedAt >= PLAN_EVERY_MS;
      await sweepRegistrationTimers(db, { jobs, publicUrl }, now, 200, plan);
      if (plan) plannedAt = +now;
    },
  });
}
