import { describe, expect, it } from 'vitest';
import {
  customHolidayDates,
  customHolidayProblem,
  customHolidaySchema,
  easterSunday,
  HOLIDAY_REGIONS,
  type HolidayRegion,
  holidayDates,
  holidayRegionSchema,
  holidaysOf,
  isHoliday,
} from './holidays.rules.ts';
import { plainDate } from './zoned-time.ts';

const keys = (region: HolidayRegion, year: number) => holidaysOf(region, year).map((h) => h.key);
const on = (region: HolidayRegion, year: number, key: string) => holidaysOf(region, year).find((h) => h.key === key)?.date ?? null;

// Gauss's Easter algorithm with its two exceptions: an independent computus to check ours against.
function gaussEaster(year: number): string {
  const [a, b, c] = [year % 19, year % 4, year % 7];
  const k = Math.floor(year / 100);
  const p = Math.floor((13 + 8 * k) / 25);
  const q = Math.floor(k / 4);
  const M = (15 - p + k - q) % 30;
  const N = (4 + k - q) % 7;
  const d = (19 * a + M) % 30;
  const e = (2 * b + 4 * c + 6 * d + N) % 7;
  if (d === 29 && e === 6) return plainDate(year, 4, 19);
  if (d === 28 && e === 6 && (11 * M + 11) % 30 < 19) return plainDate(year, 4, 18);
  return plainDate(year, 3, 22 + d + e);
}

describe('Easter', () => {
  it('falls on the published dates', () => {
    const published: Record<number, string> = {
      1818: '1818-03-22', // the earliest possible date
      1943: '1943-04-25', // the latest possible date
      2000: '2000-04-23',
      2008: '2008-03-23',
      2011: '2011-04-24',
      2019: '2019-04-21',
      2024: '2024-03-31',
      2025: '2025-04-20',
      2026: '2026-04-05',
      2027: '2027-03-28',
      2028: '2028-04-16',
      2029: '2029-04-01',
      2030: '2030-04-21',
      2038: '2038-04-25',
      2285: '2285-03-22',
    };
    for (const [year, date] of Object.entries(published)) expect(easterSunday(Number(year))).toBe(date);
  });

  it('agrees with Gauss’s algorithm in every Gregorian year from 1583 to 4099', () => {
    for (let year = 1583; year <= 4099; year++) expect(easterSunday(year), String(year)).toBe(gaussEaster(year));
  });
});

