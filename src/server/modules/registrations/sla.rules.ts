import { addBusinessDays, addBusinessHours, type BusinessCalendar, businessHoursBetween } from './business-hours.rules.ts';
import { addLocalDays, HOUR_MS } from './zoned-time.ts';

/**
 * Service-level agreements as data (PRODUCT.md REG-5, REG-6, REG-11, PGM-5): each kind has a
 * duration, a reminder before breach and an escalation on breach. The functions turn them into
 * instants a sweep stores in columns (`decision_due_at`, `reminder_due_at`, `escalation_due_at`)
 * and into a status for countdowns. Pure: `now` is always passed in.
 *
 * Units follow the spec's words: where it says business hours or business days the clock runs
 * only in the workspace's business hours; a plain "24 hours" (conflict acknowledgement, referral →
 * opportunity, follow-up after a meeting) is elapsed time, because the spec sets it next to
 * "five business days" on purpose and partners read it literally. Every unit is configurable.
 */

/** The kinds of SLA timers. */
export const SLA_KINDS = [
  'registration_decision',
  'appeal_window',
  'appeal_decision',
  'conflict_acknowledgement',
  'conflict_resolution_plan',
  'referral_opportunity',
  'meeting_follow_up',
  'opportunity_notes',
  'renewal_ownership_confirmation',
] as const;
/** One of SLA_KINDS. */
export type SlaKind = (typeof SLA_KINDS)[number];

/** Units of an SLA duration: business time of the calendar, or elapsed time / local calendar days. */
export const DURATION_UNITS = ['business_hours', 'business_days', 'hours', 'days'] as const;
/** One of DURATION_UNITS. */
export type DurationUnit = (typeof DURATION_UNITS)[number];

/** An amount of time in one unit (`{ amount: 48, unit: 'business_hours' }`). */
export type SlaDuration = { amount: number; unit: DurationUnit };

/** When to remind: at a fraction of the window (0.75) or a duration before the deadline. */
export type SlaReminder = { atFraction: number; before?: undefined } | { before: SlaDuration; atFraction?: undefined };

/** One kind's policy: the deadline, the reminder before it and the escalation after it (null = none). */
export type SlaPolicy = {
  duration: SlaDuration;
  reminder: SlaReminder | null;
  escalation: { afterBreach: SlaDuration } | null;
};

/** A workspace's policy for every kind. */
export type SlaPolicies = Readonly<Record<SlaKind, SlaPolicy>>;

/** Kinds whose deadline counts back from a target date (the renewal) instead of forward from a start. */
export const BACKWARD_SLA_KINDS: ReadonlySet<SlaKind> = new Set(['renewal_ownership_confirmation']);

/** Reminders of the spec's "reminders before breach" come at three quarters of the window by default. */
export const DEFAULT_REMINDER_FRACTION = 0.75;

const atBreach = { afterBreach: { amount: 0, unit: 'hours' } } as const;
const atThreeQuarters = { atFraction: DEFAULT_REMINDER_FRACTION } as const;

/** The defaults of the spec, kind by kind (why each is what it is: see the comments). */
export const DEFAULT_SLA_POLICIES: SlaPolicies = {
  // REG-5: "48 hours, business hours aware"; issue 5: "48 business hours".
  registration_decision: { duration: { amount: 48, unit: 'business_hours' }, reminder: atThreeQuarters, escalation: atBreach },
  // REG-6: a partner may appeal a rejection within a window; the partner's deadline, nobody to remind or escalate.
  appeal_window: { duration: { amount: 14, unit: 'days' }, reminder: null, escalation: null },
  // REG-6: appeals have their own SLA and escalation path.
  appeal_decision: { duration: { amount: 5, unit: 'business_days' }, reminder: atThreeQuarters, escalation: atBreach },
  // REG-11: acknowledge a conflict within 24 hours (elapsed, see above).
  conflict_acknowledgement: { duration: { amount: 24, unit: 'hours' }, reminder: atThreeQuarters, escalation: atBreach },
  // REG-11: a resolution plan within 5 business days.
  conflict_resolution_plan: { duration: { amount: 5, unit: 'business_days' }, reminder: atThreeQuarters, escalation: atBreach },
  // PGM-5: referral → opportunity created within 24 h.
  referral_opportunity: { duration: { amount: 24, unit: 'hours' }, reminder: atThreeQuarters, escalation: atBreach },
  // PGM-5: partner follow-up within 24 h after a meeting.
  meeting_follow_up: { duration: { amount: 24, unit: 'hours' }, reminder: atThreeQuarters, escalation: atBreach },
  // PGM-5 / PGM-4: opportunity notes updated weekly; stale notes are a hygiene flag, not an escalation.
  opportunity_notes: { duration: { amount: 7, unit: 'days' }, reminder: { before: { amount: 1, unit: 'days' } }, escalation: null },
  // REG-11: renewal ownership confirmed at least 90 days before the renewal; remind 30 days ahead of that.
  renewal_ownership_confirmation: {
    duration: { amount: 90, unit: 'days' },
    reminder: { before: { amount: 30, unit: 'days' } },
    escalation: atBreach,
  },
};

