import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig, SecretBox } from '@inbox/core';
import { returnedRows } from '@inbox/database';
import { recordEvents } from '@inbox/realtime';

/** What a WhatsApp Web number is doing, as the admin page shows it. */
export type WebState = 'starting' | 'pairing' | 'connected' | 'disconnected' | 'logged_out' | 'unreachable';

export interface WebSessionState {
  state: WebState;
  detail: string | null;
  qr: string | null;
  pairingCode: string | null;
  phone: string | null;
  updatedAt: string;
}

/** The most a stored session may be (a zipped browser profile without caches is a few MB). */
const MAX_SESSION_BYTES = 50 * 1024 * 1024;

/**
 * WhatsApp Web sessions in PostgreSQL: RemoteAuth's store (the zipped
 * browser profile, sealed with SECRETS_KEY), and the number's pairing state,
 * announced to the organization's admins on the socket (`channel.status`)
 * and mirrored in the account's health. Disconnections and logouts also
 * notify the admins and supervisors.
 */
@Injectable()
export class WhatsAppWebSessions {
  private readonly box: SecretBox;

  constructor(@InjectDataSource() private readonly dataSource: DataSource, config: AppConfig) {
    this.box = new SecretBox(config.SECRETS_KEY);
  }

  /** RemoteAuth's store for one account: it zips the profile to `<dataPath>/<session>.zip` and asks us to keep it. */
  remoteStore(channelAccountId: string, dataPath: string) {
    const zip = (session: string) => join(dataPath, `${session}.zip`);
    return {
      sessionExists: async () => {
        const [row] = await this.dataSource.query(`SELECT sealed_session IS NOT NULL AS saved FROM whatsapp_web_sessions WHERE channel_account_id = $1`, [channelAccountId]);
        return Boolean(row?.saved);
      },
      save: async ({ session }: { session: string }) => {
        const bytes = await readFile(zip(session));
        if (bytes.length > MAX_SESSION_BYTES) throw new Error(`the WhatsApp session is ${bytes.length} bytes, more than ${MAX_SESSION_BYTES}`);
        await this.dataSource.query(
          `INSERT INTO whatsapp_web_sessions (channel_account_id, sealed_session, saved_at) VALUES ($1, $2, now())
           ON CONFLICT (channel_account_id) DO UPDATE SET sealed_session = EXCLUDED.sealed_session, saved_at = now()`,
          [channelAccountId, this.box.seal(bytes.toString('base64'))],
        );
      },
      extract: async ({ path }: { session: string; path: string }) => {
        const [row] = await this.dataSource.query(`SELECT sealed_session FROM whatsapp_web_sessions WHERE channel_account_id = $1`, [channelAccountId]);
        if (!row?.sealed_session) return;
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, Buffer.from(this.box.open(row.sealed_session), 'base64'));
      },
      delete: async () => {
        await this.dataSource.query(`UPDATE whatsapp_web_sessions SET sealed_session = NULL, saved_at = NULL WHERE channel_account_id = $1`, [channelAccountId]);
      },
    };
  }

  async state(channelAccountId: string): Promise<WebSessionState | null> {
    const [row] = await this.dataSource.query(
      `SELECT state, detail, qr, pairing_code, phone, updated_at FROM whatsapp_web_sessions WHERE channel_account_id = $1`, [channelAccountId],
    );
    return row ? { state: row.state, detail: row.detail, qr: row.qr, pairingCode: row.pairing_code, phone: row.phone, updatedAt: new Date(row.updated_at).toISOString() } : null;
  }

  /** Records the number's state, tells the admins on the socket, and on a loss notifies the admins and supervisors. */
  async setState(
    account: { id: string; organizationId: string; name: string }, state: WebState, detail: string | null = null,
    pairing: { qr?: string | null; pairingCode?: string | null; phone?: string | null } = {},
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [before] = await manager.query(`SELECT state FROM whatsapp_web_sessions WHERE channel_account_id = $1 FOR UPDATE`, [account.id]);
      const qr = state === 'pairing' ? pairing.qr ?? null : null;
      const pairingCode = state === 'pairing' ? pairing.pairingCode ?? null : null;
      const [saved] = returnedRows<{ phone: string | null }>(await manager.query(
        `INSERT INTO whatsapp_web_sessions (channel_account_id, state, detail, qr, pairing_code, phone, updated_at) VALUES ($1, $2, $3, $4, $5, $6, now())
         ON CONFLICT (channel_account_id) DO UPDATE SET state = $2, detail = $3, qr = $4, pairing_code = $5,
           phone = coalesce($6, whatsapp_web_sessions.phone), updated_at = now()
         RETURNING phone`,
        [account.id, state, detail?.slice(0, 1000) ?? null, qr, pairingCode, pairing.phone ?? null],
      ));
      const health = state === 'connected' ? 'ok' : state === 'pairing' || state === 'starting' ? 'unknown' : 'error';
      await manager.query(`UPDATE channel_accounts SET health = $2, health_detail = $3 WHERE id = $1`, [account.id, health, detail?.slice(0, 1000) ?? state]);
      await recordEvents(manager, [{
        organizationId: account.organizationId, ticketId: null, confidential: false, type: 'channel.status',
        payload: { channelAccountId: account.id, kind: 'whatsapp_web', state, detail, qr, pairingCode, phone: saved?.phone ?? null },
      }]);
      const lost = (state === 'disconnected' || state === 'logged_out' || state === 'unreachable') && before?.state !== state;
      if (lost && before?.state === 'connected') {
        const people: { id: string }[] = await manager.query(
          `SELECT id FROM users WHERE organization_id = $1 AND active AND roles && ARRAY['admin', 'supervisor']::text[]`, [account.organizationId],
        );
        await recordEvents(manager, people.map((person) => ({
          organizationId: account.organizationId, ticketId: null, confidential: false, type: 'notification' as const,
          payload: { recipientId: person.id, kind: 'channel_lost' as const, ticketId: null, reference: null, actorId: null, channel: { accountId: account.id, name: account.name, state, detail } },
        })));
      }
    });
  }
}
