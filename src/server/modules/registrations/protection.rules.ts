import { z } from 'zod';
import { MOTIONS, type Motion } from '../../../shared/opportunities.ts';
import type { BusinessCalendar } from './business-hours.rules.ts';
import { addDays, DAY_MS, daysBetween, localDate, type PlainDate, parseClockTime, startOfLocalDay, zonedTimeToUtc } from './zoned-time.ts';

/**
 * Protection windows (PRODUCT.md REG-8, REG-9): how long an approved registration holds its
 * account and motion, the reminder before expiry, the no-touch flag and the extension rules.
 *
 * Protection is counted in whole local days of the workspace's time zone and ends at the end of
 * the last protected day: partners read "protected until 10 April", so it must not end at
 * 14:37 on that day, and a DST switch inside the window must not shift the end by an hour.
 * Approved on day D with N days, the last protected day is D + N and the protection expires at
 * the local midnight that ends it.
 */

/** Allowed protection lengths in days (the spec's typical 60–90 sits inside), and the default. */
export const PROTECTION_DAYS = { min: 30, max: 365, default: 90 } as const;

/** A longer or shorter window for a motion, a tier, or both together. */
export type ProtectionOverride = { motion?: Motion; tier?: string; days: number };

/** How extensions are granted. */
export type ExtensionPolicy = {
  /** Days one granted extension adds. */
  days: number;
  /** How many extensions one registration may get. */
  maxExtensions: number;
  /** At most this many days added over all extensions. */
  maxTotalDays: number;
  /** Whether a request needs evidence of progress (REG-8: "only on evidence of progress"). */
  requireEvidence: boolean;
  /** A request is accepted only in the last N days before expiry (null: any time while protected). */
  opensDaysBeforeExpiry: number | null;
};

/** A workspace's protection settings. */
export type ProtectionSettings = {
  defaultDays: number;
  overrides: readonly ProtectionOverride[];
  /** The reminder goes out on the morning this many days before the last protected day. */
  reminderDaysBefore: number;
  /** Days without timeline activity after which a protected deal is flagged no-touch. */
  noTouchDays: number;
  extension: ExtensionPolicy;
};

/** 90 days, reminder a week before, no-touch after 30 quiet days, two extensions of 30 days on evidence. */
export const DEFAULT_PROTECTION_SETTINGS: ProtectionSettings = {
  defaultDays: PROTECTION_DAYS.default,
  overrides: [],
  reminderDaysBefore: 7,
  noTouchDays: 30,
  extension: { days: 30, maxExtensions: 2, maxTotalDays: 60, requireEvidence: true, opensDaysBeforeExpiry: 30 },
};

const wholeDays = (min: number, max: number, what = 'days') =>
  z
    .number({ message: `must be a whole number of ${what} from ${min} to ${max}` })
    .int(`must be a whole number of ${what} from ${min} to ${max}`)
    .min(min, `must be at least ${min} ${what}`)
    .max(max, `must be at most ${max} ${what}`);

/** The protection length an approver may give (`protectionDays` on approve). */
export const protectionDaysSchema = wholeDays(PROTECTION_DAYS.min, PROTECTION_DAYS.max);

const tierKey = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be a short tier key such as gold');

