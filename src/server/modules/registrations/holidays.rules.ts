import { z } from 'zod';
import { addDays, dateParts, isoWeekday, isPlainDate, nthWeekdayOfMonth, type PlainDate, plainDate } from './zoned-time.ts';

/**
 * Public holidays as data: Germany nationwide and all 16 states (with Bavaria's municipal
 * variants), Austria, Switzerland (the days every canton keeps) and the US federal holidays with
 * their observed days. The rules are those in force from 1995 on (Repentance Day left the other
 * states in 1995), plus the later changes by year; earlier years are not modelled exactly.
 */

type Label = { en: string; de: string };

/** The holiday regions a workspace can select, in dropdown order, with English and German labels. */
export const HOLIDAY_REGIONS = [
  { code: 'DE', country: 'DE', label: { en: 'Germany (nationwide holidays only)', de: 'Deutschland (nur bundesweite Feiertage)' } },
  { code: 'DE-BW', country: 'DE', label: { en: 'Germany – Baden-Württemberg', de: 'Deutschland – Baden-Württemberg' } },
  { code: 'DE-BY', country: 'DE', label: { en: 'Germany – Bavaria (with Assumption Day)', de: 'Deutschland – Bayern (mit Mariä Himmelfahrt)' } },
  {
    code: 'DE-BY-NO-ASSUMPTION',
    country: 'DE',
    label: {
      en: 'Germany – Bavaria, municipality without Assumption Day',
      de: 'Deutschland – Bayern, Gemeinde ohne Mariä Himmelfahrt',
    },
  },
  { code: 'DE-BY-AUGSBURG', country: 'DE', label: { en: 'Germany – Bavaria, city of Augsburg', de: 'Deutschland – Bayern, Stadt Augsburg' } },
  { code: 'DE-BE', country: 'DE', label: { en: 'Germany – Berlin', de: 'Deutschland – Berlin' } },
  { code: 'DE-BB', country: 'DE', label: { en: 'Germany – Brandenburg', de: 'Deutschland – Brandenburg' } },
  { code: 'DE-HB', country: 'DE', label: { en: 'Germany – Bremen', de: 'Deutschland – Bremen' } },
  { code: 'DE-HH', country: 'DE', label: { en: 'Germany – Hamburg', de: 'Deutschland – Hamburg' } },
  { code: 'DE-HE', country: 'DE', label: { en: 'Germany – Hesse', de: 'Deutschland – Hessen' } },
  { code: 'DE-MV', country: 'DE', label: { en: 'Germany – Mecklenburg-Western Pomerania', de: 'Deutschland – Mecklenburg-Vorpommern' } },
  { code: 'DE-NI', country: 'DE', label: { en: 'Germany – Lower Saxony', de: 'Deutschland – Niedersachsen' } },
  { code: 'DE-NW', country: 'DE', label: { en: 'Germany – North Rhine-Westphalia', de: 'Deutschland – Nordrhein-Westfalen' } },
  { code: 'DE-RP', country: 'DE', label: { en: 'Germany – Rhineland-Palatinate', de: 'Deutschland – Rheinland-Pfalz' } },
  { code: 'DE-SL', country: 'DE', label: { en: 'Germany – Saarland', de: 'Deutschland – Saarland' } },
  { code: 'DE-SN', country: 'DE', label: { en: 'Germany – Saxony', de: 'Deutschland – Sachsen' } },
  { code: 'DE-ST', country: 'DE', label: { en: 'Germany – Saxony-Anhalt', de: 'Deutschland – Sachsen-Anhalt' } },
  { code: 'DE-SH', country: 'DE', label: { en: 'Germany – Schleswig-Holstein', de: 'Deutschland – Schleswig-Holstein' } },
  { code: 'DE-TH', country: 'DE', label: { en: 'Germany – Thuringia', de: 'Deutschland – Thüringen' } },
  { code: 'AT', country: 'AT', label: { en: 'Austria', de: 'Österreich' } },
  { code: 'CH', country: 'CH', label: { en: 'Switzerland (days kept in every canton)', de: 'Schweiz (in allen Kantonen geltende Feiertage)' } },
  { code: 'US', country: 'US', label: { en: 'United States (federal holidays)', de: 'USA (Feiertage des Bundes)' } },
] as const satisfies readonly { code: string; country: string; label: Label }[];

