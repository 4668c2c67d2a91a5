import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BusinessCalendar, businessCalendar } from './business-hours.rules.ts';
import {
  addDuration,
  DEFAULT_SLA_POLICIES,
  formatDuration,
  nextSlaAction,
  SLA_KINDS,
  type SlaPolicies,
  slaDeadline,
  slaStatus,
  slaTimers,
  wasSlaMet,
} from './sla.rules.ts';
import { resolveSlaPolicies, slaSettingsSchema } from './sla.schemas.ts';
import { localDateTime, parseClockTime, zonedTimeToUtc } from './zoned-time.ts';

const bavaria = businessCalendar({ timeZone: 'Europe/Berlin', holidays: ['DE-BY'] });
const nrw = businessCalendar({ timeZone: 'Europe/Berlin', holidays: ['DE-NW'] });
const at = (cal: BusinessCalendar, text: string) => {
  const [date, time] = text.split(' ');
  return new Date(zonedTimeToUtc(date, parseClockTime(time), cal.timeZone));
};
const wall = (cal: BusinessCalendar, d: Date | null) => (d ? localDateTime(d, cal.timeZone).text : null);
const P = DEFAULT_SLA_POLICIES;

describe('default SLA deadlines', () => {
  it('decides a registration within 48 business hours, reminds at 36 and escalates on breach', () => {
    const t = slaTimers('registration_decision', at(bavaria, '2026-06-05 16:00'), P, bavaria);
    expect(wall(bavaria, t.dueAt)).toBe('2026-06-15 16:00');
    expect(wall(bavaria, t.reminderDueAt)).toBe('2026-06-12 12:00'); // 1 + 4 × 8 + 3 business hours
    expect(t.escalationDueAt).toEqual(t.dueAt);
  });

  it('acknowledges a conflict within 24 elapsed hours, weekend or not', () => {
    const t = slaTimers('conflict_acknowledgement', at(bavaria, '2026-06-05 16:00'), P, bavaria);
    expect(wall(bavaria, t.dueAt)).toBe('2026-06-06 16:00');
    expect(wall(bavaria, t.reminderDueAt)).toBe('2026-06-06 10:00');
  });

  it('counts elapsed hours across the DST switch as real hours', () => {
    const t = slaTimers('referral_opportunity', at(bavaria, '2026-03-28 12:00'), P, bavaria);
    expect(wall(bavaria, t.dueAt)).toBe('2026-03-29 13:00'); // 24 real hours: the clock jumped ahead
  });

  it('wants a resolution plan within 5 business days, over Easter', () => {
    const t = slaTimers('conflict_resolution_plan', at(nrw, '2026-03-31 14:00'), P, nrw);
    expect(wall(nrw, t.dueAt)).toBe('2026-04-09 14:00');
    expect(wall(nrw, t.reminderDueAt)).toBe('2026-04-08 12:00'); // 30 of 40 business hours
  });

  it('decides an appeal within 5 business days, after a 14-day appeal window', () => {
    const rejected = at(bavaria, '2026-07-01 10:00');
    const window = slaTimers('appeal_window', rejected, P, bavaria);
    expect(wall(bavaria, window.dueAt)).toBe('2026-07-15 10:00');
    expect(window.reminderDueAt).toBeNull();
    expect(window.escalationDueAt).toBeNull();
    expect(wall(bavaria, slaDeadline('appeal_decision', rejected, P, bavaria))).toBe('2026-07-08 10:00');
  });

  it('confirms renewal ownership 90 days before the renewal, reminding 30 days before that', () => {
    const renewal = at(bavaria, '2027-03-31 00:00');
    const t = slaTimers('renewal_ownership_confirmation', renewal, P, bavaria);
    expect(wall(bavaria, t.dueAt)).toBe('2026-12-31 00:00'); // local days: midnight stays midnight across DST
    expect(wall(bavaria, t.reminderDueAt)).toBe('2026-12-01 00:00');
    expect(t.escalationDueAt).toEqual(t.dueAt);
  });

  it('flags opportunity notes not updated in a week, reminding a day before', () => {
    const t = slaTimers('opportunity_notes', at(bavaria, '2026-10-20 11:00'), P, bavaria);
    expect(wall(bavaria, t.dueAt)).toBe('2026-10-27 11:00');
    expect(wall(bavaria, t.reminderDueAt)).toBe('2026-10-26 11:00');
    expect(t.escalationDueAt).toBeNull();
  });

  it('moves a reminder that would come before the start to the start', () => {
    const policies: SlaPolicies = { ...P, meeting_follow_up: { ...P.meeting_follow_up, reminder: { before: { amount: 2, unit: 'days' } } } };
    const start = at(bavaria, '2026-06-01 10:00');
    expect(slaTimers('meeting_follow_up', start, policies, bavaria).reminderDueAt).toEqual(start);
  });

  it('escalates later when the policy grants grace after the breach', () => {
    const policies: SlaPolicies = {
      ...P,
      registration_decision: { ...P.registration_decision, escalation: { afterBreach: { amount: 4, unit: 'business_hours' } } },
    };
    const t = slaTimers('registration_decision', at(bavaria, '2026-06-05 16:00'), policies, bavaria);
    expect(wall(bavaria, t.escalationDueAt)).toBe('2026-06-16 12:00');
  });

  it('refuses a fraction reminder on a deadline counted back from a target', () => {
    const policies: SlaPolicies = { ...P, renewal_ownership_confirmation: { ...P.renewal_ownership_confirmation, reminder: { atFraction: 0.5 } } };
    expect(() => slaTimers('renewal_ownership_confirmation', new Date('2027-01-01'), policies, bavaria)).toThrow(/duration before the deadline/);
  });

  it('adds each unit the way its name says', () => {
    const friday = at(bavaria, '2026-03-27 10:00');
    expect(wall(bavaria, addDuration(friday, { amount: 1, unit: 'days' }, bavaria))).toBe('2026-03-28 10:00');
    expect(wall(bavaria, addDuration(friday, { amount: 3, unit: 'days' }, bavaria))).toBe('2026-03-30 10:00');
    expect(wall(bavaria, addDuration(friday, { amount: 72, unit: 'hours' }, bavaria))).toBe('2026-03-30 11:00');
    expect(wall(bavaria, addDuration(friday, { amount: 1, unit: 'business_days' }, bavaria))).toBe('2026-03-30 10:00');
    expect(wall(bavaria, addDuration(friday, { amount: 8, unit: 'business_hours' }, bavaria))).toBe('2026-03-30 10:00');
    expect(() => addDuration(friday, { amount: 1.5, unit: 'days' }, bavaria)).toThrow(RangeError);
    expect(() => addDuration(friday, { amount: -1, unit: 'hours' }, bavaria)).toThrow(RangeError);
  });
});

