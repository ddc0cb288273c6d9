import { Injectable, OnModuleInit } from '@nestjs/common';
import { ChannelAdapter, ChannelAdapterRegistry, ChannelKind, OutboundMessage, SendElsewhereError, SendResult } from '@inbox/channels/contract';
import { WhatsAppWebConnector } from './web-connector';

/** The WhatsApp Web connectors this process runs, by channel account. */
@Injectable()
export class WhatsAppWebConnectors {
  private readonly running = new Map<string, WhatsAppWebConnector>();

  add(accountId: string, connector: WhatsAppWebConnector): void {
    this.running.set(accountId, connector);
  }

  remove(accountId: string, connector: WhatsAppWebConnector): void {
    if (this.running.get(accountId) === connector) this.running.delete(accountId);
  }

  get(accountId: string): WhatsAppWebConnector | null {
    return this.running.get(accountId) ?? null;
  }
}

/** The queue only the worker that runs a number works: replies that reached another worker are handed on to it. */
export const whatsAppWebSendQueue = (channelAccountId: string) => `whatsapp-web.send.${channelAccountId}`;

/**
 * Replies on a paired number go through the connector that runs it. When
 * another worker runs it, the reply is handed to that number's own queue
 * (SendElsewhereError); when nobody does yet, it waits there for the next owner.
 */
@Injectable()
export class WhatsAppWebAdapter implements ChannelAdapter, OnModuleInit {
  readonly kind = ChannelKind.WhatsAppWeb;

  constructor(private readonly registry: ChannelAdapterRegistry, private readonly connectors: WhatsAppWebConnectors) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    const connector = this.connectors.get(message.channel.id);
    if (!connector) throw new SendElsewhereError(whatsAppWebSendQueue(message.channel.id), 'The WhatsApp number runs in another worker');
    return { externalId: await connector.send(message) };
  }
}
