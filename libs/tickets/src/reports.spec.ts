import { histogramPercentile, REPORT_BUCKETS, splitPeriod } from './reports.service';

describe('percentiles from the rollup histograms', () => {
  const histogram = (entries: Record<number, number>) => Array.from({ length: REPORT_BUCKETS.length + 1 }, (_, i) => entries[i] ?? 0);

  it('interpolates within the bucket that holds the rank', () => {
    // Ten answers between 15 and 30 minutes: the median is half way.
    expect(histogramPercentile(histogram({ 2: 10 }), 0.5)).toBe(23);
    // Nine fast ones and one slow: the 90th percentile is still among the fast.
    expect(histogramPercentile(histogram({ 0: 9, 7: 1 }), 0.9)).toBe(5);
    expect(histogramPercentile(histogram({ 0: 9, 7: 1 }), 0.95)).toBeGreaterThan(480);
  });

  it('answers the lower bound of the open last bucket, and nothing without data', () => {
    expect(histogramPercentile(histogram({ 13: 4 }), 0.5)).toBe(43200);
    expect(histogramPercentile(histogram({}), 0.5)).toBeNull();
  });
});

describe('a report period as whole months and edge days', () => {
  it('takes the whole months inside and leaves the days at both ends', () => {
    expect(splitPeriod('2025-12-08', '2026-12-07')).toEqual({ months: { first: '2026-01-01', last: '2026-11-01' }, days: [['2025-12-08', '2025-12-31'], ['2026-12-01', '2026-12-07']] });
    expect(splitPeriod('2026-10-01', '2026-10-31')).toEqual({ months: { first: '2026-10-01', last: '2026-10-01' }, days: [] });
    expect(splitPeriod('2026-02-01', '2026-03-15')).toEqual({ months: { first: '2026-02-01', last: '2026-02-01' }, days: [['2026-03-01', '2026-03-15']] });
    expect(splitPeriod('2024-01-15', '2024-02-29')).toEqual({ months: { first: '2024-02-01', last: '2024-02-01' }, days: [['2024-01-15', '2024-01-31']] });
  });

  it('keeps a period within one month, or across two partial ones, in days', () => {
    expect(splitPeriod('2026-03-15', '2026-03-20')).toEqual({ months: null, days: [['2026-03-15', '2026-03-20']] });
    expect(splitPeriod('2026-03-15', '2026-04-10')).toEqual({ months: null, days: [['2026-03-15', '2026-04-10']] });
    expect(splitPeriod('2026-03-20', '2026-03-15')).toEqual({ months: null, days: [] });
  });
});
