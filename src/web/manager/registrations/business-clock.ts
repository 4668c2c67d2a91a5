// Whether the SLA clock runs right now: inside the workspace's working hours on a working day. The
// server computes the business hours left; between two refreshes the countdown ticks on with this.

/** The part of the workspace's business calendar the countdown needs (GET /api/v1/program/settings → calendar). */
export type ClockCalendar = { timeZone: string; workdays: number[]; dayStart: string; dayEnd: string; extraHolidays?: unknown[] };

const partsFormats = new Map<string, Intl.DateTimeFormat>();

function zoned(at: Date, timeZone: string) {
  let f = partsFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    partsFormats.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(p.weekday) + 1;
  return { day: `${p.year}-${p.month}-${p.day}`, weekday, minutes: Number(p.hour) * 60 + Number(p.minute) };
}

const minutesOf = (clock: string) => {
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** A custom holiday is a date or `{date}`; anything else is ignored. */
const holidayDate = (h: unknown): string | null =>
  typeof h === 'string' ? h : h && typeof h === 'object' && typeof (h as { date?: unknown }).date === 'string' ? (h as { date: string }).date : null;

/**
 * True when `at` falls in working hours of a working day (1 = Monday … 7 = Sunday) and is not one of
 * the custom holidays. Public holidays of a region are not known here: the next refresh corrects it.
 */
export function isBusinessTime(at: Date, cal: ClockCalendar): boolean {
  let z: ReturnType<typeof zoned>;
  try {
    z = zoned(at, cal.timeZone);
  } catch {
    return false;
  }
  if (!cal.workdays.includes(z.weekday)) return false;
  if ((cal.extraHolidays ?? []).some((h) => holidayDate(h) === z.day)) return false;
  return z.minutes >= minutesOf(cal.dayStart) && z.minutes < minutesOf(cal.dayEnd);
}

/** Business hours left at `now`, from what the server said at `fetchedAt` (the clock ran only if it is business time now). */
export function hoursLeftNow(serverHours: number, fetchedAt: number, now: number, running: boolean): number {
  if (!running || now <= fetchedAt) return serverHours;
  return serverHours - (now - fetchedAt) / 3_600_000;
}

/** Splits hours into whole hours, minutes and seconds (of the absolute value): 31.5 → {h: 31, m: 30, s: 0}. */
export function hms(hours: number): { h: number; m: number; s: number } {
  const total = Math.max(0, Math.round(Math.abs(hours) * 3600));
  return { h: Math.floor(total / 3600), m: Math.floor((total % 3600) / 60), s: total % 60 };
}
