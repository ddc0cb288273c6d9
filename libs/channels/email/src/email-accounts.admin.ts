import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InvalidError } from '@inbox/core';
import { ChannelAccountsService } from '@inbox/channels/accounts';
import { ChannelKind } from '@inbox/channels/contract';
import { AttachmentStorage } from '@inbox/storage';
import { Actor } from '@inbox/tenancy';
import { ConnectionReport, testEmailConnection } from './email-connection.tester';
import { MailboxStore, ParkedMailRow } from './mailbox.store';

/** What admins do with an email account besides editing it: test its connection, see the mail it parked. */
@Injectable()
export class EmailAccountsAdmin {
  private readonly store: MailboxStore;

  constructor(private readonly accounts: ChannelAccountsService, @InjectDataSource() dataSource: DataSource, storage: AttachmentStorage) {
    this.store = new MailboxStore(dataSource, storage);
  }

  async testConnection(actor: Actor, id: string): Promise<ConnectionReport> {
    const account = await this.accounts.get(actor, id);
    if (account.kind !== ChannelKind.Email) throw new InvalidError('id', 'Testing the connection is available for email accounts');
    return testEmailConnection(account.settings, await this.accounts.secretsOf(id));
  }

  async parked(actor: Actor, id: string, limit: number): Promise<ParkedMailRow[]> {
    await this.accounts.get(actor, id);
    return this.store.listParked(actor.organizationId, id, limit);
  }
}