describe('slaStatus', () => {
  const start = at(bavaria, '2026-06-05 16:00');
  const timer = { startedAt: start, ...slaTimers('registration_decision', start, P, bavaria) };

  it('is on track with the business hours left for the countdown', () => {
    const s = slaStatus(at(bavaria, '2026-06-08 10:00'), timer, P.registration_decision, bavaria);
    expect(s).toEqual({ state: 'on_track', clock: 'business', remainingHours: 46, remainingBusinessHours: 46, elapsedFraction: 2 / 48 });
  });

  it('does not count down over the weekend', () => {
    const friday = slaStatus(at(bavaria, '2026-06-05 17:00'), timer, P.registration_decision, bavaria);
    const monday = slaStatus(at(bavaria, '2026-06-08 09:00'), timer, P.registration_decision, bavaria);
    expect(friday.remainingHours).toBe(47);
    expect(monday.remainingHours).toBe(47);
  });

  it('is at risk from the reminder and breached from the deadline, with the overdue hours', () => {
    expect(slaStatus(at(bavaria, '2026-06-12 11:59'), timer, P.registration_decision, bavaria).state).toBe('on_track');
    expect(slaStatus(at(bavaria, '2026-06-12 12:00'), timer, P.registration_decision, bavaria).state).toBe('at_risk');
    const late = slaStatus(at(bavaria, '2026-06-16 10:00'), timer, P.registration_decision, bavaria);
    expect(late).toMatchObject({ state: 'breached', remainingHours: -2, remainingBusinessHours: -2 });
    expect(late.elapsedFraction).toBeCloseTo(50 / 48, 12);
  });

  it('counts elapsed hours for an SLA on the elapsed clock', () => {
    const ackStart = at(bavaria, '2026-06-05 16:00');
    const ack = { startedAt: ackStart, ...slaTimers('conflict_acknowledgement', ackStart, P, bavaria) };
    const s = slaStatus(at(bavaria, '2026-06-06 12:00'), ack, P.conflict_acknowledgement, bavaria);
    expect(s).toMatchObject({ state: 'at_risk', clock: 'elapsed', remainingHours: 4, remainingBusinessHours: 0 });
  });

  it('turns amber at three quarters without a reminder, and stays green without a start', () => {
    const noReminder = { startedAt: start, dueAt: timer.dueAt, reminderDueAt: null };
    expect(slaStatus(at(bavaria, '2026-06-12 12:00'), noReminder, P.registration_decision, bavaria).state).toBe('at_risk');
    expect(slaStatus(at(bavaria, '2026-06-12 12:00'), { ...noReminder, startedAt: null }, P.registration_decision, bavaria)).toMatchObject({
      state: 'on_track',
      elapsedFraction: null,
    });
  });
});

