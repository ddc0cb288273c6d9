import { addBusinessMinutes, DEFAULT_BUSINESS_HOURS, localTimeToInstant } from './business-hours';

const riyadh = (iso: string) => new Date(`${iso}+03:00`);

describe('addBusinessMinutes', () => {
  it('adds minutes inside one working day', () => {
    // 2026-11-22 is a Sunday
    expect(addBusinessMinutes(riyadh('2026-11-22T09:00:00'), 60)).toEqual(riyadh('2026-11-22T10:00:00'));
  });

  it('starts counting at opening time when created before hours', () => {
    expect(addBusinessMinutes(riyadh('2026-11-22T06:30:00'), 30)).toEqual(riyadh('2026-11-22T08:30:00'));
  });

  it('carries what is left of the day into the next working day', () => {
    expect(addBusinessMinutes(riyadh('2026-11-22T15:00:00'), 120)).toEqual(riyadh('2026-11-23T09:00:00'));
  });

  it('skips the Friday and Saturday weekend', () => {
    // Thursday 15:00 + 2h -> Sunday 09:00
    expect(addBusinessMinutes(riyadh('2026-11-26T15:00:00'), 120)).toEqual(riyadh('2026-11-29T09:00:00'));
  });

  it('treats a message on Friday as arriving on Sunday morning', () => {
    expect(addBusinessMinutes(riyadh('2026-11-27T12:00:00'), 60)).toEqual(riyadh('2026-11-29T09:00:00'));
  });

  it('skips holidays given as local dates', () => {
    const hours = { ...DEFAULT_BUSINESS_HOURS, holidays: ['2026-11-23'] };
    expect(addBusinessMinutes(riyadh('2026-11-22T15:00:00'), 120, hours)).toEqual(riyadh('2026-11-24T09:00:00'));
  });

  it('counts fourteen working days as ten weekdays later in a five-day week', () => {
    const due = addBusinessMinutes(riyadh('2026-11-22T08:00:00'), 10 * 8 * 60);
    expect(due).toEqual(riyadh('2026-12-03T16:00:00'));
  });

  it('follows daylight saving in a zone that has it', () => {
    const berlin = { timeZone: 'Europe/Berlin', workDays: [1, 2, 3, 4, 5], startMinute: 540, endMinute: 1020 };
    // Friday 2026-03-27 16:00 CET + 2h -> Monday 2026-03-30 10:00 CEST (08:00 UTC)
    expect(addBusinessMinutes(new Date('2026-03-27T15:00:00Z'), 120, berlin)).toEqual(new Date('2026-03-30T08:00:00Z'));
  });

  it('refuses hours with no working time', () => {
    expect(() => addBusinessMinutes(new Date(), 10, { ...DEFAULT_BUSINESS_HOURS, workDays: [] })).toThrow();
  });
});

describe('localTimeToInstant', () => {
  it('converts Riyadh wall time to UTC', () => {
    expect(localTimeToInstant(2026, 11, 22, 8 * 60, 'Asia/Riyadh')).toEqual(new Date('2026-11-22T05:00:00Z'));
  });
});

describe('paused clocks', () => {
  const { businessMinutesBetween } = jest.requireActual('./business-hours');
  const at = (iso: string) => new Date(iso);

  it('counts only working minutes between two instants', () => {
    // Thursday 15:00 to Sunday 09:00 Riyadh: one hour on Thursday, one on Sunday.
    expect(businessMinutesBetween(at('2026-11-19T12:00:00Z'), at('2026-11-22T06:00:00Z'))).toBe(120);
    expect(businessMinutesBetween(at('2026-11-22T06:00:00Z'), at('2026-11-22T05:00:00Z'))).toBe(0);
    // A holiday in between is not worked.
    expect(businessMinutesBetween(at('2026-11-19T12:00:00Z'), at('2026-11-22T06:00:00Z'),
      { timeZone: 'Asia/Riyadh', workDays: [0, 1, 2, 3, 4], startMinute: 480, endMinute: 960, holidays: ['2026-11-19'] })).toBe(60);
  });
});