/** A selectable holiday region code (`DE-BY`, `AT`, `US`, …). */
export type HolidayRegion = (typeof HOLIDAY_REGIONS)[number]['code'];

/** Every region code, for validation. */
export const HOLIDAY_REGION_CODES: readonly HolidayRegion[] = HOLIDAY_REGIONS.map((r) => r.code);

/** One public holiday on one date; `observed` marks a US weekday standing in for a weekend holiday. */
export type Holiday = { date: PlainDate; key: string; name: Label; observed?: boolean };

/**
 * Gregorian Easter Sunday by the anonymous ("Meeus/Jones/Butcher") computus, exact for every year
 * of the Gregorian calendar (1583 on); the tests check it against Gauss's algorithm over 1583–4099.
 */
export function easterSunday(year: number): PlainDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return plainDate(year, month, day);
}

type DateRule = (year: number) => PlainDate;
const fixed =
  (month: number, day: number): DateRule =>
  (year) =>
    plainDate(year, month, day);
const easter =
  (offset: number): DateRule =>
  (year) =>
    addDays(easterSunday(year), offset);
// Buß- und Bettag: the Wednesday before 23 November (the last Wednesday before the church year's end).
const repentanceDay: DateRule = (year) => addDays(plainDate(year, 11, 22), -((isoWeekday(plainDate(year, 11, 22)) - 3 + 7) % 7));

type Where = { state: string | null; variant: string | null; year: number };
type Rule = { key: string; name: Label; date: DateRule; applies: (w: Where) => boolean };

const everywhere = () => true;
const states =
  (...codes: string[]) =>
  (w: Where) =>
    w.state !== null && codes.includes(w.state);
const EAST = ['BB', 'MV', 'SN', 'ST', 'TH'];
const NORTH = ['HB', 'HH', 'NI', 'SH']; // Reformation Day since 2018

const GERMANY: Rule[] = [
  { key: 'new_year', name: { en: "New Year's Day", de: 'Neujahr' }, date: fixed(1, 1), applies: everywhere },
  { key: 'epiphany', name: { en: 'Epiphany', de: 'Heilige Drei Könige' }, date: fixed(1, 6), applies: states('BW', 'BY', 'ST') },
  {
    key: 'womens_day',
    name: { en: "International Women's Day", de: 'Internationaler Frauentag' },
    date: fixed(3, 8),
    applies: (w) => (w.state === 'BE' && w.year >= 2019) || (w.state === 'MV' && w.year >= 2023),
  },
  { key: 'good_friday', name: { en: 'Good Friday', de: 'Karfreitag' }, date: easter(-2), applies: everywhere },
  // Easter and Whit Sunday are statutory in Brandenburg and Hesse; they matter only to a calendar that works Sundays.
  { key: 'easter_sunday', name: { en: 'Easter Sunday', de: 'Ostersonntag' }, date: easter(0), applies: states('BB', 'HE') },
  { key: 'easter_monday', name: { en: 'Easter Monday', de: 'Ostermontag' }, date: easter(1), applies: everywhere },
  { key: 'labour_day', name: { en: 'Labour Day', de: 'Tag der Arbeit' }, date: fixed(5, 1), applies: everywhere },
  {
    key: 'liberation_day',
    name: { en: 'Day of Liberation', de: 'Tag der Befreiung' },
    date: fixed(5, 8),
    applies: (w) => w.state === 'BE' && (w.year === 2020 || w.year === 2025), // 75th and 80th anniversaries only
  },
  { key: 'ascension', name: { en: 'Ascension Day', de: 'Christi Himmelfahrt' }, date: easter(39), applies: everywhere },
  { key: 'whit_sunday', name: { en: 'Whit Sunday', de: 'Pfingstsonntag' }, date: easter(49), applies: states('BB', 'HE') },
  { key: 'whit_monday', name: { en: 'Whit Monday', de: 'Pfingstmontag' }, date: easter(50), applies: everywhere },
  {
    key: 'corpus_christi',
    name: { en: 'Corpus Christi', de: 'Fronleichnam' },
    date: easter(60),
    // Also in some Catholic municipalities of Saxony and Thuringia: those are not modelled (add them as custom dates).
    applies: states('BW', 'BY', 'HE', 'NW', 'RP', 'SL'),
  },
  {
    key: 'augsburg_peace_festival',
    name: { en: 'Augsburg Peace Festival', de: 'Augsburger Hohes Friedensfest' },
    date: fixed(8, 8),
    applies: (w) => w.variant === 'AUGSBURG',
  },
  {
    key: 'assumption',
    name: { en: 'Assumption Day', de: 'Mariä Himmelfahrt' },
    date: fixed(8, 15),
    // Bavaria keeps it in its predominantly Catholic municipalities (most of them, Munich and
    // Augsburg included): DE-BY has it, DE-BY-NO-ASSUMPTION is the others.
    applies: (w) => w.state === 'SL' || (w.state === 'BY' && w.variant !== 'NO-ASSUMPTION'),
  },
  {
    key: 'childrens_day',
    name: { en: "World Children's Day", de: 'Weltkindertag' },
    date: fixed(9, 20),
    applies: (w) => w.state === 'TH' && w.year >= 2019,
  },
  { key: 'german_unity', name: { en: 'Day of German Unity', de: 'Tag der Deutschen Einheit' }, date: fixed(10, 3), applies: everywhere },
  {
    key: 'reformation',
    name: { en: 'Reformation Day', de: 'Reformationstag' },
    date: fixed(10, 31),
    // Nationwide once, for the 500th anniversary in 2017; in the north since 2018.
    applies: (w) => w.year === 2017 || (w.state !== null && (EAST.includes(w.state) || (NORTH.includes(w.state) && w.year >= 2018))),
  },
  { key: 'all_saints', name: { en: "All Saints' Day", de: 'Allerheiligen' }, date: fixed(11, 1), applies: states('BW', 'BY', 'NW', 'RP', 'SL') },
  {
    key: 'repentance',
    name: { en: 'Day of Prayer and Repentance', de: 'Buß- und Bettag' },
    date: repentanceDay,
    applies: (w) => w.state === 'SN' || w.year <= 1994,
  },
  { key: 'christmas', name: { en: 'Christmas Day', de: '1. Weihnachtsfeiertag' }, date: fixed(12, 25), applies: everywhere },
  { key: 'boxing_day', name: { en: "St Stephen's Day", de: '2. Weihnachtsfeiertag' }, date: fixed(12, 26), applies: everywhere },
];

