import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addBusinessHours,
  type BusinessCalendar,
  businessCalendar,
  businessCalendarSchema,
  businessHoursBetween,
  businessHoursPerDay,
  isBusinessDay,
  isBusinessTime,
  nextBusinessStart,
} from './business-hours.rules.ts';
import { holidayDates } from './holidays.rules.ts';
import { localDateTime, parseClockTime, zonedTimeToUtc } from './zoned-time.ts';

const berlin = businessCalendar({ timeZone: 'Europe/Berlin' });
const nrw = businessCalendar({ timeZone: 'Europe/Berlin', holidays: ['DE-NW'] });
const newYork = businessCalendar({ timeZone: 'America/New_York', holidays: ['US'] });

/** An instant given as wall-clock time of the calendar's zone: `at(berlin, '2026-03-27 16:00')`. */
const at = (cal: BusinessCalendar, text: string) => {
  const [date, time] = text.split(' ');
  return new Date(zonedTimeToUtc(date, parseClockTime(time), cal.timeZone));
};
/** The wall-clock time of an instant in the calendar's zone, minutes precision. */
const wall = (cal: BusinessCalendar, d: Date) => localDateTime(d, cal.timeZone).text;

describe('business days', () => {
  it('skips weekends and holidays', () => {
    expect(isBusinessDay('2026-03-27', berlin)).toBe(true); // Friday
    expect(isBusinessDay('2026-03-28', berlin)).toBe(false); // Saturday
    expect(isBusinessDay('2026-04-03', berlin)).toBe(true); // Good Friday, but no holiday region chosen
    expect(isBusinessDay('2026-04-03', nrw)).toBe(false);
    expect(isBusinessDay('2026-06-04', nrw)).toBe(false); // Corpus Christi in NRW
    expect(isBusinessDay('2026-06-04', businessCalendar({ timeZone: 'Europe/Berlin', holidays: ['DE-BE'] }))).toBe(true);
  });

  it('honours custom working weeks and closing days', () => {
    const sixDays = businessCalendar({ timeZone: 'Asia/Dubai', workdays: [1, 2, 3, 4, 5, 6] });
    expect(isBusinessDay('2026-03-28', sixDays)).toBe(true);
    const closed = businessCalendar({ timeZone: 'Europe/Berlin', extraHolidays: ['12-24', '12-31', '2026-05-15'] });
    expect(isBusinessDay('2026-12-24', closed)).toBe(false);
    expect(isBusinessDay('2027-12-31', closed)).toBe(false);
    expect(isBusinessDay('2026-05-15', closed)).toBe(false);
    expect(isBusinessDay('2027-05-14', closed)).toBe(true);
  });
});

describe('isBusinessTime and nextBusinessStart', () => {
  it('opens at 09:00 inclusive and closes at 17:00 exclusive', () => {
    expect(isBusinessTime(at(berlin, '2026-03-27 09:00'), berlin)).toBe(true);
    expect(isBusinessTime(new Date(+at(berlin, '2026-03-27 17:00') - 1), berlin)).toBe(true);
    expect(isBusinessTime(at(berlin, '2026-03-27 17:00'), berlin)).toBe(false);
    expect(isBusinessTime(at(berlin, '2026-03-27 08:59'), berlin)).toBe(false);
    expect(isBusinessTime(at(berlin, '2026-03-28 12:00'), berlin)).toBe(false);
  });

  it('returns business instants unchanged and moves others to the next opening', () => {
    const inside = at(berlin, '2026-03-27 11:11');
    expect(nextBusinessStart(inside, berlin)).toEqual(inside);
    expect(wall(berlin, nextBusinessStart(at(berlin, '2026-03-27 17:00'), berlin))).toBe('2026-03-30 09:00');
    expect(wall(berlin, nextBusinessStart(at(berlin, '2026-03-30 06:00'), berlin))).toBe('2026-03-30 09:00');
    expect(wall(nrw, nextBusinessStart(at(nrw, '2026-04-02 18:00'), nrw))).toBe('2026-04-07 09:00'); // over Easter
  });
});

