import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Satisfaction surveys: one per resolved ticket, sent on its channel after a
 * delay (a link, or the question inline where the channel is a chat), saved
 * only when the person confirms on the page (or answers inline with 1-5).
 * Complaints get a survey about the handling process only, or none.
 */
export class Surveys1733100000000 implements MigrationInterface {
  name = 'Surveys1733100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE organizations
      ADD COLUMN survey_delay_minutes integer NOT NULL DEFAULT 60 CHECK (survey_delay_minutes BETWEEN 0 AND 43200),
      ADD COLUMN survey_complaints text NOT NULL DEFAULT 'process' CHECK (survey_complaints IN ('process', 'none'))`);
    await db.query(`
      CREATE TABLE surveys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        ticket_id uuid NOT NULL UNIQUE REFERENCES tickets(id) ON DELETE CASCADE,
        token text NOT NULL UNIQUE,
        mode text NOT NULL CHECK (mode IN ('link', 'inline')),
        process_only boolean NOT NULL DEFAULT false,
        locale text NOT NULL CHECK (locale IN ('ar', 'en')),
        status text NOT NULL CHECK (status IN ('scheduled', 'sent', 'answered', 'expired')),
        scheduled_for timestamptz NOT NULL,
        sent_at timestamptz,
        rating smallint CHECK (rating BETWEEN 1 AND 5),
        comment text,
        answered_at timestamptz,
        -- What the ticket was when it was resolved, so results group by them even after it changes.
        team_id uuid,
        assignee_id uuid,
        channel_kind text NOT NULL,
        ticket_type text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX surveys_due ON surveys (scheduled_for) WHERE status = 'scheduled'`);
    await db.query(`CREATE INDEX surveys_answered ON surveys (organization_id, answered_at) WHERE status = 'answered'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS surveys`);
    await db.query(`ALTER TABLE organizations DROP COLUMN IF EXISTS survey_delay_minutes, DROP COLUMN IF EXISTS survey_complaints`);
  }
}
