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

interface BacklogRow {
  team_id: string | null;
  assignee_id: string | null;
  status: string;
  n: string;
  with_deadline: string;
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
    const confidential = confidentialToo ? '' : 'AND NOT confidential';
    // The counts come from ticket_backlog (kept by triggers, migration 1733400000000); of those with a deadline,
    // the ones whose deadline is still ahead are read through the index tickets_backlog_due (same expression).
    const [counted, ahead]: [BacklogRow[], BacklogRow[]] = await Promise.all([
      this.dataSource.query(
        `SELECT team_id, assignee_id, status, sum(n) AS n, coalesce(sum(n) FILTER (WHERE with_deadline), 0) AS with_deadline
         FROM ticket_backlog WHERE organization_id = $1 ${confidential}
         GROUP BY 1, 2, 3 HAVING sum(n) <> 0`,
        [actor.organizationId],
      ),
      this.dataSource.query(
        `SELECT team_id, assignee_id, status, count(*) AS n, 0 AS with_deadline
         FROM tickets
         WHERE organization_id = $1 AND status IN ('new', 'open', 'pending') ${confidential}
           AND least(CASE WHEN tickets.first_responded_at IS NULL THEN tickets.first_response_due_at END, tickets.resolution_due_at) >= now()
         GROUP BY 1, 2, 3`,
        [actor.organizationId],
      ),
    ]);
    const key = (row: BacklogRow) => `${row.team_id}|${row.assignee_id}|${row.status}`;
    const notYetDue = new Map(ahead.map((row) => [key(row), Number(row.n)]));
    const rows = counted.map((row) => ({ ...row, overdue: Math.max(0, Number(row.with_deadline) - (notYetDue.get(key(row)) ?? 0)) }));
    const teams = new Map<string | null, TeamLoad>();
    const agents = new Map<string, AgentLoad>();
    for (const row of rows) {
      const n = Number(row.n);
      const team = teams.get(row.team_id) ?? { teamId: row.team_id, open: 0, unassigned: 0, overdue: 0 };
      team.open += n;
      if (!row.assignee_id) team.unassigned += n;
      team.overdue += row.overdue;
      teams.set(row.team_id, team);
      if (row.assignee_id) {
        const agent = agents.get(row.assignee_id) ?? { userId: row.assignee_id, status: 'offline', open: 0, pending: 0, overdue: 0 };
        agent.open += n;
        if (row.status === 'pending') agent.pending += n;
        agent.overdue += row.overdue;
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
