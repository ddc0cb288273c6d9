import { ChannelKind } from './inbound-message';
import { OutboundMessage, SendResult } from './outbound-message';

/**
 * One per channel kind. Adapters never touch the database: inbound they map a
 * raw payload to an InboundMessage, outbound they deliver what they are given.
 */
export interface ChannelAdapter {
  readonly kind: ChannelKind;
  send(message: OutboundMessage): Promise<SendResult>;
}
