import { describe, expect, test } from 'vitest';
import { hms, hoursLeftNow, isBusinessTime } from './business-clock.ts';

const berlin = { timeZone: 'Europe/Berlin', workdays: [1, 2, 3, 4, 5], dayStart: '09:00', dayEnd: '17:00', extraHolidays: ['2026-12-24'] };

describe('isBusinessTime', () => {
  test.each([
    ['2026-12-03T08:30:00Z', true], // Thursday 09:30 in Berlin (CET, UTC+1)
    ['2026-12-03T07:59:00Z', false], // 08:59
    ['2026-12-03T16:00:00Z', false], // 17:00 is the end
    ['2026-12-05T10:00:00Z', false], // Saturday
    ['2026-12-24T10:00:00Z', false], // a custom holiday
    ['2026-07-01T07:30:00Z', true], // 09:30 in summer time (CEST, UTC+2)
    ['2026-07-01T15:30:00Z', false], // 17:30 CEST
  ])('%s → %s', (at, expected) => {
    expect(isBusinessTime(new Date(at), berlin)).toBe(expected);
  });

  test('an unknown time zone never runs the clock', () => {
    expect(isBusinessTime(new Date('2026-12-03T10:00:00Z'), { ...berlin, timeZone: 'Mars/Olympus' })).toBe(false);
  });
});

describe('hoursLeftNow', () => {
  test('runs down with the wall clock while running, stands still otherwise', () => {
    expect(hoursLeftNow(10, 0, 1_800_000, true)).toBe(9.5);
    expect(hoursLeftNow(10, 0, 1_800_000, false)).toBe(10);
    expect(hoursLeftNow(0.25, 0, 1_800_000, true)).toBe(-0.25);
  });
});

describe('hms', () => {
  test('splits hours, also overdue ones', () => {
    expect(hms(31.5)).toEqual({ h: 31, m: 30, s: 0 });
    expect(hms(-1.2575)).toEqual({ h: 1, m: 15, s: 27 });
  });
});
