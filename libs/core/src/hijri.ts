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