describe('addBusinessHours', () => {
  it('adds 48 business hours from Friday 16:00: one hour on Friday, then six more days', () => {
    // 1 h Friday + 5 × 8 h next week = 41 h; 7 h more on the Monday after.
    expect(wall(berlin, addBusinessHours(at(berlin, '2026-06-05 16:00'), 48, berlin))).toBe('2026-06-15 16:00');
  });

  it('counts across the spring DST switch in Berlin (last Sunday in March) and Easter in NRW', () => {
    const due = addBusinessHours(at(nrw, '2026-03-27 16:00'), 48, nrw);
    expect(wall(nrw, due)).toBe('2026-04-08 16:00'); // Good Friday and Easter Monday skipped
    expect(due.toISOString()).toBe('2026-04-08T14:00:00.000Z'); // CEST, UTC+2
    expect(at(nrw, '2026-03-27 16:00').toISOString()).toBe('2026-03-27T15:00:00.000Z'); // CET, UTC+1
  });

  it('counts across the autumn DST switch in Berlin (last Sunday in October)', () => {
    const due = addBusinessHours(at(berlin, '2026-10-23 16:00'), 2, berlin);
    expect(wall(berlin, due)).toBe('2026-10-26 10:00');
    expect(due.toISOString()).toBe('2026-10-26T09:00:00.000Z');
    expect(businessHoursBetween(at(berlin, '2026-10-23 09:00'), at(berlin, '2026-10-26 17:00'), berlin)).toBe(16);
  });

  it('counts across the American switches (second Sunday in March, first in November)', () => {
    expect(wall(newYork, addBusinessHours(at(newYork, '2026-03-06 16:00'), 2, newYork))).toBe('2026-03-09 10:00');
    expect(addBusinessHours(at(newYork, '2026-03-06 16:00'), 2, newYork).toISOString()).toBe('2026-03-09T14:00:00.000Z');
    expect(wall(newYork, addBusinessHours(at(newYork, '2026-10-30 16:30'), 1, newYork))).toBe('2026-11-02 09:30');
    // Thanksgiving is skipped; the Friday after it is a working day for the federal calendar.
    expect(wall(newYork, addBusinessHours(at(newYork, '2026-11-25 16:00'), 2, newYork))).toBe('2026-11-27 10:00');
  });

  it('runs a deadline over Christmas and New Year', () => {
    const closed = businessCalendar({ timeZone: 'Europe/Berlin', holidays: ['DE-NW'], extraHolidays: ['12-24', '12-31'] });
    // Wed 23 Dec 15:00: 2 h; 24–27 closed; 28–30 Dec 24 h; 31 Dec – 3 Jan closed; 4–5 Jan 16 h; 6 Jan 6 h.
    expect(wall(closed, addBusinessHours(at(closed, '2026-12-23 15:00'), 48, closed))).toBe('2027-01-06 15:00');
    // Without the custom closing days 24 and 31 December are worked: 2 + 8 + 32 h, then 6 h on 4 January.
    expect(wall(nrw, addBusinessHours(at(nrw, '2026-12-23 15:00'), 48, nrw))).toBe('2027-01-04 15:00');
    expect(businessHoursBetween(at(closed, '2026-12-23 15:00'), at(closed, '2027-01-06 15:00'), closed)).toBe(48);
  });

  it('starts counting at the next opening when started outside business hours', () => {
    expect(wall(berlin, addBusinessHours(at(berlin, '2026-03-28 10:00'), 1, berlin))).toBe('2026-03-30 10:00'); // Saturday
    expect(wall(berlin, addBusinessHours(at(berlin, '2026-03-31 07:00'), 1, berlin))).toBe('2026-03-31 10:00'); // early
    expect(wall(berlin, addBusinessHours(at(berlin, '2026-03-31 20:00'), 1, berlin))).toBe('2026-04-01 10:00'); // late
  });

  it('adds fractional hours to the millisecond', () => {
    expect(wall(berlin, addBusinessHours(at(berlin, '2026-03-31 16:00'), 1.5, berlin))).toBe('2026-04-01 09:30');
    expect(+addBusinessHours(at(berlin, '2026-03-31 10:00'), 0.25, berlin) - +at(berlin, '2026-03-31 10:00')).toBe(900_000);
    expect(+addBusinessHours(at(berlin, '2026-03-31 10:00'), 1 / 3, berlin) - +at(berlin, '2026-03-31 10:00')).toBe(1_200_000);
  });

  it('ends a deadline that uses up a day at its closing time, not the next opening', () => {
    expect(wall(berlin, addBusinessHours(at(berlin, '2026-03-31 09:00'), 8, berlin))).toBe('2026-03-31 17:00');
    expect(wall(berlin, addBusinessHours(at(berlin, '2026-03-27 16:00'), 1, berlin))).toBe('2026-03-27 17:00');
  });

  it('returns the start for zero hours and counts back for negative hours', () => {
    const saturday = at(berlin, '2026-03-28 10:00');
    expect(addBusinessHours(saturday, 0, berlin)).toEqual(saturday);
    expect(wall(berlin, addBusinessHours(at(berlin, '2026-03-30 10:00'), -2, berlin))).toBe('2026-03-27 16:00');
    expect(wall(berlin, addBusinessHours(at(berlin, '2026-03-30 10:00'), -1, berlin))).toBe('2026-03-30 09:00');
    expect(() => addBusinessHours(saturday, Number.NaN, berlin)).toThrow(RangeError);
  });

  it('counts the real length of a business window that spans a DST switch', () => {
    // Open 01:00–04:00 on Sundays only: on the spring day two hours pass, on the autumn day four.
    const night = businessCalendar({ timeZone: 'Europe/Berlin', workdays: [7], dayStart: '01:00', dayEnd: '04:00' });
    expect(businessHoursBetween(at(night, '2026-03-29 00:00'), at(night, '2026-03-29 12:00'), night)).toBe(2);
    expect(businessHoursBetween(at(night, '2026-10-25 00:00'), at(night, '2026-10-25 12:00'), night)).toBe(4);
    expect(wall(night, addBusinessHours(at(night, '2026-03-29 00:00'), 2, night))).toBe('2026-03-29 04:00');
    // Around the clock, every day: business hours are elapsed hours (23 on the spring day).
    const always = businessCalendar({ timeZone: 'Europe/Berlin', workdays: [1, 2, 3, 4, 5, 6, 7], dayStart: '00:00', dayEnd: '24:00' });
    expect(businessHoursBetween(at(always, '2026-03-29 00:00'), at(always, '2026-03-30 00:00'), always)).toBe(23);
    expect(businessHoursBetween(at(always, '2026-10-25 00:00'), at(always, '2026-10-26 00:00'), always)).toBe(25);
  });

  it('works in zones with half-hour offsets and southern-hemisphere DST', () => {
    const sydney = businessCalendar({ timeZone: 'Australia/Sydney' });
    // Sydney leaves DST on the first Sunday of April (5 April 2026).
    expect(wall(sydney, addBusinessHours(at(sydney, '2026-04-03 16:00'), 2, sydney))).toBe('2026-04-06 10:00');
    const kolkata = businessCalendar({ timeZone: 'Asia/Kolkata' });
    expect(addBusinessHours(at(kolkata, '2026-03-31 16:00'), 1, kolkata).toISOString()).toBe('2026-03-31T11:30:00.000Z');
  });

  it('refuses a calendar without working days', () => {
    expect(() => addBusinessHours(new Date(), 1, businessCalendar({ timeZone: 'Europe/Berlin', workdays: [] }))).toThrow(RangeError);
    expect(() => isBusinessTime(new Date(), businessCalendar({ timeZone: 'Europe/Berlin', dayStart: '17:00', dayEnd: '09:00' }))).toThrow(
      /start before the end/,
    );
  });
});

