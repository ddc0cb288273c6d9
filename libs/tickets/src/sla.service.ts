import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@inbox/audit';
import { gregorianFromHijri, InvalidError, NotFoundError } from '@inbox/core';
import { returnedRows } from '@inbox/database';
import { recordEvents, RecordedEvent } from '@inbox/realtime';
import { Actor, Role } from '@inbox/tenancy';
import { nextResponseDue } from './deadlines';
import { OrganizationProfileCache, SlaPolicy } from './organization-profile.cache';

export interface SlaPolicyInput {
  name: string;
  ticketType?: string | null;
  priority?: string | null;
  channelKind?: string | null;
  firstResponseMinutes: number;
  nextResponseMinutes?: number | null;
  resolutionMinutes: number;
  decisionDays?: number | null;
  warnBeforeMinutes?: number;
  escalateRaisePriority?: boolean;
  escalateToLead?: boolean;
}

export interface HolidayInput {
  name: string;
  /** Gregorian YYYY-MM-DD, or */
  date?: string;
  /** Umm al-Qura Hijri YYYY-MM-DD. */
  hijriDate?: string;
}

/** The organization's clock and survey settings: business hours, the defaults when no policy matches, and when surveys go out. */
export interface ServiceSettings {
  timeZone: string;
  /** 0 = Sunday … 6 = Saturday. */
  workDays: number[];
  /** Minutes after local midnight. */
  workStartMinute: number;
  workEndMinute: number;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  surveyDelayMinutes: number;
  /** A process-only survey after a complaint, or none. */
  surveyComplaints: 'process' | 'none';
}

const SETTINGS_COLUMNS = `time_zone AS "timeZone", work_days AS "workDays", work_start_minute AS "workStartMinute", work_end_minute AS "workEndMinute",
  first_response_minutes AS "firstResponseMinutes", resolution_minutes AS "resolutionMinutes", survey_delay_minutes AS "surveyDelayMinutes",
  survey_complaints AS "surveyComplaints"`;
const SETTINGS_FIELDS: Record<keyof ServiceSettings, string> = {
  timeZone: 'time_zone', workDays: 'work_days', workStartMinute: 'work_start_minute', workEndMinute: 'work_end_minute',
  firstResponseMinutes: 'first_response_minutes', resolutionMinutes: 'resolution_minutes', surveyDelayMinutes: 'survey_delay_minutes', surveyComplaints: 'survey_complaints',
};

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
};

export const DEADLINES = ['first_response', 'next_response', 'resolution', 'decision'] as const;
export type Deadline = (typeof DEADLINES)[number];

const PRIORITY_UP: Record<string, string> = { low: 'normal', normal: 'high', high: 'urgent', urgent: 'urgent' };
const DEFAULT_WARN_MINUTES = 60;
/** Alerts looked at per deadline kind and query. */
const BATCH = 500;
const POLICY_COLUMNS = `id, name, ticket_type AS "ticketType", priority, channel_kind AS "channelKind", first_response_minutes AS "firstResponseMinutes",
  next_response_minutes AS "nextResponseMinutes", resolution_minutes AS "resolutionMinutes", decision_days AS "decisionDays",
  warn_before_minutes AS "warnBeforeMinutes", escalate_raise_priority AS "escalateRaisePriority", escalate_to_lead AS "escalateToLead"`;

interface DueRow {
  id: string;
  organization_id: string;
  reference: string;
  status: string;
  priority: string;
  team_id: string | null;
  assignee_id: string | null;
  confidential: boolean;
  due_at: Date;
  /** due_at as PostgreSQL prints it, to the microsecond. */
  due_key: string;
  level: 'approaching' | 'breached';
  raise_priority: boolean;
  to_lead: boolean;
}

/**
 * Deadlines: the policies and holidays admins set, the next-response clock
 * after a customer writes again, and the sweep the worker runs every minute,
 * which notifies the assignee and the team's supervisors when a deadline
 * approaches and when it is breached, and escalates a breach per policy
 * (priority up one step, the team lead takes it). Each alert is raised once
 * (sla_alerts), however many workers sweep; a breach alert also marks the
 * ticket (`<deadline>_breach_raised_for`), so later sweeps pass over it.
 */
@Injectable()
export class SlaService {
  private readonly logger = new Logger(SlaService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly profiles: OrganizationProfileCache,
    private readonly audit: AuditService,
  ) {}

  listPolicies(actor: Actor): Promise<(SlaPolicy & { name: string })[]> {
    return this.dataSource.query(`SELECT ${POLICY_COLUMNS} FROM sla_policies WHERE organization_id = $1 ORDER BY created_at`, [actor.organizationId]);
  }

