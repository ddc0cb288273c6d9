import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@inbox/audit';
import { returnedRows } from '@inbox/database';
import { Actor } from '@inbox/tenancy';
import { Load, SupervisionQuery } from './supervision.query';

/** Upper bounds (minutes) of the time histograms, as in migration 1733200000000-reports; the last bucket is open. */
export const REPORT_BUCKETS = [5, 15, 30, 60, 120, 240, 480, 1440, 2880, 4320, 10080, 20160, 43200];

export interface ReportFilter {
  /** Local dates, inclusive. */
  from: string;
  to: string;
  branchId?: string;
  teamId?: string;
  channel?: string;
}

export interface TimeFigures {
  count: number;
  /** Minutes, estimated from the histogram (linear within a bucket); null without data. */
  median: number | null;
  p90: number | null;
  /** Share met among tickets whose deadline has come (0..1), null when none has. */
  metShare: number | null;
}

export interface Overview {
  period: { from: string; to: string };
  totals: { created: number; resolved: number };
  volume: { day: string; channel: string; created: number }[];
  byType: { type: string; created: number }[];
  bySection: { section: string; created: number }[];
  byChannel: { channel: string; created: number }[];
  firstResponse: TimeFigures;
  resolution: TimeFigures;
  /** created tickets by weekday (0 = Sunday) and local hour */
  busiestHours: { weekday: number; hour: number; created: number }[];
  backlog: Load;
}