// Austria's holidays are national by federal law (Feiertagsruhegesetz); Good Friday has not been one since 2019.
const AUSTRIA: Rule[] = [
  { key: 'new_year', name: { en: "New Year's Day", de: 'Neujahr' }, date: fixed(1, 1), applies: everywhere },
  { key: 'epiphany', name: { en: 'Epiphany', de: 'Heilige Drei Könige' }, date: fixed(1, 6), applies: everywhere },
  { key: 'easter_monday', name: { en: 'Easter Monday', de: 'Ostermontag' }, date: easter(1), applies: everywhere },
  { key: 'labour_day', name: { en: 'National Holiday (Labour Day)', de: 'Staatsfeiertag' }, date: fixed(5, 1), applies: everywhere },
  { key: 'ascension', name: { en: 'Ascension Day', de: 'Christi Himmelfahrt' }, date: easter(39), applies: everywhere },
  { key: 'whit_monday', name: { en: 'Whit Monday', de: 'Pfingstmontag' }, date: easter(50), applies: everywhere },
  { key: 'corpus_christi', name: { en: 'Corpus Christi', de: 'Fronleichnam' }, date: easter(60), applies: everywhere },
  { key: 'assumption', name: { en: 'Assumption Day', de: 'Mariä Himmelfahrt' }, date: fixed(8, 15), applies: everywhere },
  { key: 'national_day', name: { en: 'National Day', de: 'Nationalfeiertag' }, date: fixed(10, 26), applies: everywhere },
  { key: 'all_saints', name: { en: "All Saints' Day", de: 'Allerheiligen' }, date: fixed(11, 1), applies: everywhere },
  { key: 'immaculate_conception', name: { en: 'Immaculate Conception', de: 'Mariä Empfängnis' }, date: fixed(12, 8), applies: everywhere },
  { key: 'christmas', name: { en: 'Christmas Day', de: 'Christtag' }, date: fixed(12, 25), applies: everywhere },
  { key: 'boxing_day', name: { en: "St Stephen's Day", de: 'Stefanitag' }, date: fixed(12, 26), applies: everywhere },
];

