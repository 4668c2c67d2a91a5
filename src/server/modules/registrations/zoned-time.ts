/**
 * Wall-clock time in an IANA time zone, on top of `Intl.DateTimeFormat` (the ICU time-zone data
 * Node.js ships), and calendar-date arithmetic without any time zone. Pure: no clock, no I/O.
 *
 * dayjs's timezone plugin is not used: its `add`/`hour` keep the offset of the starting instant
 * across a DST switch (dayjs issues 1271, 2112, 2184 — still open), which is exactly the bug an
 * SLA engine must not have.
 */

/** A calendar date without a time zone, ISO 8601 (`2026-03-29`). Strings compare in date order. */
export type PlainDate = string;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Milliseconds in a minute. */
export const MINUTE_MS = 60_000;
/** Milliseconds in an hour. */
export const HOUR_MS = 3_600_000;
/** Milliseconds in 24 hours (not always a local day). */
export const DAY_MS = 86_400_000;

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether the text is a real calendar date written as YYYY-MM-DD (2026-02-30 is not). */
export function isPlainDate(text: string): boolean {
  const m = PLAIN_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** The number of days of a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Builds a PlainDate from year, month (1–12) and day, normalising overflow (Jan 32 → Feb 1). */
export function plainDate(year: number, month: number, day: number): PlainDate {
  return fromEpochDay(Math.floor(Date.UTC(year, month - 1, day) / DAY_MS));
}

/** Splits a PlainDate into numbers. */
export function dateParts(date: PlainDate): { year: number; month: number; day: number } {
  const m = PLAIN_DATE.exec(date);
  if (!m) throw new RangeError(`${date} is not a date written as YYYY-MM-DD`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

// Days since 1970-01-01: the simplest representation for stepping over calendar days.
function epochDay(date: PlainDate): number {
  const { year, month, day } = dateParts(date);
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

function fromEpochDay(n: number): PlainDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** The date `days` calendar days after (or before, when negative) `date`. */
export function addDays(date: PlainDate, days: number): PlainDate {
  return fromEpochDay(epochDay(date) + days);
}

/** Calendar days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: PlainDate, b: PlainDate): number {
  return epochDay(b) - epochDay(a);
}

/** The ISO weekday of a date (1 = Monday … 7 = Sunday). */
export function isoWeekday(date: PlainDate): Weekday {
  const d = new Date(epochDay(date) * DAY_MS).getUTCDay();
  return (d === 0 ? 7 : d) as Weekday;
}

/** The n-th (1-based) given weekday of a month, or with n = -1 its last one (e.g. last Monday of May). */
export function nthWeekdayOfMonth(year: number, month: number, weekday: Weekday, n: number): PlainDate {
  if (n > 0) {
    const first = plainDate(year, month, 1);
    const shift = (weekday - isoWeekday(first) + 7) % 7;
    return addDays(first, shift + (n - 1) * 7);
  }
  const last = plainDate(year, month, daysInMonth(year, month));
  return addDays(last, -((isoWeekday(last) - weekday + 7) % 7));
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // hourCycle h23: with hour12:false some ICU versions print midnight as "24".
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether the text names a time zone this runtime knows (IANA, e.g. Europe/Berlin). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

type Wall = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function wallParts(ms: number, timeZone: string): Wall {
  const w: Wall = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of formatter(timeZone).formatToParts(ms)) {
    if (p.type in w) w[p.type as keyof Wall] = Number(p.value);
  }
  if (w.hour === 24) w.hour = 0;
  return w;
}

/** The zone's offset from UTC at an instant, in milliseconds (Berlin in summer: +7 200 000). */
export function offsetMs(ms: number, timeZone: string): number {
  const w = wallParts(ms, timeZone);
  const wall = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  // Intl drops milliseconds; compare against the instant truncated to the second.
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The local calendar date of an instant in the zone. */
export function localDate(at: Date | number, timeZone: string): PlainDate {
  const w = wallParts(+at, timeZone);
  return plainDate(w.year, w.month, w.day);
}

/** The local date and minutes since local midnight of an instant (for display and tests). */
export function localDateTime(at: Date | number, timeZone: string): { date: PlainDate; minutes: number; text: string } {
  const w = wallParts(+at, timeZone);
  const date = plainDate(w.year, w.month, w.day);
  const hh = String(w.hour).padStart(2, '0');
  const mm = String(w.minute).padStart(2, '0');
  return { date, minutes: w.hour * 60 + w.minute, text: `${date} ${hh}:${mm}` };
}

const conversions = new Map<string, number>();
const MAX_CACHED = 50_000;

/**
 * The instant (epoch ms) at which the wall clock of the zone shows `minutes` after midnight of
 * `date` (1440 = midnight ending the day). Like Temporal's `disambiguation: 'compatible'`: a wall
 * time skipped by a spring-forward gap moves forward by the gap (02:30 → 03:30), a wall time that
 * occurs twice in the autumn takes the earlier instant.
 */
export function zonedTimeToUtc(date: PlainDate, minutes: number, timeZone: string): number {
  const key = `${timeZone}|${date}|${minutes}`;
  const cached = conversions.get(key);
  if (cached !== undefined) return cached;
  const { year, month, day } = dateParts(date);
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  // Real zones change offset at most once within a day or so: the offsets a day before and a day
  // after the wall time are the only candidates.
  const before = offsetMs(wall - DAY_MS, timeZone);
  const after = offsetMs(wall + DAY_MS, timeZone);
  const fits = (t: number) => offsetMs(t, timeZone) === wall - t;
  let result = wall - before;
  if (before !== after) {
    const [a, b] = [wall - before, wall - after];
    const [okA, okB] = [fits(a), fits(b)];
    if (okA && okB) result = Math.min(a, b);
    else if (okB) result = b;
    // Neither fits: a gap. Reading the wall time with the offset before the switch moves it forward.
    else result = a;
  }
  if (conversions.size >= MAX_CACHED) conversions.clear();
  conversions.set(key, result);
  return result;
}

/** The instant the local day starts (usually midnight; 01:00 where DST starts at midnight). */
export function startOfLocalDay(date: PlainDate, timeZone: string): number {
  return zonedTimeToUtc(date, 0, timeZone);
}

/** Parses `HH:MM` (00:00–24:00) into minutes after midnight; NaN when it is not such a time. */
export function parseClockTime(text: string): number {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text);
  if (!m) return Number.NaN;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes > 1440 ? Number.NaN : minutes;
}

/** Adds calendar days in the zone keeping the wall-clock time (10:00 stays 10:00 across DST). */
export function addLocalDays(at: Date | number, days: number, timeZone: string): number {
  const { date, minutes } = localDateTime(at, timeZone);
  // Seconds and milliseconds below the minute carry over (offsets are whole minutes since 1970).
  const belowMinute = ((+at % MINUTE_MS) + MINUTE_MS) % MINUTE_MS;
  return zonedTimeToUtc(addDays(date, days), minutes, timeZone) + belowMinute;
}
