import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * whatsapp_parked_events: the parts of a WhatsApp webhook the connector could
 * not turn into a message or a status (a message without an id, a media file
 * that failed to download and was refused by ingest, a payload of an unknown
 * shape), kept with the reason and the payload so an admin can see what
 * arrived and nothing is lost silently.
 *
 * whatsapp_web_sessions: a paired whatsapp-web.js session (RemoteAuth's zip
 * of the browser profile), sealed like the account's secrets, so a restart or
 * another worker taking the number over does not ask for the QR code again;
 * and the pairing state the admin page shows (the QR code or pairing code
 * while pairing).
 */
export class WhatsApp1733500000000 implements MigrationInterface {
  name = 'WhatsApp1733500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE whatsapp_parked_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        channel_account_id uuid NOT NULL REFERENCES channel_accounts(id) ON DELETE CASCADE,
        reason text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX whatsapp_parked_events_account ON whatsapp_parked_events (channel_account_id, created_at DESC)`);
    await db.query(`
      CREATE TABLE whatsapp_web_sessions (
        channel_account_id uuid PRIMARY KEY REFERENCES channel_accounts(id) ON DELETE CASCADE,
        sealed_session text,
        saved_at timestamptz,
        state text NOT NULL DEFAULT 'starting',
        detail text,
        qr text,
        pairing_code text,
        phone text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS whatsapp_web_sessions`);
    await db.query(`DROP TABLE IF EXISTS whatsapp_parked_events`);
  }
}
