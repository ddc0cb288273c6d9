import { downloadFile, request } from '../api/http';
import type { Load } from '../api/types';

export interface TimeFigures { count: number; median: number | null; p90: number | null; metShare: number | null }

export interface Overview {
  period: { from: string; to: string };
  totals: { created: number; resolved: number };
  volume: { day: string; channel: string; created: number }[];
  byType: { type: string; created: number }[];
  bySection: { section: string; created: number }[];
  byChannel: { channel: string; created: number }[];
  firstResponse: TimeFigures;
  resolution: TimeFigures;
  busiestHours: { weekday: number; hour: number; created: number }[];
  backlog: Load;
}

export interface SatisfactionGroup { key: string | null; answered: number; average: number | null; distribution: Record<1 | 2 | 3 | 4 | 5, number> }

export interface ReportFilter { from: string; to: string; branchId?: string; teamId?: string; channel?: string }
export interface Branch { id: string; nameAr: string; nameEn: string }

const query = (filter: ReportFilter) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) search.set(key, value);
  return `?${search.toString()}`;
};

export const reportsApi = {
  branches: () => request<Branch[]>('GET', '/admin/branches'),
  overview: (filter: ReportFilter) => request<Overview>('GET', `/reports/overview${query(filter)}`),
  satisfaction: (filter: ReportFilter) =>
    request<SatisfactionGroup[]>('GET', `/reports/satisfaction?groupBy=team&from=${filter.from}T00:00:00Z&to=${filter.to}T23:59:59Z`),
  exportCsv: (filter: ReportFilter) => downloadFile(`/reports/export.csv${query(filter)}`, `inbox-report-${filter.from}-${filter.to}.csv`),
};
