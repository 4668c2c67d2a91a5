// The periods of the metrics dashboard: presets counted back from today, or a custom range, as ISO dates.

export const PERIOD_PRESETS = ['d30', 'd90', 'd365', 'ytd', 'custom'] as const;
/** One of PERIOD_PRESETS. */
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** A period as the metrics endpoint takes it (`from` and `to` inclusive, `YYYY-MM-DD`). */
export type Period = { from: string; to: string };

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar date of an instant as `YYYY-MM-DD`. */
export function isoDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function daysBack(today: Date, days: number): string {
  const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() - (days - 1));
  return isoDate(d);
}

/** The period of a preset on `today` (a custom preset keeps the given range, swapped when backwards). */
export function periodOf(preset: PeriodPreset, today: Date, custom?: Partial<Period>): Period {
  const to = isoDate(today);
  switch (preset) {
    case 'd30':
      return { from: daysBack(today, 30), to };
    case 'd90':
      return { from: daysBack(today, 90), to };
    case 'd365':
      return { from: daysBack(today, 365), to };
    case 'ytd':
      return { from: `${today.getFullYear()}-01-01`, to };
    case 'custom': {
      const from = custom?.from || daysBack(today, 90);
      const end = custom?.to || to;
      return from <= end ? { from, to: end } : { from: end, to: from };
    }
  }
}

/**
 * A duration in hours as the dashboard shows it: minutes under an hour, hours up to three days,
 * days beyond (`45 min`, `14.5 h`, `3.2 d` in the reader's language).
 */
export function durationParts(hours: number): { value: number; unit: 'minute' | 'hour' | 'day' } {
  if (hours < 1) return { value: Math.max(1, Math.round(hours * 60)), unit: 'minute' };
  if (hours < 72) return { value: Math.round(hours * 10) / 10, unit: 'hour' };
  return { value: Math.round((hours / 24) * 10) / 10, unit: 'day' };
}
