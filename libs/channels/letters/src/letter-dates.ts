export type LetterLocale = 'ar' | 'en';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: LetterLocale, calendar: 'islamic-umalqura' | 'gregory', timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${calendar}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(`${locale === 'ar' ? 'ar-SA' : 'en-GB'}-u-ca-${calendar}-nu-latn`, { day: 'numeric', month: 'long', year: 'numeric', timeZone });
    formatters.set(key, f);
  }
  return f;
}

/** A letter's date in both calendars (Umm al-Qura and Gregorian), as registers and letterheads write it. */
export function letterDates(date: Date, locale: LetterLocale, timeZone: string): { hijri: string; gregorian: string } {
  return { hijri: formatter(locale, 'islamic-umalqura', timeZone).format(date), gregorian: formatter(locale, 'gregory', timeZone).format(date) };
}

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** Noon of a local date, so the date reads the same in every zone near the organization's. */
export function middayOf(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}
