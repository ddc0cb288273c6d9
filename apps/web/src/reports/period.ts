/** Report periods as local days (YYYY-MM-DD, inclusive), in Gregorian or Hijri (Umm al-Qura) months and years. */
export type PeriodKey = 'last30' | 'gregorianMonth' | 'hijriMonth' | 'gregorianYear' | 'hijriYear';

const DAY_MS = 86_400_000;

function localDay(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

function hijriParts(date: Date, timeZone: string): { year: string; month: string } {
  const parts = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', { timeZone, year: 'numeric', month: 'numeric' }).formatToParts(date);
  return { year: parts.find((p) => p.type === 'year')!.value, month: parts.find((p) => p.type === 'month')!.value };
}

/** The first day on or before `today` that still has the same Hijri month (or year) as today. */
function hijriStart(today: Date, timeZone: string, same: (a: ReturnType<typeof hijriParts>, b: ReturnType<typeof hijriParts>) => boolean, maxDays: number): string {
  const now = hijriParts(today, timeZone);
  let first = today;
  for (let back = 1; back <= maxDays; back++) {
    const day = new Date(today.getTime() - back * DAY_MS);
    if (!same(hijriParts(day, timeZone), now)) break;
    first = day;
  }
  return localDay(first, timeZone);
}

export function periodRange(key: PeriodKey, timeZone: string, now = new Date()): { from: string; to: string } {
  const to = localDay(now, timeZone);
  switch (key) {
    case 'last30': return { from: localDay(new Date(now.getTime() - 29 * DAY_MS), timeZone), to };
    case 'gregorianMonth': return { from: `${to.slice(0, 7)}-01`, to };
    case 'gregorianYear': return { from: `${to.slice(0, 4)}-01-01`, to };
    case 'hijriMonth': return { from: hijriStart(now, timeZone, (a, b) => a.month === b.month && a.year === b.year, 31), to };
    case 'hijriYear': return { from: hijriStart(now, timeZone, (a, b) => a.year === b.year, 356), to };
  }
}