  async createPolicy(actor: Actor, input: SlaPolicyInput) {
    const [row] = await this.dataSource.query(
      `INSERT INTO sla_policies (organization_id, name, ticket_type, priority, channel_kind, first_response_minutes, next_response_minutes,
         resolution_minutes, decision_days, warn_before_minutes, escalate_raise_priority, escalate_to_lead)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, coalesce($10, ${DEFAULT_WARN_MINUTES}), coalesce($11, true), coalesce($12, false)) RETURNING id`,
      [actor.organizationId, input.name, input.ticketType ?? null, input.priority ?? null, input.channelKind ?? null, input.firstResponseMinutes,
        input.nextResponseMinutes ?? null, input.resolutionMinutes, input.decisionDays ?? null, input.warnBeforeMinutes ?? null,
        input.escalateRaisePriority ?? null, input.escalateToLead ?? null],
    );
    await this.changed(actor, 'sla_policy.created', row.id, input);
    return (await this.listPolicies(actor)).find((p) => p.id === row.id)!;
  }

  async removePolicy(actor: Actor, id: string): Promise<void> {
    const removed = returnedRows(await this.dataSource.query(`DELETE FROM sla_policies WHERE id = $1 AND organization_id = $2 RETURNING id`, [id, actor.organizationId]));
    if (removed.length === 0) throw new NotFoundError('policy');
    await this.changed(actor, 'sla_policy.deleted', id, {});
  }

  listHolidays(actor: Actor): Promise<{ date: string; name: string }[]> {
    return this.dataSource.query(`SELECT to_char(day, 'YYYY-MM-DD') AS date, name FROM holidays WHERE organization_id = $1 ORDER BY day`, [actor.organizationId]);
  }

  async addHoliday(actor: Actor, input: HolidayInput): Promise<{ date: string; name: string }> {
    let date = input.date ?? null;
    if (input.hijriDate) {
      const [y, m, d] = input.hijriDate.split('-').map(Number);
      date = gregorianFromHijri(y, m, d);
      if (!date) throw new InvalidError('hijriDate', `${input.hijriDate} is not a day of the Umm al-Qura calendar`);
    }
    if (!date) throw new InvalidError('date', 'Give the holiday as a Gregorian or a Hijri date');
    await this.dataSource.query(
      `INSERT INTO holidays (organization_id, day, name) VALUES ($1, $2, $3) ON CONFLICT (organization_id, day) DO UPDATE SET name = EXCLUDED.name`,
      [actor.organizationId, date, input.name],
    );
    await this.changed(actor, 'holiday.added', date, input);
    return { date, name: input.name };
  }

  async removeHoliday(actor: Actor, date: string): Promise<void> {
    const removed = returnedRows(await this.dataSource.query(`DELETE FROM holidays WHERE organization_id = $1 AND day = $2 RETURNING day`, [actor.organizationId, date]));
    if (removed.length === 0) throw new NotFoundError('holiday');
    await this.changed(actor, 'holiday.removed', date, {});
  }

  async serviceSettings(actor: Actor): Promise<ServiceSettings> {
    const [row] = await this.dataSource.query(`SELECT ${SETTINGS_COLUMNS} FROM organizations WHERE id = $1`, [actor.organizationId]);
    if (!row) throw new NotFoundError('organization');
    return { ...row, workDays: row.workDays.map(Number) };
  }

  /** Changes some of the settings; the day must still start before it ends, in a time zone that exists, on at least one working day. */
  async updateServiceSettings(actor: Actor, input: Partial<ServiceSettings>): Promise<ServiceSettings> {
    const next = { ...(await this.serviceSettings(actor)), ...input };
    if (!isTimeZone(next.timeZone)) throw new InvalidError('timeZone', `${next.timeZone} is not a time zone (for example Asia/Riyadh)`);
    if (next.workStartMinute >= next.workEndMinute) throw new InvalidError('workEndMinute', 'The working day must end after it starts');
    const workDays = [...new Set(next.workDays)].sort((a, b) => a - b);
    if (workDays.length === 0) throw new InvalidError('workDays', 'Choose at least one working day');
    const changes = Object.entries(input).filter(([, value]) => value !== undefined) as [keyof ServiceSettings, unknown][];
    if (changes.length > 0) {
      const values = changes.map(([field, value]) => (field === 'workDays' ? workDays : value));
      await this.dataSource.query(
        `UPDATE organizations SET ${changes.map(([field], i) => `${SETTINGS_FIELDS[field]} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
        [actor.organizationId, ...values],
      );
      await this.changed(actor, 'service_settings.updated', actor.organizationId, Object.fromEntries(changes));
    }
    return this.serviceSettings(actor);
  }

