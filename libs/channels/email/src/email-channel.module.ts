import { Module } from '@nestjs/common';
import { EmailChannelAdapter } from './email-channel.adapter';
import { EmailConnectorFactory } from './email-connector.factory';
import { MailboxStore } from './mailbox.store';

/** The email adapter (registered for replies) and what the worker needs to run mailbox connectors. */
@Module({ providers: [EmailChannelAdapter, MailboxStore, EmailConnectorFactory], exports: [EmailChannelAdapter, EmailConnectorFactory, MailboxStore] })
export class EmailChannelModule {}
