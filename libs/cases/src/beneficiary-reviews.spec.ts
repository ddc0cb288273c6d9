import { addMonths, dateIn, reviewRequestMessage } from './beneficiary-reviews.service';

describe('review dates', () => {
  it('adds calendar months, keeping the day where the month has it', () => {
    expect(addMonths('2026-03-01', 6)).toBe('2026-09-01');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2026-12-15', 12)).toBe('2027-12-15');
  });

  it('reads the date where the association is', () => {
    expect(dateIn(new Date('2030-02-28T20:59:00Z'), 'Asia/Riyadh')).toBe('2030-02-28');
    expect(dateIn(new Date('2030-02-28T21:00:00Z'), 'Asia/Riyadh')).toBe('2030-03-01');
  });

  it('asks the beneficiary in their language, with the reference', () => {
    expect(reviewRequestMessage('T-1448-0007', 'ar')).toContain('T-1448-0007');
    expect(reviewRequestMessage('T-1448-0007', 'en')).toMatch(/has not changed/);
  });
});
