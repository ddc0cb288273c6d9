import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AttachmentStorage } from '@inbox/storage';

export interface MailboxState {
  uidValidity: string;
  lastUid: number;
  lastSeenAt: Date | null;
}

export interface ParkedMail {
  organizationId: string;
  channelAccountId: string;
  folder: string;
  uidValidity: string;
  uid: number;
  messageId: string | null;
  sender: string | null;
  subject: string | null;
  size: number | null;
  error: string;
  raw: Buffer | null;
  receivedAt: Date | null;
}

export interface ParkedMailRow {
  id: string;
  folder: string;
  uid: number;
  messageId: string | null;
  sender: string | null;
  subject: string | null;
  size: number | null;
  error: string;
  hasRaw: boolean;
  receivedAt: Date | null;
  createdAt: Date;
}

/** Raw mail kept for a parked message up to this size; bigger ones keep only their headers' facts. */
const RAW_KEEP_LIMIT = 10 * 1024 * 1024;

/**
 * The email channel's own rows: where each mailbox is (UIDVALIDITY, last
 * UID), the mail it parked, and the account's health as the connector sees
 * it. Messages themselves are written by ingest only.
 */
@Injectable()
export class MailboxStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly storage: AttachmentStorage) {}

  async state(channelAccountId: string, folder: string): Promise<MailboxState | null> {
    const [row] = await this.dataSource.query(
      `SELECT uid_validity::text, last_uid, last_seen_at FROM email_mailbox_states WHERE channel_account_id = $1 AND folder = $2`,
      [channelAccountId, folder],
    );
    return row ? { uidValidity: row.uid_validity, lastUid: Number(row.last_uid), lastSeenAt: row.last_seen_at } : null;
  }

  /**
   * Moves the mark forward only: two connectors on one mailbox for a moment
   * (an owner that lost its database session but not its IMAP one) never move
   * it back. A new UIDVALIDITY replaces the mark.
   */
  async saveState(organizationId: string, channelAccountId: string, folder: string, state: MailboxState): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO email_mailbox_states (channel_account_id, folder, organization_id, uid_validity, last_uid, last_seen_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (channel_account_id, folder) DO UPDATE SET
         last_uid = CASE WHEN email_mailbox_states.uid_validity = EXCLUDED.uid_validity
                         THEN greatest(email_mailbox_states.last_uid, EXCLUDED.last_uid) ELSE EXCLUDED.last_uid END,
         last_seen_at = CASE WHEN email_mailbox_states.uid_validity = EXCLUDED.uid_validity
                             THEN greatest(email_mailbox_states.last_seen_at, EXCLUDED.last_seen_at) ELSE EXCLUDED.last_seen_at END,
         uid_validity = EXCLUDED.uid_validity,
         updated_at = now()`,
      [channelAccountId, folder, organizationId, state.uidValidity, state.lastUid, state.lastSeenAt],
    );
  }

  /** Once per mail: a parked mail seen again after a restart stays one row. */
  async park(mail: ParkedMail): Promise<void> {
    const storageKey = mail.raw && mail.raw.length <= RAW_KEEP_LIMIT ? await this.storage.put(mail.raw, 'message/rfc822') : null;
    await this.dataSource.query(
      `INSERT INTO email_parked_messages (organization_id, channel_account_id, folder, uid_validity, uid, message_id, sender, subject, size, error, storage_key, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (channel_account_id, folder, uid_validity, uid) DO NOTHING`,
      [mail.organizationId, mail.channelAccountId, mail.folder, mail.uidValidity, mail.uid, clip(mail.messageId, 500), clip(mail.sender, 500),
        clip(mail.subject, 500), mail.size, clip(mail.error, 2000) ?? 'unknown error', storageKey, mail.receivedAt],
    );
  }

  async listParked(organizationId: string, channelAccountId: string, limit: number): Promise<ParkedMailRow[]> {
    const rows = await this.dataSource.query(
      `SELECT id, folder, uid, message_id, sender, subject, size, error, storage_key IS NOT NULL AS has_raw, received_at, created_at
       FROM email_parked_messages WHERE organization_id = $1 AND channel_account_id = $2 ORDER BY created_at DESC, id LIMIT $3`,
      [organizationId, channelAccountId, limit],
    );
    return rows.map((row: Record<string, unknown>) => ({
      id: row.id, folder: row.folder, uid: Number(row.uid), messageId: row.message_id, sender: row.sender, subject: row.subject,
      size: row.size, error: row.error, hasRaw: row.has_raw, receivedAt: row.received_at, createdAt: row.created_at,
    }) as ParkedMailRow);
  }

  /** The account's health as admins see it; written only when it changes. */
  async health(channelAccountId: string, health: 'ok' | 'error', detail: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE channel_accounts SET health = $2, health_detail = $3 WHERE id = $1 AND (health IS DISTINCT FROM $2 OR health_detail IS DISTINCT FROM $3)`,
      [channelAccountId, health, clip(detail, 1000)],
    );
  }
}

// NUL is the one character PostgreSQL text refuses; mail headers sometimes carry it.
const clip = (value: string | null, length: number) => (value === null ? null : value.replace(/\u0000/g, '').slice(0, length));
