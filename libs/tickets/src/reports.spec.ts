import { histogramPercentile, REPORT_BUCKETS } from './reports.service';

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
