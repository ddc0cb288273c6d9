import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig } from '@inbox/core';
import { IngestService } from '@inbox/ingest';
import { OutboundService } from '@inbox/outbound';
import { AttachmentStorage } from '@inbox/storage';
import { parkWhatsAppEvent, whatsAppWebSendQueue, WhatsAppWebClientFactory, WhatsAppWebConnector, WhatsAppWebConnectors, WhatsAppWebSessions } from '@inbox/channels/whatsapp';
import { JobQueue } from '@inbox/jobs';
import { AccountConnector, AccountOwnership, lockSessionName } from './account-ownership';
import { whatsAppWebOptions } from './connector-options';

/** Shown in pg_stat_activity: which machine and process holds which numbers. */
export const WHATSAPP_LOCK_SESSION_NAME = lockSessionName('whatsapp');

/**
 * Runs the whatsapp-web.js connectors of the numbers this worker owns: one
 * Chromium each, one advisory lock each (AccountOwnership), taken over by
 * another worker when this one dies; the session in PostgreSQL lets the new
 * owner reconnect without a new QR code.
 */
@Injectable()
export class WhatsAppWebSupervisor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly options = whatsAppWebOptions();
  private readonly ownership: AccountOwnership;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    config: AppConfig,
    clients: WhatsAppWebClientFactory,
    sessions: WhatsAppWebSessions,
    storage: AttachmentStorage,
    ingest: IngestService,
    private readonly outbound: OutboundService,
    private readonly connectors: WhatsAppWebConnectors,
    private readonly jobs: JobQueue,
  ) {
    this.ownership = new AccountOwnership(dataSource, config.DATABASE_URL!, {
      kind: 'whatsapp_web', lockPrefix: 'inbox:whatsapp-web:', sessionName: WHATSAPP_LOCK_SESSION_NAME, checkSeconds: this.options.checkSeconds,
      create: async (row) => {
        const account = { id: row.id, organizationId: row.organization_id, name: row.name, settings: row.settings ?? {} };
        const connector = new WhatsAppWebConnector(account, {
          clients, sessions, storage, attachmentLimit: config.ATTACHMENT_MAX_BYTES, dataDir: resolve(config.DATA_DIR),
          ingest: (message) => ingest.ingest(message),
          recordDelivery: (accountId, externalId, status, reason) => outbound.recordDeliveryByExternalId(accountId, externalId, status, reason),
          park: (accountId, organizationId, reason, payload) => parkWhatsAppEvent(dataSource, organizationId, accountId, reason, payload),
        });
        return this.registered(account.id, connector);
      },
      reportUnusable: async (accountId, reason) => {
        await dataSource.query(`UPDATE channel_accounts SET health = 'error', health_detail = $2 WHERE id = $1`, [accountId, reason.slice(0, 1000)]);
      },
    }, 'WhatsAppWeb');
  }

  /** While this worker runs a number, it alone works the number's send queue. */
  private async registered(accountId: string, connector: WhatsAppWebConnector): Promise<AccountConnector> {
    const queue = whatsAppWebSendQueue(accountId);
    await this.jobs.define({ name: queue, retryLimit: 5, retryDelaySeconds: 10, expireInSeconds: 120 });
    return {
      start: () => {
        this.connectors.add(accountId, connector);
        connector.start();
        void this.jobs.work<{ messageId: string }>(queue, 1, (data, job) => this.outbound.deliver(data.messageId, job));
      },
      stop: async () => {
        await this.jobs.stopWorking(queue);
        this.connectors.remove(accountId, connector);
        await connector.stop();
      },
    };
  }

  onApplicationBootstrap(): void {
    if (this.options.enabled) this.ownership.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.ownership.stop();
  }

  /** Takes up new, changed and orphaned numbers now rather than at the next periodic check. */
  checkNow(): Promise<void> {
    return this.options.enabled ? this.ownership.checkNow() : Promise.resolve();
  }

  /** Runs one number here now, if no other worker does (even with WHATSAPP_WEB_CONNECTORS=off, which only stops the periodic search). */
  take(accountId: string): Promise<void> {
    return this.ownership.take(accountId);
  }
}