describe('businessHoursBetween', () => {
  it('counts only business time and is negative backwards', () => {
    const [a, b] = [at(berlin, '2026-03-27 16:00'), at(berlin, '2026-03-30 10:30')];
    expect(businessHoursBetween(a, b, berlin)).toBe(2.5);
    expect(businessHoursBetween(b, a, berlin)).toBe(-2.5);
    expect(businessHoursBetween(a, a, berlin)).toBe(0);
    expect(businessHoursBetween(at(berlin, '2026-03-28 08:00'), at(berlin, '2026-03-29 20:00'), berlin)).toBe(0);
  });

  it('knows a day is eight business hours by default', () => {
    expect(businessHoursPerDay(berlin)).toBe(8);
    expect(businessHoursPerDay(businessCalendar({ timeZone: 'UTC', dayStart: '08:30', dayEnd: '18:00' }))).toBe(9.5);
  });
});

describe('addBusinessDays', () => {
  it('keeps the time of day and skips weekends and holidays', () => {
    expect(wall(berlin, addBusinessDays(at(berlin, '2026-03-31 14:00'), 5, berlin))).toBe('2026-04-07 14:00');
    expect(wall(nrw, addBusinessDays(at(nrw, '2026-03-31 14:00'), 5, nrw))).toBe('2026-04-09 14:00'); // Easter
    expect(wall(berlin, addBusinessDays(at(berlin, '2026-03-27 14:00'), 1, berlin))).toBe('2026-03-30 14:00'); // over DST
  });

  it('ends at the close of the fifth business day when started outside business hours', () => {
    expect(wall(berlin, addBusinessDays(at(berlin, '2026-03-28 10:00'), 5, berlin))).toBe('2026-04-03 17:00'); // Saturday
    expect(wall(berlin, addBusinessDays(at(berlin, '2026-03-31 07:00'), 1, berlin))).toBe('2026-03-31 17:00'); // early
    expect(wall(berlin, addBusinessDays(at(berlin, '2026-03-31 19:00'), 1, berlin))).toBe('2026-04-01 17:00'); // late
  });

  it('counts back for negative days and refuses fractions', () => {
    expect(wall(berlin, addBusinessDays(at(berlin, '2026-04-07 14:00'), -5, berlin))).toBe('2026-03-31 14:00');
    expect(wall(berlin, addBusinessDays(at(berlin, '2026-03-28 10:00'), -1, berlin))).toBe('2026-03-26 17:00');
    expect(addBusinessDays(at(berlin, '2026-03-28 10:00'), 0, berlin)).toEqual(at(berlin, '2026-03-28 10:00'));
    expect(() => addBusinessDays(new Date(), 1.5, berlin)).toThrow(RangeError);
  });
});