/** Whether the duration runs on the business clock (business hours or days). */
export function isBusinessClock(d: SlaDuration): boolean {
  return d.unit === 'business_hours' || d.unit === 'business_days';
}

/** The instant a duration after `at` (before, with sign -1): business units in business time, days as local days. */
export function addDuration(at: Date, d: SlaDuration, cal: BusinessCalendar, sign: 1 | -1 = 1): Date {
  if (!Number.isFinite(d.amount) || d.amount < 0) throw new RangeError(`${d.amount} is not a duration amount`);
  switch (d.unit) {
    case 'business_hours':
      return addBusinessHours(at, sign * d.amount, cal);
    case 'business_days':
      return addBusinessDays(at, sign * d.amount, cal);
    case 'hours':
      return new Date(+at + sign * Math.round(d.amount * HOUR_MS));
    case 'days':
      if (!Number.isInteger(d.amount)) throw new RangeError(`${d.amount} is not a whole number of days`);
      // Local days keep the wall-clock time: a deadline set at 10:00 stays at 10:00 across DST.
      return new Date(addLocalDays(at, sign * d.amount, cal.timeZone));
  }
}

/** The deadline of an SLA: `anchor` is the start (the target date — the renewal — for backward kinds). */
export function slaDeadline(kind: SlaKind, anchor: Date, policies: SlaPolicies, cal: BusinessCalendar): Date {
  return addDuration(anchor, policies[kind].duration, cal, BACKWARD_SLA_KINDS.has(kind) ? -1 : 1);
}

/** The timer columns of one SLA, ready to store: when it is due, when to remind and when to escalate. */
export type SlaTimers = { dueAt: Date; reminderDueAt: Date | null; escalationDueAt: Date | null };

/**
 * The deadline, reminder and escalation instants of an SLA started at `anchor` (for backward
 * kinds: counted back from the target `anchor`). A reminder that would fall before the start is
 * moved to the start.
 */
export function slaTimers(kind: SlaKind, anchor: Date, policies: SlaPolicies, cal: BusinessCalendar): SlaTimers {
  const policy = policies[kind];
  const backward = BACKWARD_SLA_KINDS.has(kind);
  const dueAt = slaDeadline(kind, anchor, policies, cal);
  let reminderDueAt: Date | null = null;
  if (policy.reminder?.before) {
    reminderDueAt = addDuration(dueAt, policy.reminder.before, cal, -1);
    if (!backward && +reminderDueAt < +anchor) reminderDueAt = new Date(+anchor);
  } else if (policy.reminder) {
    if (backward) throw new RangeError(`${kind} counts back from a target date: its reminder must be a duration before the deadline`);
    reminderDueAt = fractionPoint(anchor, dueAt, policy.reminder.atFraction, policy.duration, cal);
  }
  const escalationDueAt = policy.escalation ? addDuration(dueAt, policy.escalation.afterBreach, cal) : null;
  return { dueAt, reminderDueAt, escalationDueAt };
}

// The instant a fraction of the way from start to due, measured on the SLA's own clock.
function fractionPoint(start: Date, due: Date, fraction: number, d: SlaDuration, cal: BusinessCalendar): Date {
  if (!(fraction > 0 && fraction < 1)) throw new RangeError(`${fraction} is not a fraction between 0 and 1`);
  if (isBusinessClock(d)) return addBusinessHours(start, fraction * businessHoursBetween(start, due, cal), cal);
  return new Date(+start + Math.round(fraction * (+due - +start)));
}

/** `on_track` until the reminder, `at_risk` from it, `breached` from the deadline on. */
export type SlaState = 'on_track' | 'at_risk' | 'breached';

/** An SLA's state at `now` with what a countdown shows. */
export type SlaStatus = {
  state: SlaState;
  /** The clock the SLA runs on: business time or elapsed time. */
  clock: 'business' | 'elapsed';
  /** Hours left on the SLA's clock; negative once breached (how far overdue). */
  remainingHours: number;
  /** Business hours left (negative once breached), whatever the SLA's clock. */
  remainingBusinessHours: number;
  /** Share of the window used on the SLA's clock (0 at the start, 1 at the deadline, more after); null without a start. */
  elapsedFraction: number | null;
};

