import { Injectable } from '@nestjs/common';
import { AppConfig } from '@inbox/core';
import { AttachmentStorage } from '@inbox/storage';
import { readEmailSettings } from './email-settings';
import { ConnectorTiming, ImapMailboxConnector } from './imap-mailbox.connector';
import { MailProcessor } from './mail.processor';
import { MailboxSink } from './mailbox-sink';
import { MailboxStore } from './mailbox.store';

export interface EmailAccountRow {
  id: string;
  organizationId: string;
  name: string;
  settings: Record<string, unknown>;
}

/** Builds the connector of one email account; whoever owns the account (the worker) starts and stops it. */
@Injectable()
export class EmailConnectorFactory {
  constructor(private readonly store: MailboxStore, private readonly storage: AttachmentStorage, private readonly config: AppConfig) {}

  /** Throws InvalidError, in plain words, when the account is not set up completely. */
  create(account: EmailAccountRow, secrets: Record<string, string>, sink: MailboxSink, timing?: Partial<ConnectorTiming>): ImapMailboxConnector {
    const { settings, secrets: credentials } = readEmailSettings(account.settings, secrets);
    return new ImapMailboxConnector({
      account: { id: account.id, organizationId: account.organizationId, name: account.name },
      settings, secrets: credentials, store: this.store, attachmentLimit: this.config.ATTACHMENT_MAX_BYTES,
      processor: new MailProcessor(this.storage, this.store, sink), timing,
    });
  }

  /** For an account that cannot start, so admins see why on the account. */
  reportUnusable(accountId: string, detail: string): Promise<void> {
    return this.store.health(accountId, 'error', detail);
  }
}