/** Protection settings of a workspace, defaults filled in; messages name the field. */
export const protectionSettingsSchema = z.strictObject({
  defaultDays: protectionDaysSchema.default(DEFAULT_PROTECTION_SETTINGS.defaultDays),
  overrides: z
    .array(
      z
        .strictObject({
          motion: z.enum(MOTIONS, { message: `must be one of ${MOTIONS.join(', ')}` }).optional(),
          tier: tierKey.optional(),
          days: protectionDaysSchema,
        })
        .refine((o) => o.motion !== undefined || o.tier !== undefined, 'give a motion, a tier or both'),
    )
    .max(100, 'at most 100 overrides')
    .superRefine((list, ctx) => {
      const seen = new Map<string, number>();
      list.forEach((o, i) => {
        const key = `${o.motion ?? '*'}|${o.tier ?? '*'}`;
        const first = seen.get(key);
        if (first !== undefined) ctx.addIssue({ code: 'custom', path: [i], message: `repeats override ${first + 1} (same motion and tier)` });
        else seen.set(key, i);
      });
    })
    .default([]),
  // Below the 30-day minimum, so the reminder always falls inside the window.
  reminderDaysBefore: wholeDays(1, 29).default(DEFAULT_PROTECTION_SETTINGS.reminderDaysBefore),
  noTouchDays: wholeDays(7, 180).default(DEFAULT_PROTECTION_SETTINGS.noTouchDays),
  extension: z
    .strictObject({
      days: wholeDays(7, 180).default(DEFAULT_PROTECTION_SETTINGS.extension.days),
      maxExtensions: wholeDays(0, 10, 'extensions').default(DEFAULT_PROTECTION_SETTINGS.extension.maxExtensions),
      maxTotalDays: wholeDays(0, 365).default(DEFAULT_PROTECTION_SETTINGS.extension.maxTotalDays),
      requireEvidence: z.boolean({ message: 'must be true or false' }).default(true),
      opensDaysBeforeExpiry: wholeDays(1, 365).nullable().default(DEFAULT_PROTECTION_SETTINGS.extension.opensDaysBeforeExpiry),
    })
    .default(DEFAULT_PROTECTION_SETTINGS.extension),
}) satisfies z.ZodType<ProtectionSettings>;

/**
 * The window length for a registration: the approver's choice when given, else the most specific
 * override (motion and tier together, then either alone — the longer of those two, since a tier
 * benefit should not shorten a motion's window nor the other way round), else the default.
 */
export function protectionDays(
  settings: ProtectionSettings,
  target: { motion: Motion | null; tier: string | null },
  requested?: number | null,
): number {
  if (requested !== undefined && requested !== null) {
    if (!Number.isInteger(requested) || requested < PROTECTION_DAYS.min || requested > PROTECTION_DAYS.max) {
      throw new RangeError(`protection of ${requested} days is outside ${PROTECTION_DAYS.min}–${PROTECTION_DAYS.max}`);
    }
    return requested;
  }
  const fits = settings.overrides.filter(
    (o) => (o.motion === undefined || o.motion === target.motion) && (o.tier === undefined || o.tier === target.tier),
  );
  const both = fits.filter((o) => o.motion !== undefined && o.tier !== undefined);
  const pool = both.length ? both : fits;
  return pool.length ? Math.max(...pool.map((o) => o.days)) : settings.defaultDays;
}

/** The instant protection approved at `approvedAt` for `days` days ends: midnight after day D + days. */
export function protectionExpiresAt(approvedAt: Date, days: number, timeZone: string): Date {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`${days} is not a whole number of days`);
  return new Date(startOfLocalDay(addDays(localDate(approvedAt, timeZone), days + 1), timeZone));
}

/** The last local day an expiry instant still protects (what partners are shown). */
export function lastProtectedDay(expiresAt: Date, timeZone: string): PlainDate {
  // The expiry is a local midnight; the instant just before it lies on the last protected day.
  return localDate(+expiresAt - 1, timeZone);
}

/** The new expiry after an extension of `days`: the same end-of-day rule, `days` days later. */
export function extendedExpiry(expiresAt: Date, days: number, timeZone: string): Date {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`${days} is not a whole number of days`);
  return new Date(startOfLocalDay(addDays(lastProtectedDay(expiresAt, timeZone), days + 1), timeZone));
}

/**
 * When to remind the partner: the morning (the calendar's opening time) of the day
 * `reminderDaysBefore` days before the last protected day — "expires on the 10th" is reminded on
 * the 3rd — but never before `notBefore` (the approval or the extension).
 */
export function protectionReminderAt(expiresAt: Date, reminderDaysBefore: number, cal: BusinessCalendar, notBefore?: Date): Date {
  const day = addDays(lastProtectedDay(expiresAt, cal.timeZone), -reminderDaysBefore);
  const at = zonedTimeToUtc(day, parseClockTime(cal.dayStart), cal.timeZone);
  return new Date(notBefore ? Math.max(at, +notBefore) : at);
}