/**
 * Dashboards from the daily rollup (report_daily): volume by channel, type
 * and section over time, first-response and resolution times (median, 90th
 * percentile, deadlines met), busiest hours, and the live backlog.
 * Complaints are counted in like every ticket, never listed. A CSV export
 * of the same rows is audited.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly supervision: SupervisionQuery,
    private readonly audit: AuditService,
  ) {}

  /**
   * Recomputes the days that changed since the last run (the worker runs this
   * every minute), a few days per transaction, then the months they fall in:
   * a day leaves the dirty list in the transaction that recomputes it and its
   * month, so a crash leaves it dirty. Returns how many days were recomputed.
   */
  async refreshDirty(limit = 500): Promise<number> {
    let done = 0;
    while (done < limit) {
      const days = await this.dataSource.transaction(async (manager) => {
        const claimed = returnedRows<{ organization_id: string; day: string }>(await manager.query(
          `DELETE FROM report_dirty WHERE (organization_id, day) IN (SELECT organization_id, day FROM report_dirty LIMIT 25 FOR UPDATE SKIP LOCKED)
           RETURNING organization_id, to_char(day, 'YYYY-MM-DD') AS day`,
        ));
        for (const { organization_id, day } of claimed) await manager.query(`SELECT inbox_report_day($1, $2::date)`, [organization_id, day]);
        const months = new Set(claimed.map(({ organization_id, day }) => `${organization_id} ${day.slice(0, 7)}-01`));
        for (const month of months) {
          const [organizationId, first] = month.split(' ');
          await manager.query(`SELECT inbox_report_month($1, $2::date)`, [organizationId, first]);
        }
        return claimed.length;
      });
      if (days === 0) break;
      done += days;
    }
    return done;
  }

  /**
   * Folds the backlog's deltas (one row per ticket change that moved a count)
   * into one row per key; the worker runs it every minute, so the supervisors'
   * and the reports' backlog reads a few hundred rows.
   */
  async compactBacklog(): Promise<void> {
    await this.dataSource.query(
      `WITH gone AS (DELETE FROM ticket_backlog RETURNING *)
       INSERT INTO ticket_backlog (organization_id, team_id, assignee_id, status, confidential, with_deadline, n)
       SELECT organization_id, team_id, assignee_id, status, confidential, with_deadline, sum(n) FROM gone
       GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) <> 0`,
    );
  }

  async overview(actor: Actor, filter: ReportFilter): Promise<Overview> {
    const split = splitPeriod(filter.from, filter.to);
    const scope = new RollupScope(actor.organizationId, filter);
    // Each query with its own parameters: PostgreSQL refuses a parameter a statement does not use.
    const q = <T>(build: (p: SqlParams) => string) => {
      const p = new SqlParams();
      return this.dataSource.query(build(p), p.values) as Promise<T[]>;
    };
    const [totals, volume, byType, bySection, byChannel, sums, hours, backlog] = await Promise.all([
      q<{ created: number; resolved: number; fr_count: number; fr_met: number; fr_due: number; res_count: number; res_met: number; res_due: number }>((p) =>
        `SELECT coalesce(sum(created), 0)::int AS created, coalesce(sum(resolved), 0)::int AS resolved,
                coalesce(sum(first_response_count), 0)::int AS fr_count, coalesce(sum(first_response_met), 0)::int AS fr_met, coalesce(sum(first_response_due), 0)::int AS fr_due,
                coalesce(sum(resolution_count), 0)::int AS res_count, coalesce(sum(resolution_met), 0)::int AS res_met, coalesce(sum(resolution_due), 0)::int AS res_due
         FROM ${scope.rollup(p, split)} r`),
      q<{ day: string; channel: string; created: number }>((p) =>
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, channel_kind AS channel, sum(created)::int AS created FROM report_daily r WHERE ${scope.days(p, [[filter.from, filter.to]])} GROUP BY 1, 2 ORDER BY 1, 2`),
      q<{ type: string; created: number }>((p) => `SELECT type, sum(created)::int AS created FROM ${scope.rollup(p, split)} r GROUP BY 1 ORDER BY 2 DESC`),
      q<{ section: string; created: number }>((p) =>
        `SELECT coalesce(tm.section, 'none') AS section, sum(r.created)::int AS created FROM ${scope.rollup(p, split)} r LEFT JOIN teams tm ON tm.id = r.team_id
         GROUP BY 1 ORDER BY 2 DESC`),
      q<{ channel: string; created: number }>((p) => `SELECT channel_kind AS channel, sum(created)::int AS created FROM ${scope.rollup(p, split)} r GROUP BY 1 ORDER BY 2 DESC`),
      q<{ metric: 'fr' | 'res'; bucket: number; n: number }>((p) => {
        const rollup = scope.rollup(p, split);
        return `SELECT 'fr' AS metric, u.i::int - 1 AS bucket, sum(u.v)::int AS n FROM ${rollup} r, unnest(r.first_response_hist) WITH ORDINALITY u(v, i) GROUP BY 2
         UNION ALL
         SELECT 'res', u.i::int - 1, sum(u.v)::int FROM ${rollup} r, unnest(r.resolution_hist) WITH ORDINALITY u(v, i) GROUP BY 2`;
      }),
      q<{ weekday: number; hour: number; created: number }>((p) =>
        `SELECT c.weekday, c.hour, sum(c.v)::int AS created FROM (
           SELECT (u.i::int - 1) / 24 AS weekday, (u.i::int - 1) % 24 AS hour, u.v FROM report_monthly r, unnest(r.week_hours) WITH ORDINALITY u(v, i) WHERE ${scope.months(p, split)}
           UNION ALL
           SELECT extract(dow FROM r.day)::int, u.i::int - 1, u.v FROM report_daily r, unnest(r.hours) WITH ORDINALITY u(v, i) WHERE ${scope.days(p, split.days)}
         ) c GROUP BY 1, 2 HAVING sum(c.v) > 0 ORDER BY 1, 2`),
      this.supervision.load(actor, false),
    ]);
    const t = totals[0];
    const histogram = (metric: 'fr' | 'res') => {
      const counts = new Array(REPORT_BUCKETS.length + 1).fill(0);
      for (const row of sums) if (row.metric === metric) counts[row.bucket] = row.n;
      return counts;
    };
    return {
      period: { from: filter.from, to: filter.to },
      totals: { created: t.created, resolved: t.resolved },
      volume, byType, bySection, byChannel,
      firstResponse: figures(histogram('fr'), t.fr_count, t.fr_met, t.fr_due),
      resolution: figures(histogram('res'), t.res_count, t.res_met, t.res_due),
      busiestHours: hours,
      backlog,
    };
  }

  /** The rollup's rows for the period as CSV (one line per day, channel, type and team); the export is audited. */
  async exportCsv(actor: Actor, filter: ReportFilter): Promise<string> {
    const params = new SqlParams();
    const where = new RollupScope(actor.organizationId, filter).days(params, [[filter.from, filter.to]]);
    const rows: Record<string, string | number | null>[] = await this.dataSource.query(
      `SELECT to_char(r.day, 'YYYY-MM-DD') AS day, r.channel_kind AS channel, r.type, coalesce(tm.name_en, '') AS team, coalesce(b.name_en, '') AS branch,
              sum(r.created)::int AS created, sum(r.resolved)::int AS resolved,
              sum(r.first_response_met)::int AS first_response_met, sum(r.first_response_due)::int AS first_response_due,
              sum(r.resolution_met)::int AS resolution_met, sum(r.resolution_due)::int AS resolution_due
       FROM report_daily r LEFT JOIN teams tm ON tm.id = r.team_id LEFT JOIN branches b ON b.id = r.branch_id
       WHERE ${where} GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
      params.values,
    );
    await this.audit.record({ organizationId: actor.organizationId, actorUserId: actor.userId, action: 'report.exported', entityType: 'report', entityId: 'daily', data: { ...filter, rows: rows.length } });
    const header = ['day', 'channel', 'type', 'team', 'branch', 'created', 'resolved', 'first_response_met', 'first_response_due', 'resolution_met', 'resolution_due'];
    const cell = (value: unknown) => {
      const text = value === null || value === undefined ? '' : String(value);
      // Quoted when needed, and never read as a formula by a spreadsheet.
      const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
      return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
    };
    return [header.join(','), ...rows.map((row) => header.map((h) => cell(row[h])).join(','))].join('\n') + '\n';
  }

}

/** Positional parameters of one statement. */
class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    return `$${this.values.push(value)}`;
  }
}

