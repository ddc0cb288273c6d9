import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ChannelAdapter, ChannelAdapterRegistry, ChannelKind, OutboundMessage, PermanentSendError, SendResult } from '@inbox/channels/contract';
import { AttachmentStorage } from '@inbox/storage';
import { readEmailSettings } from './email-settings';
import { composeReply } from './outbound-mail.composer';
import { appendToSent, sendRaw } from './smtp-sender';

/**
 * Replies by email: composed with threading headers, sent over SMTP with the
 * account's credentials (given with each message), then filed in the Sent
 * folder when the account asks for it. The Message-ID is returned as the
 * message's external id, which is what the customer's reply will quote.
 */
@Injectable()
export class EmailChannelAdapter implements ChannelAdapter, OnModuleInit {
  readonly kind = ChannelKind.Email;
  private readonly logger = new Logger(EmailChannelAdapter.name);

  constructor(private readonly registry: ChannelAdapterRegistry, private readonly storage: AttachmentStorage) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    let account;
    try {
      account = readEmailSettings(message.channel.settings, message.channel.secrets);
    } catch (error) {
      throw new PermanentSendError(`The email account is not set up completely: ${(error as Error).message}`);
    }
    const attachments = await Promise.all(message.attachments.map(async (attachment) => ({
      fileName: attachment.fileName, contentType: attachment.contentType, content: await this.storage.get(attachment.storageKey),
    })));
    const mail = await composeReply(message, account.settings, attachments);
    const { response } = await sendRaw(account.settings, account.secrets, mail.raw, mail.envelope);
    let sentCopy: string | null = null;
    if (account.settings.sentFolder) {
      // The mail is gone already: a failed copy is reported on the message, never a reason to send it again.
      try {
        await appendToSent(account.settings, account.secrets, mail.raw);
        sentCopy = account.settings.sentFolder;
      } catch (error) {
        this.logger.warn(`sent copy of ${message.messageId} not filed: ${(error as Error).message}`);
        sentCopy = `not filed: ${(error as Error).message}`;
      }
    }
    return { externalId: mail.messageId, metadata: { email: { messageId: mail.messageId, to: mail.envelope.to, smtpResponse: response.slice(0, 300), sentCopy } } };
  }
}