/** The protection columns of an approval: length, expiry, last protected day and reminder. */
export type ProtectionWindow = {
  days: number;
  protectionStartsAt: Date;
  protectionExpiresAt: Date;
  lastProtectedDay: PlainDate;
  reminderDueAt: Date;
};

/** The protection an approval at `approvedAt` grants (see protectionDays for the length). */
export function protectionWindow(
  approvedAt: Date,
  target: { motion: Motion | null; tier: string | null },
  settings: ProtectionSettings,
  cal: BusinessCalendar,
  requestedDays?: number | null,
): ProtectionWindow {
  const days = protectionDays(settings, target, requestedDays);
  const expiresAt = protectionExpiresAt(approvedAt, days, cal.timeZone);
  return {
    days,
    protectionStartsAt: new Date(+approvedAt),
    protectionExpiresAt: expiresAt,
    lastProtectedDay: lastProtectedDay(expiresAt, cal.timeZone),
    reminderDueAt: protectionReminderAt(expiresAt, settings.reminderDaysBefore, cal, approvedAt),
  };
}

/** `active`, `expiring` (from the reminder on), `expired` (due for release) or `released`. */
export type ProtectionState = 'active' | 'expiring' | 'expired' | 'released';

/**
 * A protection's state at `now` and the local days left for the portal's countdown: 1 on the
 * last protected day, 0 once expired.
 */
export function protectionStatus(
  now: Date,
  p: { expiresAt: Date; reminderDueAt: Date | null; releasedAt: Date | null },
  timeZone: string,
): { state: ProtectionState; daysLeft: number; lastProtectedDay: PlainDate } {
  const last = lastProtectedDay(p.expiresAt, timeZone);
  const daysLeft = +now >= +p.expiresAt ? 0 : Math.max(0, daysBetween(localDate(now, timeZone), last) + 1);
  let state: ProtectionState = 'active';
  if (p.releasedAt && +now >= +p.releasedAt) state = 'released';
  else if (+now >= +p.expiresAt) state = 'expired';
  else if (p.reminderDueAt && +now >= +p.reminderDueAt) state = 'expiring';
  return { state, daysLeft: state === 'released' ? 0 : daysLeft, lastProtectedDay: last };
}

/** When a deal with its last timeline activity at `lastActivityAt` turns no-touch (elapsed days). */
export function noTouchAt(lastActivityAt: Date, days: number): Date {
  return new Date(+lastActivityAt + days * DAY_MS);
}

/**
 * Whether a protected deal is no-touch at `now`: no timeline activity for `days` days (REG-9).
 * Elapsed days, not local ones: a DST hour does not matter against a 30-day threshold.
 */
export function isNoTouch(lastActivityAt: Date, now: Date, days: number): boolean {
  return +now >= +noTouchAt(lastActivityAt, days);
}

/** Kinds of evidence of progress an extension request can cite (REG-8: "discovery booked, stage advanced"). */
export const EVIDENCE_KINDS = ['discovery_booked', 'stage_advanced', 'meeting_held', 'other'] as const;
/** One of EVIDENCE_KINDS. */
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** One piece of evidence: what happened and when; `other` must say what in `note`. */
export type ExtensionEvidence = {
  kind: EvidenceKind;
  occurredAt: Date;
  note?: string | null;
  /** The timeline entry that records it, when there is one. */
  timelineEntryId?: string | null;
};

/** Evidence as an API sends it (ISO timestamps); `other` needs a note. */
export const extensionEvidenceSchema = z
  .strictObject({
    kind: z.enum(EVIDENCE_KINDS, { message: `must be one of ${EVIDENCE_KINDS.join(', ')}` }),
    occurredAt: z.iso.datetime({ offset: true, message: 'must be a date-time such as 2026-05-04T10:00:00Z' }).transform((s) => new Date(s)),
    note: z.string().trim().max(2000, 'must be at most 2000 characters').nullish(),
    timelineEntryId: z.uuid({ message: 'must be the id of a timeline entry' }).nullish(),
  })
  .superRefine((e, ctx) => {
    if (e.kind === 'other' && !e.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'say what progress was made' });
  });

