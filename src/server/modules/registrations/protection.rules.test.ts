import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessCalendar } from './business-hours.rules.ts';
import {
  canRequestExtension,
  DEFAULT_PROTECTION_SETTINGS,
  type ExtensionEvidence,
  extendedExpiry,
  extensionEvidenceSchema,
  isNoTouch,
  lastProtectedDay,
  noTouchAt,
  type ProtectionSettings,
  protectionDays,
  protectionDaysSchema,
  protectionExpiresAt,
  protectionReminderAt,
  protectionSettingsSchema,
  protectionStatus,
  protectionWindow,
} from './protection.rules.ts';
import { localDateTime, parseClockTime, zonedTimeToUtc } from './zoned-time.ts';

const TZ = 'Europe/Berlin';
const cal = businessCalendar({ timeZone: TZ, holidays: ['DE-BE'] });
const at = (text: string, tz = TZ) => {
  const [date, time] = text.split(' ');
  return new Date(zonedTimeToUtc(date, parseClockTime(time), tz));
};
const wall = (d: Date, tz = TZ) => localDateTime(d, tz).text;
const S = DEFAULT_PROTECTION_SETTINGS;

describe('protection length', () => {
  const settings: ProtectionSettings = {
    ...S,
    overrides: [
      { motion: 'resale', days: 60 },
      { tier: 'gold', days: 120 },
      { motion: 'resale', tier: 'gold', days: 75 },
      { motion: 'marketplace', days: 45 },
    ],
  };

  it('is 90 days by default', () => {
    expect(protectionDays(S, { motion: 'resale', tier: 'gold' })).toBe(90);
  });

  it('takes the most specific override, and the longer of a motion and a tier override', () => {
    expect(protectionDays(settings, { motion: 'resale', tier: 'gold' })).toBe(75); // both together
    expect(protectionDays(settings, { motion: 'resale', tier: 'silver' })).toBe(60);
    expect(protectionDays(settings, { motion: 'referral', tier: 'gold' })).toBe(120);
    expect(protectionDays(settings, { motion: 'marketplace', tier: 'gold' })).toBe(120); // the longer one
    expect(protectionDays(settings, { motion: 'marketplace', tier: null })).toBe(45);
    expect(protectionDays(settings, { motion: null, tier: null })).toBe(90);
  });

  it('gives the approver’s choice within 30–365 days', () => {
    expect(protectionDays(settings, { motion: 'resale', tier: 'gold' }, 45)).toBe(45);
    expect(protectionDays(settings, { motion: 'resale', tier: 'gold' }, null)).toBe(75);
    expect(() => protectionDays(S, { motion: null, tier: null }, 20)).toThrow(RangeError);
    expect(() => protectionDays(S, { motion: null, tier: null }, 400)).toThrow(RangeError);
    expect(protectionDaysSchema.safeParse(20).error?.issues[0].message).toBe('must be at least 30 days');
    expect(protectionDaysSchema.safeParse(90.5).error?.issues[0].message).toBe('must be a whole number of days from 30 to 365');
  });
});

