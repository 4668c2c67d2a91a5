// Dates and numbers formatted with Intl in the active UI language.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateTimeFormats.set(key, format);
  }
  return format;
}

function toDate(value: string | Date | null | undefined): Date | null {
  if (!value) return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Formatting helpers bound to the active language; re-created when it changes. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'de' ? 'de-DE' : 'en-GB';
  return useMemo(() => {
    const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    const number = new Intl.NumberFormat(locale);
    return {
      locale,
      /** 4 Dec 2026, 16:05 / 4. Dez. 2026, 16:05 */
      dateTime(value: string | Date | null | undefined): string {
        const d = toDate(value);
        return d ? dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d) : '—';
      },
      /** 4 Dec 2026 / 4. Dez. 2026 */
      date(value: string | Date | null | undefined): string {
        const d = toDate(value);
        return d ? dateTimeFormat(locale, { dateStyle: 'medium' }).format(d) : '—';
      },
      /** 5 minutes ago / vor 5 Minuten */
      relative(value: string | Date | null | undefined, now = new Date()): string {
        const d = toDate(value);
        if (!d) return '—';
        const seconds = Math.round((d.getTime() - now.getTime()) / 1000);
        const abs = Math.abs(seconds);
        if (abs < 60) return relative.format(seconds, 'second');
        if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
        if (abs < 86400) return relative.format(Math.round(seconds / 3600), 'hour');
        if (abs < 86400 * 30) return relative.format(Math.round(seconds / 86400), 'day');
        return dateTimeFormat(locale, { dateStyle: 'medium' }).format(d);
      },
      number(value: number): string {
        return number.format(value);
      },
    };
  }, [locale]);
}