describe('the calendar settings schema', () => {
  it('fills defaults around the time zone', () => {
    expect(businessCalendarSchema.parse({ timeZone: 'Europe/Berlin' })).toEqual(businessCalendar({ timeZone: 'Europe/Berlin' }));
  });

  it('names the field that is wrong', () => {
    const bad = businessCalendarSchema.safeParse({
      timeZone: 'Europe/Atlantis',
      workdays: [1, 1, 8],
      dayStart: '9am',
      holidays: ['DE-XX'],
      extraHolidays: ['2026-02-30'],
    });
    const issues = Object.fromEntries((bad.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
    expect(issues.timeZone).toBe('must be an IANA time zone such as Europe/Berlin');
    expect(issues['workdays.2']).toBe('must be a weekday from 1 (Monday) to 7 (Sunday)');
    expect(issues.dayStart).toBe('must be a time HH:MM such as 09:00');
    expect(issues['holidays.0']).toContain('must be a holiday region');
    expect(issues['extraHolidays.0']).toBe('2026-02-30 is not a date in the calendar');
    const order = businessCalendarSchema.safeParse({ timeZone: 'UTC', dayStart: '17:00', dayEnd: '09:00' });
    expect(order.error?.issues).toEqual([expect.objectContaining({ path: ['dayEnd'], message: 'must be after dayStart (17:00)' })]);
    expect(businessCalendarSchema.safeParse({ timeZone: 'UTC', workdays: [] }).error?.issues[0].message).toBe('must name at least one working day');
  });
});

// An independent model: walk minute by minute, asking Intl for each minute's local wall time.
function oracleMinutes(cal: BusinessCalendar, from: number, to: number): number {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone: cal.timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
  });
  const [start, end] = [parseClockTime(cal.dayStart), parseClockTime(cal.dayEnd)];
  const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  let n = 0;
  for (let t = from; t < to; t += 60_000) {
    const p = Object.fromEntries(f.formatToParts(t).map((x) => [x.type, x.value]));
    const date = `${p.year}-${p.month}-${p.day}`;
    const minute = Number(p.hour) * 60 + Number(p.minute);
    const workday = cal.workdays.includes((weekdays.indexOf(p.weekday) + 1) as never);
    if (workday && !holidayDates(cal.holidays, Number(p.year)).has(date) && minute >= start && minute < end) n++;
  }
  return n;
}

