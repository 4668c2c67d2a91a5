import { z } from 'zod';
import {
  type CustomHoliday,
  customHolidayDates,
  customHolidaySchema,
  type HolidayRegion,
  holidayDates,
  holidayRegionSchema,
} from './holidays.rules.ts';
import {
  addDays,
  dateParts,
  HOUR_MS,
  isoWeekday,
  isTimeZone,
  localDate,
  type PlainDate,
  parseClockTime,
  type Weekday,
  zonedTimeToUtc,
} from './zoned-time.ts';

/**
 * Business time: instants are UTC `Date`s, the calendar's time zone decides which wall-clock day
 * and hour they fall on. Each business day is one window [dayStart, dayEnd) of local time; its
 * length is the real time elapsed between the two instants, so a window spanning a DST switch
 * counts the hour that really passed (or did not). Pure: the caller passes every instant.
 */

/** A workspace's working week: time zone, working weekdays, opening hours and holidays. */
export type BusinessCalendar = {
  timeZone: string;
  /** ISO weekdays that are working days (1 = Monday); holidays are excluded from them. */
  workdays: readonly Weekday[];
  /** Opening time `HH:MM`, local. */
  dayStart: string;
  /** Closing time `HH:MM` (up to `24:00`), local, after dayStart. */
  dayEnd: string;
  /** Public holiday regions; a day off in any of them is off. */
  holidays: readonly HolidayRegion[];
  /** The workspace's own closing days (see CustomHoliday). */
  extraHolidays: readonly CustomHoliday[];
};

/** Monday to Friday. */
export const DEFAULT_WORKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5];

/** The calendar a workspace gets until it configures one: Mon–Fri 09:00–17:00, no holidays. */
export function businessCalendar(input: Partial<BusinessCalendar> & { timeZone: string }): BusinessCalendar {
  return {
    timeZone: input.timeZone,
    workdays: input.workdays ?? DEFAULT_WORKDAYS,
    dayStart: input.dayStart ?? '09:00',
    dayEnd: input.dayEnd ?? '17:00',
    holidays: input.holidays ?? [],
    extraHolidays: input.extraHolidays ?? [],
  };
}

const clockTime = z.string().refine((t) => !Number.isNaN(parseClockTime(t)), 'must be a time HH:MM such as 09:00');

/** The business calendar in workspace settings, with defaults for everything but the time zone. */
export const businessCalendarSchema = z
  .strictObject({
    timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin'),
    workdays: z
      .array(z.number().int().min(1, 'must be a weekday from 1 (Monday) to 7 (Sunday)').max(7, 'must be a weekday from 1 (Monday) to 7 (Sunday)'))
      .min(1, 'must name at least one working day')
      .refine((d) => new Set(d).size === d.length, 'must not repeat a weekday')
      .default([...DEFAULT_WORKDAYS]),
    dayStart: clockTime.default('09:00'),
    dayEnd: clockTime.default('17:00'),
    holidays: z
      .array(holidayRegionSchema)
      .max(10, 'at most 10 holiday regions')
      .refine((r) => new Set(r).size === r.length, 'must not repeat a region')
      .default([]),
    extraHolidays: z.array(customHolidaySchema).max(200, 'at most 200 custom holidays').default([]),
  })
  .superRefine((c, ctx) => {
    const [start, end] = [parseClockTime(c.dayStart), parseClockTime(c.dayEnd)];
    if (start === 1440) ctx.addIssue({ code: 'custom', path: ['dayStart'], message: 'must be before 24:00' });
    else if (!Number.isNaN(start) && !Number.isNaN(end) && end <= start) {
      ctx.addIssue({ code: 'custom', path: ['dayEnd'], message: `must be after dayStart (${c.dayStart})` });
    }
  })
  .transform((c) => c as BusinessCalendar);

type Compiled = {
  cal: BusinessCalendar;
  start: number;
  end: number;
  workdays: ReadonlySet<number>;
  closedByYear: Map<number, ReadonlySet<PlainDate>>;
};

const compiledCalendars = new WeakMap<BusinessCalendar, Compiled>();

// Parsing and checking once per calendar object; the functions below run in tight loops.
function compile(cal: BusinessCalendar): Compiled {
  let c = compiledCalendars.get(cal);
  if (c) return c;
  const [start, end] = [parseClockTime(cal.dayStart), parseClockTime(cal.dayEnd)];
  if (Number.isNaN(start) || Number.isNaN(end) || end <= start || start >= 1440) {
    throw new RangeError(`business hours ${cal.dayStart}–${cal.dayEnd} must be HH:MM with the start before the end`);
  }
  if (!isTimeZone(cal.timeZone)) throw new RangeError(`${cal.timeZone} is not an IANA time zone`);
  if (!cal.workdays.some((d) => d >= 1 && d <= 7)) throw new RangeError('a business calendar needs at least one working weekday');
  c = { cal, start, end, workdays: new Set(cal.workdays), closedByYear: new Map() };
  compiledCalendars.set(cal, c);
  return c;
}

function closedDates(c: Compiled, year: number): ReadonlySet<PlainDate> {
  let set = c.closedByYear.get(year);
  if (!set) {
    set = new Set([...holidayDates(c.cal.holidays, year), ...c.cal.extraHolidays.flatMap((h) => customHolidayDates(h, year))]);
    c.closedByYear.set(year, set);
  }
  return set;
}