// Switzerland: 1 August is the only federal holiday; the cantons add up to eight more. These four
// are kept everywhere; cantonal days (Good Friday, Easter Monday, 26 December, …) go in as custom dates.
const SWITZERLAND: Rule[] = [
  { key: 'new_year', name: { en: "New Year's Day", de: 'Neujahrstag' }, date: fixed(1, 1), applies: everywhere },
  { key: 'ascension', name: { en: 'Ascension Day', de: 'Auffahrt' }, date: easter(39), applies: everywhere },
  { key: 'national_day', name: { en: 'Swiss National Day', de: 'Bundesfeier' }, date: fixed(8, 1), applies: everywhere },
  { key: 'christmas', name: { en: 'Christmas Day', de: 'Weihnachtstag' }, date: fixed(12, 25), applies: everywhere },
];

const since = (year: number) => (w: Where) => w.year >= year;
const US_FIXED = new Set(['new_year', 'juneteenth', 'independence_day', 'veterans_day', 'christmas']);
const UNITED_STATES: Rule[] = [
  { key: 'new_year', name: { en: "New Year's Day", de: 'Neujahr' }, date: fixed(1, 1), applies: everywhere },
  {
    key: 'mlk_day',
    name: { en: 'Birthday of Martin Luther King, Jr.', de: 'Martin-Luther-King-Tag' },
    date: (y) => nthWeekdayOfMonth(y, 1, 1, 3),
    applies: since(1986),
  },
  {
    key: 'washingtons_birthday',
    name: { en: "Washington's Birthday (Presidents' Day)", de: 'Presidents’ Day' },
    date: (y) => nthWeekdayOfMonth(y, 2, 1, 3),
    applies: everywhere,
  },
  { key: 'memorial_day', name: { en: 'Memorial Day', de: 'Memorial Day' }, date: (y) => nthWeekdayOfMonth(y, 5, 1, -1), applies: everywhere },
  { key: 'juneteenth', name: { en: 'Juneteenth National Independence Day', de: 'Juneteenth' }, date: fixed(6, 19), applies: since(2021) },
  { key: 'independence_day', name: { en: 'Independence Day', de: 'Unabhängigkeitstag' }, date: fixed(7, 4), applies: everywhere },
  { key: 'labor_day', name: { en: 'Labor Day', de: 'Labor Day' }, date: (y) => nthWeekdayOfMonth(y, 9, 1, 1), applies: everywhere },
  { key: 'columbus_day', name: { en: 'Columbus Day', de: 'Columbus Day' }, date: (y) => nthWeekdayOfMonth(y, 10, 1, 2), applies: everywhere },
  { key: 'veterans_day', name: { en: 'Veterans Day', de: 'Veterans Day' }, date: fixed(11, 11), applies: everywhere },
  { key: 'thanksgiving', name: { en: 'Thanksgiving Day', de: 'Thanksgiving' }, date: (y) => nthWeekdayOfMonth(y, 11, 4, 4), applies: everywhere },
  { key: 'christmas', name: { en: 'Christmas Day', de: 'Weihnachten' }, date: fixed(12, 25), applies: everywhere },
];

function rulesOf(region: HolidayRegion): { rules: Rule[]; state: string | null; variant: string | null } {
  const [country, state = null, ...rest] = region.split('-');
  const variant = rest.length ? rest.join('-') : null;
  if (country === 'DE') return { rules: GERMANY, state, variant };
  if (country === 'AT') return { rules: AUSTRIA, state, variant };
  if (country === 'CH') return { rules: SWITZERLAND, state, variant };
  return { rules: UNITED_STATES, state, variant };
}

function evaluate(region: HolidayRegion, year: number): Holiday[] {
  const { rules, state, variant } = rulesOf(region);
  return rules.filter((r) => r.applies({ state, variant, year })).map((r) => ({ date: r.date(year), key: r.key, name: r.name }));
}

