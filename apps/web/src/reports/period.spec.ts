import { periodRange } from './period';

describe('report periods', () => {
  const now = new Date('2026-12-05T09:00:00Z'); // 25 Jumada II 1448 in Riyadh

  it('starts the Hijri month on its first day (Umm al-Qura) and the Hijri year on 1 Muharram', () => {
    expect(periodRange('hijriMonth', 'Asia/Riyadh', now)).toEqual({ from: '2026-11-11', to: '2026-12-05' });
    expect(periodRange('hijriYear', 'Asia/Riyadh', now)).toEqual({ from: '2026-06-16', to: '2026-12-05' });
  });

  it('counts Gregorian months and years and the last 30 days in the organization’s time zone', () => {
    expect(periodRange('gregorianMonth', 'Asia/Riyadh', now)).toEqual({ from: '2026-12-01', to: '2026-12-05' });
    expect(periodRange('gregorianYear', 'Asia/Riyadh', now)).toEqual({ from: '2026-01-01', to: '2026-12-05' });
    expect(periodRange('last30', 'Asia/Riyadh', new Date('2026-12-05T22:30:00Z'))).toEqual({ from: '2026-11-07', to: '2026-12-06' });
  });
});