const ROLLUP_COLUMNS = 'channel_kind, type, team_id, created, resolved, first_response_count, first_response_met, first_response_due, resolution_count, resolution_met, resolution_due, first_response_hist, resolution_hist';

/** The conditions on the rollup tables (aliased `r`) for one organization and the report's filters. */
class RollupScope {
  constructor(private readonly organizationId: string, private readonly filter: ReportFilter) {}

  /** report_daily rows of the given day ranges. */
  days(p: SqlParams, ranges: [string, string][]): string {
    const within = ranges.map(([from, to]) => `r.day BETWEEN ${p.add(from)}::date AND ${p.add(to)}::date`);
    return `r.organization_id = ${p.add(this.organizationId)} AND (${within.length ? within.join(' OR ') : 'false'})${this.filters(p)}`;
  }

  /** report_monthly rows of the period's whole months. */
  months(p: SqlParams, split: PeriodSplit): string {
    if (!split.months) return 'false';
    return `r.organization_id = ${p.add(this.organizationId)} AND r.month BETWEEN ${p.add(split.months.first)}::date AND ${p.add(split.months.last)}::date${this.filters(p)}`;
  }

  /** The period's rows: its whole months from report_monthly, the days at its edges from report_daily. */
  rollup(p: SqlParams, split: PeriodSplit): string {
    return `(SELECT ${ROLLUP_COLUMNS} FROM report_monthly r WHERE ${this.months(p, split)} UNION ALL SELECT ${ROLLUP_COLUMNS} FROM report_daily r WHERE ${this.days(p, split.days)})`;
  }

  private filters(p: SqlParams): string {
    const conditions: string[] = [];
    if (this.filter.teamId) conditions.push(`r.team_id = ${p.add(this.filter.teamId)}`);
    if (this.filter.branchId) conditions.push(`r.branch_id = ${p.add(this.filter.branchId)}`);
    if (this.filter.channel) conditions.push(`r.channel_kind = ${p.add(this.filter.channel)}`);
    return conditions.map((c) => ` AND ${c}`).join('');
  }
}

export interface PeriodSplit {
  /** First days of the first and the last whole month inside the period. */
  months: { first: string; last: string } | null;
  /** The day ranges (inclusive) outside those months. */
  days: [string, string][];
}

/**
 * A period of local dates (inclusive) as the whole calendar months inside it
 * (first days of the first and last) and the day ranges left at its edges.
 */
export function splitPeriod(from: string, to: string): PeriodSplit {
  const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
  const iso = (date: Date) => date.toISOString().slice(0, 10);
  const start = day(from);
  const end = day(to);
  if (start > end) return { months: null, days: [] };
  // The first month that starts on or after `from`, and the first day after the last month that ends on or before `to`.
  const firstMonth = start.getUTCDate() === 1 ? start : new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  const afterEnd = new Date(end.getTime() + 86_400_000);
  const endMonth = afterEnd.getUTCDate() === 1 ? afterEnd : new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), 1));
  if (firstMonth >= endMonth) return { months: null, days: [[from, to]] };
  const days: [string, string][] = [];
  if (start < firstMonth) days.push([from, iso(new Date(firstMonth.getTime() - 86_400_000))]);
  if (endMonth <= end) days.push([iso(endMonth), to]);
  const lastMonth = new Date(Date.UTC(endMonth.getUTCFullYear(), endMonth.getUTCMonth() - 1, 1));
  return { months: { first: iso(firstMonth), last: iso(lastMonth) }, days };
}

/** A percentile of a histogram over REPORT_BUCKETS, interpolated linearly within its bucket; the open last bucket answers its lower bound. */
export function histogramPercentile(counts: number[], p: number): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = p * total;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    if (seen + counts[i] >= rank && counts[i] > 0) {
      const lower = i === 0 ? 0 : REPORT_BUCKETS[i - 1];
      if (i >= REPORT_BUCKETS.length) return lower;
      const upper = REPORT_BUCKETS[i];
      return Math.round(lower + ((rank - seen) / counts[i]) * (upper - lower));
    }
    seen += counts[i];
  }
  return REPORT_BUCKETS[REPORT_BUCKETS.length - 1];
}

function figures(counts: number[], count: number, met: number, due: number): TimeFigures {
  return { count, median: histogramPercentile(counts, 0.5), p90: histogramPercentile(counts, 0.9), metShare: due > 0 ? met / due : null };
}