  /**
   * Customers wrote again after we had answered: the next response is due per policy, from the first of their
   * messages. One query for all the messages that arrived together; most find no ticket waiting for it.
   */
  async customersWrote(writes: { ticketId: string; at: Date }[]): Promise<void> {
    const first = new Map<string, Date>();
    for (const write of writes) if (!first.has(write.ticketId)) first.set(write.ticketId, write.at);
    const tickets: { id: string; organization_id: string; type: string; channel_kind: string; priority: string }[] = await this.dataSource.query(
      `SELECT id, organization_id, type, channel_kind, priority FROM tickets
       WHERE id = ANY($1::uuid[]) AND first_responded_at IS NOT NULL AND next_response_due_at IS NULL AND status IN ('new', 'open', 'pending')`,
      [[...first.keys()]],
    );
    for (const ticket of tickets) {
      const due = nextResponseDue(await this.profiles.get(ticket.organization_id), ticket.type, first.get(ticket.id)!, { channel: ticket.channel_kind, priority: ticket.priority });
      if (due) await this.dataSource.query(`UPDATE tickets SET next_response_due_at = $2 WHERE id = $1 AND next_response_due_at IS NULL`, [ticket.id, due]);
    }
  }

  /**
   * Raises every due alert once, in batches until none is left (bounded per
   * run; the next minute's run goes on). `organizationId` narrows it to one
   * organization. Returns how many were raised.
   */
  async sweep(now = new Date(), organizationId?: string): Promise<number> {
    let raised = 0;
    for (let round = 0; round < 20; round++) {
      const found = await this.sweepBatch(now, organizationId);
      raised += found.raised;
      if (found.seen < BATCH) break;
    }
    return raised;
  }

  private async sweepBatch(now: Date, organizationId?: string): Promise<{ seen: number; raised: number }> {
    let raised = 0;
    let seen = 0;
    for (const deadline of DEADLINES) {
      const statuses = deadline === 'decision' ? `'new', 'open', 'pending'` : `'new', 'open'`;
      const extra = deadline === 'first_response' ? 'AND t.first_responded_at IS NULL' : '';
      const rows: DueRow[] = await this.dataSource.query(
        `SELECT t.id, t.organization_id, t.reference, t.status, t.priority, t.team_id, t.assignee_id, t.confidential, t.${deadline}_due_at AS due_at,
                t.${deadline}_due_at::text AS due_key,
                CASE WHEN t.${deadline}_due_at <= $1 THEN 'breached' ELSE 'approaching' END AS level,
                coalesce(p.escalate_raise_priority, true) AS raise_priority, coalesce(p.escalate_to_lead, false) AS to_lead
         FROM tickets t
         LEFT JOIN LATERAL (
           -- The ticket's policy as deadlinesFor picks it: every stated condition matches, the most conditions win, then the oldest.
           SELECT * FROM sla_policies p WHERE p.organization_id = t.organization_id
             AND (p.ticket_type IS NULL OR p.ticket_type = t.type) AND (p.priority IS NULL OR p.priority = t.priority)
             AND (p.channel_kind IS NULL OR p.channel_kind = t.channel_kind)
           ORDER BY (p.ticket_type IS NOT NULL)::int + (p.priority IS NOT NULL)::int + (p.channel_kind IS NOT NULL)::int DESC, p.created_at
           LIMIT 1) p ON true
         WHERE t.status IN (${statuses}) AND t.${deadline}_due_at IS NOT NULL ${extra}
           -- As the index tickets_${deadline}_sweep states it: a ticket already alerted as breached for this due date is not in it.
           AND t.${deadline}_breach_raised_for IS DISTINCT FROM t.${deadline}_due_at
           -- The widest warning of any policy bounds the index scan; the ticket's own policy narrows it.
           AND t.${deadline}_due_at <= $1::timestamptz
                 + (SELECT make_interval(mins => greatest(${DEFAULT_WARN_MINUTES}, coalesce(max(warn_before_minutes), 0))) FROM sla_policies)
           AND t.${deadline}_due_at <= $1::timestamptz + make_interval(mins => coalesce(p.warn_before_minutes, ${DEFAULT_WARN_MINUTES}))
           AND NOT EXISTS (SELECT 1 FROM sla_alerts a WHERE a.ticket_id = t.id AND a.deadline = '${deadline}' AND a.due_at = t.${deadline}_due_at
                             AND a.level = CASE WHEN t.${deadline}_due_at <= $1 THEN 'breached' ELSE 'approaching' END)
           ${organizationId ? 'AND t.organization_id = $2' : ''}
         ORDER BY t.${deadline}_due_at LIMIT ${BATCH}`,
        organizationId ? [now, organizationId] : [now],
      );
      seen = Math.max(seen, rows.length);
      for (const row of rows) {
        if (await this.raise(row, deadline)) raised += 1;
      }
    }
    return { seen, raised };
  }

