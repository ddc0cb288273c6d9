import { Injectable, OnModuleInit } from '@nestjs/common';
import { ChannelAdapter, ChannelAdapterRegistry, ChannelKind, OutboundMessage, PermanentSendError, SendResult } from '@inbox/channels/contract';

/**
 * A web form has no way back to the applicant. The organization's own
 * notices (a complaint's acknowledgement and closure, which have no author)
 * are what the tracking page shows, so they count as delivered there; an
 * agent's reply fails at once with the reason, visible on the message.
 */
@Injectable()
export class WebFormChannelAdapter implements ChannelAdapter, OnModuleInit {
  readonly kind = ChannelKind.WebForm;

  constructor(private readonly registry: ChannelAdapterRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    if (message.author === null) return { externalId: null, metadata: { deliveredTo: 'tracking_page' } };
    throw new PermanentSendError('A web form cannot carry replies: answer on the applicant\'s phone, email or WhatsApp instead');
  }
}
