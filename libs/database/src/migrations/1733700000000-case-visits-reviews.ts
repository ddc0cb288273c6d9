import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What follows a request after the desk: field visits and periodic reviews,
 * and the request types an organization shapes itself.
 * - case_visits: a visit a researcher or delegate is sent on for a case,
 *   until its report (a field entry on the case's ticket) comes back.
 * - contacts.permanent_beneficiary / review_every_months / next_review_on: a
 *   permanent beneficiary's file is reviewed on that date; beneficiary_reviews
 *   keeps each review opened (one per contact and date, whoever's worker ran it).
 * - case_types: an organization's own request types (stages, roles, checklist),
 *   replacing the default of the same key.
 */
export class CaseVisitsReviews1733700000000 implements MigrationInterface {
  name = 'CaseVisitsReviews1733700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE case_events DROP CONSTRAINT case_events_kind_check`);
    await db.query(`ALTER TABLE case_events ADD CONSTRAINT case_events_kind_check
      CHECK (kind IN ('opened', 'stage', 'checked', 'unchecked', 'missing_requested', 'visit_assigned', 'visit_reported', 'visit_cancelled'))`);
    await db.query(`
      CREATE TABLE case_visits (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
        assignee_id uuid NOT NULL REFERENCES users(id),
        assigned_by uuid REFERENCES users(id),
        due_on date,
        instructions text,
        status text NOT NULL DEFAULT 'assigned' CHECK (status IN ('assigned', 'reported', 'cancelled')),
        report_entry_id uuid REFERENCES field_entries(id),
        report_message_id uuid,
        reported_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX case_visits_assignee ON case_visits (assignee_id, status, due_on)`);
    await db.query(`CREATE INDEX case_visits_ticket ON case_visits (ticket_id, created_at)`);
    await db.query(`ALTER TABLE field_entries ADD COLUMN visit_id uuid REFERENCES case_visits(id)`);

    await db.query(`ALTER TABLE contacts ADD COLUMN permanent_beneficiary boolean NOT NULL DEFAULT false,
      ADD COLUMN review_every_months integer CHECK (review_every_months BETWEEN 1 AND 60),
      ADD COLUMN next_review_on date`);
    await db.query(`CREATE INDEX contacts_review_due ON contacts (next_review_on) WHERE permanent_beneficiary`);
    await db.query(`
      CREATE TABLE beneficiary_reviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        due_on date NOT NULL,
        ticket_id uuid REFERENCES tickets(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (contact_id, due_on)
      )`);

    await db.query(`
      CREATE TABLE case_types (
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        key text NOT NULL,
        definition jsonb NOT NULL,
        updated_by uuid REFERENCES users(id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, key)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS case_types`);
    await db.query(`DROP TABLE IF EXISTS beneficiary_reviews`);
    await db.query(`ALTER TABLE contacts DROP COLUMN IF EXISTS permanent_beneficiary, DROP COLUMN IF EXISTS review_every_months, DROP COLUMN IF EXISTS next_review_on`);
    await db.query(`ALTER TABLE field_entries DROP COLUMN IF EXISTS visit_id`);
    await db.query(`DROP TABLE IF EXISTS case_visits`);
  }
}
