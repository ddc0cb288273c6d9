import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@inbox/audit';
import { NotFoundError } from '@inbox/core';
import { returnedRows } from '@inbox/database';
import { recordEvents, RecordedEvent } from '@inbox/realtime';
import { Actor, Role } from '@inbox/tenancy';
import { OPEN_STATUSES } from './ticket.entity';

export const AssignmentStrategy = { Manual: 'manual', RoundRobin: 'round_robin', Balanced: 'balanced' } as const;
export type AssignmentStrategy = (typeof AssignmentStrategy)[keyof typeof AssignmentStrategy];

export const AgentStatus = { Available: 'available', Away: 'away', Offline: 'offline' } as const;
export type AgentStatus = (typeof AgentStatus)[keyof typeof AgentStatus];

export interface TeamAssignment {
  teamId: string;
  strategy: AssignmentStrategy;
  agentCapacity: number;
  members: { userId: string; capacity: number | null; status: AgentStatus; open: number }[];
}

interface Candidate {
  userId: string;
  capacity: number;
  load: number;
  lastAssignedAt: Date | null;
}

/** Tickets one pass assigns at most, so a large backlog is worked in short transactions. */
const BATCH = 50;
const OPEN = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');

/**
 * Automatic assignment per team: round-robin (whoever waited longest since
 * their last ticket) or balanced (fewest open tickets), only to available
 * agents of the team below their capacity. One pass holds the team's
 * advisory lock, so concurrent passes (several workers, a burst of new
 * tickets) never give a ticket twice or an agent more than their capacity.
 * Complaints are never auto-assigned: officers take them.
 */
@Injectable()
export class AssignmentService {
  private readonly logger = new Logger(AssignmentService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly audit: AuditService) {}

  async settings(actor: Actor, teamId: string): Promise<TeamAssignment> {
    const [team] = await this.dataSource.query(
      `SELECT id, assignment_strategy, agent_capacity FROM teams WHERE id = $1 AND organization_id = $2`, [teamId, actor.organizationId],
    );
    if (!team) throw new NotFoundError('team');
    const members = await this.dataSource.query(
      `SELECT m.user_id AS "userId", m.capacity, coalesce(s.status, 'offline') AS status,
              (SELECT count(*)::int FROM tickets t WHERE t.assignee_id = m.user_id AND t.status IN (${OPEN}) AND NOT t.confidential) AS open
       FROM team_memberships m LEFT JOIN agent_status s ON s.user_id = m.user_id WHERE m.team_id = $1 ORDER BY m.created_at`,
      [teamId],
    );
    return { teamId, strategy: team.assignment_strategy, agentCapacity: team.agent_capacity, members };
  }

