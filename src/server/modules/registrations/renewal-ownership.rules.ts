import type { RenewalOwnershipStatus } from '../../../shared/renewal-ownership.ts';
import type { BusinessCalendar } from './business-hours.rules.ts';
import { nextSlaAction, type SlaPolicies, type SlaTimers, slaTimers } from './sla.rules.ts';
import { addDays, localDate, type PlainDate, startOfLocalDay } from './zoned-time.ts';

/**
 * Renewal ownership confirmation (REG-11) as pure rules. REG-11 sits with the conflict SLAs: the
 * question "who works this renewal — the partner or the vendor's direct team, and which partner?"
 * exists where a partner has a claim on the customer. A partner has a **stake** in an account when
 * it holds or held protection on it (an approved or expired registration linked to the account —
 * a released one was taken back by a decision that already settled ownership) or holds a role on
 * one of its opportunities (sourced or influenced; REG-10 lets several partners hold roles). For
 * such an account with a renewal date, the owner is to be confirmed by the SLA's deadline, counted
 * back from the start of the renewal day in the workspace's time zone.
 */

/** Registration statuses that give a partner a stake: protection now (approved) or before (expired). */
export const STAKE_REGISTRATION_STATUSES = ['approved', 'expired'] as const;

/**
 * How far ahead the sweep plans confirmations, in days: renewals up to this far away get their row
 * and timers. The default policy needs 120 days (90 + a 30-day reminder); a workspace that sets a
 * longer lead than this gets its reminder when the row is planned instead.
 */
export const RENEWAL_PLANNING_DAYS = 400;

/** Why a confirmation row was closed without a confirmation. */
export type RenewalCloseReason = 'renewal_date_changed' | 'renewal_passed' | 'account_deleted' | 'no_partner_stake';

/** A partner's stake in an account and where it comes from. */
export type PartnerStake = { partnerId: string; via: ('registration' | 'opportunity')[] };

/** The partners with a stake, from the account's registrations and the partner roles on its opportunities; ordered by id. */
export function partnerStakes(
  registrations: readonly { partnerId: string; status: string }[],
  roles: readonly { partnerId: string }[],
): PartnerStake[] {
  const out = new Map<string, PartnerStake>();
  const add = (partnerId: string, via: PartnerStake['via'][number]) => {
    const s = out.get(partnerId) ?? { partnerId, via: [] };
    if (!s.via.includes(via)) s.via.push(via);
    out.set(partnerId, s);
  };
  for (const r of registrations) if ((STAKE_REGISTRATION_STATUSES as readonly string[]).includes(r.status)) add(r.partnerId, 'registration');
  for (const r of roles) add(r.partnerId, 'opportunity');
  return [...out.values()].sort((a, b) => (a.partnerId < b.partnerId ? -1 : a.partnerId > b.partnerId ? 1 : 0));
}

/** The instant the renewal day starts in the time zone: what the confirmation deadline counts back from. */
export function renewalStart(renewalDate: PlainDate, timeZone: string): Date {
  return new Date(startOfLocalDay(renewalDate, timeZone));
}

/** The confirmation's deadline, reminder and escalation for a renewal date (the `renewal_ownership_confirmation` SLA). */
export function renewalConfirmationTimers(renewalDate: PlainDate, policies: SlaPolicies, cal: BusinessCalendar): SlaTimers {
  return slaTimers('renewal_ownership_confirmation', renewalStart(renewalDate, cal.timeZone), policies, cal);
}

/** The last local day on which the confirmation is in time (the deadline is the start of the next day). */
export function lastDayToConfirm(dueAt: Date, timeZone: string): PlainDate {
  return localDate(+dueAt - 1, timeZone);
}

/**
 * The renewal dates the sweep plans at `now`, as UTC days: from yesterday (the handler decides by
 * the workspace's own day whether a renewal has passed) to RENEWAL_PLANNING_DAYS ahead.
 */
export function planningWindow(now: Date): { from: PlainDate; until: PlainDate } {
  const today = localDate(now, 'UTC');
  return { from: addDays(today, -1), until: addDays(today, RENEWAL_PLANNING_DAYS) };
}

/** What the sweep has recorded of one confirmation. */
export type RenewalProgress = {
  renewalDate: PlainDate;
  reminderDueAt: Date | null;
  escalationDueAt: Date | null;
  remindedAt: Date | null;
  escalatedAt: Date | null;
  confirmedAt: Date | null;
  closedAt: Date | null;
};

/** The next instant the sweep must look at a confirmation (its `next_action_at`); null when nothing is left. */
export function nextRenewalActionAt(p: RenewalProgress, now: Date): Date | null {
  return nextSlaAction({ ...p, completedAt: p.confirmedAt ?? p.closedAt }, now)?.at ?? null;
}

/** One step of the sweep on a due confirmation. */
export type RenewalStep = { kind: 'close'; reason: RenewalCloseReason } | { kind: 'remind' } | { kind: 'escalate' } | { kind: 'wait' };

/**
 * What the sweep does with a confirmation at `now`, given the account as it is now (null: gone):
 * close it when the question went away, else send the reminder or the escalation that is due. A
 * reminder overtaken by a due escalation is skipped (nextSlaAction).
 */
export function renewalStep(
  now: Date,
  p: RenewalProgress,
  account: { renewalDate: PlainDate | null; deleted: boolean } | null,
  hasStake: boolean,
  timeZone: string,
): RenewalStep {
  if (p.confirmedAt || p.closedAt) return { kind: 'wait' };
  if (!account || account.deleted) return { kind: 'close', reason: 'account_deleted' };
  if (account.renewalDate !== p.renewalDate) return { kind: 'close', reason: 'renewal_date_changed' };
  if (+now >= +renewalStart(p.renewalDate, timeZone)) return { kind: 'close', reason: 'renewal_passed' };
  if (!hasStake) return { kind: 'close', reason: 'no_partner_stake' };
  const next = nextSlaAction({ ...p, completedAt: null }, now);
  return next?.isDue ? { kind: next.action } : { kind: 'wait' };
}

/** Where an account's renewal ownership stands at `now` (RENEWAL_OWNERSHIP_STATUS_TEXT says what each means). */
export function renewalOwnershipStatus(
  now: Date,
  s: { renewalDate: PlainDate | null; hasStake: boolean; confirmedAt: Date | null; dueAt: Date | null; reminderDueAt: Date | null },
  timeZone: string,
): RenewalOwnershipStatus {
  if (!s.renewalDate) return 'no_renewal';
  if (s.confirmedAt) return 'confirmed';
  if (+now >= +renewalStart(s.renewalDate, timeZone)) return 'renewal_passed';
  if (!s.hasStake) return 'not_needed';
  if (s.dueAt && +now >= +s.dueAt) return 'overdue';
  if (s.reminderDueAt && +now >= +s.reminderDueAt) return 'at_risk';
  return 'on_track';
}
