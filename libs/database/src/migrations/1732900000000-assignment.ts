import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Automatic assignment. Each team chooses manual, round-robin or balanced
 * (by open load) assignment with a capacity per agent (a membership may
 * override it); agents are available, away or offline (agent_status, kept
 * by the realtime gateway and by the agents themselves). Only available
 * agents below capacity receive tickets.
 */
export class Assignment1732900000000 implements MigrationInterface {
  name = 'Assignment1732900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE teams
      ADD COLUMN assignment_strategy text NOT NULL DEFAULT 'manual' CHECK (assignment_strategy IN ('manual', 'round_robin', 'balanced')),
      ADD COLUMN agent_capacity integer NOT NULL DEFAULT 15 CHECK (agent_capacity BETWEEN 1 AND 500)`);
    await db.query(`ALTER TABLE team_memberships
      ADD COLUMN capacity integer CHECK (capacity BETWEEN 0 AND 500),
      ADD COLUMN last_assigned_at timestamptz`);
    await db.query(`
      CREATE TABLE agent_status (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('available', 'away', 'offline')),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX tickets_unassigned_open ON tickets (team_id, created_at) WHERE assignee_id IS NULL AND status IN ('new', 'open', 'pending') AND NOT confidential`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS tickets_unassigned_open`);
    await db.query(`DROP TABLE IF EXISTS agent_status`);
    await db.query(`ALTER TABLE team_memberships DROP COLUMN IF EXISTS capacity, DROP COLUMN IF EXISTS last_assigned_at`);
    await db.query(`ALTER TABLE teams DROP COLUMN IF EXISTS assignment_strategy, DROP COLUMN IF EXISTS agent_capacity`);
  }
}