describe('nextSlaAction', () => {
  const reminderDueAt = new Date('2026-06-12T10:00:00Z');
  const escalationDueAt = new Date('2026-06-15T14:00:00Z');
  const fresh = { reminderDueAt, escalationDueAt, remindedAt: null, escalatedAt: null, completedAt: null };

  it('reminds first, then escalates, then has nothing left', () => {
    expect(nextSlaAction(fresh, new Date('2026-06-10T00:00:00Z'))).toEqual({ action: 'remind', at: reminderDueAt, isDue: false });
    expect(nextSlaAction(fresh, reminderDueAt)).toEqual({ action: 'remind', at: reminderDueAt, isDue: true });
    const reminded = { ...fresh, remindedAt: reminderDueAt };
    expect(nextSlaAction(reminded, reminderDueAt)).toEqual({ action: 'escalate', at: escalationDueAt, isDue: false });
    expect(nextSlaAction(reminded, escalationDueAt)).toEqual({ action: 'escalate', at: escalationDueAt, isDue: true });
    expect(nextSlaAction({ ...reminded, escalatedAt: escalationDueAt }, escalationDueAt)).toBeNull();
  });

  it('skips a reminder overtaken by a due escalation', () => {
    expect(nextSlaAction(fresh, new Date('2026-06-20T00:00:00Z'))).toEqual({ action: 'escalate', at: escalationDueAt, isDue: true });
  });

  it('does nothing once the SLA is met, and works without a reminder or an escalation', () => {
    expect(nextSlaAction({ ...fresh, completedAt: new Date('2026-06-11T00:00:00Z') }, new Date('2026-06-20T00:00:00Z'))).toBeNull();
    expect(nextSlaAction({ ...fresh, reminderDueAt: null }, new Date('2026-06-10T00:00:00Z'))).toMatchObject({ action: 'escalate', isDue: false });
    expect(nextSlaAction({ ...fresh, escalationDueAt: null }, new Date('2026-06-20T00:00:00Z'))).toMatchObject({ action: 'remind', isDue: true });
    expect(nextSlaAction({ ...fresh, reminderDueAt: null, escalationDueAt: null }, new Date())).toBeNull();
  });

  it('tells met from missed', () => {
    expect(wasSlaMet(escalationDueAt, escalationDueAt)).toBe(true);
    expect(wasSlaMet(escalationDueAt, new Date(+escalationDueAt + 1))).toBe(false);
  });
});

describe('durations in words', () => {
  it('speaks English and German, singular and plural, nominative and dative', () => {
    expect(formatDuration({ amount: 48, unit: 'business_hours' }, 'en')).toBe('48 business hours');
    expect(formatDuration({ amount: 1, unit: 'business_days' }, 'en')).toBe('1 business day');
    expect(formatDuration({ amount: 5, unit: 'business_days' }, 'de')).toBe('5 Arbeitstage');
    expect(formatDuration({ amount: 5, unit: 'business_days' }, 'de', 'dative')).toBe('5 Arbeitstagen');
    expect(formatDuration({ amount: 1.5, unit: 'hours' }, 'de')).toBe('1,5 Stunden');
    expect(formatDuration({ amount: 90, unit: 'days' }, 'de', 'dative')).toBe('90 Tagen');
  });
});

