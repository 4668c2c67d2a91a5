import { describe, expect, it } from 'vitest';
import { type BusinessCalendar, businessCalendar } from './business-hours.rules.ts';
import {
  lastDayToConfirm,
  nextRenewalActionAt,
  partnerStakes,
  planningWindow,
  type RenewalProgress,
  renewalConfirmationTimers,
  renewalOwnershipStatus,
  renewalStart,
  renewalStep,
} from './renewal-ownership.rules.ts';
import { DEFAULT_SLA_POLICIES, type SlaPolicies } from './sla.rules.ts';
import { localDateTime, parseClockTime, zonedTimeToUtc } from './zoned-time.ts';

const berlin = businessCalendar({ timeZone: 'Europe/Berlin', holidays: ['DE-BY'] });
const newYork = businessCalendar({ timeZone: 'America/New_York' });
const at = (cal: BusinessCalendar, text: string) => {
  const [date, time] = text.split(' ');
  return new Date(zonedTimeToUtc(date, parseClockTime(time), cal.timeZone));
};
const wall = (cal: BusinessCalendar, d: Date | null) => (d ? localDateTime(d, cal.timeZone).text : null);
const P = DEFAULT_SLA_POLICIES;

describe('partner stakes in an account', () => {
  it.each([
    ['an approved registration (protection now)', [{ partnerId: 'p1', status: 'approved' }], [], [{ partnerId: 'p1', via: ['registration'] }]],
    ['an expired registration (protection before)', [{ partnerId: 'p1', status: 'expired' }], [], [{ partnerId: 'p1', via: ['registration'] }]],
    ['a released registration (ownership already decided)', [{ partnerId: 'p1', status: 'released' }], [], []],
    ['a submitted registration (no claim yet)', [{ partnerId: 'p1', status: 'submitted' }], [], []],
    ['a rejected registration', [{ partnerId: 'p1', status: 'rejected' }], [], []],
    ['a withdrawn registration', [{ partnerId: 'p1', status: 'withdrawn' }], [], []],
    ['a role on an opportunity', [], [{ partnerId: 'p2' }], [{ partnerId: 'p2', via: ['opportunity'] }]],
    [
      'both, for one partner, once',
      [
        { partnerId: 'p1', status: 'approved' },
        { partnerId: 'p1', status: 'expired' },
      ],
      [{ partnerId: 'p1' }, { partnerId: 'p1' }],
      [{ partnerId: 'p1', via: ['registration', 'opportunity'] }],
    ],
    [
      'several partners, ordered by id',
      [{ partnerId: 'p3', status: 'approved' }],
      [{ partnerId: 'p2' }],
      [
        { partnerId: 'p2', via: ['opportunity'] },
        { partnerId: 'p3', via: ['registration'] },
      ],
    ],
    ['nothing', [], [], []],
  ])('counts %s', (_what, registrations, roles, expected) => {
    expect(partnerStakes(registrations, roles)).toEqual(expected);
  });
});

describe('renewal confirmation timers', () => {
  it.each([
    // renewal date, calendar, deadline (90 local days before), reminder (30 days before that)
    ['2027-03-31', berlin, '2026-12-31 00:00', '2026-12-01 00:00'],
    // Across the spring DST switch: midnight stays midnight.
    ['2027-06-30', berlin, '2027-04-01 00:00', '2027-03-02 00:00'],
    // Across the autumn switch, and a leap day.
    ['2028-01-15', berlin, '2027-10-17 00:00', '2027-09-17 00:00'],
    ['2028-05-29', berlin, '2028-02-29 00:00', '2028-01-30 00:00'],
    ['2027-03-31', newYork, '2026-12-31 00:00', '2026-12-01 00:00'],
  ])('renewing on %s: confirm by %s local, reminded on %s', (renewal, cal, due, reminder) => {
    const t = renewalConfirmationTimers(renewal, P, cal);
    expect(wall(cal, t.dueAt)).toBe(due);
    expect(wall(cal, t.reminderDueAt)).toBe(reminder);
    expect(t.escalationDueAt).toEqual(t.dueAt);
  });

  it('follows the workspace policy: a 60-day confirmation with a 2-week reminder and a week of grace', () => {
    const policies: SlaPolicies = {
      ...P,
      renewal_ownership_confirmation: {
        duration: { amount: 60, unit: 'days' },
        reminder: { before: { amount: 14, unit: 'days' } },
        escalation: { afterBreach: { amount: 7, unit: 'days' } },
      },
    };
    const t = renewalConfirmationTimers('2027-03-31', policies, berlin);
    expect(wall(berlin, t.dueAt)).toBe('2027-01-30 00:00');
    expect(wall(berlin, t.reminderDueAt)).toBe('2027-01-16 00:00');
    expect(wall(berlin, t.escalationDueAt)).toBe('2027-02-06 00:00');
  });

  it('starts the renewal day at local midnight in the workspace time zone', () => {
    expect(renewalStart('2027-03-31', 'Europe/Berlin').toISOString()).toBe('2027-03-30T22:00:00.000Z');
    expect(renewalStart('2027-01-31', 'Europe/Berlin').toISOString()).toBe('2027-01-30T23:00:00.000Z');
    expect(renewalStart('2027-03-31', 'America/New_York').toISOString()).toBe('2027-03-31T04:00:00.000Z');
  });

  it('names the last day to confirm: the day before the deadline starts', () => {
    const t = renewalConfirmationTimers('2027-06-30', P, berlin);
    expect(lastDayToConfirm(t.dueAt, 'Europe/Berlin')).toBe('2027-03-31');
    expect(lastDayToConfirm(renewalConfirmationTimers('2027-03-31', P, newYork).dueAt, 'America/New_York')).toBe('2026-12-30');
  });

  it('plans renewals from yesterday to 400 days ahead (UTC days)', () => {
    expect(planningWindow(new Date('2026-12-07T09:30:00Z'))).toEqual({ from: '2026-12-06', until: '2028-01-11' });
    expect(planningWindow(new Date('2027-01-01T00:00:00Z'))).toEqual({ from: '2026-12-31', until: '2028-02-05' });
  });
});

