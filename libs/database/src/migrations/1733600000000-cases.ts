import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Beneficiary cases: a request ticket (support request, registration,
 * volunteer or job application) followed through its stages. `cases` holds
 * the stage and the verification checklist of one ticket; `case_events` every
 * move and check, with who and when. The stages and checklists themselves are
 * the request types in `@inbox/cases`.
 */
export class Cases1733600000000 implements MigrationInterface {
  name = 'Cases1733600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE cases (
        ticket_id uuid PRIMARY KEY REFERENCES tickets(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        case_type text NOT NULL,
        stage text NOT NULL,
        checklist jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX cases_organization_stage ON cases (organization_id, stage)`);
    await db.query(`
      CREATE TABLE case_events (
        id bigserial PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('opened', 'stage', 'checked', 'unchecked', 'missing_requested')),
        from_stage text,
        to_stage text,
        item text,
        note text,
        actor_user_id uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX case_events_ticket ON case_events (ticket_id, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS case_events`);
    await db.query(`DROP TABLE IF EXISTS cases`);
  }
}
