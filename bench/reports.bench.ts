import { withClient } from './db';
import { SeededData } from './seed';
import { Api } from './server-process';
import { fmt, now, ResultRow, Samples } from './stats';

interface Overview {
  totals: { created: number; resolved: number };
  byChannel: { channel: string; created: number }[];
}

/**
 * Dashboards on the seeded organization: how long the daily rollup takes to
 * build from nothing (what a new deployment or a rebuild costs), then the
 * overview for the latest year and the latest month over HTTP, checked
 * against a direct count.
 */
export async function reportsBench(api: Api, data: SeededData, log: (line: string) => void): Promise<ResultRow[]> {
  const { first, last, built } = await withClient(data.databaseUrl, async (c) => {
    await c.query(`TRUNCATE report_daily, report_monthly`);
    const started = now();
    // Every day at once, as a rebuild would: not through report_dirty, which the server's own minute job also reads.
    await c.query(`SELECT count(*) FROM (
      SELECT inbox_report_day(d.organization_id, d.day) FROM (
        SELECT DISTINCT t.organization_id, (t.created_at AT TIME ZONE o.time_zone)::date AS day FROM tickets t JOIN organizations o ON o.id = t.organization_id) d) recomputed`);
    await c.query(`SELECT count(*) FROM (
      SELECT inbox_report_month(m.organization_id, m.month) FROM (SELECT DISTINCT organization_id, date_trunc('month', day)::date AS month FROM report_daily) m) recomputed`);
    const elapsed = now() - started;
    const [range] = (await c.query(
      `SELECT to_char(max(day) - 364, 'YYYY-MM-DD') AS first, to_char(max(day), 'YYYY-MM-DD') AS last FROM report_daily WHERE organization_id = $1`, [data.organizationId],
    )).rows;
    return { first: range.first as string, last: range.last as string, built: elapsed };
  });
  log(`reports: rollup of ${data.tickets} tickets built in ${fmt(built / 1000)} s; measuring ${first} .. ${last}`);

  const expected = await withClient(data.databaseUrl, async (c) => (await c.query(
    `SELECT count(*)::int AS n FROM tickets t JOIN organizations o ON o.id = t.organization_id
     WHERE t.organization_id = $1 AND (t.created_at AT TIME ZONE o.time_zone)::date BETWEEN $2::date AND $3::date`,
    [data.organizationId, first, last],
  )).rows[0].n as number);

  const monthFrom = new Date(Date.parse(last) - 29 * 86_400_000).toISOString().slice(0, 10);
  for (let i = 0; i < 5; i++) await api.get<Overview>('/reports/overview', { from: first, to: last });
  const year = new Samples();
  const month = new Samples();
  for (let i = 0; i < 40; i++) {
    const { body, ms } = await api.get<Overview>('/reports/overview', { from: first, to: last });
    year.add(ms);
    if (i === 0 && body.totals.created !== expected) throw new Error(`the year's overview counts ${body.totals.created} tickets, the tickets table ${expected}`);
    month.add((await api.get<Overview>('/reports/overview', { from: monthFrom, to: last })).ms);
  }
  log(`reports: a year p50 ${fmt(year.percentile(50))} ms p99 ${fmt(year.percentile(99))} ms; a month p50 ${fmt(month.percentile(50))} ms`);
  return [
    { section: 'Reports', metric: 'daily and monthly rollup built from nothing', value: built / 1000, unit: 's', note: `${data.tickets} tickets` },
    { section: 'Reports', metric: 'overview, a year of the 1M-ticket organization, p50', value: year.percentile(50), unit: 'ms', note: `${expected} tickets in the year` },
    { section: 'Reports', metric: 'overview, a year of the 1M-ticket organization, p99', value: year.percentile(99), unit: 'ms', target: { kind: 'max', value: 500 } },
    { section: 'Reports', metric: 'overview, the latest month, p99', value: month.percentile(99), unit: 'ms', target: { kind: 'max', value: 500 } },
  ];
}