describe('the sweep on a confirmation', () => {
  const t = renewalConfirmationTimers('2027-03-31', P, berlin);
  const open: RenewalProgress = {
    renewalDate: '2027-03-31',
    reminderDueAt: t.reminderDueAt,
    escalationDueAt: t.escalationDueAt,
    remindedAt: null,
    escalatedAt: null,
    confirmedAt: null,
    closedAt: null,
  };
  const account = { renewalDate: '2027-03-31', deleted: false };
  const minute = 60_000;
  const r = +(t.reminderDueAt as Date);
  const e = +(t.escalationDueAt as Date);

  it.each([
    ['before the reminder', open, account, true, r - minute, { kind: 'wait' }],
    ['at the reminder', open, account, true, r, { kind: 'remind' }],
    ['after the reminder was sent', { ...open, remindedAt: new Date(r) }, account, true, r + minute, { kind: 'wait' }],
    ['at the deadline, reminded', { ...open, remindedAt: new Date(r) }, account, true, e, { kind: 'escalate' }],
    ['at the deadline, never reminded (the sweep was down)', open, account, true, e + minute, { kind: 'escalate' }],
    ['after the escalation', { ...open, remindedAt: new Date(r), escalatedAt: new Date(e) }, account, true, e + minute, { kind: 'wait' }],
    ['once confirmed', { ...open, confirmedAt: new Date(r - 5 * minute) }, account, true, e, { kind: 'wait' }],
    ['once closed', { ...open, closedAt: new Date(r) }, account, true, e, { kind: 'wait' }],
    ['when the account was deleted', open, { ...account, deleted: true }, true, r, { kind: 'close', reason: 'account_deleted' }],
    ['when the account is gone', open, null, true, r, { kind: 'close', reason: 'account_deleted' }],
    ['when the renewal date moved', open, { ...account, renewalDate: '2028-03-31' }, true, r, { kind: 'close', reason: 'renewal_date_changed' }],
    ['when the renewal date was removed', open, { ...account, renewalDate: null }, true, r, { kind: 'close', reason: 'renewal_date_changed' }],
    ['when no partner holds a stake any more', open, account, false, r, { kind: 'close', reason: 'no_partner_stake' }],
    ['when the renewal passed', open, account, true, +at(berlin, '2027-03-31 00:00'), { kind: 'close', reason: 'renewal_passed' }],
  ] as const)('%s', (_what, progress, acc, hasStake, now, expected) => {
    expect(renewalStep(new Date(now), progress, acc, hasStake, 'Europe/Berlin')).toEqual(expected);
  });

  it.each([
    ['the reminder, before it', open, r - minute, r],
    ['the escalation, once reminded', { ...open, remindedAt: new Date(r) }, r + minute, e],
    ['the escalation, when it overtook the reminder', open, e + minute, e],
    ['nothing once escalated', { ...open, remindedAt: new Date(r), escalatedAt: new Date(e) }, e + minute, null],
    ['nothing once confirmed', { ...open, confirmedAt: new Date(r) }, r, null],
    ['nothing once closed', { ...open, closedAt: new Date(r) }, r, null],
    ['the escalation without a reminder policy', { ...open, reminderDueAt: null }, r, e],
    ['nothing without reminder and escalation', { ...open, reminderDueAt: null, escalationDueAt: null }, r, null],
  ] as const)('looks again at %s', (_what, progress, now, expected) => {
    const next = nextRenewalActionAt(progress, new Date(now));
    expect(next ? +next : null).toBe(expected);
  });
});

describe('renewal ownership status', () => {
  const t = renewalConfirmationTimers('2027-03-31', P, berlin);
  const base = { renewalDate: '2027-03-31', hasStake: true, confirmedAt: null, dueAt: t.dueAt, reminderDueAt: t.reminderDueAt };
  it.each([
    ['no renewal date', { ...base, renewalDate: null }, '2026-10-01 10:00', 'no_renewal'],
    ['no partner stake', { ...base, hasStake: false }, '2026-10-01 10:00', 'not_needed'],
    ['long before', base, '2026-10-01 10:00', 'on_track'],
    ['in the reminder window', base, '2026-12-01 00:00', 'at_risk'],
    ['on the deadline', base, '2026-12-31 00:00', 'overdue'],
    ['confirmed late', { ...base, confirmedAt: new Date('2027-01-10') }, '2027-01-11 10:00', 'confirmed'],
    ['the renewal day itself', base, '2027-03-31 00:00', 'renewal_passed'],
    ['confirmed, after the renewal', { ...base, confirmedAt: new Date('2027-01-10') }, '2027-04-02 10:00', 'confirmed'],
    ['no stake and the renewal passed', { ...base, hasStake: false }, '2027-04-02 10:00', 'renewal_passed'],
  ] as const)('%s', (_what, s, now, expected) => {
    expect(renewalOwnershipStatus(at(berlin, now), s, 'Europe/Berlin')).toBe(expected);
  });
});
