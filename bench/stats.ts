/** Latency samples in milliseconds and the nearest-rank percentiles the report prints. */
export class Samples {
  readonly values: number[] = [];

  add(ms: number): void {
    this.values.push(ms);
  }

  get count(): number {
    return this.values.length;
  }

  percentile(p: number): number {
    if (this.values.length === 0) return Number.NaN;
    const sorted = [...this.values].sort((a, b) => a - b);
    const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
    return sorted[rank - 1]!;
  }

  get max(): number {
    return this.values.length ? this.values.reduce((a, b) => (b > a ? b : a)) : Number.NaN;
  }
}

export const now = () => performance.now();

export async function timed<T>(samples: Samples, work: () => Promise<T>): Promise<T> {
  const start = now();
  const result = await work();
  samples.add(now() - start);
  return result;
}

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

export const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

export const mb = (bytes: number) => bytes / (1024 * 1024);

/** Samples process RSS while something runs; peak() is the largest value seen. */
export class RssSampler {
  private timer: NodeJS.Timeout | null = null;
  private highest = 0;

  start(intervalMs = 50): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
    return this.highest;
  }

  peak(): number {
    return this.highest;
  }

  private sample(): void {
    this.highest = Math.max(this.highest, process.memoryUsage().rss);
  }
}

export type Comparison = 'min' | 'max';

export interface ResultRow {
  section: string;
  metric: string;
  value: number;
  unit: string;
  /** 'min': the value must reach the target; 'max': it must stay below it. Omitted for informational rows. */
  target?: { kind: Comparison; value: number };
  note?: string;
}

export const verdict = (row: ResultRow): 'PASS' | 'MISS' | 'info' => {
  if (!row.target) return 'info';
  if (!Number.isFinite(row.value)) return 'MISS';
  return (row.target.kind === 'min' ? row.value >= row.target.value : row.value < row.target.value) ? 'PASS' : 'MISS';
};

export function renderTable(rows: ResultRow[]): string {
  const header = ['Section', 'Metric', 'Figure', 'Target', 'Result', 'Notes'];
  const cells = rows.map((row) => [
    row.section,
    row.metric,
    `${fmt(row.value, row.unit === 'msg/s' || row.unit === 'MB' ? 0 : 1)} ${row.unit}`,
    row.target ? `${row.target.kind === 'min' ? '>=' : '<'} ${row.target.value} ${row.unit}` : '-',
    verdict(row),
    row.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join(' | ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line)].join('\n');
}