describe('German holidays', () => {
  const FEDERAL = ['new_year', 'good_friday', 'easter_monday', 'labour_day', 'ascension', 'whit_monday', 'german_unity', 'christmas', 'boxing_day'];
  const sorted = (list: string[]) => [...list].sort();

  it('lists every state’s statutory holidays in 2026', () => {
    const extra: Record<string, string[]> = {
      DE: [],
      'DE-BW': ['epiphany', 'corpus_christi', 'all_saints'],
      'DE-BY': ['epiphany', 'corpus_christi', 'assumption', 'all_saints'],
      'DE-BY-NO-ASSUMPTION': ['epiphany', 'corpus_christi', 'all_saints'],
      'DE-BY-AUGSBURG': ['epiphany', 'corpus_christi', 'augsburg_peace_festival', 'assumption', 'all_saints'],
      'DE-BE': ['womens_day'],
      'DE-BB': ['easter_sunday', 'whit_sunday', 'reformation'],
      'DE-HB': ['reformation'],
      'DE-HH': ['reformation'],
      'DE-HE': ['easter_sunday', 'whit_sunday', 'corpus_christi'],
      'DE-MV': ['womens_day', 'reformation'],
      'DE-NI': ['reformation'],
      'DE-NW': ['corpus_christi', 'all_saints'],
      'DE-RP': ['corpus_christi', 'all_saints'],
      'DE-SL': ['corpus_christi', 'assumption', 'all_saints'],
      'DE-SN': ['reformation', 'repentance'],
      'DE-ST': ['epiphany', 'reformation'],
      'DE-SH': ['reformation'],
      'DE-TH': ['childrens_day', 'reformation'],
    };
    const german = HOLIDAY_REGIONS.filter((r) => r.country === 'DE').map((r) => r.code);
    expect(sorted(german)).toEqual(sorted(Object.keys(extra)));
    for (const region of german) expect(sorted(keys(region, 2026)), region).toEqual(sorted([...FEDERAL, ...extra[region]]));
  });

  it('puts the movable feasts of 2026 on their dates', () => {
    expect(on('DE-NW', 2026, 'good_friday')).toBe('2026-04-03');
    expect(on('DE-NW', 2026, 'easter_monday')).toBe('2026-04-06');
    expect(on('DE-NW', 2026, 'ascension')).toBe('2026-05-14');
    expect(on('DE-NW', 2026, 'whit_monday')).toBe('2026-05-25');
    expect(on('DE-NW', 2026, 'corpus_christi')).toBe('2026-06-04');
    expect(on('DE-HE', 2026, 'whit_sunday')).toBe('2026-05-24');
  });

  it('puts Repentance Day on the Wednesday before 23 November', () => {
    expect(on('DE-SN', 2023, 'repentance')).toBe('2023-11-22');
    expect(on('DE-SN', 2024, 'repentance')).toBe('2024-11-20');
    expect(on('DE-SN', 2025, 'repentance')).toBe('2025-11-19');
    expect(on('DE-SN', 2026, 'repentance')).toBe('2026-11-18');
    expect(on('DE-SN', 2027, 'repentance')).toBe('2027-11-17');
    expect(on('DE-BY', 2026, 'repentance')).toBeNull();
  });

  it('makes Reformation Day nationwide in 2017 only, and northern from 2018', () => {
    for (const region of ['DE', 'DE-BY', 'DE-NW', 'DE-HB', 'DE-SN'] as const) expect(on(region, 2017, 'reformation'), region).toBe('2017-10-31');
    for (const region of ['DE-HB', 'DE-HH', 'DE-NI', 'DE-SH'] as const) {
      expect(on(region, 2016, 'reformation'), region).toBeNull();
      expect(on(region, 2018, 'reformation'), region).toBe('2018-10-31');
    }
    for (const region of ['DE-BB', 'DE-MV', 'DE-SN', 'DE-ST', 'DE-TH'] as const) expect(on(region, 2016, 'reformation'), region).toBe('2016-10-31');
    expect(on('DE-BY', 2018, 'reformation')).toBeNull();
    expect(on('DE', 2026, 'reformation')).toBeNull();
  });

  it('starts Women’s Day in Berlin in 2019 and in Mecklenburg-Western Pomerania in 2023', () => {
    expect(on('DE-BE', 2018, 'womens_day')).toBeNull();
    expect(on('DE-BE', 2019, 'womens_day')).toBe('2019-03-08');
    expect(on('DE-MV', 2022, 'womens_day')).toBeNull();
    expect(on('DE-MV', 2023, 'womens_day')).toBe('2023-03-08');
    expect(on('DE-HH', 2026, 'womens_day')).toBeNull();
  });

  it('starts World Children’s Day in Thuringia in 2019', () => {
    expect(on('DE-TH', 2018, 'childrens_day')).toBeNull();
    expect(on('DE-TH', 2019, 'childrens_day')).toBe('2019-09-20');
  });

  it('gives Berlin the Day of Liberation in 2020 and 2025 only', () => {
    expect(on('DE-BE', 2020, 'liberation_day')).toBe('2020-05-08');
    expect(on('DE-BE', 2025, 'liberation_day')).toBe('2025-05-08');
    for (const year of [2019, 2021, 2024, 2026, 2030]) expect(on('DE-BE', year, 'liberation_day'), String(year)).toBeNull();
    expect(on('DE-BB', 2025, 'liberation_day')).toBeNull();
  });

  it('keeps Repentance Day nationwide before 1995', () => {
    expect(on('DE-NW', 1994, 'repentance')).toBe('1994-11-16');
    expect(on('DE-NW', 1995, 'repentance')).toBeNull();
  });

  it('names holidays in English and German', () => {
    const unity = holidaysOf('DE', 2026).find((h) => h.key === 'german_unity')!;
    expect(unity).toEqual({ date: '2026-10-03', key: 'german_unity', name: { en: 'Day of German Unity', de: 'Tag der Deutschen Einheit' } });
  });
});

