import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The email channel's own state.
 *
 * email_mailbox_states: per account and folder, the UIDVALIDITY the UIDs
 * belong to and the last UID handled (written after the messages up to it
 * are committed), so a restarted connector fetches exactly what it has not
 * handled. When the server changes UIDVALIDITY the connector rescans by date
 * and ingest's dedupe on the Message-ID absorbs what it sees again.
 *
 * email_parked_messages: mail the connector could not turn into a message
 * (unreadable, no sender, too large), with the reason, so the mailbox goes
 * on and admins can see what was left aside. The raw mail is kept in the
 * attachment storage when it is not too large.
 *
 * messages_external_id: ingest finds the ticket an email answers by the
 * Message-IDs in its References and In-Reply-To, searched across the
 * organization's accounts (a reply may come back to another mailbox);
 * without an index that lookup reads every message.
 */
export class Email1732600000000 implements MigrationInterface {
  name = 'Email1732600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE email_mailbox_states (
        channel_account_id uuid NOT NULL REFERENCES channel_accounts(id) ON DELETE CASCADE,
        folder text NOT NULL,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        uid_validity bigint NOT NULL,
        last_uid bigint NOT NULL,
        last_seen_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (channel_account_id, folder)
      )`);
    await db.query(`
      CREATE TABLE email_parked_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        channel_account_id uuid NOT NULL REFERENCES channel_accounts(id) ON DELETE CASCADE,
        folder text NOT NULL,
        uid_validity bigint NOT NULL,
        uid bigint NOT NULL,
        message_id text,
        sender text,
        subject text,
        size integer,
        error text NOT NULL,
        storage_key text,
        received_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (channel_account_id, folder, uid_validity, uid)
      )`);
    await db.query(`CREATE INDEX email_parked_messages_account ON email_parked_messages (channel_account_id, created_at DESC)`);
    await db.query(`CREATE INDEX messages_external_id ON messages (organization_id, external_id) WHERE external_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS messages_external_id`);
    await db.query(`DROP TABLE IF EXISTS email_parked_messages`);
    await db.query(`DROP TABLE IF EXISTS email_mailbox_states`);
  }
}
