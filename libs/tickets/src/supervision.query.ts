import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '@inbox/tenancy';

export interface TeamLoad {
  teamId: string | null;
  open: number;
  unassigned: number;
  overdue: number;
}

export interface AgentLoad {
  userId: string;
  /** available, away or offline: whether automatic assignment gives them tickets. */
  status: string;
  open: number;
  pending: number;
  overdue: number;
}

export interface Load {
  teams: TeamLoad[];
  agents: AgentLoad[];
}

/**
 * Supervisors' view of the queues: open tickets per team and per agent, and
 * how many are past a deadline. Confidential tickets are counted only for
 * those who may see them, like every other count.
 */
@Injectable()
export class SupervisionQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async load(actor: Actor, confidentialToo: boolean): Promise<Load> {
    const overdue = `((t.first_responded_at IS NULL AND t.first_response_due_at < now()) OR t.resolution_due_at < now())`;
    const rows: { team_id: string | null; assignee_id: string | null; status: string; overdue: boolean; n: string }[] = await this.dataSource.query(
      `SELECT t.team_id, t.assignee_id, t.status, coalesce(${overdue}, false) AS overdue, count(*) AS n
       FROM tickets t
       WHERE t.organization_id = $1 AND t.status IN ('new', 'open', 'pending') ${confidentialToo ? '' : 'AND NOT t.confidential'}
       GROUP BY 1, 2, 3, 4`,
      [actor.organizationId],
    );
    const teams = new Map<string | null, TeamLoad>();
    const agents = new Map<string, AgentLoad>();
    for (const row of rows) {
      const n = Number(row.n);
      const team = teams.get(row.team_id) ?? { teamId: row.team_id, open: 0, unassigned: 0, overdue: 0 };
      team.open += n;
      if (!row.assignee_id) team.unassigned += n;
      if (row.overdue) team.overdue += n;
      teams.set(row.team_id, team);
      if (row.assignee_id) {
        const agent = agents.get(row.assignee_id) ?? { userId: row.assignee_id, status: 'offline', open: 0, pending: 0, overdue: 0 };
        agent.open += n;
        if (row.status === 'pending') agent.pending += n;
        if (row.overdue) agent.overdue += n;
        agents.set(row.assignee_id, agent);
      }
    }
    // Agents with nothing assigned still appear when they are around to take work.
    const statuses: { user_id: string; status: string }[] = await this.dataSource.query(
      `SELECT s.user_id, s.status FROM agent_status s JOIN users u ON u.id = s.user_id AND 'agent' = ANY(u.roles) WHERE s.organization_id = $1`, [actor.organizationId],
    );
    for (const { user_id, status } of statuses) {
      const agent = agents.get(user_id);
      if (agent) agent.status = status;
      else if (status !== 'offline') agents.set(user_id, { userId: user_id, status, open: 0, pending: 0, overdue: 0 });
    }
    return { teams: [...teams.values()], agents: [...agents.values()].sort((a, b) => b.open - a.open) };
  }
}
