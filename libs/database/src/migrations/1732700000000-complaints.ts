import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The confidential side of complaint tickets.
 *
 * - complaint_cases: one per confidential ticket, made by a trigger the
 *   moment a ticket becomes confidential (by ingest or by an agent), so no
 *   path can have a complaint without its case. Findings, action taken and
 *   the decision live here and nowhere else: nothing that composes outgoing
 *   text reads this table.
 * - complaint_participants: users explicitly added to a case.
 * - complaint_parties: who the complaint names; a named staff member (and,
 *   when the organization says so, the supervisors of their teams) is
 *   written to complaint_exclusions, which every visibility check reads.
 * - closure_notice_templates: the locked notice per language (admins only),
 *   whose placeholders are an allow-list.
 * - organizations.complaint_retention_days: how long a closed complaint's
 *   personal data is kept.
 */
export class Complaints1732700000000 implements MigrationInterface {
  name = 'Complaints1732700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE organizations
      ADD COLUMN complaint_retention_days integer NOT NULL DEFAULT 1825 CHECK (complaint_retention_days BETWEEN 30 AND 36500),
      ADD COLUMN complaints_exclude_party_supervisors boolean NOT NULL DEFAULT true`);

    await db.query(`
      CREATE TABLE complaint_cases (
        ticket_id uuid PRIMARY KEY REFERENCES tickets(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        tracking_code text NOT NULL UNIQUE,
        findings text,
        action_taken text,
        decision text CHECK (decision IN ('upheld', 'partially_upheld', 'not_upheld', 'withdrawn')),
        decided_at timestamptz,
        acknowledged_at timestamptz,
        closure_notice text,
        closure_notice_sent_at timestamptz,
        erased_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX complaint_cases_organization ON complaint_cases (organization_id, created_at)`);

    await db.query(`
      CREATE TABLE complaint_participants (
        ticket_id uuid NOT NULL REFERENCES complaint_cases(ticket_id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        added_by uuid REFERENCES users(id) ON DELETE SET NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (ticket_id, user_id)
      )`);
    await db.query(`CREATE INDEX complaint_participants_user ON complaint_participants (user_id)`);

    await db.query(`
      CREATE TABLE complaint_parties (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ticket_id uuid NOT NULL REFERENCES complaint_cases(ticket_id) ON DELETE CASCADE,
        user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        name text NOT NULL,
        role text,
        added_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX complaint_parties_ticket ON complaint_parties (ticket_id)`);

    await db.query(`
      CREATE TABLE complaint_exclusions (
        ticket_id uuid NOT NULL REFERENCES complaint_cases(ticket_id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        reason text NOT NULL CHECK (reason IN ('named', 'supervisor_of_named')),
        PRIMARY KEY (ticket_id, user_id)
      )`);

    await db.query(`
      CREATE TABLE closure_notice_templates (
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        locale text NOT NULL CHECK (locale IN ('ar', 'en')),
        kind text NOT NULL CHECK (kind IN ('acknowledgement', 'closure')),
        body text NOT NULL,
        updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, locale, kind)
      )`);

    // Every confidential ticket has its case, whichever path made it confidential.
    await db.query(`
      CREATE FUNCTION inbox_open_complaint_case() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO complaint_cases (ticket_id, organization_id, tracking_code)
          VALUES (NEW.id, NEW.organization_id, upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 12)))
          ON CONFLICT (ticket_id) DO NOTHING;
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER tickets_complaint_case AFTER INSERT OR UPDATE OF confidential ON tickets
      FOR EACH ROW WHEN (NEW.confidential) EXECUTE FUNCTION inbox_open_complaint_case()`);
    await db.query(`INSERT INTO complaint_cases (ticket_id, organization_id, tracking_code)
      SELECT id, organization_id, upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 12)) FROM tickets WHERE confidential
      ON CONFLICT (ticket_id) DO NOTHING`);

    // The change-feed notice of a confidential event names who else may hear it and who must not.
    await db.query(`
      CREATE OR REPLACE FUNCTION inbox_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_team uuid;
        v_assignee uuid;
        v_participants uuid[];
        v_excluded uuid[];
        v_notice text;
      BEGIN
        IF NEW.ticket_id IS NOT NULL THEN
          SELECT team_id, assignee_id INTO v_team, v_assignee FROM tickets WHERE id = NEW.ticket_id;
          IF NEW.confidential THEN
            SELECT array_agg(user_id) INTO v_participants FROM complaint_participants WHERE ticket_id = NEW.ticket_id;
            SELECT array_agg(user_id) INTO v_excluded FROM complaint_exclusions WHERE ticket_id = NEW.ticket_id;
          END IF;
        END IF;
        v_notice := json_build_object(
          'id', NEW.id::text, 'organizationId', NEW.organization_id, 'ticketId', NEW.ticket_id, 'type', NEW.type,
          'confidential', NEW.confidential, 'teamId', v_team, 'assigneeId', v_assignee, 'at', NEW.created_at,
          'participants', coalesce(v_participants, '{}'), 'excluded', coalesce(v_excluded, '{}'),
          'payload', NEW.payload)::text;
        IF octet_length(v_notice) > 7500 THEN
          v_notice := json_build_object('id', NEW.id::text, 'truncated', true)::text;
        END IF;
        PERFORM pg_notify('inbox_events', v_notice);
        RETURN NULL;
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS tickets_complaint_case ON tickets`);
    await db.query(`DROP FUNCTION IF EXISTS inbox_open_complaint_case()`);
    for (const table of ['closure_notice_templates', 'complaint_exclusions', 'complaint_parties', 'complaint_participants', 'complaint_cases']) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await db.query(`ALTER TABLE organizations DROP COLUMN IF EXISTS complaint_retention_days, DROP COLUMN IF EXISTS complaints_exclude_party_supervisors`);
  }
}
