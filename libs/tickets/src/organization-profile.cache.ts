import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BusinessHours, Clock, NotFoundError } from '@inbox/core';
import { RuleForRouting, TeamForRouting } from './routing';

export interface SlaPolicy {
  id: string;
  ticketType: string | null;
  priority: string | null;
  channelKind: string | null;
  firstResponseMinutes: number;
  nextResponseMinutes: number | null;
  resolutionMinutes: number;
  decisionDays: number | null;
}

export interface OrganizationProfile {
  id: string;
  policies: SlaPolicy[];
  timeZone: string;
  referenceCalendar: 'hijri' | 'gregorian';
  businessHours: BusinessHours;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  rules: RuleForRouting[];
  teams: TeamForRouting[];
}

const TTL_MS = 5_000;

/**
 * What ingest needs of an organization on every message (hours, deadlines,
 * routing rules, teams), kept for a few seconds so the hot path does not
 * reload it. Local writes invalidate at once; other replicas see a change
 * within TTL_MS.
 */
@Injectable()
export class OrganizationProfileCache {
  private readonly entries = new Map<string, { at: number; profile: Promise<OrganizationProfile> }>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly clock: Clock) {}

  get(organizationId: string): Promise<OrganizationProfile> {
    const now = Date.now();
    const entry = this.entries.get(organizationId);
    if (entry && now - entry.at < TTL_MS) return entry.profile;
    const profile = this.load(organizationId);
    this.entries.set(organizationId, { at: now, profile });
    profile.catch(() => this.entries.delete(organizationId));
    return profile;
  }

  invalidate(organizationId: string): void {
    this.entries.delete(organizationId);
  }

  private async load(organizationId: string): Promise<OrganizationProfile> {
    const [org] = await this.dataSource.query(`SELECT * FROM organizations WHERE id = $1`, [organizationId]);
    if (!org) throw new NotFoundError('organization');
    const rules = await this.dataSource.query(
      `SELECT id, enabled, conditions, team_id AS "teamId", priority FROM routing_rules WHERE organization_id = $1 AND enabled ORDER BY position, created_at`,
      [organizationId],
    );
    const policies: SlaPolicy[] = await this.dataSource.query(
      `SELECT id, ticket_type AS "ticketType", priority, channel_kind AS "channelKind", first_response_minutes AS "firstResponseMinutes",
              next_response_minutes AS "nextResponseMinutes", resolution_minutes AS "resolutionMinutes", decision_days AS "decisionDays"
       FROM sla_policies WHERE organization_id = $1 ORDER BY created_at`,
      [organizationId],
    );
    const holidays: { day: string }[] = await this.dataSource.query(`SELECT to_char(day, 'YYYY-MM-DD') AS day FROM holidays WHERE organization_id = $1`, [organizationId]);
    const teams = await this.dataSource.query(
      `SELECT id, section, purpose, branch_id AS "branchId" FROM teams WHERE organization_id = $1 ORDER BY created_at, id`,
      [organizationId],
    );
    return {
      id: org.id,
      timeZone: org.time_zone,
      referenceCalendar: org.reference_calendar,
      businessHours: {
        timeZone: org.time_zone, workDays: org.work_days, startMinute: org.work_start_minute, endMinute: org.work_end_minute, holidays: holidays.map((h) => h.day),
      },
      policies,
      firstResponseMinutes: org.first_response_minutes,
      resolutionMinutes: org.resolution_minutes,
      rules,
      teams,
    };
  }
}
