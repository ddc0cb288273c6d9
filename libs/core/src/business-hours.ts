/**
 * Deadline arithmetic in an organization's business hours (default Sunday to
 * Thursday, 08:00-16:00, Asia/Riyadh). Pure: time zone offsets come from ICU.
 */
export interface BusinessHours {
  timeZone: string;
  /** 0 = Sunday ... 6 = Saturday */
  workDays: number[];
  /** minutes after local midnight */
  startMinute: number;
  endMinute: number;
  /** local dates (YYYY-MM-DD) that are not worked */
  holidays?: string[];
}

export const DEFAULT_BUSINESS_HOURS: BusinessHours = {
  timeZone: 'Asia/Riyadh',
  workDays: [0, 1, 2, 3, 4],
  startMinute: 8 * 60,
  endMinute: 16 * 60,
};

interface LocalParts {
  year: number;
  month: number;
  day: number;
  minuteOfDay: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
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

/** The zone's offset from UTC at an instant, straight from ICU. */
function icuOffsetMs(date: Date, timeZone: string): number {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(date).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(date.getTime() / 1000) * 1000;
}

const QUARTER_HOUR = 15 * 60_000;
const offsets = new Map<string, number>();

/**
 * Offsets change only at transitions, which fall on quarter hours, so one ICU
 * call per zone and quarter hour serves every deadline computed in it; the
 * rest of the arithmetic is plain UTC date maths on the shifted instant.
 */
function offsetMs(date: Date, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(date.getTime() / QUARTER_HOUR)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size > 50_000) offsets.clear();
    offset = icuOffsetMs(date, timeZone);
    offsets.set(key, offset);
  }
  return offset;
}

function localParts(date: Date, timeZone: string): LocalParts {
  const local = new Date(date.getTime() + offsetMs(date, timeZone));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    minuteOfDay: local.getUTCHours() * 60 + local.getUTCMinutes(),
    weekday: local.getUTCDay(),
  };
}

/** The instant at which the local wall clock in timeZone shows the given date and minute. */
export function localTimeToInstant(year: number, month: number, day: number, minuteOfDay: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day, 0, minuteOfDay);
  const first = guess - offsetMs(new Date(guess), timeZone);
  return new Date(guess - offsetMs(new Date(first), timeZone));
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function nextDayStart(p: LocalParts, hours: BusinessHours): Date {
  const next = new Date(Date.UTC(p.year, p.month - 1, p.day + 1));
  return localTimeToInstant(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), hours.startMinute, hours.timeZone);
}

/**
 * The working spans from an instant on, in order: [from, to) instants within
 * working days and hours, skipping nights, weekends and holidays. A year of
 * calendar days' worth of steps bounds the walk.
 */
function* workingSpans(start: Date, hours: BusinessHours): Generator<[number, number]> {
  if (hours.workDays.length === 0 || hours.endMinute <= hours.startMinute) {
    throw new Error('business hours have no working time');
  }
  const holidays = new Set(hours.holidays ?? []);
  let cursor = start;
  for (let guard = 0; guard < 3660; guard++) {
    const p = localParts(cursor, hours.timeZone);
    const worked = hours.workDays.includes(p.weekday) && !holidays.has(isoDate(p.year, p.month, p.day));
    if (!worked || p.minuteOfDay >= hours.endMinute) {
      cursor = nextDayStart(p, hours);
      continue;
    }
    if (p.minuteOfDay < hours.startMinute) {
      cursor = localTimeToInstant(p.year, p.month, p.day, hours.startMinute, hours.timeZone);
      continue;
    }
    yield [cursor.getTime(), localTimeToInstant(p.year, p.month, p.day, hours.endMinute, hours.timeZone).getTime()];
    cursor = nextDayStart(p, hours);
  }
}

/** Adds working minutes to a start instant, skipping nights, weekends and holidays. */
export function addBusinessMinutes(start: Date, minutes: number, hours: BusinessHours = DEFAULT_BUSINESS_HOURS): Date {
  let remainingMs = minutes * 60_000;
  for (const [from, to] of workingSpans(start, hours)) {
    if (remainingMs <= to - from) return new Date(from + remainingMs);
    remainingMs -= to - from;
  }
  throw new Error('deadline lies more than ten years ahead');
}

/** Working minutes between two instants (0 when end is not after start): how long a paused clock stood still. */
export function businessMinutesBetween(start: Date, end: Date, hours: BusinessHours = DEFAULT_BUSINESS_HOURS): number {
  if (end.getTime() <= start.getTime()) return 0;
  let workedMs = 0;
  for (const [from, to] of workingSpans(start, hours)) {
    if (from >= end.getTime()) break;
    workedMs += Math.min(to, end.getTime()) - from;
  }
  return Math.round(workedMs / 60_000);
}
