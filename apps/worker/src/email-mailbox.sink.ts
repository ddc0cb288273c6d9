import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InboundMessage } from '@inbox/channels/contract';
import { MailboxSink } from '@inbox/channels/email';
import { IngestService } from '@inbox/ingest';
import { OutboundService } from '@inbox/outbound';

/** The worker's answer to a mailbox connector: mail goes through ingest, bounces to the outbound service. */
@Injectable()
export class EmailMailboxSink implements MailboxSink {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ingestService: IngestService,
    private readonly outbound: OutboundService,
  ) {}

  async ingest(message: InboundMessage): Promise<{ duplicate: boolean }> {
    const result = await this.ingestService.ingest(message);
    return { duplicate: result.duplicate };
  }

  bounced(channelAccountId: string, messageIds: string[], reason: string): Promise<boolean> {
    return this.outbound.markFailedByExternalId(channelAccountId, messageIds, reason);
  }

  async known(channelAccountId: string, externalIds: string[]): Promise<Set<string>> {
    const rows: { external_id: string }[] = await this.dataSource.query(
      `SELECT external_id FROM messages WHERE channel_account_id = $1 AND external_id = ANY($2::text[])`, [channelAccountId, externalIds],
    );
    return new Set(rows.map((row) => row.external_id));
  }
}
