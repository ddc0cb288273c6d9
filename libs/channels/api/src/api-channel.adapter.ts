import { Injectable, OnModuleInit } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { ChannelAdapter, ChannelAdapterRegistry, ChannelKind, OutboundMessage, PermanentSendError, SendResult } from '@inbox/channels/contract';

export const SIGNATURE_HEADER = 'x-inbox-signature';
export const TIMESTAMP_HEADER = 'x-inbox-timestamp';

/** HMAC-SHA256 over `${timestamp}.${body}` with the account's key, hex encoded, as `sha256=<hex>`. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

const TIMEOUT_MS = 10_000;

/**
 * The generic API channel: replies are POSTed as JSON to the account's
 * webhook URL, signed so the receiving system can tell they are ours.
 */
@Injectable()
export class ApiChannelAdapter implements ChannelAdapter, OnModuleInit {
  readonly kind = ChannelKind.Api;

  constructor(private readonly registry: ChannelAdapterRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    const url = message.channel.settings.webhookUrl;
    if (typeof url !== 'string' || !/^https?:\/\//.test(url)) throw new PermanentSendError('The API channel has no webhook URL configured');
    const secret = message.channel.secrets.apiKey;
    if (!secret) throw new PermanentSendError('The API channel has no key to sign with');
    const body = JSON.stringify({
      event: 'message.outbound',
      messageId: message.messageId,
      ticket: message.ticket,
      recipient: message.recipient,
      text: message.text,
      attachments: message.attachments.map(({ fileName, contentType, size }) => ({ fileName, contentType, size })),
      inReplyTo: message.thread.inReplyTo,
      author: message.author ? { name: message.author.name } : null,
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body), [TIMESTAMP_HEADER]: timestamp },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new Error(`Webhook ${new URL(url).host} could not be reached: ${(error as Error).message}`);
    }
    const text = await response.text().catch(() => '');
    if (response.status >= 400 && response.status < 500 && response.status !== 429) {
      throw new PermanentSendError(`Webhook refused the message: HTTP ${response.status} ${text.slice(0, 200)}`);
    }
    if (!response.ok) throw new Error(`Webhook answered HTTP ${response.status} ${text.slice(0, 200)}`);
    let externalId: string | null = null;
    try {
      const parsed = JSON.parse(text) as { id?: unknown };
      if (typeof parsed.id === 'string' && parsed.id.length <= 500) externalId = parsed.id;
    } catch {
      // A receiver need not answer with JSON; then the message simply has no provider id.
    }
    return { externalId, metadata: { webhookStatus: response.status } };
  }
}