/**
 * The state of a running SLA at `now`. At risk from `reminderDueAt`; without a reminder from
 * three quarters of the window (when the start is known), so a countdown can still turn amber.
 */
export function slaStatus(
  now: Date,
  timer: { startedAt: Date | null; dueAt: Date; reminderDueAt: Date | null },
  policy: SlaPolicy,
  cal: BusinessCalendar,
): SlaStatus {
  const business = isBusinessClock(policy.duration);
  const remainingBusinessHours = businessHoursBetween(now, timer.dueAt, cal);
  const remainingHours = business ? remainingBusinessHours : (+timer.dueAt - +now) / HOUR_MS;
  let elapsedFraction: number | null = null;
  if (timer.startedAt) {
    const total = business ? businessHoursBetween(timer.startedAt, timer.dueAt, cal) : (+timer.dueAt - +timer.startedAt) / HOUR_MS;
    elapsedFraction = total > 0 ? (total - remainingHours) / total : +now >= +timer.dueAt ? 1 : 0;
  }
  let state: SlaState = 'on_track';
  if (+now >= +timer.dueAt) state = 'breached';
  else if (timer.reminderDueAt ? +now >= +timer.reminderDueAt : (elapsedFraction ?? 0) >= DEFAULT_REMINDER_FRACTION) state = 'at_risk';
  return { state, clock: business ? 'business' : 'elapsed', remainingHours, remainingBusinessHours, elapsedFraction };
}

/** What a sweep has recorded of one SLA timer. */
export type SlaProgress = {
  reminderDueAt: Date | null;
  escalationDueAt: Date | null;
  remindedAt: Date | null;
  escalatedAt: Date | null;
  /** When the SLA was met (decision taken, conflict acknowledged…); no action follows. */
  completedAt: Date | null;
};

/** The next action of an SLA timer: when it is due and whether it is due at `now`. */
export type SlaAction = { action: 'remind' | 'escalate'; at: Date; isDue: boolean };

/**
 * The next reminder or escalation still to send, for a sweep's `next_action_at` column; null when
 * nothing is left. A reminder overtaken by a due escalation (the sweep was down) is skipped: the
 * escalation says more, and two messages at once say nothing more.
 */
export function nextSlaAction(p: SlaProgress, now: Date): SlaAction | null {
  if (p.completedAt) return null;
  const escalation = p.escalationDueAt && !p.escalatedAt ? p.escalationDueAt : null;
  const reminder = p.reminderDueAt && !p.remindedAt ? p.reminderDueAt : null;
  if (escalation && +now >= +escalation) return { action: 'escalate', at: escalation, isDue: true };
  if (reminder && (!escalation || +reminder < +escalation)) return { action: 'remind', at: reminder, isDue: +now >= +reminder };
  if (escalation) return { action: 'escalate', at: escalation, isDue: false };
  return null;
}

/** Whether a completed SLA was met: completed at or before its deadline (for REG-12 metrics). */
export function wasSlaMet(dueAt: Date, completedAt: Date): boolean {
  return +completedAt <= +dueAt;
}

const UNIT_WORDS: Record<DurationUnit, { en: [string, string]; de: [string, string]; deDative: [string, string] }> = {
  business_hours: { en: ['business hour', 'business hours'], de: ['Arbeitsstunde', 'Arbeitsstunden'], deDative: ['Arbeitsstunde', 'Arbeitsstunden'] },
  business_days: { en: ['business day', 'business days'], de: ['Arbeitstag', 'Arbeitstage'], deDative: ['Arbeitstag', 'Arbeitstagen'] },
  hours: { en: ['hour', 'hours'], de: ['Stunde', 'Stunden'], deDative: ['Stunde', 'Stunden'] },
  days: { en: ['day', 'days'], de: ['Tag', 'Tage'], deDative: ['Tag', 'Tagen'] },
};

/** A duration in words: `48 business hours`, `5 Arbeitstage`; German after "innerhalb von" takes the dative (`5 Arbeitstagen`). */
export function formatDuration(d: SlaDuration, locale: 'en' | 'de', grammaticalCase: 'nominative' | 'dative' = 'nominative'): string {
  const words = UNIT_WORDS[d.unit];
  const [one, many] = locale === 'en' ? words.en : grammaticalCase === 'dative' ? words.deDative : words.de;
  const amount = locale === 'de' ? String(d.amount).replace('.', ',') : String(d.amount);
  return `${amount} ${d.amount === 1 ? one : many}`;
}