/** Whether the local date is a working day of the calendar (a working weekday and no holiday). */
export function isBusinessDay(date: PlainDate, cal: BusinessCalendar): boolean {
  const c = compile(cal);
  return c.workdays.has(isoWeekday(date)) && !closedDates(c, dateParts(date).year).has(date);
}

type Window = { open: number; close: number };

function windowOf(c: Compiled, date: PlainDate): Window | null {
  if (!c.workdays.has(isoWeekday(date)) || closedDates(c, dateParts(date).year).has(date)) return null;
  return { open: zonedTimeToUtc(date, c.start, c.cal.timeZone), close: zonedTimeToUtc(date, c.end, c.cal.timeZone) };
}

// Ten years without a single business day means the calendar is unusable (every day a holiday).
const MAX_EMPTY_DAYS = 3660;

function* daysFrom(c: Compiled, from: PlainDate, step: 1 | -1): Generator<[PlainDate, Window]> {
  let empty = 0;
  for (let date = from; ; date = addDays(date, step)) {
    const w = windowOf(c, date);
    if (w && w.close > w.open) {
      empty = 0;
      yield [date, w];
    } else if (++empty > MAX_EMPTY_DAYS) {
      throw new RangeError('the business calendar has no business day in ten years');
    }
  }
}

/** Whether the instant lies within business hours (opening time inclusive, closing time exclusive). */
export function isBusinessTime(at: Date, cal: BusinessCalendar): boolean {
  const c = compile(cal);
  const w = windowOf(c, localDate(at, cal.timeZone));
  return w !== null && +at >= w.open && +at < w.close;
}

/** The instant itself when it is business time, else the next opening of a business day. */
export function nextBusinessStart(at: Date, cal: BusinessCalendar): Date {
  const c = compile(cal);
  for (const [, w] of daysFrom(c, localDate(at, cal.timeZone), 1)) {
    if (+at < w.close) return new Date(Math.max(+at, w.open));
  }
  throw new Error('unreachable');
}

/**
 * The earliest instant by which `hours` business hours have passed since `start` (fractions
 * allowed; 0 returns `start`). A deadline that uses up a day exactly lands on its closing time,
 * not on the next opening. Negative hours count back: the latest instant `-hours` business hours
 * before `start`.
 */
export function addBusinessHours(start: Date, hours: number, cal: BusinessCalendar): Date {
  if (!Number.isFinite(hours)) throw new RangeError(`${hours} is not a number of hours`);
  const c = compile(cal);
  let remaining = Math.round(Math.abs(hours) * HOUR_MS);
  if (remaining === 0) return new Date(+start);
  const at = +start;
  if (hours > 0) {
    for (const [, w] of daysFrom(c, localDate(start, cal.timeZone), 1)) {
      const from = Math.max(w.open, at);
      if (from >= w.close) continue;
      if (remaining <= w.close - from) return new Date(from + remaining);
      remaining -= w.close - from;
    }
  } else {
    for (const [, w] of daysFrom(c, localDate(start, cal.timeZone), -1)) {
      const to = Math.min(w.close, at);
      if (to <= w.open) continue;
      if (remaining <= to - w.open) return new Date(to - remaining);
      remaining -= to - w.open;
    }
  }
  throw new Error('unreachable');
}

/** Business hours between two instants, as a fraction of hours; negative when `b` is before `a`. */
export function businessHoursBetween(a: Date, b: Date, cal: BusinessCalendar): number {
  if (+b < +a) return -businessHoursBetween(b, a, cal);
  const c = compile(cal);
  let ms = 0;
  const last = localDate(b, cal.timeZone);
  for (let date = localDate(a, cal.timeZone); date <= last; date = addDays(date, 1)) {
    const w = windowOf(c, date);
    if (!w) continue;
    const overlap = Math.min(w.close, +b) - Math.max(w.open, +a);
    if (overlap > 0) ms += overlap;
  }
  return ms / HOUR_MS;
}

/** The length of one business day of the calendar in hours, on a day without DST switch (9–17 → 8). */
export function businessHoursPerDay(cal: BusinessCalendar): number {
  const c = compile(cal);
  return (c.end - c.start) / 60;
}

/**
 * The same point of business time `days` business days later (earlier when negative): Tuesday
 * 14:00 + 5 → next Tuesday 14:00, skipping weekends and holidays. From outside business hours the
 * count starts at the next opening, so Saturday + 5 is Friday's closing time — the end of the
 * fifth business day. Whole days only.
 */
export function addBusinessDays(start: Date, days: number, cal: BusinessCalendar): Date {
  if (!Number.isInteger(days)) throw new RangeError(`${days} is not a whole number of business days`);
  if (days === 0) return new Date(+start);
  const c = compile(cal);
  const at = +start;
  const step = days > 0 ? 1 : -1;
  const tz = cal.timeZone;
  // Position in business time: the business day the instant belongs to and the business time
  // already used of it. Outside business hours that is the end of the previous business day —
  // the same point of business time as the next opening.
  let origin: PlainDate | null = null;
  let used: number | 'all' = 0;
  for (const [date, w] of daysFrom(c, localDate(start, tz), -1)) {
    if (at >= w.open) {
      [origin, used] = [date, at >= w.close ? 'all' : at - w.open];
      break;
    }
  }
  let remaining = Math.abs(days);
  for (const [, w] of daysFrom(c, addDays(origin!, step), step)) {
    if (--remaining > 0) continue;
    // A target day shorter than the offset (a DST switch inside its window) ends at its closing time.
    return new Date(used === 'all' ? w.close : Math.min(w.open + used, w.close));
  }
  throw new Error('unreachable');
}
