/** Umm al-Qura calendar through ICU (Node ships full ICU); no hand-written tables. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Building an ICU formatter costs far more than using one, so each (calendar, zone) pair is built once. */
function yearFormatter(calendar: 'islamic-umalqura' | 'gregory', timeZone: string): Intl.DateTimeFormat {
  const key = `${calendar}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(`en-u-ca-${calendar}-nu-latn`, { year: 'numeric', timeZone });
    formatters.set(key, formatter);
  }
  return formatter;
}

const yearOf = (formatter: Intl.DateTimeFormat, date: Date) =>
  Number.parseInt(formatter.formatToParts(date).find((part) => part.type === 'year')?.value ?? '', 10);

export function hijriYear(date: Date, timeZone: string): number {
  return yearOf(yearFormatter('islamic-umalqura', timeZone), date);
}

export function gregorianYear(date: Date, timeZone: string): number {
  return yearOf(yearFormatter('gregory', timeZone), date);
}

const hijriParts = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' });

/**
 * The Gregorian date (YYYY-MM-DD) of an Umm al-Qura Hijri date, as admins
 * enter holidays. Estimates from the mean Hijri year, then walks to the day
 * ICU names; null when the Hijri date does not exist (a 30th of a 29-day month).
 */
export function gregorianFromHijri(year: number, month: number, day: number): string | null {
  const estimate = Date.UTC(622, 6, 16) + ((year - 1) * 354.36707 + (month - 1) * 29.530589 + (day - 1)) * 86_400_000;
  for (let offset = -5; offset <= 5; offset++) {
    const candidate = new Date(estimate + offset * 86_400_000);
    const parts = Object.fromEntries(hijriParts.formatToParts(candidate).map((p) => [p.type, p.value]));
    if (Number.parseInt(parts.year, 10) === year && Number(parts.month) === month && Number(parts.day) === day) {
      return candidate.toISOString().slice(0, 10);
    }
  }
  return null;
}