  private async raise(row: DueRow, deadline: Deadline): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = returnedRows(await manager.query(
        `INSERT INTO sla_alerts (ticket_id, deadline, due_at, level) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING ticket_id`,
        // The deadline exactly as stored: a Date would drop its microseconds, the alert would never match the
        // ticket, and every sweep would walk the same tickets again without reaching those behind them.
        [row.id, deadline, row.due_key, row.level],
      ));
      // The breach of this due date is alerted, by this sweep or another: the ticket leaves the sweep's index until its deadline moves.
      if (row.level === 'breached') {
        await manager.query(`UPDATE tickets SET ${deadline}_breach_raised_for = $2::timestamptz WHERE id = $1`, [row.id, row.due_key]);
      }
      if (inserted.length === 0) return false;
      const events: RecordedEvent[] = [];
      let { priority, assignee_id: assigneeId } = row;
      if (row.level === 'breached') {
        const changes: string[] = [];
        if (row.raise_priority && PRIORITY_UP[priority] !== priority) {
          priority = PRIORITY_UP[priority];
          changes.push('priority');
        }
        const lead = row.to_lead && row.team_id && !row.confidential ? await this.teamLead(manager, row.team_id) : null;
        if (lead && lead !== assigneeId) {
          assigneeId = lead;
          changes.push('assigneeId');
        }
        if (changes.length) {
          await manager.query(`UPDATE tickets SET priority = $2, assignee_id = $3, updated_at = now() WHERE id = $1`, [row.id, priority, assigneeId]);
          events.push({
            organizationId: row.organization_id, ticketId: row.id, confidential: row.confidential, type: 'ticket.updated',
            payload: {
              ticketId: row.id, reference: row.reference, status: row.status, priority, teamId: row.team_id, assigneeId, changes,
              ...(changes.includes('assigneeId') ? { previous: { teamId: row.team_id, assigneeId: row.assignee_id } } : {}),
            },
          });
          await this.audit.record({
            organizationId: row.organization_id, actorUserId: null, action: 'ticket.escalated', entityType: 'ticket', entityId: row.id,
            data: { deadline, from: { priority: row.priority, assigneeId: row.assignee_id }, to: { priority, assigneeId } },
          }, manager);
        }
      }
      for (const recipientId of await this.recipients(manager, row, assigneeId)) {
        events.push({
          organizationId: row.organization_id, ticketId: row.id, confidential: row.confidential, type: 'notification',
          payload: {
            kind: row.level === 'breached' ? 'deadline_breached' : 'deadline_approaching', recipientId, actorId: null,
            ticketId: row.id, reference: row.reference, deadline, dueAt: new Date(row.due_at).toISOString(),
          },
        });
      }
      await recordEvents(manager, events);
      return true;
    });
  }

  /** The assignee, and the supervisors of the ticket's team (of the organization when it has no team); for a complaint, its assignee only. */
  private async recipients(manager: EntityManager, row: DueRow, assigneeId: string | null): Promise<string[]> {
    if (row.confidential) return assigneeId ? [assigneeId] : [];
    const supervisors: { id: string }[] = row.team_id
      ? await manager.query(
          `SELECT u.id FROM team_memberships m JOIN users u ON u.id = m.user_id AND u.active AND '${Role.Supervisor}' = ANY(u.roles) WHERE m.team_id = $1`,
          [row.team_id],
        )
      : [];
    const fallback: { id: string }[] = supervisors.length
      ? []
      : await manager.query(`SELECT id FROM users WHERE organization_id = $1 AND active AND '${Role.Supervisor}' = ANY(roles)`, [row.organization_id]);
    return [...new Set([...(assigneeId ? [assigneeId] : []), ...supervisors.map((s) => s.id), ...fallback.map((s) => s.id)])];
  }

  private async teamLead(manager: EntityManager, teamId: string): Promise<string | null> {
    const [lead] = await manager.query(
      `SELECT m.user_id FROM team_memberships m JOIN users u ON u.id = m.user_id AND u.active WHERE m.team_id = $1 AND m.lead ORDER BY m.created_at LIMIT 1`,
      [teamId],
    );
    return lead?.user_id ?? null;
  }

  private async changed(actor: Actor, action: string, id: string, data: object): Promise<void> {
    this.profiles.invalidate(actor.organizationId);
    await this.audit.record({ organizationId: actor.organizationId, actorUserId: actor.userId, action, entityType: 'sla', entityId: id, data: { ...data } });
  }
}