describe('SLA settings', () => {
  const issues = (input: unknown) =>
    Object.fromEntries((slaSettingsSchema.safeParse(input).error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

  it('overrides defaults kind by kind and switches reminders off with null', () => {
    const settings = slaSettingsSchema.parse({
      registration_decision: { duration: { amount: 2, unit: 'business_days' }, reminder: { before: { amount: 4, unit: 'business_hours' } } },
      conflict_acknowledgement: { duration: { amount: 24, unit: 'business_hours' }, reminder: null },
    });
    const policies = resolveSlaPolicies(settings);
    expect(policies.registration_decision).toEqual({
      duration: { amount: 2, unit: 'business_days' },
      reminder: { before: { amount: 4, unit: 'business_hours' } },
      escalation: P.registration_decision.escalation,
    });
    expect(policies.conflict_acknowledgement.reminder).toBeNull();
    expect(policies.appeal_decision).toEqual(P.appeal_decision);
    expect(resolveSlaPolicies(null)).toEqual(P);
    const t = slaTimers('registration_decision', at(bavaria, '2026-06-05 16:00'), policies, bavaria);
    expect(wall(bavaria, t.dueAt)).toBe('2026-06-09 16:00');
    expect(wall(bavaria, t.reminderDueAt)).toBe('2026-06-09 12:00');
  });

  it('names what is wrong, field by field', () => {
    expect(issues({ registration_decision: { duration: { amount: -1, unit: 'business_hours' } } })).toEqual({
      'registration_decision.duration.amount': 'must be more than 0',
    });
    expect(issues({ registration_decision: { duration: { amount: 48, unit: 'weeks' } } })).toEqual({
      'registration_decision.duration.unit': 'must be one of business_hours, business_days, hours, days',
    });
    expect(issues({ appeal_decision: { duration: { amount: 2.5, unit: 'business_days' } } })).toEqual({
      'appeal_decision.duration.amount': 'must be a whole number of business days',
    });
    expect(issues({ registration_decision: { duration: { amount: 4800, unit: 'business_hours' } } })).toEqual({
      'registration_decision.duration.amount': 'must be at most 2000 business hours',
    });
    expect(issues({ registration_decision: { reminder: { atFraction: 1 } } })).toEqual({
      'registration_decision.reminder.atFraction': 'must be less than 1: a reminder at the deadline is the escalation',
    });
    expect(issues({ registration_decision: { reminder: { atFraction: 0.5, before: { amount: 1, unit: 'hours' } } } })).toEqual({
      'registration_decision.reminder': 'give either atFraction (e.g. 0.75) or before (a duration), not both or neither',
    });
    expect(issues({ registration_decision: { escalation: { afterBreach: { amount: -2, unit: 'hours' } } } })).toEqual({
      'registration_decision.escalation.afterBreach.amount': 'must not be negative',
    });
    expect(issues({ meeting_follow_up: { reminder: { before: { amount: 2, unit: 'days' } } } })).toEqual({
      'meeting_follow_up.reminder.before': 'must be shorter than the SLA itself (24 hours)',
    });
    expect(
      issues({ renewal_ownership_confirmation: { reminder: { atFraction: 0.5 } } })['renewal_ownership_confirmation.reminder.atFraction'],
    ).toContain('give reminder.before instead');
    expect(Object.values(issues({ registration_decisions: {} }))[0]).toMatch(/registration_decisions/);
    expect(issues({ registration_decision: { duration: { amount: 0.1234, unit: 'hours' } } })).toEqual({
      'registration_decision.duration.amount': 'must be a whole number of minutes (e.g. 1.5 or 0.25 hours)',
    });
  });
});

describe('properties of every default', () => {
  it('orders start, reminder, deadline and escalation for any start', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SLA_KINDS),
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2031, 0, 1) }),
        fc.constantFrom(bavaria, nrw, businessCalendar({ timeZone: 'America/New_York', holidays: ['US'] })),
        (kind, t, cal) => {
          const start = new Date(t);
          const timers = slaTimers(kind, start, P, cal);
          if (kind === 'renewal_ownership_confirmation') expect(+timers.dueAt).toBeLessThan(+start);
          else expect(+timers.dueAt).toBeGreaterThan(+start);
          if (timers.reminderDueAt) expect(+timers.reminderDueAt).toBeLessThanOrEqual(+timers.dueAt);
          if (timers.reminderDueAt && kind !== 'renewal_ownership_confirmation') expect(+timers.reminderDueAt).toBeGreaterThanOrEqual(+start);
          if (timers.escalationDueAt) expect(+timers.escalationDueAt).toBeGreaterThanOrEqual(+timers.dueAt);
          expect(slaStatus(timers.dueAt, { startedAt: start, ...timers }, P[kind], cal).state).toBe('breached');
        },
      ),
      { numRuns: 300 },
    );
  });
});
