import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deadlines (SLA). Policies per organization chosen by ticket type, priority
 * and channel (the most specific match wins; none means the organization's
 * defaults); holidays; the next-response deadline; the pause while a
 * ticket waits on the customer; and the alerts already raised, so the
 * worker's sweep notifies and escalates each deadline once.
 */
export class Sla1733000000000 implements MigrationInterface {
  name = 'Sla1733000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE sla_policies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        name text NOT NULL,
        ticket_type text,
        priority text CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
        channel_kind text,
        first_response_minutes integer NOT NULL CHECK (first_response_minutes > 0),
        next_response_minutes integer CHECK (next_response_minutes > 0),
        resolution_minutes integer NOT NULL CHECK (resolution_minutes > 0),
        decision_days integer CHECK (decision_days > 0),
        warn_before_minutes integer NOT NULL DEFAULT 60 CHECK (warn_before_minutes >= 0),
        escalate_raise_priority boolean NOT NULL DEFAULT true,
        escalate_to_lead boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX sla_policies_organization ON sla_policies (organization_id)`);

    await db.query(`
      CREATE TABLE holidays (
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        day date NOT NULL,
        name text NOT NULL,
        PRIMARY KEY (organization_id, day)
      )`);

    await db.query(`ALTER TABLE tickets ADD COLUMN next_response_due_at timestamptz, ADD COLUMN paused_at timestamptz`);
    for (const column of ['first_response_due_at', 'next_response_due_at', 'resolution_due_at', 'decision_due_at']) {
      await db.query(`CREATE INDEX tickets_${column} ON tickets (${column}) WHERE status IN ('new', 'open') AND ${column} IS NOT NULL`);
    }

    await db.query(`
      CREATE TABLE sla_alerts (
        ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
        deadline text NOT NULL CHECK (deadline IN ('first_response', 'next_response', 'resolution', 'decision')),
        due_at timestamptz NOT NULL,
        level text NOT NULL CHECK (level IN ('approaching', 'breached')),
        raised_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (ticket_id, deadline, due_at, level)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS sla_alerts`);
    for (const column of ['first_response_due_at', 'next_response_due_at', 'resolution_due_at', 'decision_due_at']) await db.query(`DROP INDEX IF EXISTS tickets_${column}`);
    await db.query(`ALTER TABLE tickets DROP COLUMN IF EXISTS next_response_due_at, DROP COLUMN IF EXISTS paused_at`);
    await db.query(`DROP TABLE IF EXISTS holidays`);
    await db.query(`DROP TABLE IF EXISTS sla_policies`);
  }
}
