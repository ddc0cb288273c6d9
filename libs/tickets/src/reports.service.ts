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
   * every minute), a few days per transaction: a day leaves the dirty list in
   * the transaction that recomputes it, so a crash leaves it dirty. Returns
   * how many days were recomputed.
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
        return claimed.length;
      });
      if (days === 0) break;
      done += days;
    }
    return done;
  }

  async overview(actor: Actor, filter: ReportFilter): Promise<Overview> {
    const { where, params } = this.conditions(actor, filter);
    const q = <T>(sql: string) => this.dataSource.query(sql, params) as Promise<T[]>;
    const [totals, volume, byType, bySection, byChannel, sums, hours, backlog] = await Promise.all([
      q<{ created: number; resolved: number; fr_count: number; fr_met: number; fr_due: number; res_count: number; res_met: number; res_due: number }>(
        `SELECT coalesce(sum(created), 0)::int AS created, coalesce(sum(resolved), 0)::int AS resolved,
                coalesce(sum(first_response_count), 0)::int AS fr_count, coalesce(sum(first_response_met), 0)::int AS fr_met, coalesce(sum(first_response_due), 0)::int AS fr_due,
                coalesce(sum(resolution_count), 0)::int AS res_count, coalesce(sum(resolution_met), 0)::int AS res_met, coalesce(sum(resolution_due), 0)::int AS res_due
         FROM report_daily r WHERE ${where}`),
      q<{ day: string; channel: string; created: number }>(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, channel_kind AS channel, sum(created)::int AS created FROM report_daily r WHERE ${where} GROUP BY 1, 2 ORDER BY 1, 2`),
      q<{ type: string; created: number }>(`SELECT type, sum(created)::int AS created FROM report_daily r WHERE ${where} GROUP BY 1 ORDER BY 2 DESC`),
      q<{ section: string; created: number }>(
        `SELECT coalesce(tm.section, 'none') AS section, sum(r.created)::int AS created FROM report_daily r LEFT JOIN teams tm ON tm.id = r.team_id
         WHERE ${where} GROUP BY 1 ORDER BY 2 DESC`),
      q<{ channel: string; created: number }>(`SELECT channel_kind AS channel, sum(created)::int AS created FROM report_daily r WHERE ${where} GROUP BY 1 ORDER BY 2 DESC`),
      q<{ metric: 'fr' | 'res'; bucket: number; n: number }>(
        `SELECT 'fr' AS metric, u.i::int - 1 AS bucket, sum(u.v)::int AS n FROM report_daily r, unnest(r.first_response_hist) WITH ORDINALITY u(v, i) WHERE ${where} GROUP BY 2
         UNION ALL
         SELECT 'res', u.i::int - 1, sum(u.v)::int FROM report_daily r, unnest(r.resolution_hist) WITH ORDINALITY u(v, i) WHERE ${where} GROUP BY 2`),
      q<{ weekday: number; hour: number; created: number }>(
        `SELECT extract(dow FROM r.day)::int AS weekday, u.i::int - 1 AS hour, sum(u.v)::int AS created
         FROM report_daily r, unnest(r.hours) WITH ORDINALITY u(v, i) WHERE ${where} GROUP BY 1, 2 HAVING sum(u.v) > 0 ORDER BY 1, 2`),
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
    const { where, params } = this.conditions(actor, filter);
    const rows: Record<string, string | number | null>[] = await this.dataSource.query(
      `SELECT to_char(r.day, 'YYYY-MM-DD') AS day, r.channel_kind AS channel, r.type, coalesce(tm.name_en, '') AS team, coalesce(b.name_en, '') AS branch,
              sum(r.created)::int AS created, sum(r.resolved)::int AS resolved,
              sum(r.first_response_met)::int AS first_response_met, sum(r.first_response_due)::int AS first_response_due,
              sum(r.resolution_met)::int AS resolution_met, sum(r.resolution_due)::int AS resolution_due
       FROM report_daily r LEFT JOIN teams tm ON tm.id = r.team_id LEFT JOIN branches b ON b.id = r.branch_id
       WHERE ${where} GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
      params,
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

  private conditions(actor: Actor, filter: ReportFilter): { where: string; params: unknown[] } {
    const params: unknown[] = [actor.organizationId, filter.from, filter.to];
    const where = ['r.organization_id = $1', 'r.day BETWEEN $2::date AND $3::date'];
    if (filter.teamId) where.push(`r.team_id = $${params.push(filter.teamId)}`);
    if (filter.branchId) where.push(`r.branch_id = $${params.push(filter.branchId)}`);
    if (filter.channel) where.push(`r.channel_kind = $${params.push(filter.channel)}`);
    return { where: where.join(' AND '), params };
  }
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
