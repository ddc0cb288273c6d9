import { gregorianYear, hijriYear } from './hijri';

describe('hijriYear', () => {
  it('gives the Umm al-Qura year in the organization time zone', () => {
    // 1 Muharram 1448 is 16 June 2026 (Umm al-Qura).
    expect(hijriYear(new Date('2026-06-17T12:00:00Z'), 'Asia/Riyadh')).toBe(1448);
    expect(hijriYear(new Date('2026-06-01T12:00:00Z'), 'Asia/Riyadh')).toBe(1447);
  });

  it('turns the Gregorian year at local midnight, not UTC', () => {
    expect(gregorianYear(new Date('2026-12-31T22:30:00Z'), 'Asia/Riyadh')).toBe(2027);
    expect(gregorianYear(new Date('2026-12-31T22:30:00Z'), 'UTC')).toBe(2026);
  });
});

describe('Hijri dates entered by admins', () => {
  it('finds the Gregorian day of an Umm al-Qura date', () => {
    const { gregorianFromHijri } = jest.requireActual('./hijri');
    expect(gregorianFromHijri(1447, 10, 1)).toBe('2026-03-20'); // Eid al-Fitr 1447
    expect(gregorianFromHijri(1446, 9, 1)).toBe('2025-03-01'); // Ramadan 1446
    expect(gregorianFromHijri(1448, 1, 1)).toBe('2026-06-16');
    expect(gregorianFromHijri(1447, 13, 1)).toBeNull();
  });
});