/** Why an extension cannot be requested. */
export type ExtensionRefusal =
  | 'released'
  | 'expired'
  | 'request_pending'
  | 'max_extensions_reached'
  | 'max_total_days_reached'
  | 'too_early'
  | 'evidence_required'
  | 'evidence_outdated'
  | 'evidence_in_future'
  | 'evidence_note_missing';

/** Earlier extension requests of the same protection. */
export type ExtensionHistoryItem = { status: 'pending' | 'granted' | 'refused'; decidedAt: Date | null; grantedDays: number | null };

/** Whether an extension may be requested now; when it may, how many days it would grant and the new expiry. */
export type ExtensionVerdict =
  | { ok: true; grantDays: number; newExpiresAt: Date }
  | { ok: false; reason: ExtensionRefusal; message: string; opensAt?: Date };

/**
 * Whether the partner may request an extension at `now`, checked in the order a partner would
 * want to hear it: protection still running, nothing pending, limits left, the request window
 * open, and evidence of progress made since the protection (or the last extension) began.
 * The last extension may grant fewer days when the total limit leaves fewer.
 */
export function canRequestExtension(input: {
  now: Date;
  protection: { approvedAt: Date; expiresAt: Date; releasedAt: Date | null };
  history: readonly ExtensionHistoryItem[];
  evidence: readonly ExtensionEvidence[];
  settings: ProtectionSettings;
  timeZone: string;
}): ExtensionVerdict {
  const { now, protection, history, evidence, settings, timeZone } = input;
  const policy = settings.extension;
  const no = (reason: ExtensionRefusal, message: string, opensAt?: Date): ExtensionVerdict =>
    opensAt ? { ok: false, reason, message, opensAt } : { ok: false, reason, message };
  if (protection.releasedAt && +now >= +protection.releasedAt) return no('released', 'the protection has been released');
  if (+now >= +protection.expiresAt) return no('expired', 'the protection has expired; register the deal again');
  if (history.some((h) => h.status === 'pending')) return no('request_pending', 'an extension request is already waiting for a decision');
  const granted = history.filter((h) => h.status === 'granted');
  if (granted.length >= policy.maxExtensions) {
    return no('max_extensions_reached', `at most ${policy.maxExtensions} extension${policy.maxExtensions === 1 ? '' : 's'} per registration`);
  }
  const used = granted.reduce((sum, h) => sum + (h.grantedDays ?? 0), 0);
  const grantDays = Math.min(policy.days, policy.maxTotalDays - used);
  if (grantDays <= 0) return no('max_total_days_reached', `extensions may add at most ${policy.maxTotalDays} days in total`);
  if (policy.opensDaysBeforeExpiry !== null) {
    const opensAt = startOfLocalDay(addDays(lastProtectedDay(protection.expiresAt, timeZone), 1 - policy.opensDaysBeforeExpiry), timeZone);
    if (+now < opensAt) {
      return no('too_early', `extensions can be requested in the last ${policy.opensDaysBeforeExpiry} days of protection`, new Date(opensAt));
    }
  }
  // Progress counts from the start of the current stretch: the approval or the last granted extension.
  const since = Math.max(+protection.approvedAt, ...granted.map((h) => +(h.decidedAt ?? 0)));
  if (policy.requireEvidence) {
    if (evidence.length === 0) return no('evidence_required', 'add evidence of progress: discovery booked, stage advanced, meeting held or other');
    const missingNote = evidence.find((e) => e.kind === 'other' && !e.note?.trim());
    if (missingNote) return no('evidence_note_missing', 'evidence of kind other must say what progress was made');
    if (evidence.some((e) => +e.occurredAt > +now)) return no('evidence_in_future', 'evidence must be of something that already happened');
    if (!evidence.some((e) => +e.occurredAt >= since)) {
      return no('evidence_outdated', 'the evidence predates the current protection period; show progress made since');
    }
  }
  return { ok: true, grantDays, newExpiresAt: extendedExpiry(protection.expiresAt, grantDays, timeZone) };
}
