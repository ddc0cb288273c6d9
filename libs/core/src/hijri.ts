/** Umm al-Qura calendar through ICU (Node ships full ICU); no hand-written tables. */
export function hijriYear(date: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', {
    year: 'numeric',
    timeZone,
  }).formatToParts(date);
  const year = parts.find((part) => part.type === 'year')?.value;
  return Number.parseInt(year ?? '', 10);
}

export function gregorianYear(date: Date, timeZone: string): number {
  return Number.parseInt(
    new Intl.DateTimeFormat('en-u-nu-latn', { year: 'numeric', timeZone }).format(date),
    10,
  );
}
