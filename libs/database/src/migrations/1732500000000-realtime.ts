import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Realtime and the inbox's own state.
 *
 * - Every row added to `events` is announced on the channel `inbox_events`
 *   by a trigger. NOTIFY is delivered only when the writing transaction
 *   commits, in commit order, whichever process wrote it (the api, the
 *   worker, the ingest function), so the relay in each api replica emits
 *   exactly the committed changes. The notice carries the ticket's current
 *   team and assignee, so the relay picks rooms without a query.
 * - socket_io_attachments: the table the socket.io Postgres adapter uses
 *   for packets too large for a NOTIFY payload.
 * - ticket_reads: when each user last read each ticket (unread markers).
 * - reply_templates: canned replies with variables, per organization.
 */
export class Realtime1732500000000 implements MigrationInterface {
  name = 'Realtime1732500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION inbox_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_team uuid;
        v_assignee uuid;
        v_notice text;
      BEGIN
        IF NEW.ticket_id IS NOT NULL THEN
          SELECT team_id, assignee_id INTO v_team, v_assignee FROM tickets WHERE id = NEW.ticket_id;
        END IF;
        v_notice := json_build_object(
          'id', NEW.id::text, 'organizationId', NEW.organization_id, 'ticketId', NEW.ticket_id, 'type', NEW.type,
          'confidential', NEW.confidential, 'teamId', v_team, 'assigneeId', v_assignee, 'at', NEW.created_at,
          'payload', NEW.payload)::text;
        -- NOTIFY payloads stop at 8000 bytes: a larger event is announced by id and read back by the relay.
        IF octet_length(v_notice) > 7500 THEN
          v_notice := json_build_object('id', NEW.id::text, 'truncated', true)::text;
        END IF;
        PERFORM pg_notify('inbox_events', v_notice);
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER events_notify AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION inbox_events_notify()`);

    await db.query(`
      CREATE TABLE IF NOT EXISTS socket_io_attachments (
        id bigserial UNIQUE,
        created_at timestamptz DEFAULT now(),
        payload bytea
      )`);

    await db.query(`
      CREATE TABLE ticket_reads (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
        read_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, ticket_id)
      )`);

    await db.query(`
      CREATE TABLE reply_templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        name text NOT NULL,
        locale text NOT NULL CHECK (locale IN ('ar', 'en')),
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX reply_templates_name ON reply_templates (organization_id, locale, lower(name))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS reply_templates`);
    await db.query(`DROP TABLE IF EXISTS ticket_reads`);
    await db.query(`DROP TABLE IF EXISTS socket_io_attachments`);
    await db.query(`DROP TRIGGER IF EXISTS events_notify ON events`);
    await db.query(`DROP FUNCTION IF EXISTS inbox_events_notify()`);
  }
}
