import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addLocalDays,
  daysBetween,
  isoWeekday,
  isPlainDate,
  isTimeZone,
  localDate,
  localDateTime,
  nthWeekdayOfMonth,
  offsetMs,
  parseClockTime,
  startOfLocalDay,
  zonedTimeToUtc,
} from './zoned-time.ts';

const utc = (iso: string) => new Date(iso).getTime();
const iso = (ms: number) => new Date(ms).toISOString();

describe('calendar dates', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2028-03-01', '2028-02-01')).toBe(-29);
  });

  it('knows real dates from impossible ones', () => {
    expect(isPlainDate('2024-02-29')).toBe(true);
    expect(isPlainDate('2026-02-29')).toBe(false);
    expect(isPlainDate('2026-13-01')).toBe(false);
    expect(isPlainDate('2026-1-01')).toBe(false);
  });

  it('gives ISO weekdays and n-th weekdays of a month', () => {
    expect(isoWeekday('2026-03-29')).toBe(7); // a Sunday
    expect(isoWeekday('2026-03-30')).toBe(1);
    expect(nthWeekdayOfMonth(2026, 11, 4, 4)).toBe('2026-11-26'); // Thanksgiving
    expect(nthWeekdayOfMonth(2026, 5, 1, -1)).toBe('2026-05-25'); // last Monday of May
    expect(nthWeekdayOfMonth(2026, 3, 7, -1)).toBe('2026-03-29'); // last Sunday of March: EU DST starts
    expect(nthWeekdayOfMonth(2026, 9, 1, 1)).toBe('2026-09-07');
  });

  it('parses clock times from 00:00 to 24:00 and nothing else', () => {
    expect(parseClockTime('09:00')).toBe(540);
    expect(parseClockTime('24:00')).toBe(1440);
    expect(parseClockTime('00:00')).toBe(0);
    for (const bad of ['9:00', '24:01', '25:00', '12:60', 'noon']) expect(parseClockTime(bad)).toBeNaN();
  });
});

describe('time zones', () => {
  it('reads offsets on both sides of the European and American DST switches', () => {
    expect(offsetMs(utc('2026-03-29T00:59:59Z'), 'Europe/Berlin')).toBe(3_600_000);
    expect(offsetMs(utc('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toBe(7_200_000);
    expect(offsetMs(utc('2026-10-25T00:59:59Z'), 'Europe/Berlin')).toBe(7_200_000);
    expect(offsetMs(utc('2026-10-25T01:00:00Z'), 'Europe/Berlin')).toBe(3_600_000);
    expect(offsetMs(utc('2026-03-08T06:59:59Z'), 'America/New_York')).toBe(-5 * 3_600_000);
    expect(offsetMs(utc('2026-03-08T07:00:00Z'), 'America/New_York')).toBe(-4 * 3_600_000);
    expect(offsetMs(utc('2026-06-01T00:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * 3_600_000);
  });

  it('converts wall-clock times to instants, moving times in a spring gap forward', () => {
    expect(iso(zonedTimeToUtc('2026-03-27', 9 * 60, 'Europe/Berlin'))).toBe('2026-03-27T08:00:00.000Z');
    expect(iso(zonedTimeToUtc('2026-03-30', 9 * 60, 'Europe/Berlin'))).toBe('2026-03-30T07:00:00.000Z');
    expect(iso(zonedTimeToUtc('2026-03-29', 2 * 60 + 30, 'Europe/Berlin'))).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST
    expect(iso(zonedTimeToUtc('2026-03-08', 2 * 60 + 30, 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z'); // 03:30 EDT
    // Later on the switch days the new offset applies, though a day earlier the old one did.
    expect(iso(zonedTimeToUtc('2026-03-29', 4 * 60, 'Europe/Berlin'))).toBe('2026-03-29T02:00:00.000Z');
    expect(iso(zonedTimeToUtc('2026-03-29', 23 * 60, 'Europe/Berlin'))).toBe('2026-03-29T21:00:00.000Z');
    expect(iso(zonedTimeToUtc('2026-10-25', 9 * 60, 'Europe/Berlin'))).toBe('2026-10-25T08:00:00.000Z');
    expect(iso(zonedTimeToUtc('2026-03-28', 23 * 60, 'Europe/Berlin'))).toBe('2026-03-28T22:00:00.000Z');
  });

  it('takes the earlier instant for a wall-clock time that occurs twice in autumn', () => {
    expect(iso(zonedTimeToUtc('2026-10-25', 2 * 60 + 30, 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z'); // 02:30 CEST
    expect(iso(zonedTimeToUtc('2026-11-01', 90, 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT
  });

  it('reads 24:00 as the midnight that ends the day, and finds starts of days moved by DST', () => {
    expect(iso(zonedTimeToUtc('2026-03-28', 1440, 'Europe/Berlin'))).toBe(iso(zonedTimeToUtc('2026-03-29', 0, 'Europe/Berlin')));
    // Santiago de Chile switches at midnight: the day starting the summer time begins at 01:00.
    expect(localDateTime(startOfLocalDay('2026-09-06', 'America/Santiago'), 'America/Santiago').text).toBe('2026-09-06 01:00');
  });

  it('gives local dates and times of instants', () => {
    expect(localDate(new Date('2026-03-28T23:30:00Z'), 'Europe/Berlin')).toBe('2026-03-29');
    expect(localDate(new Date('2026-03-28T23:30:00Z'), 'America/New_York')).toBe('2026-03-28');
    expect(localDateTime(new Date('2026-10-25T01:30:00Z'), 'Europe/Berlin').text).toBe('2026-10-25 02:30');
  });

  it('adds local days keeping the wall-clock time across DST', () => {
    const friday = zonedTimeToUtc('2026-03-27', 10 * 60, 'Europe/Berlin') + 1234;
    const monday = addLocalDays(friday, 3, 'Europe/Berlin');
    expect(localDateTime(monday, 'Europe/Berlin').text).toBe('2026-03-30 10:00');
    expect(monday - friday).toBe(3 * 86_400_000 - 3_600_000 + 0); // one hour fewer elapsed
    expect(monday % 1000).toBe(234);
  });

  it('knows IANA zones from made-up ones', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });

  it('round-trips every whole-minute wall time that exists, in zones with odd offsets', () => {
    const anyInstant = fc.integer({ min: utc('2000-01-01T00:00:00Z'), max: utc('2040-01-01T00:00:00Z') });
    const switches = ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z', '2026-04-04T16:00:00Z'];
    const nearSwitch = fc
      .tuple(fc.constantFrom(...switches.map(utc)), fc.integer({ min: -2 * 86_400_000, max: 2 * 86_400_000 }))
      .map(([s, d]) => s + d);
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Chatham', 'America/St_Johns'];
    fc.assert(
      // Half the instants within two days of a European or American switch, where mistakes hide.
      fc.property(fc.constantFrom(...zones), fc.oneof(anyInstant, nearSwitch), (tz, t) => {
        const at = Math.floor(t / 60_000) * 60_000;
        const { date, minutes } = localDateTime(at, tz);
        const back = zonedTimeToUtc(date, minutes, tz);
        // Ambiguous wall times map to the earlier instant: equal, or one DST shift (≤ 1 h) earlier.
        expect(at - back === 0 || (at - back > 0 && at - back <= 3_600_000)).toBe(true);
        expect(localDateTime(back, tz).text).toBe(localDateTime(at, tz).text);
      }),
      { numRuns: 500 },
    );
  });
});