describe('protection window', () => {
  it('ends at the end of the 90th local day after the approval', () => {
    const approved = at('2026-01-10 14:37');
    const expires = protectionExpiresAt(approved, 90, TZ);
    expect(wall(expires)).toBe('2026-04-11 00:00');
    expect(expires.toISOString()).toBe('2026-04-10T22:00:00.000Z'); // summer time by then
    expect(lastProtectedDay(expires, TZ)).toBe('2026-04-10');
  });

  it('counts days of the workspace’s zone, not of UTC', () => {
    // 23:30 UTC on 31 March is already 1 April in Berlin, still 31 March in New York.
    const approved = new Date('2026-03-31T23:30:00Z');
    expect(lastProtectedDay(protectionExpiresAt(approved, 30, TZ), TZ)).toBe('2026-05-01');
    expect(lastProtectedDay(protectionExpiresAt(approved, 30, 'America/New_York'), 'America/New_York')).toBe('2026-04-30');
  });

  it('keeps midnight as the end across the autumn DST switch', () => {
    const expires = protectionExpiresAt(at('2026-08-01 10:00'), 90, TZ);
    expect(expires.toISOString()).toBe('2026-10-30T23:00:00.000Z');
    expect(wall(expires)).toBe('2026-10-31 00:00');
  });

  it('reminds on the morning seven days before the last protected day', () => {
    const w = protectionWindow(at('2026-01-10 14:37'), { motion: 'resale', tier: null }, S, cal);
    expect(w).toMatchObject({ days: 90, lastProtectedDay: '2026-04-10' });
    expect(wall(w.reminderDueAt)).toBe('2026-04-03 09:00');
    expect(w.protectionStartsAt).toEqual(at('2026-01-10 14:37'));
  });

  it('never reminds before the approval', () => {
    const approved = at('2026-05-01 15:00');
    const expires = protectionExpiresAt(approved, 30, TZ);
    // Settings keep the reminder below 30 days; called directly with 30 it would fall on the morning of approval.
    expect(protectionReminderAt(expires, 30, cal, approved)).toEqual(approved);
    expect(wall(protectionReminderAt(expires, 30, cal))).toBe('2026-05-01 09:00');
    expect(wall(protectionReminderAt(expires, 29, cal, approved))).toBe('2026-05-02 09:00');
  });

  it('extends by whole days from the last protected day', () => {
    const expires = protectionExpiresAt(at('2026-01-10 14:37'), 90, TZ);
    const extended = extendedExpiry(expires, 30, TZ);
    expect(lastProtectedDay(extended, TZ)).toBe('2026-05-10');
    expect(wall(extended)).toBe('2026-05-11 00:00');
    expect(() => extendedExpiry(expires, 0, TZ)).toThrow(RangeError);
  });

  it('protects exactly N local days whatever the hour and zone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.integer({ min: 30, max: 365 }),
        fc.constantFrom('Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata'),
        (t, days, tz) => {
          const approved = new Date(t);
          const expires = protectionExpiresAt(approved, days, tz);
          const start = localDateTime(approved, tz).date;
          expect(lastProtectedDay(expires, tz)).toBe(localDateTime(new Date(+expires - 1), tz).date);
          expect(localDateTime(expires, tz).minutes).toBe(0);
          const span = Math.round((+new Date(`${lastProtectedDay(expires, tz)}T00:00:00Z`) - +new Date(`${start}T00:00:00Z`)) / 86_400_000);
          expect(span).toBe(days);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('protection status', () => {
  const expiresAt = protectionExpiresAt(at('2026-01-10 14:37'), 90, TZ);
  const reminderDueAt = protectionReminderAt(expiresAt, 7, cal);
  const p = { expiresAt, reminderDueAt, releasedAt: null };

  it('counts down local days: active, expiring from the reminder, expired at the end', () => {
    expect(protectionStatus(at('2026-04-01 12:00'), p, TZ)).toEqual({ state: 'active', daysLeft: 10, lastProtectedDay: '2026-04-10' });
    expect(protectionStatus(at('2026-04-03 09:00'), p, TZ).state).toBe('expiring');
    expect(protectionStatus(at('2026-04-10 23:59'), p, TZ)).toMatchObject({ state: 'expiring', daysLeft: 1 });
    expect(protectionStatus(at('2026-04-11 00:00'), p, TZ)).toMatchObject({ state: 'expired', daysLeft: 0 });
  });

  it('reports a released protection as released', () => {
    const released = { ...p, releasedAt: at('2026-02-01 10:00') };
    expect(protectionStatus(at('2026-02-01 10:00'), released, TZ)).toMatchObject({ state: 'released', daysLeft: 0 });
    expect(protectionStatus(at('2026-01-31 10:00'), released, TZ).state).toBe('active');
  });
});

describe('no-touch', () => {
  it('flags a deal after N days without timeline activity', () => {
    const last = new Date('2026-05-01T10:00:00Z');
    expect(noTouchAt(last, 30).toISOString()).toBe('2026-05-31T10:00:00.000Z');
    expect(isNoTouch(last, new Date('2026-05-31T09:59:59Z'), 30)).toBe(false);
    expect(isNoTouch(last, new Date('2026-05-31T10:00:00Z'), 30)).toBe(true);
    expect(isNoTouch(last, new Date('2026-05-08T10:00:00Z'), 7)).toBe(true);
  });
});

describe('extension requests', () => {
  const approvedAt = at('2026-01-10 14:37');
  const expiresAt = protectionExpiresAt(approvedAt, 90, TZ); // last day 10 April
  const evidence: ExtensionEvidence[] = [{ kind: 'discovery_booked', occurredAt: at('2026-03-20 11:00') }];
  const base = {
    now: at('2026-03-25 10:00'),
    protection: { approvedAt, expiresAt, releasedAt: null },
    history: [],
    evidence,
    settings: S,
    timeZone: TZ,
  };

  it('grants 30 more days on evidence of progress in the last 30 days', () => {
    const v = canRequestExtension(base);
    expect(v).toEqual({ ok: true, grantDays: 30, newExpiresAt: extendedExpiry(expiresAt, 30, TZ) });
    if (v.ok) expect(lastProtectedDay(v.newExpiresAt, TZ)).toBe('2026-05-10');
  });

  it('refuses too early and says when requests open', () => {
    const v = canRequestExtension({ ...base, now: at('2026-03-11 23:59') });
    expect(v).toMatchObject({ ok: false, reason: 'too_early' });
    if (!v.ok) expect(wall(v.opensAt!)).toBe('2026-03-12 00:00'); // the last 30 days: 12 March – 10 April
    expect(
      canRequestExtension({ ...base, now: at('2026-03-12 00:00'), evidence: [{ kind: 'meeting_held', occurredAt: at('2026-03-11 10:00') }] }).ok,
    ).toBe(true);
    expect(
      canRequestExtension({
        ...base,
        now: at('2026-01-20 10:00'),
        settings: { ...S, extension: { ...S.extension, opensDaysBeforeExpiry: null } },
        evidence: [{ kind: 'stage_advanced', occurredAt: at('2026-01-19 10:00') }],
      }).ok,
    ).toBe(true);
  });

  it('refuses after expiry or release, and while a request is pending', () => {
    expect(canRequestExtension({ ...base, now: expiresAt })).toMatchObject({ ok: false, reason: 'expired' });
    expect(canRequestExtension({ ...base, protection: { ...base.protection, releasedAt: at('2026-03-01 10:00') } })).toMatchObject({
      ok: false,
      reason: 'released',
    });
    expect(canRequestExtension({ ...base, history: [{ status: 'pending', decidedAt: null, grantedDays: null }] })).toMatchObject({
      ok: false,
      reason: 'request_pending',
    });
  });

  it('stops at the maximum number of extensions and the maximum total, granting what is left', () => {
    const once = { status: 'granted' as const, decidedAt: at('2026-03-01 10:00'), grantedDays: 30 };
    expect(canRequestExtension({ ...base, history: [once, once] })).toMatchObject({
      ok: false,
      reason: 'max_extensions_reached',
      message: 'at most 2 extensions per registration',
    });
    const capped = { ...S, extension: { ...S.extension, maxExtensions: 3, maxTotalDays: 45 } };
    expect(canRequestExtension({ ...base, settings: capped, history: [once] })).toMatchObject({ ok: true, grantDays: 15 });
    expect(
      canRequestExtension({ ...base, settings: { ...capped, extension: { ...capped.extension, maxTotalDays: 30 } }, history: [once] }),
    ).toMatchObject({
      ok: false,
      reason: 'max_total_days_reached',
    });
    expect(canRequestExtension({ ...base, settings: { ...S, extension: { ...S.extension, maxExtensions: 0 } } })).toMatchObject({
      ok: false,
      message: 'at most 0 extensions per registration',
    });
  });

  it('requires evidence of progress made since the current period began', () => {
    expect(canRequestExtension({ ...base, evidence: [] })).toMatchObject({ ok: false, reason: 'evidence_required' });
    expect(canRequestExtension({ ...base, evidence: [{ kind: 'other', occurredAt: at('2026-03-20 11:00'), note: '  ' }] })).toMatchObject({
      ok: false,
      reason: 'evidence_note_missing',
    });
    expect(canRequestExtension({ ...base, evidence: [{ kind: 'meeting_held', occurredAt: at('2026-03-26 11:00') }] })).toMatchObject({
      ok: false,
      reason: 'evidence_in_future',
    });
    expect(canRequestExtension({ ...base, evidence: [{ kind: 'meeting_held', occurredAt: at('2026-01-05 11:00') }] })).toMatchObject({
      ok: false,
      reason: 'evidence_outdated',
    });
    // After an extension, only progress since that extension counts.
    const extended = { ...base, protection: { ...base.protection, expiresAt: extendedExpiry(expiresAt, 30, TZ) }, now: at('2026-04-20 10:00') };
    const history = [{ status: 'granted' as const, decidedAt: at('2026-04-01 10:00'), grantedDays: 30 }];
    expect(canRequestExtension({ ...extended, history })).toMatchObject({ ok: false, reason: 'evidence_outdated' });
    expect(
      canRequestExtension({
        ...extended,
        history,
        evidence: [{ kind: 'other', occurredAt: at('2026-04-15 09:00'), note: 'security review passed' }],
      }),
    ).toMatchObject({ ok: true, grantDays: 30 });
    expect(canRequestExtension({ ...base, evidence: [], settings: { ...S, extension: { ...S.extension, requireEvidence: false } } }).ok).toBe(true);
  });

  it('validates evidence sent by the API', () => {
    expect(extensionEvidenceSchema.parse({ kind: 'stage_advanced', occurredAt: '2026-03-20T10:00:00+01:00' }).occurredAt.toISOString()).toBe(
      '2026-03-20T09:00:00.000Z',
    );
    const bad = extensionEvidenceSchema.safeParse({ kind: 'lunch', occurredAt: 'yesterday' });
    expect(Object.fromEntries((bad.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]))).toEqual({
      kind: 'must be one of discovery_booked, stage_advanced, meeting_held, other',
      occurredAt: 'must be a date-time such as 2026-05-04T10:00:00Z',
    });
    expect(extensionEvidenceSchema.safeParse({ kind: 'other', occurredAt: '2026-03-20T10:00:00Z' }).error?.issues).toEqual([
      expect.objectContaining({ path: ['note'], message: 'say what progress was made' }),
    ]);
  });
});

describe('protection settings', () => {
  it('fills every default', () => {
    expect(protectionSettingsSchema.parse({})).toEqual(S);
  });

  it('names wrong fields', () => {
    const bad = protectionSettingsSchema.safeParse({
      defaultDays: 14,
      overrides: [{ motion: 'resale', days: 60 }, { days: 100 }, { motion: 'resale', days: 70 }, { motion: 'door-to-door', days: 60 }],
      reminderDaysBefore: 30,
      extension: { days: 30, maxExtensions: 11 },
    });
    expect(Object.fromEntries((bad.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]))).toEqual({
      defaultDays: 'must be at least 30 days',
      'overrides.1': 'give a motion, a tier or both',
      'overrides.3.motion': 'must be one of referral, resale, marketplace, services, technology',
      reminderDaysBefore: 'must be at most 29 days',
      'extension.maxExtensions': 'must be at most 10 extensions',
    });
    const dup = protectionSettingsSchema.safeParse({
      overrides: [
        { motion: 'resale', days: 60 },
        { motion: 'resale', days: 70 },
      ],
    });
    expect(dup.error?.issues).toEqual([expect.objectContaining({ path: ['overrides', 1], message: 'repeats override 1 (same motion and tier)' })]);
  });
});