// A fixed-date US federal holiday on a Saturday is observed the Friday before, on a Sunday the
// Monday after (5 U.S.C. 6103(b)); New Year's Day on a Saturday is observed on 31 December.
function observedUs(h: Holiday): Holiday | null {
  if (!US_FIXED.has(h.key)) return null;
  const wd = isoWeekday(h.date);
  if (wd !== 6 && wd !== 7) return null;
  return {
    date: addDays(h.date, wd === 6 ? -1 : 1),
    key: h.key,
    name: { en: `${h.name.en} (observed)`, de: `${h.name.de} (Ersatzfeiertag)` },
    observed: true,
  };
}

/** The public holidays of a region in a year, sorted by date (US observed days included). */
export function holidaysOf(region: HolidayRegion, year: number): Holiday[] {
  const days = evaluate(region, year);
  if (region === 'US') {
    // The observed day of next year's New Year's Day can fall on 31 December of this year.
    for (const h of [...days, ...evaluate(region, year + 1)]) {
      const o = observedUs(h);
      if (o && dateParts(o.date).year === year) days.push(o);
    }
  }
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

const dateSets = new Map<string, ReadonlySet<PlainDate>>();

/** The dates that are a holiday in any of the regions in a year (a team spanning regions rests on each). */
export function holidayDates(regions: readonly HolidayRegion[], year: number): ReadonlySet<PlainDate> {
  const key = `${[...regions].sort().join(',')}|${year}`;
  let set = dateSets.get(key);
  if (!set) {
    set = new Set(regions.flatMap((r) => holidaysOf(r, year).map((h) => h.date)));
    if (dateSets.size > 5_000) dateSets.clear();
    dateSets.set(key, set);
  }
  return set;
}

/** Whether the date is a public holiday in any of the regions. */
export function isHoliday(date: PlainDate, regions: readonly HolidayRegion[]): boolean {
  return regions.length > 0 && holidayDates(regions, dateParts(date).year).has(date);
}

/**
 * A workspace's own closing day: `2026-12-24` (once), `12-24` (every year) or `easter+1` /
 * `easter-2` (days from Easter Sunday, e.g. a Swiss canton's Easter Monday).
 */
export type CustomHoliday = string;

const RECURRING = /^(\d{2})-(\d{2})$/;
const EASTER_RELATIVE = /^easter(?:([+-])(\d{1,3}))?$/;

/** Why the text is not a custom holiday, in words for the settings form, or null when it is one. */
export function customHolidayProblem(text: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return isPlainDate(text) ? null : `${text} is not a date in the calendar`;
  const r = RECURRING.exec(text);
  if (r) return isPlainDate(`2000-${text}`) ? null : `${text} is not a month and day (MM-DD)`;
  const e = EASTER_RELATIVE.exec(text);
  if (e) return Number(e[2] ?? 0) <= 200 ? null : 'an Easter offset must be within 200 days';
  return 'must be a date (2026-12-24), a yearly date (12-24) or days from Easter (easter+1)';
}

/** The dates a custom holiday falls on in a year (29 February only in leap years). */
export function customHolidayDates(spec: CustomHoliday, year: number): PlainDate[] {
  if (customHolidayProblem(spec)) throw new RangeError(`custom holiday ${spec}: ${customHolidayProblem(spec)}`);
  if (spec.length === 10) return dateParts(spec).year === year ? [spec] : [];
  const r = RECURRING.exec(spec);
  if (r) {
    const date = `${String(year).padStart(4, '0')}-${spec}`;
    return isPlainDate(date) ? [date] : [];
  }
  const e = EASTER_RELATIVE.exec(spec)!;
  const offset = (e[1] === '-' ? -1 : 1) * Number(e[2] ?? 0);
  // An offset can leave the year (easter-100 in a year of early Easter): look at both neighbours.
  return [year - 1, year, year + 1].map((y) => addDays(easterSunday(y), offset)).filter((d) => dateParts(d).year === year);
}

/** A holiday region code, with a message listing what is accepted. */
export const holidayRegionSchema = z.enum(HOLIDAY_REGION_CODES as [HolidayRegion, ...HolidayRegion[]], {
  message: `must be a holiday region: ${HOLIDAY_REGION_CODES.join(', ')}`,
});

/** A custom closing day as text (see CustomHoliday), trimmed and lower-cased. */
export const customHolidaySchema = z
  .string()
  .trim()
  .toLowerCase()
  .superRefine((text, ctx) => {
    const problem = customHolidayProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