describe('Austrian, Swiss and US holidays', () => {
  it('lists the 13 Austrian public holidays', () => {
    expect(holidaysOf('AT', 2026).map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-01-06',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-05-25',
      '2026-06-04',
      '2026-08-15',
      '2026-10-26',
      '2026-11-01',
      '2026-12-08',
      '2026-12-25',
      '2026-12-26',
    ]);
    expect(on('AT', 2026, 'good_friday')).toBeNull();
  });

  it('lists the Swiss holidays every canton keeps', () => {
    expect(holidaysOf('CH', 2026).map((h) => `${h.date} ${h.name.de}`)).toEqual([
      '2026-01-01 Neujahrstag',
      '2026-05-14 Auffahrt',
      '2026-08-01 Bundesfeier',
      '2026-12-25 Weihnachtstag',
    ]);
  });

  it('lists the US federal holidays of 2026 with the observed day of Independence Day', () => {
    expect(holidaysOf('US', 2026).map((h) => `${h.date} ${h.key}${h.observed ? ' (observed)' : ''}`)).toEqual([
      '2026-01-01 new_year',
      '2026-01-19 mlk_day',
      '2026-02-16 washingtons_birthday',
      '2026-05-25 memorial_day',
      '2026-06-19 juneteenth',
      '2026-07-03 independence_day (observed)', // 4 July 2026 is a Saturday
      '2026-07-04 independence_day',
      '2026-09-07 labor_day',
      '2026-10-12 columbus_day',
      '2026-11-11 veterans_day',
      '2026-11-26 thanksgiving',
      '2026-12-25 christmas',
    ]);
  });

  it('observes a Saturday New Year’s Day on 31 December of the year before', () => {
    const dec31 = holidaysOf('US', 2021).find((h) => h.date === '2021-12-31');
    expect(dec31).toMatchObject({ key: 'new_year', observed: true, name: { en: "New Year's Day (observed)" } });
    expect(holidaysOf('US', 2022).some((h) => h.date === '2022-12-31')).toBe(false);
    expect(on('US', 2020, 'juneteenth')).toBeNull();
    expect(
      holidaysOf('US', 2021)
        .filter((h) => h.key === 'juneteenth')
        .map((h) => h.date),
    ).toEqual(['2021-06-18', '2021-06-19']);
  });
});

describe('holiday sets', () => {
  it('unites several regions and answers single dates', () => {
    const set = holidayDates(['DE-BE', 'AT'], 2026);
    expect(set.has('2026-03-08')).toBe(true); // Berlin
    expect(set.has('2026-12-08')).toBe(true); // Austria
    expect(isHoliday('2026-10-26', ['DE-BE'])).toBe(false);
    expect(isHoliday('2026-10-26', ['DE-BE', 'AT'])).toBe(true);
    expect(isHoliday('2026-12-25', [])).toBe(false);
  });

  it('labels every region in English and German, codes unique', () => {
    expect(new Set(HOLIDAY_REGIONS.map((r) => r.code)).size).toBe(HOLIDAY_REGIONS.length);
    for (const r of HOLIDAY_REGIONS) {
      expect(r.label.en.length).toBeGreaterThan(1);
      expect(r.label.de.length).toBeGreaterThan(1);
    }
    expect(HOLIDAY_REGIONS.filter((r) => /^DE-[A-Z]{2}$/.test(r.code))).toHaveLength(16);
  });

  it('validates region codes with a message listing the choices', () => {
    expect(holidayRegionSchema.safeParse('DE-BY').success).toBe(true);
    const bad = holidayRegionSchema.safeParse('DE-XX');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toContain('DE-BW');
  });
});

describe('custom holidays', () => {
  it('accepts one-off dates, yearly dates and days from Easter', () => {
    expect(customHolidayDates('2026-12-24', 2026)).toEqual(['2026-12-24']);
    expect(customHolidayDates('2026-12-24', 2027)).toEqual([]);
    expect(customHolidayDates('12-31', 2030)).toEqual(['2030-12-31']);
    expect(customHolidayDates('02-29', 2027)).toEqual([]);
    expect(customHolidayDates('02-29', 2028)).toEqual(['2028-02-29']);
    expect(customHolidayDates('easter-2', 2026)).toEqual(['2026-04-03']);
    expect(customHolidayDates('easter', 2026)).toEqual(['2026-04-05']);
    expect(customHolidayDates('easter+50', 2026)).toEqual(['2026-05-25']);
  });

  it('explains what is wrong with a custom holiday', () => {
    expect(customHolidayProblem('2026-02-30')).toBe('2026-02-30 is not a date in the calendar');
    expect(customHolidayProblem('13-01')).toContain('MM-DD');
    expect(customHolidayProblem('christmas eve')).toContain('2026-12-24');
    expect(customHolidaySchema.parse(' Easter+1 ')).toBe('easter+1');
    expect(customHolidaySchema.safeParse('easter+365').error?.issues[0].message).toBe('an Easter offset must be within 200 days');
  });
});
