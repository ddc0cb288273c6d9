import { Injectable, OnModuleInit } from '@nestjs/common';
import { ChannelAdapter, ChannelAdapterRegistry, ChannelKind, OutboundMessage, SendResult } from '@inbox/channels/contract';
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

/**
 * Replies on a paired number go through the connector that owns it, in this
 * worker. Not owned here (or not connected yet): the send fails for now and
 * the outbound job tries again with backoff, by when the owner has it.
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
    if (!connector) throw new Error('The WhatsApp number is not running on this worker yet; the reply waits for it');
    return { externalId: await connector.send(message) };
  }
}