  async configure(actor: Actor, teamId: string, input: { strategy?: AssignmentStrategy; agentCapacity?: number; capacities?: { userId: string; capacity: number | null }[] }): Promise<TeamAssignment> {
    await this.settings(actor, teamId);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE teams SET assignment_strategy = coalesce($2, assignment_strategy), agent_capacity = coalesce($3, agent_capacity), updated_at = now() WHERE id = $1`,
        [teamId, input.strategy ?? null, input.agentCapacity ?? null],
      );
      for (const { userId, capacity } of input.capacities ?? []) {
        const updated = returnedRows(await manager.query(`UPDATE team_memberships SET capacity = $3 WHERE team_id = $1 AND user_id = $2 RETURNING user_id`, [teamId, userId, capacity]));
        if (updated.length === 0) throw new NotFoundError('member');
      }
      await this.audit.record({ organizationId: actor.organizationId, actorUserId: actor.userId, action: 'team.assignment_configured', entityType: 'team', entityId: teamId, data: { ...input } }, manager);
    });
    return this.settings(actor, teamId);
  }

  async status(actor: Actor): Promise<AgentStatus> {
    const [row] = await this.dataSource.query(`SELECT status FROM agent_status WHERE user_id = $1`, [actor.userId]);
    return row?.status ?? AgentStatus.Offline;
  }

  /**
   * Sets the agent's status. Going away or offline may release their open
   * tickets back to their teams' queues (each release is announced, and the
   * assigner hands them on).
   */
  async setStatus(actor: Actor, status: AgentStatus, releaseTickets = false): Promise<{ status: AgentStatus; released: string[] }> {
    return this.dataSource.transaction(async (manager) => {
      await this.writeStatus(manager, actor.userId, actor.organizationId, status);
      if (!releaseTickets || status === AgentStatus.Available) return { status, released: [] };
      const released = returnedRows<{ id: string; reference: string; status: string; priority: string; team_id: string | null }>(await manager.query(
        `UPDATE tickets SET assignee_id = NULL, updated_at = now()
         WHERE organization_id = $1 AND assignee_id = $2 AND status IN (${OPEN}) AND NOT confidential
         RETURNING id, reference, status, priority, team_id`,
        [actor.organizationId, actor.userId],
      ));
      await recordEvents(manager, released.map((t): RecordedEvent => ({
        organizationId: actor.organizationId, ticketId: t.id, confidential: false, type: 'ticket.updated',
        payload: {
          ticketId: t.id, reference: t.reference, status: t.status, priority: t.priority, teamId: t.team_id, assigneeId: null,
          changes: ['assigneeId'], previous: { teamId: t.team_id, assigneeId: actor.userId },
        },
      })));
      if (released.length) {
        await this.audit.record({ organizationId: actor.organizationId, actorUserId: actor.userId, action: 'agent.released_tickets', entityType: 'user', entityId: actor.userId, data: { tickets: released.map((t) => t.id) } }, manager);
      }
      return { status, released: released.map((t) => t.id) };
    });
  }

  /** A socket of this user connected: an offline agent becomes available (away stays away). */
  async connected(userId: string, organizationId: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO agent_status (user_id, organization_id, status) VALUES ($1, $2, 'available')
       ON CONFLICT (user_id) DO UPDATE SET status = 'available', updated_at = now() WHERE agent_status.status = 'offline'`,
      [userId, organizationId],
    );
  }

  /** The user's last socket closed, on every replica: they are offline. */
  async disconnected(userId: string): Promise<void> {
    await this.dataSource.query(`UPDATE agent_status SET status = 'offline', updated_at = now() WHERE user_id = $1`, [userId]);
  }

  /** Teams with automatic assignment and unassigned open tickets: what a sweep should look at. */
  async teamsWithBacklog(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT tm.id FROM teams tm WHERE tm.assignment_strategy <> 'manual'
         AND EXISTS (SELECT 1 FROM tickets t WHERE t.team_id = tm.id AND t.assignee_id IS NULL AND t.status IN (${OPEN}) AND NOT t.confidential)`,
    );
    return rows.map((r) => r.id);
  }

  /** One assignment pass over a team's queue, oldest tickets first. Returns how many tickets were assigned. */
  async assignTeam(teamId: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1::text, 828))`, [teamId]);
      const [team] = await manager.query(`SELECT organization_id, assignment_strategy FROM teams WHERE id = $1`, [teamId]);
      if (!team || team.assignment_strategy === AssignmentStrategy.Manual) return 0;
      const tickets: { id: string }[] = await manager.query(
        `SELECT id FROM tickets WHERE team_id = $1 AND assignee_id IS NULL AND status IN (${OPEN}) AND NOT confidential ORDER BY created_at LIMIT ${BATCH}`,
        [teamId],
      );
      if (tickets.length === 0) return 0;
      const candidates = await this.candidates(manager, teamId);
      let assigned = 0;
      for (const ticket of tickets) {
        const agent = pick(candidates, team.assignment_strategy);
        if (!agent) break;
        if (await this.give(manager, team.organization_id, teamId, ticket.id, agent.userId)) {
          agent.load += 1;
          agent.lastAssignedAt = new Date();
          assigned += 1;
        }
      }
      return assigned;
    });
  }

  private async candidates(manager: EntityManager, teamId: string): Promise<Candidate[]> {
    const rows: { user_id: string; capacity: number; load: number; last_assigned_at: Date | null }[] = await manager.query(
      `SELECT m.user_id, coalesce(m.capacity, t.agent_capacity) AS capacity, m.last_assigned_at,
              (SELECT count(*)::int FROM tickets x WHERE x.assignee_id = m.user_id AND x.status IN (${OPEN})) AS load
       FROM team_memberships m
       JOIN teams t ON t.id = m.team_id
       JOIN users u ON u.id = m.user_id AND u.active AND '${Role.Agent}' = ANY(u.roles)
       JOIN agent_status s ON s.user_id = m.user_id AND s.status = 'available'
       WHERE m.team_id = $1`,
      [teamId],
    );
    return rows.map((r) => ({ userId: r.user_id, capacity: r.capacity, load: r.load, lastAssignedAt: r.last_assigned_at }));
  }

  private async give(manager: EntityManager, organizationId: string, teamId: string, ticketId: string, userId: string): Promise<boolean> {
    const [ticket] = returnedRows<{ reference: string; status: string; priority: string }>(await manager.query(
      `UPDATE tickets SET assignee_id = $2, updated_at = now() WHERE id = $1 AND assignee_id IS NULL AND team_id = $3
       RETURNING id, reference, status, priority`,
      [ticketId, userId, teamId],
    ));
    if (!ticket) return false;
    await manager.query(`UPDATE team_memberships SET last_assigned_at = now() WHERE team_id = $1 AND user_id = $2`, [teamId, userId]);
    await recordEvents(manager, [
      {
        organizationId, ticketId, confidential: false, type: 'ticket.updated',
        payload: {
          ticketId, reference: ticket.reference, status: ticket.status, priority: ticket.priority, teamId, assigneeId: userId,
          changes: ['assigneeId'], previous: { teamId, assigneeId: null },
        },
      },
      { organizationId, ticketId, confidential: false, type: 'notification', payload: { kind: 'assigned', recipientId: userId, actorId: null, ticketId, reference: ticket.reference } },
    ]);
    await this.audit.record({ organizationId, actorUserId: null, action: 'ticket.assigned', entityType: 'ticket', entityId: ticketId, data: { to: { teamId, assigneeId: userId }, by: 'auto' } }, manager);
    return true;
  }

  private async writeStatus(manager: EntityManager, userId: string, organizationId: string, status: AgentStatus): Promise<void> {
    await manager.query(
      `INSERT INTO agent_status (user_id, organization_id, status) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET status = EXCLUDED.status, updated_at = now()`,
      [userId, organizationId, status],
    );
  }
}

/** The next agent for a ticket, or none when everyone is at capacity. */
export function pick(candidates: Candidate[], strategy: AssignmentStrategy): Candidate | undefined {
  const open = candidates.filter((c) => c.load < c.capacity);
  const waited = (c: Candidate) => c.lastAssignedAt?.getTime() ?? 0;
  const order = strategy === AssignmentStrategy.Balanced
    ? (a: Candidate, b: Candidate) => a.load - b.load || waited(a) - waited(b) || a.userId.localeCompare(b.userId)
    : (a: Candidate, b: Candidate) => waited(a) - waited(b) || a.load - b.load || a.userId.localeCompare(b.userId);
  return open.sort(order)[0];
}
