import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@inbox/core';
import { ChannelAccountsService } from '@inbox/channels/accounts';
import { EmailConnectorFactory } from '@inbox/channels/email';
import { AccountOwnership, lockSessionName } from './account-ownership';
import { EmailMailboxSink } from './email-mailbox.sink';
import { emailWorkerOptions } from './connector-options';

/** Shown in pg_stat_activity: which machine and process holds which mailbox locks. */
export const LOCK_SESSION_NAME = lockSessionName('email');

/**
 * Runs the IMAP connectors of the email accounts this worker owns (one
 * advisory lock per mailbox, see AccountOwnership): a dead owner's mailboxes
 * are taken over at another worker's next check (EMAIL_OWNERSHIP_CHECK_SECONDS)
 * and catch up from the remembered UID.
 */
@Injectable()
export class EmailConnectorsSupervisor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly options = emailWorkerOptions();
  private readonly ownership: AccountOwnership;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    config: AppConfig,
    factory: EmailConnectorFactory,
    accounts: ChannelAccountsService,
    sink: EmailMailboxSink,
  ) {
    this.ownership = new AccountOwnership(dataSource, config.DATABASE_URL!, {
      kind: 'email', lockPrefix: 'inbox:email-mailbox:', sessionName: LOCK_SESSION_NAME, checkSeconds: this.options.checkSeconds,
      create: async (row) => factory.create({ id: row.id, organizationId: row.organization_id, name: row.name, settings: row.settings }, await accounts.secretsOf(row.id), sink),
      reportUnusable: (accountId, reason) => factory.reportUnusable(accountId, reason),
    }, 'EmailConnectors');
  }

  onApplicationBootstrap(): void {
    if (this.options.enabled) this.ownership.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.ownership.stop();
  }

  /** Takes up new, changed and orphaned mailboxes now rather than at the next periodic check. */
  checkNow(): Promise<void> {
    return this.options.enabled ? this.ownership.checkNow() : Promise.resolve();
  }
}
