import type { Locale } from '../api/types';

/**
 * Dates as the associations read them: Gregorian and Hijri (Umm al-Qura)
 * side by side, in the organization's time zone. Latin digits in both
 * languages, like references and phone numbers. Formatters are cached:
 * constructing one costs far more than using it (the list formats thousands
 * of rows).
 */
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    cache.set(key, format);
  }
  return format;
}

const GREGORIAN: Record<Locale, string> = { ar: 'ar-SA-u-ca-gregory-nu-latn', en: 'en-GB-u-ca-gregory' };
const HIJRI: Record<Locale, string> = { ar: 'ar-SA-u-ca-islamic-umalqura-nu-latn', en: 'en-u-ca-islamic-umalqura' };

export interface DualDate {
  gregorian: string;
  hijri: string;
}

/** Day, month and year in both calendars, with the time on the Gregorian side. */
export function dualDateTime(value: string | Date, locale: Locale, timeZone: string): DualDate {
  const date = typeof value === 'string' ? new Date(value) : value;
  return {
    gregorian: formatter(GREGORIAN[locale], timeZone, { day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit' }).format(date),
    hijri: formatter(HIJRI[locale], timeZone, { day: 'numeric', month: 'long', year: 'numeric' }).format(date),
  };
}

export function dualDate(value: string | Date, locale: Locale, timeZone: string): DualDate {
  const date = typeof value === 'string' ? new Date(value) : value;
  return {
    gregorian: formatter(GREGORIAN[locale], timeZone, { day: 'numeric', month: 'short', year: 'numeric' }).format(date),
    hijri: formatter(HIJRI[locale], timeZone, { day: 'numeric', month: 'short', year: 'numeric' }).format(date),
  };
}

/** Both calendars with the month in words, as written in a letter or a reply ("12 جمادى الآخرة 1448"). */
export function longDate(value: string | Date, locale: Locale, timeZone: string): DualDate {
  const date = typeof value === 'string' ? new Date(value) : value;
  const options = { day: 'numeric', month: 'long', year: 'numeric' } as const;
  return { gregorian: formatter(GREGORIAN[locale], timeZone, options).format(date), hijri: formatter(HIJRI[locale], timeZone, options).format(date) };
}

/** Short form for a list row: the time today, otherwise day and month; the full dual date goes in the title. */
export function shortWhen(value: string, locale: Locale, timeZone: string, now = new Date()): string {
  const date = new Date(value);
  const day = formatter('en-CA', timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' });
  if (day.format(date) === day.format(now)) return formatter(GREGORIAN[locale], timeZone, { hour: 'numeric', minute: '2-digit' }).format(date);
  return formatter(GREGORIAN[locale], timeZone, { day: 'numeric', month: 'short' }).format(date);
}

const relative = new Map<Locale, Intl.RelativeTimeFormat>();

/** "in 2 hours", "3 minutes ago": deadlines on the badges. */
export function relativeTime(value: string, locale: Locale, now = Date.now()): string {
  let format = relative.get(locale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale === 'ar' ? 'ar-u-nu-latn' : 'en', { numeric: 'auto', style: 'short' });
    relative.set(locale, format);
  }
  const minutes = Math.round((new Date(value).getTime() - now) / 60_000);
  if (Math.abs(minutes) < 60) return format.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 48) return format.format(hours, 'hour');
  return format.format(Math.round(hours / 24), 'day');
}
