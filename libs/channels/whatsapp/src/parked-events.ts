import { DataSource } from 'typeorm';

/** Keeps what a WhatsApp connector could not turn into a message, with the reason, for an admin to see (whatsapp_parked_events). */
export async function parkWhatsAppEvent(dataSource: DataSource, organizationId: string, channelAccountId: string, reason: string, payload: unknown): Promise<void> {
  await dataSource.query(
    `INSERT INTO whatsapp_parked_events (organization_id, channel_account_id, reason, payload) VALUES ($1, $2, $3, $4)`,
    [organizationId, channelAccountId, reason.slice(0, 1000), JSON.stringify(payload ?? null).slice(0, 100_000)],
  );
}
