import { z } from 'zod';
import {
  BACKWARD_SLA_KINDS,
  DEFAULT_SLA_POLICIES,
  DURATION_UNITS,
  type DurationUnit,
  formatDuration,
  SLA_KINDS,
  type SlaDuration,
  type SlaKind,
  type SlaPolicies,
  type SlaPolicy,
  type SlaReminder,
} from './sla.rules.ts';

/**
 * The workspace-level SLA settings: per kind, any of duration, reminder and escalation overrides
 * the default (`null` switches a reminder or escalation off). Messages name the field and say
 * what to enter.
 */

// Upper bounds that keep a typo (4800 instead of 48) from parking a timer for years.
const MAX_AMOUNT: Record<DurationUnit, number> = { business_hours: 2000, business_days: 250, hours: 8760, days: 3650 };

function durationSchema(allowZero: boolean) {
  return z
    .strictObject({
      amount: z.number({ message: 'must be a number such as 48' }),
      unit: z.enum(DURATION_UNITS, { message: `must be one of ${DURATION_UNITS.join(', ')}` }),
    })
    .superRefine((d, ctx) => {
      const issue = (message: string) => ctx.addIssue({ code: 'custom', path: ['amount'], message });
      if (!Number.isFinite(d.amount)) issue('must be a number such as 48');
      else if (allowZero ? d.amount < 0 : d.amount <= 0) issue(allowZero ? 'must not be negative' : 'must be more than 0');
      else if (d.amount > MAX_AMOUNT[d.unit]) issue(`must be at most ${formatDuration({ amount: MAX_AMOUNT[d.unit], unit: d.unit }, 'en')}`);
      else if ((d.unit === 'days' || d.unit === 'business_days') && !Number.isInteger(d.amount))
        issue(`must be a whole number of ${d.unit.replace('_', ' ')}`);
      else if (Math.abs(Math.round(d.amount * 60) - d.amount * 60) > 1e-9) issue('must be a whole number of minutes (e.g. 1.5 or 0.25 hours)');
    });
}

/** A duration: amount and unit. */
export const slaDurationSchema = durationSchema(false);

/** A reminder: `{ atFraction: 0.75 }` (of the window) or `{ before: duration }` (before the deadline). */
export const slaReminderSchema = z
  .strictObject({
    atFraction: z
      .number({ message: 'must be a fraction such as 0.75' })
      .gt(0, 'must be more than 0 (e.g. 0.75 for three quarters of the window)')
      .lt(1, 'must be less than 1: a reminder at the deadline is the escalation')
      .optional(),
    before: slaDurationSchema.optional(),
  })
  .superRefine((r, ctx) => {
    if ((r.atFraction === undefined) === (r.before === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give either atFraction (e.g. 0.75) or before (a duration), not both or neither' });
    }
  })
  .transform((r): SlaReminder => (r.before ? { before: r.before as SlaDuration } : { atFraction: r.atFraction as number }));

/** One kind's overrides. */
export const slaPolicyPatchSchema = z.strictObject({
  duration: slaDurationSchema.optional(),
  reminder: slaReminderSchema.nullable().optional(),
  escalation: z
    .strictObject({ afterBreach: durationSchema(true) })
    .nullable()
    .optional(),
});
/** One kind's validated overrides. */
export type SlaPolicyPatch = z.infer<typeof slaPolicyPatchSchema>;

const kindShape = Object.fromEntries(SLA_KINDS.map((k) => [k, slaPolicyPatchSchema.optional()])) as Record<
  SlaKind,
  z.ZodOptional<typeof slaPolicyPatchSchema>
>;

/** The SLA settings of a workspace; unknown kinds are refused, cross-field mistakes named. */
export const slaSettingsSchema = z.strictObject(kindShape).superRefine((settings, ctx) => {
  const policies = resolveSlaPolicies(settings);
  for (const kind of SLA_KINDS) {
    if (!settings[kind]) continue;
    const { duration, reminder } = policies[kind];
    if (BACKWARD_SLA_KINDS.has(kind) && reminder?.atFraction !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [kind, 'reminder', 'atFraction'],
        message: 'this deadline counts back from the renewal date, so its window has no start: give reminder.before instead',
      });
    }
    const lead = reminder?.before ? comparableHours(reminder.before) : null;
    const length = comparableHours(duration);
    if (!BACKWARD_SLA_KINDS.has(kind) && lead !== null && length !== null && lead.clock === length.clock && lead.hours >= length.hours) {
      ctx.addIssue({
        code: 'custom',
        path: [kind, 'reminder', 'before'],
        message: `must be shorter than the SLA itself (${formatDuration(duration, 'en')})`,
      });
    }
  }
});
/** The SLA settings as stored and sent (before validation). */
export type SlaSettings = z.input<typeof slaSettingsSchema>;

// Durations that can be compared without a calendar: elapsed hours and days, or business hours.
function comparableHours(d: SlaDuration): { clock: 'elapsed' | 'business'; hours: number } | null {
  if (d.unit === 'hours') return { clock: 'elapsed', hours: d.amount };
  if (d.unit === 'days') return { clock: 'elapsed', hours: d.amount * 24 };
  if (d.unit === 'business_hours') return { clock: 'business', hours: d.amount };
  return null;
}

/** The policies in force: the defaults with a workspace's (already validated) overrides on top. */
export function resolveSlaPolicies(settings: Partial<Record<SlaKind, SlaPolicyPatch | undefined>> | null | undefined): SlaPolicies {
  const out = { ...DEFAULT_SLA_POLICIES } as Record<SlaKind, SlaPolicy>;
  for (const kind of SLA_KINDS) {
    const patch = settings?.[kind];
    if (!patch) continue;
    const base = DEFAULT_SLA_POLICIES[kind];
    out[kind] = {
      duration: (patch.duration as SlaDuration | undefined) ?? base.duration,
      reminder: patch.reminder === undefined ? base.reminder : (patch.reminder as SlaReminder | null),
      escalation: patch.escalation === undefined ? base.escalation : (patch.escalation as SlaPolicy['escalation']),
    };
  }
  return out;
}