describe('properties', () => {
  const calendars: BusinessCalendar[] = [
    nrw,
    newYork,
    businessCalendar({ timeZone: 'Australia/Sydney', dayStart: '08:30', dayEnd: '18:00' }),
    businessCalendar({ timeZone: 'Asia/Kolkata', workdays: [1, 2, 3, 4, 5, 6] }),
    businessCalendar({ timeZone: 'Europe/Berlin', workdays: [6, 7], dayStart: '00:00', dayEnd: '24:00', holidays: ['DE-BY'] }),
    businessCalendar({ timeZone: 'America/New_York', workdays: [7], dayStart: '01:00', dayEnd: '03:30' }),
  ];
  const instant = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2031, 0, 1) }).map((t) => new Date(t));
  const minutes = fc.integer({ min: 1, max: 200 * 60 });

  it('measures back exactly the business hours it added', () => {
    fc.assert(
      fc.property(fc.constantFrom(...calendars), instant, minutes, (cal, start, m) => {
        const due = addBusinessHours(start, m / 60, cal);
        expect(businessHoursBetween(start, due, cal)).toBeCloseTo(m / 60, 9);
        expect(+due).toBeGreaterThan(+start);
      }),
      { numRuns: 300 },
    );
  });

  it('adds in steps the same as at once, and counts back to the next opening', () => {
    fc.assert(
      fc.property(fc.constantFrom(...calendars), instant, minutes, minutes, (cal, start, a, b) => {
        const once = addBusinessHours(start, (a + b) / 60, cal);
        expect(addBusinessHours(addBusinessHours(start, a / 60, cal), b / 60, cal)).toEqual(once);
        expect(addBusinessHours(once, -(a + b) / 60, cal)).toEqual(nextBusinessStart(start, cal));
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with a minute-by-minute count of local wall-clock time, DST days included', () => {
    const nearSwitch = fc.constantFrom(
      Date.UTC(2026, 2, 26),
      Date.UTC(2026, 9, 22),
      Date.UTC(2026, 2, 6),
      Date.UTC(2026, 9, 29),
      Date.UTC(2026, 3, 2),
      Date.UTC(2026, 11, 22),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...calendars),
        nearSwitch,
        fc.integer({ min: 0, max: 4 * 1440 }),
        fc.integer({ min: 0, max: 4 * 1440 }),
        (cal, base, x, y) => {
          const [a, b] = [base + Math.min(x, y) * 60_000, base + Math.max(x, y) * 60_000];
          expect(businessHoursBetween(new Date(a), new Date(b), cal) * 60).toBeCloseTo(oracleMinutes(cal, a, b), 6);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('lands business-day additions on business time and keeps them reversible', () => {
    fc.assert(
      // Calendars whose windows never span a DST switch: there every business day has the same length.
      fc.property(fc.constantFrom(...calendars.slice(0, 4)), instant, fc.integer({ min: 1, max: 30 }), (cal, start, n) => {
        const due = addBusinessDays(start, n, cal);
        const back = addBusinessDays(due, -n, cal);
        // Back lands on the same point of business time as the start (possibly a closing time standing for the next opening).
        expect(businessHoursBetween(start, back, cal)).toBeCloseTo(0, 9);
        expect(businessHoursBetween(start, due, cal)).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });
});
